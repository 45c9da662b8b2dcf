// The numeric targets of the plans in $plans, each plan's in the order its text states them,
// each with its evidence sentence, filtered (a null filter is no filter): stated in task
// $task or goal $goal, for $year, in $unit ('' is no unit), $name a substring of the name,
// $q a substring of the name or the sentence. `total` matches, and the page of them from
// $skip ($limit of them, or all when null).
MATCH (i:Indicator)
WHERE i.plan IN $plans
  AND ($task IS NULL OR (i.scope = 'task' AND i.scope_number = $task))
  AND ($goal IS NULL OR (i.scope = 'goal' AND i.scope_number = $goal))
  AND ($year IS NULL OR i.year = $year)
  AND ($unit IS NULL OR coalesce(i.unit, '') = $unit)
  AND ($name IS NULL OR i.name CONTAINS $name)
  AND ($q IS NULL OR i.name CONTAINS $q OR i.text CONTAINS $q)
WITH i
ORDER BY i.plan, i.number
WITH collect(i) AS rows
WITH size(rows) AS total,
  CASE WHEN $limit IS NULL THEN rows[$skip..] ELSE rows[$skip..$skip + $limit] END AS page
RETURN total, [i IN page | properties(i)] AS items
