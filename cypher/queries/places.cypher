// The places a plan names, by id, with how many of the plan's tasks name each.
MATCH (p:Place)
WHERE $plan IN p.plans
RETURN
  p {.*, plans: null, names: null} AS place,
  size(COLLECT { MATCH (t:Task)-[:MENTIONS]->(p) WHERE t.plan = $plan RETURN DISTINCT t }) AS tasks
ORDER BY p.id
