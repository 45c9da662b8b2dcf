// Which body or place is '市教育局', whatever form of its name you have? Every Place and
// Agency lists all its names (full name, short name, aliases, English) in `names`, and the
// `names` full-text index (cjk analyzer) searches them: the quoted form is the exact phrase,
// a bare '市教育局' or 'Shengsi' matches by character pairs and words, best first. Then the
// tasks each one leads or names. Another name: change the first line.
WITH '市教育局' AS name
CALL db.index.fulltext.queryNodes('names', '"' + name + '"') YIELD node, score
RETURN
  labels(node)[0] AS label,
  node.name AS full_name,
  node.names AS names,
  round(score, 3) AS score,
  COLLECT {
    MATCH (node)-[:RESPONSIBLE_FOR|MENTIONS]-(t:Task)
    RETURN DISTINCT t.plan + ' #' + toString(t.number) AS task
    ORDER BY task
  } AS tasks
ORDER BY score DESC
LIMIT 5
