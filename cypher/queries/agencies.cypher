// The agencies linked to a plan's tasks, by id, with how many of them each leads and partners in,
// and of those how many a clause or the text states (explicit) and how many are inferred.
MATCH (a:Agency)
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
ORDER BY a.id
