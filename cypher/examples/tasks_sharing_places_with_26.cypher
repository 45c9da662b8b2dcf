// Which tasks name the same places as task 26 (new urbanisation and rural revitalisation,
// naming 定海, 普陀, 岱山, 嵊泗, 六横 …)? The plan's other tasks, by how many places they share
// with it.
// Another task: change the first line.
WITH 'zhoushan-gongtongfuyu-2021-2025' AS plan, 26 AS number
MATCH (t:Task {plan: plan, number: number})-[:MENTIONS]->(p:Place)<-[:MENTIONS]-(other:Task)
WHERE other <> t AND other.plan = plan
WITH other, collect(DISTINCT p.name) AS shared
RETURN other.number AS task, other.title AS title, size(shared) AS places, shared
ORDER BY places DESC, task
