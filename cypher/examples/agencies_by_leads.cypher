// Which agencies lead the most tasks? Agencies ranked by the tasks they lead, split by basis:
// explicit (the text names the body) or inferred (from the agency's remit, with a score).
// Another plan: change the first line.
WITH 'zhoushan-gongtongfuyu-2021-2025' AS plan
MATCH (a:Agency)-[r:RESPONSIBLE_FOR {role: 'lead'}]->(t:Task {plan: plan})
WITH a, r, t
ORDER BY t.number
WITH a,
  count(t) AS leads,
  count(CASE WHEN r.basis = 'explicit' THEN 1 END) AS explicit,
  count(CASE WHEN r.basis = 'inferred' THEN 1 END) AS inferred,
  collect(t.number) AS tasks
RETURN a.short_name AS agency, a.name_en AS name_en, leads, explicit, inferred, tasks
ORDER BY leads DESC, agency
