// Goal nodes of plans the database does not hold yet (new, or just deleted by --replace):
// CREATE, not MERGE, since none can exist (the loader checked, in this transaction); the
// properties are exactly the builder's (row.properties holds id too).
UNWIND $rows AS row
CREATE (n:Goal)
SET n += row.properties
// Element ids: load/new_rel_*.cypher finds these nodes by them, without an index lookup.
RETURN count(*) AS written, collect([row.id, elementId(n)]) AS ids
