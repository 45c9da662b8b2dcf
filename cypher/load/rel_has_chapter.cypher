// (Plan)-[:HAS_CHAPTER]->(Chapter): the plan's chapters.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Plan {id: row.source})
MATCH (t:Chapter {id: row.target})
MERGE (s)-[r:HAS_CHAPTER]->(t)
SET r = row.properties
RETURN count(*) AS written
