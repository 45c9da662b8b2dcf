// (Task)-[:ABOUT]->(Theme): what a task is about, with score and evidence.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Task {id: row.source})
MATCH (t:Theme {id: row.target})
MERGE (s)-[r:ABOUT]->(t)
SET r = row.properties
RETURN count(*) AS written
