// The tasks of the plans in $plans about a theme, best score first
// (/themes/remote-islands/tasks), each with the score, the terms found and the evidence.
MATCH (t:Task)-[r:ABOUT]->(x:Theme {id: $theme})
WHERE t.plan IN $plans
RETURN properties(t) AS task, properties(r) AS link
ORDER BY r.score DESC, t.plan, t.number
