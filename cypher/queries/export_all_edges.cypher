// Every relationship of the graph (Neo4jStore.export() with no plan).
MATCH (a)-[r]->(b)
RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS properties
