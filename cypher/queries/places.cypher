// The places a plan holds (those it names and the places containing them), by id, with how many of the plan's tasks name each.
MATCH (p:Place)
WHERE $plan IN p.held_by
RETURN
  p {.*, plans: null, held_by: null, names: null} AS place,
  size(COLLECT { MATCH (t:Task)-[:MENTIONS]->(p) WHERE t.plan = $plan RETURN DISTINCT t }) AS tasks
ORDER BY p.id
