// The responsibility table (任务分工表) of the plans in $plans: their tasks by plan and
// number (only those agency $agency leads or partners in, when given), each with its plan's
// and chapter's titles, every RESPONSIBLE_FOR link (agency and link properties) and the
// task's targets by number. graph/responsibilities.py orders each cell and splits leads from
// partners, as for the embedded store. `total` matches, and the page from $skip ($limit of
// them): counted and paged here, so only the page's tasks are expanded.
MATCH (t:Task)
WHERE t.plan IN $plans
  AND ($agency IS NULL OR EXISTS { MATCH (a)-[:RESPONSIBLE_FOR]->(t) WHERE a.id = $agency })
WITH t
ORDER BY t.plan, t.number
WITH collect(t) AS rows
WITH size(rows) AS total,
  CASE WHEN $limit IS NULL THEN rows[$skip..] ELSE rows[$skip..$skip + $limit] END AS page
RETURN total, [t IN page | {
  task: t {.*, text: null, keywords: null, gaps: null},
  plan_title: head(COLLECT { MATCH (p:Plan {id: t.plan}) RETURN p.title }),
  chapter_title: head(COLLECT { MATCH (c)-[:HAS_TASK]->(t) RETURN c.title ORDER BY c.id }),
  links: COLLECT {
    MATCH (a)-[r:RESPONSIBLE_FOR]->(t)
    RETURN {agency: a {.id, .name}, link: properties(r)} ORDER BY a.id
  },
  targets: COLLECT { MATCH (t)-[:HAS_INDICATOR]->(i) RETURN properties(i) ORDER BY i.number }
}] AS items
