// (Agency)-[:RESPONSIBLE_FOR]->(Task): who leads or partners in a task.
// For plans the database does not hold yet: one end is a node this transaction created, so the
// relationship cannot exist and is CREATEd, not MERGEd (the loader gives each (source, type,
// target) once). A row whose ends are missing writes nothing, and the loader fails the
// transaction on the short count.
UNWIND $rows AS row
MATCH (s:Agency {id: row.source})
MATCH (t:Task {id: row.target})
CREATE (s)-[r:RESPONSIBLE_FOR]->(t)
SET r += row.properties
RETURN count(*) AS written
