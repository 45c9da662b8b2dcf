// One goal of a plan, by number: the places it names (in the order the text names them) and
// the targets it states (/goals/1).
MATCH (g:Goal {plan: $plan, number: $number})
RETURN
  properties(g) AS goal,
  COLLECT {
    MATCH (g)-[m:MENTIONS]->(p)
    RETURN {place: p {.*, plans: null, names: null}, link: properties(m)}
    ORDER BY m.span_start, m.match_start, p.id
  } AS mentions,
  COLLECT { MATCH (g)-[:HAS_INDICATOR]->(i) RETURN properties(i) ORDER BY i.number } AS indicators
ORDER BY g.id
LIMIT 1
