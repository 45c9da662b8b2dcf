// One agency, if it is linked to the plan's tasks: how many of them it leads and partners in,
// and of those how many a clause or the text states (explicit) and how many are inferred.
MATCH (a:Agency {id: $agency})
WHERE $plan IN a.plans
RETURN
  a {.*, plans: null, names: null} AS agency,
  COUNT { MATCH (a)-[r:RESPONSIBLE_FOR]->(t) WHERE t.plan = $plan AND r.role = 'lead' } AS leads,
  COUNT { MATCH (a)-[r:RESPONSIBLE_FOR]->(t) WHERE t.plan = $plan AND r.role = 'partner' } AS partners,
  COUNT {
    MATCH (a)-[r:RESPONSIBLE_FOR]->(t)
    WHERE t.plan = $plan AND r.role = 'lead' AND r.basis <> 'inferred'
  } AS leads_stated,
  COUNT {
    MATCH (a)-[r:RESPONSIBLE_FOR]->(t)
    WHERE t.plan = $plan AND r.role = 'lead' AND r.basis = 'inferred'
  } AS leads_inferred,
  COUNT {
    MATCH (a)-[r:RESPONSIBLE_FOR]->(t)
    WHERE t.plan = $plan AND r.role = 'partner' AND r.basis <> 'inferred'
  } AS partners_stated,
  COUNT {
    MATCH (a)-[r:RESPONSIBLE_FOR]->(t)
    WHERE t.plan = $plan AND r.role = 'partner' AND r.basis = 'inferred'
  } AS partners_inferred
