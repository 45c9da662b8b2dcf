// The loaded plans, by id, with how many chapters, goals, tasks and targets each has:
// `total` plans, and the page of them from $skip ($limit of them, or all when null); the
// counts are taken for the page's plans only.
CALL () {
  MATCH (p:Plan)
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Plan)
  WITH p
  ORDER BY p.id
  SKIP $skip
  LIMIT coalesce($limit, 1000000000)
  RETURN collect({
    plan: p {.*, text: null},  // the text stays in the database: /plans lists, not quotes
    chapters: COUNT { MATCH (n:Chapter) WHERE n.plan = p.id },
    goals: COUNT { MATCH (n:Goal) WHERE n.plan = p.id },
    tasks: COUNT { MATCH (n:Task) WHERE n.plan = p.id },
    indicators: COUNT { MATCH (n:Indicator) WHERE n.plan = p.id }
  }) AS items
}
RETURN total, items
