// (Task)-[:RELATED_TO]->(Task): two tasks sharing places, themes or keywords, with score.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Task {id: row.source})
MATCH (t:Task {id: row.target})
MERGE (s)-[r:RELATED_TO]->(t)
SET r = row.properties
RETURN count(*) AS written
