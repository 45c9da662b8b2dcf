// `plankg load --replace`: take the plan off the `plans` list of the shared nodes, before the
// load adds it back to those the new version still names.
MATCH (n:Place|Agency|Theme)
WHERE $plan IN n.plans
SET n.plans = [plan IN n.plans WHERE plan <> $plan]
RETURN count(*) AS unlisted
