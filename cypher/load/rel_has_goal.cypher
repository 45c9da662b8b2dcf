// (Chapter)-[:HAS_GOAL]->(Goal): the goals stated in a chapter.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Chapter {id: row.source})
MATCH (t:Goal {id: row.target})
MERGE (s)-[r:HAS_GOAL]->(t)
SET r = row.properties
RETURN count(*) AS written
