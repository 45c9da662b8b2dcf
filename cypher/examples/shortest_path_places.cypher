// How are two places connected through the plan's tasks? The shortest path from 嵊泗 to 六横
// that goes only through MENTIONS (place - task - place - …): which tasks link them, and
// through which places. Other places: change the first line.
WITH '嵊泗' AS from, '六横' AS to
MATCH (a:Place)
WHERE from IN a.names
WITH a, to
MATCH (b:Place)
WHERE to IN b.names
MATCH path = shortestPath((a)-[:MENTIONS*..10]-(b))
RETURN
  length(path) AS hops,
  [n IN nodes(path) |
    CASE WHEN n:Task THEN toString(n.number) + '. ' + n.title ELSE n.name END] AS route
