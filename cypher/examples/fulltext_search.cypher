// Full-text search in Chinese: the tasks whose title or text contains 偏远海岛 (remote
// islands), best first. The task_text index (cypher/schema.cypher) uses the cjk analyzer, so
// Chinese needs no word segmentation; Lucene syntax works too: '偏远海岛 AND 养老'.
CALL db.index.fulltext.queryNodes('task_text', '偏远海岛') YIELD node, score
RETURN node.number AS task, node.title AS title, round(score, 3) AS score
ORDER BY score DESC, task
LIMIT 10
