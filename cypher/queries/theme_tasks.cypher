// The tasks of the plans in $plans about a theme, best score first
// (/themes/remote-islands/tasks), each with the score, the terms found and the evidence:
// `total` matches, and the page of them from $skip ($limit of them, or all when null).
// Counted and paged here (a top-k sort): only the page's properties leave the database.
MATCH (x:Theme {id: $theme})
CALL (x) {
  MATCH (t:Task)-[:ABOUT]->(x)
  WHERE t.plan IN $plans
  RETURN count(*) AS total
}
CALL (x) {
  MATCH (t:Task)-[r:ABOUT]->(x)
  WHERE t.plan IN $plans
  WITH t, r
  ORDER BY r.score DESC, t.plan, t.number
  SKIP $skip
  LIMIT coalesce($limit, 1000000000)
  RETURN collect({task: t {.*, text: null, keywords: null, gaps: null}, link: properties(r)}) AS items
}
RETURN total, items
