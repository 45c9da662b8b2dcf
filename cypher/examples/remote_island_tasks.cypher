// Which tasks touch the remote islands? Two ways the graph knows it: the task is ABOUT the
// remote-islands theme (偏远海岛, 离岛, 海岛地区 … in its text), or it MENTIONS a place marked
// remote (嵊泗, 衢山, 六横, 蚂蚁岛 …; 岱山县 itself is not: its outlying 衢山镇 is). One row per
// task, with the evidence of each way.
// Another plan: change the first line.
WITH 'zhoushan-gongtongfuyu-2021-2025' AS plan
MATCH (t:Task {plan: plan})
OPTIONAL MATCH (t)-[about:ABOUT]->(:Theme {id: 'remote-islands'})
OPTIONAL MATCH (t)-[:MENTIONS]->(p:Place {remote: true})
WITH t, about, collect(DISTINCT p.name) AS remote_places
WHERE about IS NOT NULL OR size(remote_places) > 0
RETURN
  t.number AS task,
  t.title AS title,
  about.score AS theme_score,
  about.evidence AS theme_evidence,
  remote_places
ORDER BY task
