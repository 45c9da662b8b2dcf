// (Chapter|Goal|Task)-[:MENTIONS]->(Place): a place named in the text, with evidence.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Chapter|Goal|Task {id: row.source})
MATCH (t:Place {id: row.target})
MERGE (s)-[r:MENTIONS]->(t)
SET r = row.properties
RETURN count(*) AS written
