// One place, if the plan names it (/places/衢山): how many of the plan's tasks name it, the
// places that contain it (nearest first) and the places directly inside it that the plan names.
MATCH (p:Place {id: $place})
WHERE $plan IN p.plans
RETURN
  p {.*, plans: null, names: null} AS place,
  size(COLLECT { MATCH (t:Task)-[:MENTIONS]->(p) WHERE t.plan = $plan RETURN DISTINCT t }) AS tasks,
  COLLECT {
    MATCH path = (p)-[:PART_OF*1..]->(parent)
    RETURN parent {.*, plans: null, names: null} ORDER BY length(path)
  } AS parents,
  COLLECT {
    MATCH (part)-[:PART_OF]->(p)
    WHERE $plan IN part.plans
    RETURN part {.*, plans: null, names: null} ORDER BY part.id
  } AS parts
