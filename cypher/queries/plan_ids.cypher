// The ids of the loaded plans, in order: what ?plan= may name (the first is the default).
MATCH (p:Plan)
RETURN p.id AS id
ORDER BY id
