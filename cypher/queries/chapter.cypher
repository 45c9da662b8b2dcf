// One chapter of a plan, by number, with its tasks and its goals in order (/chapters/5).
MATCH (c:Chapter {plan: $plan, number: $number})
RETURN
  properties(c) AS chapter,
  COUNT { (c)-[:HAS_TASK]->() } AS tasks,
  COUNT { (c)-[:HAS_GOAL]->() } AS goals,
  COLLECT { MATCH (c)-[:HAS_TASK]->(t) RETURN t {.*, text: null, keywords: null, gaps: null} ORDER BY t.number } AS task_list,
  COLLECT { MATCH (c)-[:HAS_GOAL]->(g) RETURN properties(g) ORDER BY g.number } AS goal_list
ORDER BY c.id
LIMIT 1
