// The plan's tasks about a theme, best score first (/themes/remote-islands/tasks), each with
// the score, the terms found and the evidence.
MATCH (t:Task {plan: $plan})-[r:ABOUT]->(x:Theme {id: $theme})
RETURN properties(t) AS task, properties(r) AS link
ORDER BY r.score DESC, t.number
