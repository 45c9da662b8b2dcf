// (Document)-[:SAME_AS]->(Plan): a cited document that is a loaded plan (its key is the plan's
// title_key). Run at the end of every load transaction for the keys of its cited documents
// and of its plans' titles, so the order of loads does not matter: a plan loaded before its
// citer is found from the citer's documents, one loaded after from its own title.
// Concurrent loads too: the document is MERGEd on its id (its uniqueness lock), never just
// matched, so a load whose plan a concurrent load cites waits for that load's document (or
// the other way round) instead of missing it; where there is no document yet, the MERGE
// makes a `_probe` (which holds the lock until this load commits) and drop_probes.cypher
// deletes it in the same transaction. Each side is an index lookup.
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
ON CREATE SET d._probe = true
WITH d, row
WHERE d._probe IS NULL
MATCH (p:Plan {title_key: row.key})
MERGE (d)-[:SAME_AS]->(p)
RETURN count(*) AS linked
