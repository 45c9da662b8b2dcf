// Full-text search in Chinese over task titles and texts, best first, in both forms at once.
// The task_text index (cypher/schema.cypher) uses the cjk analyzer, which cuts Chinese into
// overlapping character pairs (偏远海岛 -> 偏远 远海 海岛): the bare query '偏远海岛' finds every
// task with any of those pairs (海岛 alone is enough, so tasks 32, 27 … come too), while the
// quoted phrase '"偏远海岛"' finds only tasks where the four characters stand together (20, 29,
// 38). `exact` says which hits the phrase form finds. Lucene syntax works: '"偏远海岛" AND 养老'.
WITH '偏远海岛' AS words
CALL db.index.fulltext.queryNodes('task_text', '"' + words + '"') YIELD node
WITH words, collect(node) AS exact
CALL db.index.fulltext.queryNodes('task_text', words) YIELD node, score
RETURN node.number AS task, node.title AS title, round(score, 3) AS score, node IN exact AS exact
ORDER BY score DESC, task
LIMIT 10
