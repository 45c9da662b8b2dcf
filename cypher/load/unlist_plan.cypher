// `plankg load --replace`: take the plans in $plans off the `plans` (and a place's `held_by`) lists of the shared nodes,
// before the load adds them back to those the new versions still name. The nodes are locked
// in the order the node statements lock them (Place, Agency, Theme, Document, IndicatorFamily, then
// id), so two loads at once wait for each other instead of deadlocking.
MATCH (n:Place|Agency|Theme|Document|IndicatorFamily)
WHERE any(plan IN coalesce(n.held_by, n.plans) WHERE plan IN $plans)
WITH n
ORDER BY CASE WHEN n:Place THEN 0 WHEN n:Agency THEN 1 WHEN n:Theme THEN 2 ELSE 3 END, n.id
SET n.plans = [plan IN n.plans WHERE NOT plan IN $plans]
SET n.held_by = CASE WHEN n:Place THEN [plan IN n.held_by WHERE NOT plan IN $plans] END
RETURN count(*) AS unlisted
