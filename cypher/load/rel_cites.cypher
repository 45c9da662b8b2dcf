// (Plan)-[:CITES]->(Document): a document the plan names in 《…》, with its verb and sentence.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Plan {id: row.source})
MATCH (t:Document {id: row.target})
MERGE (s)-[r:CITES]->(t)
SET r = row.properties
RETURN count(*) AS written
