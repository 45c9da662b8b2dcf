// `plankg load --replace`: delete one plan's own nodes (the Plan, its Chapters, Goals, Tasks
// and Indicators, whose `plan` is the plan's id) and every relationship touching them.
// Shared Place, Agency and Theme nodes and PART_OF stay: other plans may use them.
MATCH (n:Plan|Chapter|Goal|Task|Indicator {plan: $plan})
DETACH DELETE n
RETURN count(*) AS deleted
