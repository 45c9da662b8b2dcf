// The tasks of the plans in $plans that name a place (with $include_parts, or any place
// inside it at any depth: 衢山 is inside 岱山), in task order, each with those mentions in
// text order: `total` tasks, and the page of them from $skip ($limit of them, or all when
// null). Counted and paged here; the mentions are read for the page's tasks only.
MATCH (root:Place {id: $place})
WITH [root] + CASE
    WHEN $include_parts THEN COLLECT { MATCH (part)-[:PART_OF*1..]->(root) RETURN DISTINCT part }
    ELSE []
  END AS wanted
MATCH (t:Task)-[:MENTIONS]->(p)
WHERE t.plan IN $plans AND p IN wanted
WITH DISTINCT t, wanted
ORDER BY t.plan, t.number
WITH collect(t) AS rows, wanted
WITH size(rows) AS total, wanted,
  CASE WHEN $limit IS NULL THEN rows[$skip..] ELSE rows[$skip..$skip + $limit] END AS page
CALL (page, wanted) {
  UNWIND range(0, size(page) - 1) AS i
  WITH page[i] AS t, i, wanted
  CALL (t, wanted) {
    MATCH (t)-[m:MENTIONS]->(p)
    WHERE p IN wanted
    WITH m, p
    ORDER BY m.span_start, m.match_start, p.id
    RETURN collect({place: p {.*, plans: null, names: null}, link: properties(m)}) AS mentions
  }
  WITH i, t, mentions
  ORDER BY i
  RETURN collect({task: t {.*, text: null, keywords: null, gaps: null}, mentions: mentions}) AS items
}
RETURN total, items
