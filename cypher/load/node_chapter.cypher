// Chapter nodes of one plan: MERGE on id, then the properties become exactly the builder's
// (row.properties holds id too; absent keys are the builder's None values).
UNWIND $rows AS row
MERGE (n:Chapter {id: row.id})
SET n = row.properties
// Element ids: load/new_rel_*.cypher finds these nodes by them, without an index lookup.
RETURN count(*) AS written, collect([row.id, elementId(n)]) AS ids
