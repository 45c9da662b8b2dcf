// (Task)-[:ABOUT]->(Theme): what a task is about.
// For plans the database does not hold yet: one end is a node this transaction created, so the
// relationship cannot exist and is CREATEd, not MERGEd (the loader gives each (source, type,
// target) once). A row whose ends are missing writes nothing, and the loader fails the
// transaction on the short count.
UNWIND $rows AS row
MATCH (s:Task {id: row.source})
MATCH (t:Theme {id: row.target})
CREATE (s)-[r:ABOUT]->(t)
SET r += row.properties
RETURN count(*) AS written
