// The numeric targets of the plans in $plans, each plan's in the order its text states them,
// each with its evidence sentence.
MATCH (i:Indicator)
WHERE i.plan IN $plans
RETURN properties(i) AS indicator
ORDER BY i.plan, i.number
