// One task of a plan, by number (/tasks/27): its chapter's title; the places it names, in the
// order the text names them; the agencies responsible, lead first, then by score; its targets;
// its themes, best first; and the tasks related to it either way, closest first.
MATCH (t:Task {plan: $plan, number: $number})
RETURN
  properties(t) AS task,
  head(COLLECT { MATCH (c)-[:HAS_TASK]->(t) RETURN c.title ORDER BY c.id }) AS chapter_title,
  COLLECT {
    MATCH (t)-[m:MENTIONS]->(p)
    RETURN {place: p {.*, plans: null, names: null}, link: properties(m)}
    ORDER BY m.span_start, m.match_start, p.id
  } AS mentions,
  COLLECT {
    MATCH (a)-[r:RESPONSIBLE_FOR]->(t)
    RETURN {agency: a {.*, plans: null, names: null}, link: properties(r)}
    ORDER BY r.role <> 'lead', r.score DESC, a.id
  } AS agencies,
  COLLECT { MATCH (t)-[:HAS_INDICATOR]->(i) RETURN properties(i) ORDER BY i.number } AS indicators,
  COLLECT {
    MATCH (t)-[r:ABOUT]->(x)
    RETURN {theme: x {.*, plans: null, names: null}, link: properties(r)}
    ORDER BY r.score DESC, x.id
  } AS themes,
  COLLECT {
    MATCH (t)-[r:RELATED_TO]-(other)
    RETURN {task: other {.*, text: null, keywords: null, gaps: null}, link: properties(r)}
    ORDER BY r.score DESC, other.number
  } AS related
ORDER BY t.id
LIMIT 1
