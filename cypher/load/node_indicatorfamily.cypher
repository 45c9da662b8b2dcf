// IndicatorFamily nodes, shared by every plan with a target in the family: MERGE on id,
// properties become the catalogue's, and `plans` keeps the plans already listed and adds this load's (sorted, no
// duplicates), so loading plans one by one gives the same list as loading them together.
// The node is written (locked) before its list is read: a concurrent load of another plan
// waits for this transaction instead of reading the old list and writing it back without
// this load's plans. Rows come sorted by id, so every load locks in the same order.
UNWIND $rows AS row
MERGE (n:IndicatorFamily {id: row.id})
SET n._lock = true
WITH n, row, coalesce(n.plans, []) AS before
SET n = row.properties
SET n.plans = COLLECT { UNWIND before + row.plans AS plan RETURN DISTINCT plan ORDER BY plan }
// Element ids: load/new_rel_*.cypher finds these nodes by them, without an index lookup.
RETURN count(*) AS written, collect([row.id, elementId(n)]) AS ids
