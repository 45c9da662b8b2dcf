// One agency, if it is linked to the plan's tasks: how many of them it leads and partners in.
MATCH (a:Agency {id: $agency})
WHERE $plan IN a.plans
RETURN
  a {.*, plans: null, names: null} AS agency,
  COUNT { MATCH (a)-[r:RESPONSIBLE_FOR]->(t) WHERE t.plan = $plan AND r.role = 'lead' } AS leads,
  COUNT { MATCH (a)-[r:RESPONSIBLE_FOR]->(t) WHERE t.plan = $plan AND r.role = 'partner' } AS partners
