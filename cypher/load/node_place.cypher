// Place nodes, shared by every plan that names them: MERGE on id, properties become the
// catalogue's, and `plans` keeps the plans already listed and adds this load's (sorted, no
// duplicates), so loading plans one by one gives the same list as loading them together.
UNWIND $rows AS row
MERGE (n:Place {id: row.id})
WITH n, row, coalesce(n.plans, []) AS before
SET n = row.properties
SET n.plans = COLLECT { UNWIND before + row.plans AS plan RETURN DISTINCT plan ORDER BY plan }
RETURN count(*) AS written
