// Neo4jStore.load: the stored graph is replaced whole, so everything goes first (in the same
// transaction as the writes that follow).
MATCH (n)
DETACH DELETE n
RETURN count(*) AS deleted
