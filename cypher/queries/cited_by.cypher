// The loaded plans citing a plan (/plans/{plan}/cited-by): through the documents that are it
// (SAME_AS), each citing plan with its CITES link; by citing plan, then document key.
MATCH (:Plan {id: $plan})<-[:SAME_AS]-(d:Document)<-[c:CITES]-(q:Plan)
RETURN q {.id, .title, .region} AS plan, d.key AS document, properties(c) AS link
ORDER BY q.id, d.key
