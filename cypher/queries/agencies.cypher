// The agencies linked to a plan's tasks, by id, with how many of them each leads and partners in.
MATCH (a:Agency)
WHERE $plan IN a.plans
RETURN
  a {.*, plans: null, names: null} AS agency,
  COUNT { MATCH (a)-[r:RESPONSIBLE_FOR]->(t) WHERE t.plan = $plan AND r.role = 'lead' } AS leads,
  COUNT { MATCH (a)-[r:RESPONSIBLE_FOR]->(t) WHERE t.plan = $plan AND r.role = 'partner' } AS partners
ORDER BY a.id
