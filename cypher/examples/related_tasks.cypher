// Which tasks are most related to task 27, and what do they share? RELATED_TO is stored once
// per pair, from the lower task number to the higher, so match it without a direction:
// (t)-[:RELATED_TO]-(other) finds both the lower- and higher-numbered tasks.
// Another task: change the first line.
WITH 'zhoushan-gongtongfuyu-2021-2025' AS plan, 27 AS number
MATCH (t:Task {plan: plan, number: number})-[r:RELATED_TO]-(other:Task)
RETURN other.number AS task, other.title AS title, r.score AS score, r.places AS places,
  r.themes AS themes, r.keywords AS keywords
ORDER BY score DESC, task
LIMIT 10
