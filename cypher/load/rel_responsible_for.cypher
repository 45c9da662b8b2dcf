// (Agency)-[:RESPONSIBLE_FOR]->(Task): role lead or partner, basis explicit or inferred, with evidence.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Agency {id: row.source})
MATCH (t:Task {id: row.target})
MERGE (s)-[r:RESPONSIBLE_FOR]->(t)
SET r = row.properties
RETURN count(*) AS written
