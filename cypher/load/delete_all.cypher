// Neo4jStore.load: the stored graph is replaced whole, so everything goes first (in the same
// transaction as the writes that follow). Corrections are no part of the graph: they stay
// (graph/neo4j_corrections.py), and are applied again to what is written.
MATCH (n)
WHERE NOT n:Correction
DETACH DELETE n
RETURN count(*) AS deleted
