// The plan a route answers for when ?plan= is not given: the first by id.
MATCH (p:Plan)
RETURN p.id AS id
ORDER BY id
LIMIT 1
