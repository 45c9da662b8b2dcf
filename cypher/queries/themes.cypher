// The themes a plan's tasks are about, by id, with how many of its tasks are about each.
MATCH (x:Theme)
WHERE $plan IN x.plans
RETURN
  x {.*, plans: null, names: null} AS theme,
  COUNT { MATCH (t)-[:ABOUT]->(x) WHERE t.plan = $plan } AS tasks
ORDER BY x.id
