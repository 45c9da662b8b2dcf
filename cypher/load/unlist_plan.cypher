// `plankg load --replace`: take the plans in $plans off the `plans` list of the shared nodes,
// before the load adds them back to those the new versions still name. The nodes are locked
// in the order the node statements lock them (Place, Agency, Theme, Document, IndicatorFamily, then
// id), so two loads at once wait for each other instead of deadlocking.
MATCH (n:Place|Agency|Theme|Document|IndicatorFamily)
WHERE any(plan IN n.plans WHERE plan IN $plans)
WITH n
ORDER BY CASE WHEN n:Place THEN 0 WHEN n:Agency THEN 1 WHEN n:Theme THEN 2 ELSE 3 END, n.id
SET n.plans = [plan IN n.plans WHERE NOT plan IN $plans]
RETURN count(*) AS unlisted
