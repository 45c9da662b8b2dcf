// (Chapter)-[:HAS_TASK]->(Task): the numbered tasks of a chapter.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Chapter {id: row.source})
MATCH (t:Task {id: row.target})
MERGE (s)-[r:HAS_TASK]->(t)
SET r = row.properties
RETURN count(*) AS written
