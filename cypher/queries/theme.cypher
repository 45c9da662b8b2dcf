// One theme, if the plan's tasks are about it, with how many of them are.
MATCH (x:Theme {id: $theme})
WHERE $plan IN x.plans
RETURN
  x {.*, plans: null, names: null} AS theme,
  COUNT { MATCH (t)-[:ABOUT]->(x) WHERE t.plan = $plan } AS tasks
