// What does task 27 commit Shengsi (嵊泗) to? The task itself, every sentence of it that
// names 嵊泗 (verbatim, with its offsets in the plan text), and the numeric targets it states.
// Another task or place: change the first line.
WITH 'zhoushan-gongtongfuyu-2021-2025' AS plan, 27 AS number, '嵊泗' AS name
MATCH (t:Task {plan: plan, number: number})
MATCH (p:Place)
WHERE name IN p.names
MATCH (t)-[m:MENTIONS]->(p)
WITH t, p, m
ORDER BY m.span_start
WITH t, p, collect({sentence: m.evidence, start: m.span_start, end: m.span_end}) AS sentences
RETURN
  t.number AS task,
  t.title AS title,
  t.title_en AS title_en,
  p.name AS place,
  sentences,
  COLLECT {
    MATCH (t)-[:HAS_INDICATOR]->(i)
    RETURN i.name + ' ' + i.comparator + ' ' + toString(i.value) + coalesce(i.unit, '')
      + ' (' + toString(i.year) + ')'
    ORDER BY i.number
  } AS targets
