// One loaded plan by id, with how many chapters, goals, tasks and targets it has.
MATCH (p:Plan {id: $plan})
RETURN
  p {.*, text: null} AS plan,  // the text stays in the database
  COUNT { MATCH (n:Chapter) WHERE n.plan = p.id } AS chapters,
  COUNT { MATCH (n:Goal) WHERE n.plan = p.id } AS goals,
  COUNT { MATCH (n:Task) WHERE n.plan = p.id } AS tasks,
  COUNT { MATCH (n:Indicator) WHERE n.plan = p.id } AS indicators
