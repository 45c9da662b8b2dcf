// The tasks of the plans in $plans an agency is responsible for (only as $role when given),
// in task order, each with the role, the basis (explicit or inferred), the score and the
// evidence: `total` matches, and the page of them from $skip ($limit of them, or all when
// null). Counted and paged here: only the page's properties leave the database.
MATCH (a:Agency {id: $agency})-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.plan IN $plans AND ($role IS NULL OR r.role = $role)
WITH t, r
ORDER BY t.plan, t.number
WITH collect([t, r]) AS rows
WITH size(rows) AS total,
  CASE WHEN $limit IS NULL THEN rows[$skip..] ELSE rows[$skip..$skip + $limit] END AS page
RETURN total, [row IN page | {task: properties(row[0]), link: properties(row[1])}] AS items
