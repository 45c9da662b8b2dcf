// How are the plan's numeric targets spread over units and years? One row per (unit, year),
// with how many targets there are and their names.
// Another plan: change the first line.
WITH 'zhoushan-gongtongfuyu-2021-2025' AS plan
MATCH (i:Indicator {plan: plan})
WITH i
ORDER BY i.number
RETURN i.unit AS unit, i.year AS year, count(*) AS targets, collect(i.name) AS names
ORDER BY targets DESC, unit, year
