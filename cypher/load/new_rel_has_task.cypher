// (Chapter)-[:HAS_TASK]->(Task): the numbered tasks of a chapter.
// For plans the database does not hold yet: one end is a node this transaction created, so the
// relationship cannot exist and is CREATEd, not MERGEd (the loader gives each (source, type,
// target) once). A row whose ends are missing writes nothing, and the loader fails the
// transaction on the short count.
UNWIND $rows AS row
MATCH (s:Chapter {id: row.source})
MATCH (t:Task {id: row.target})
CREATE (s)-[r:HAS_TASK]->(t)
SET r += row.properties
RETURN count(*) AS written
