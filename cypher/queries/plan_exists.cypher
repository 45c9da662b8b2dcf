// Is there a plan with this id? (one index lookup: every route that takes ?plan= asks this)
MATCH (p:Plan {id: $plan})
RETURN p.id AS id
