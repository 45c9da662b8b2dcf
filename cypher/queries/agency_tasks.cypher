// The tasks of the plans in $plans an agency is responsible for (only as $role when given),
// in task order, each with the role, the basis (explicit or inferred), the score and the
// evidence: `total` matches, and the page of them from $skip ($limit of them, or all when
// null). Counted and paged here (a top-k sort): only the page's properties leave Neo4j.
MATCH (a:Agency {id: $agency})
CALL (a) {
  MATCH (a)-[r:RESPONSIBLE_FOR]->(t:Task)
  WHERE t.plan IN $plans AND ($role IS NULL OR r.role = $role)
  RETURN count(*) AS total
}
CALL (a) {
  MATCH (a)-[r:RESPONSIBLE_FOR]->(t:Task)
  WHERE t.plan IN $plans AND ($role IS NULL OR r.role = $role)
  WITH t, r
  ORDER BY t.plan, t.number
  SKIP $skip
  LIMIT coalesce($limit, 1000000000)
  RETURN collect({task: t {.*, text: null, keywords: null, gaps: null}, link: properties(r)}) AS items
}
RETURN total, items
