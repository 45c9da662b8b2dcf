// Document nodes: what plans cite in 《…》, shared by every plan citing them. MERGE on id;
// the properties become the builder's, but the title stays the one first written (as in
// the embedded store: the first plan loaded with it), and `plans` keeps the plans already
// listed and adds this load's (sorted, no duplicates), whatever order plans come in.
// Locked before its list is read, rows sorted by id: see node_place.cypher.
UNWIND $rows AS row
MERGE (n:Document {id: row.id})
SET n._lock = true
WITH n, row, coalesce(n.plans, []) AS before, n.title AS title
SET n = row.properties
SET n.title = coalesce(title, row.properties.title)
SET n.plans = COLLECT { UNWIND before + row.plans AS plan RETURN DISTINCT plan ORDER BY plan }
// Element ids: load/new_rel_*.cypher finds these nodes by them, without an index lookup.
RETURN count(*) AS written, collect([row.id, elementId(n)]) AS ids
