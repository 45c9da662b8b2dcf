// The node a walk starts from (/graph?focus=…), whatever its label, found by its id.
// Neo4jStore.neighbourhood runs this, then neighbourhood_hop.cypher once per hop, then
// edges_among.cypher, in one read transaction (element ids hold within it).
MATCH (n:Plan|Chapter|Goal|Task|Indicator|Place|Agency|Theme|Document|IndicatorFamily {id: $focus})
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS properties
ORDER BY n.id
LIMIT 1
