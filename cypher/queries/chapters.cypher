// A plan's chapters in order, with how many tasks and goals each has.
MATCH (c:Chapter {plan: $plan})
RETURN
  properties(c) AS chapter,
  COUNT { (c)-[:HAS_TASK]->() } AS tasks,
  COUNT { (c)-[:HAS_GOAL]->() } AS goals
ORDER BY c.number
