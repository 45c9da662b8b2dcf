// (Plan)-[:CITES]->(Document): a document the plan names in 《…》, with its verb and sentence.
// For plans the database does not hold yet: the Plan is a node this transaction created, so
// the relationship cannot exist and is CREATEd; its ends come as element ids (see
// new_rel_about.cypher). A row whose ends are missing writes nothing, and the loader fails
// the transaction on the short count.
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = row.source
MATCH (t) WHERE elementId(t) = row.target
CREATE (s)-[r:CITES]->(t)
SET r += row.properties
RETURN count(*) AS written
