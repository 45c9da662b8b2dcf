// (Place)-[:PART_OF]->(Place): 衢山 is part of 岱山, 岱山 of 舟山. Shared by every plan.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Place {id: row.source})
MATCH (t:Place {id: row.target})
MERGE (s)-[r:PART_OF]->(t)
SET r = row.properties
RETURN count(*) AS written
