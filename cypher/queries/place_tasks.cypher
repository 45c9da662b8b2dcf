// The tasks of the plans in $plans that name a place (with $include_parts, or any place inside it at any
// depth: 衢山 is inside 岱山), in task order, each with those mentions in text order.
MATCH (root:Place {id: $place})
WITH [root] + CASE
    WHEN $include_parts THEN COLLECT { MATCH (part)-[:PART_OF*1..]->(root) RETURN DISTINCT part }
    ELSE []
  END AS wanted
MATCH (t:Task)-[m:MENTIONS]->(p)
WHERE t.plan IN $plans AND p IN wanted
WITH t, m, p
ORDER BY t.plan, t.number, m.span_start, m.match_start, p.id
WITH t, collect({place: properties(p), link: properties(m)}) AS mentions
ORDER BY t.plan, t.number
RETURN properties(t) AS task, mentions
