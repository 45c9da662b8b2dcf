// One cited document by key (/documents/{key}), the loaded plan it is, and every plan citing
// it with its CITES link, by plan id.
MATCH (d:Document {key: $key})
RETURN
  d {.key, .title, .kind, .plans} AS document,
  COLLECT { MATCH (d)-[:SAME_AS]->(q:Plan) RETURN q {.id, .title} ORDER BY q.id LIMIT 1 }[0]
    AS same,
  COLLECT {
    MATCH (d)<-[c:CITES]-(q:Plan)
    RETURN {plan: q {.id, .title, .region}, link: properties(c)} AS citing
    ORDER BY q.id
  } AS citing
