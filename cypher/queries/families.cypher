// The indicator families with a target in the plans in $plans (every plan when $plans is
// null), by key, each with how many targets and plans join it (/families): `total`
// families, and the page of them from $skip ($limit of them, or all when null). A family's
// targets are its IN_FAMILY links, read from the family: no scan of the Indicators.
MATCH (f:IndicatorFamily)
CALL (f) {
  MATCH (i:Indicator)-[:IN_FAMILY]->(f)
  WHERE $plans IS NULL OR i.plan IN $plans
  RETURN count(i) AS targets, count(DISTINCT i.plan) AS plans
}
WITH f, targets, plans
WHERE targets > 0
ORDER BY f.key
WITH collect({family: properties(f), targets: targets, plans: plans}) AS rows
RETURN size(rows) AS total,
  CASE WHEN $limit IS NULL THEN rows[$skip..] ELSE rows[$skip..$skip + $limit] END AS items
