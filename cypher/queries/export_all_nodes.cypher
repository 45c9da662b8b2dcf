// Every node of the graph, whatever plan it belongs to (Neo4jStore.export() with no plan).
MATCH (n)
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS properties
