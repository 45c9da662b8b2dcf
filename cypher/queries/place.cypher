// One place, if the plan holds it (names it or a place inside it) (/places/衢山): how many of the plan's tasks name it, the
// places that contain it (nearest first) and the places directly inside it that the plan holds.
MATCH (p:Place {id: $place})
WHERE $plan IN p.held_by
RETURN
  p {.*, plans: null, held_by: null, names: null} AS place,
  size(COLLECT { MATCH (t:Task)-[:MENTIONS]->(p) WHERE t.plan = $plan RETURN DISTINCT t }) AS tasks,
  COLLECT {
    MATCH path = (p)-[:PART_OF*1..]->(parent)
    RETURN parent {.*, plans: null, held_by: null, names: null} ORDER BY length(path)
  } AS parents,
  COLLECT {
    MATCH (part)-[:PART_OF]->(p)
    WHERE $plan IN part.held_by
    RETURN part {.*, plans: null, held_by: null, names: null} ORDER BY part.id
  } AS parts
