// What a plan cites (/plans/{plan}/citations): each document with the plan's CITES link
// (verb, title as written, count, sentence) and the loaded plan it is, if any (SAME_AS; the
// smallest id should two plans share a title), in the order of the sentences.
MATCH (:Plan {id: $plan})-[c:CITES]->(d:Document)
RETURN
  d {.key, .kind} AS document,
  properties(c) AS link,
  COLLECT { MATCH (d)-[:SAME_AS]->(q:Plan) RETURN q {.id, .title} ORDER BY q.id LIMIT 1 }[0]
    AS same
ORDER BY c.span_start, d.key
