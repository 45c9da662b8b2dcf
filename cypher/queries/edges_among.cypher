// The relationships among a set of nodes ($keys, element ids from the same transaction): the
// edges of a /graph neighbourhood or of a plan's export, ready to draw.
MATCH (a)-[r]->(b)
WHERE elementId(a) IN $keys AND elementId(b) IN $keys
RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS properties
