// `plankg load --replace`: delete the own nodes of the plans in $plans (the Plan, its
// Chapters, Goals, Tasks and Indicators, whose `plan` is the plan's id) and every
// relationship touching them. Shared Place, Agency and Theme nodes and PART_OF stay: other
// plans may use them.
MATCH (n:Plan|Chapter|Goal|Task|Indicator)
WHERE n.plan IN $plans
DETACH DELETE n
RETURN count(*) AS deleted
