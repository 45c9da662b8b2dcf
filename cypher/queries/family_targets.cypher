// One indicator across plans (/families/forest-coverage): the targets of the plans in $plans
// (every plan when null) in family $family, by plan then the target's number, each with its
// IN_FAMILY link (score, words found, the value in the family's unit), its plan's title and
// region, and the number as written of the task stating it (null for a goal's target).
// `total` matches, and the page of them from $skip ($limit of them, or all when null); no row
// at all when there is no such family.
MATCH (f:IndicatorFamily {id: $family})
CALL (f) {
  MATCH (i:Indicator)-[:IN_FAMILY]->(f)
  WHERE $plans IS NULL OR i.plan IN $plans
  RETURN count(*) AS total
}
CALL (f) {
  MATCH (i:Indicator)-[r:IN_FAMILY]->(f)
  WHERE $plans IS NULL OR i.plan IN $plans
  WITH i, r
  ORDER BY i.plan, i.number
  SKIP $skip
  LIMIT coalesce($limit, 1000000000)
  MATCH (p:Plan {id: i.plan})
  OPTIONAL MATCH (t:Task {plan: i.plan, number: i.scope_number})
  WHERE i.scope = 'task'
  RETURN collect({
    indicator: properties(i), link: properties(r), plan_title: p.title, region: p.region,
    task_label: t.number_label
  }) AS items
}
RETURN total, items
