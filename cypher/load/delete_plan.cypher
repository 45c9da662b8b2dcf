// `plankg load --replace`: delete the own nodes of the plans in $plans (the Plan, its
// Chapters, Goals, Tasks and Indicators, whose `plan` is the plan's id) and every
// relationship touching them. Shared Place, Agency and Theme nodes and PART_OF stay: other
// plans may use them. The Plan is found by id (its constraint), the others by their `plan`
// index: a label-only scan would read every Plan node.
UNWIND $plans AS plan
CALL (plan) {
  MATCH (n:Plan {id: plan}) RETURN n
  UNION
  MATCH (n:Chapter {plan: plan}) RETURN n
  UNION
  MATCH (n:Goal {plan: plan}) RETURN n
  UNION
  MATCH (n:Task {plan: plan}) RETURN n
  UNION
  MATCH (n:Indicator {plan: plan}) RETURN n
}
DETACH DELETE n
RETURN count(*) AS deleted
