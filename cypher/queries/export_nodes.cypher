// Every node of a plan (/graph/export): its own nodes (Plan, Chapter, Goal, Task, Indicator
// whose `plan` is $plan) and the shared places, agencies, themes, documents and indicator
// families it names (and, for places, those containing them: `held_by`).
// Neo4jStore.export then asks edges_among.cypher for the relationships among them.
MATCH (n:Plan|Chapter|Goal|Task|Indicator {plan: $plan})
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS properties
UNION ALL
MATCH (n:Place|Agency|Theme|Document|IndicatorFamily)
WHERE $plan IN coalesce(n.held_by, n.plans)
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS properties
