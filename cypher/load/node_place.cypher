// Place nodes, shared by every plan that names them: MERGE on id, properties become the
// catalogue's, and `plans` (the plans naming it) and `held_by` (those naming it or a place
// inside it) keep the plans already listed and add this load's (sorted, no
// duplicates), so loading plans one by one gives the same list as loading them together.
// The node is written (locked) before its list is read: a concurrent load of another plan
// waits for this transaction instead of reading the old list and writing it back without
// this load's plans. Rows come sorted by id, so every load locks in the same order.
UNWIND $rows AS row
MERGE (n:Place {id: row.id})
SET n._lock = true
WITH n, row, coalesce(n.plans, []) AS before, coalesce(n.held_by, []) AS held
SET n = row.properties
SET n.plans = COLLECT { UNWIND before + row.plans AS plan RETURN DISTINCT plan ORDER BY plan }
SET n.held_by = COLLECT { UNWIND held + row.held_by AS plan RETURN DISTINCT plan ORDER BY plan }
// Element ids: load/new_rel_*.cypher finds these nodes by them, without an index lookup.
RETURN count(*) AS written, collect([row.id, elementId(n)]) AS ids
