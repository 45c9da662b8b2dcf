// The tasks of the plans in $plans an agency is responsible for (only as $role when given), in task order,
// each with the role, the basis (explicit or inferred), the score and the evidence.
MATCH (a:Agency {id: $agency})-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.plan IN $plans AND ($role IS NULL OR r.role = $role)
RETURN properties(t) AS task, properties(r) AS link
ORDER BY t.plan, t.number
