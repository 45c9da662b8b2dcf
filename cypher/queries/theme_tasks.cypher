// The tasks of the plans in $plans about a theme, best score first
// (/themes/remote-islands/tasks), each with the score, the terms found and the evidence:
// `total` matches, and the page of them from $skip ($limit of them, or all when null).
// Counted and paged here: only the page's properties leave the database.
MATCH (t:Task)-[r:ABOUT]->(x:Theme {id: $theme})
WHERE t.plan IN $plans
WITH t, r
ORDER BY r.score DESC, t.plan, t.number
WITH collect([t, r]) AS rows
WITH size(rows) AS total,
  CASE WHEN $limit IS NULL THEN rows[$skip..] ELSE rows[$skip..$skip + $limit] END AS page
RETURN total, [row IN page | {task: properties(row[0]), link: properties(row[1])}] AS items
