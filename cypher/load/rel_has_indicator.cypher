// (Goal|Task)-[:HAS_INDICATOR]->(Indicator): a numeric target stated there, with evidence.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Goal|Task {id: row.source})
MATCH (t:Indicator {id: row.target})
MERGE (s)-[r:HAS_INDICATOR]->(t)
SET r = row.properties
RETURN count(*) AS written
