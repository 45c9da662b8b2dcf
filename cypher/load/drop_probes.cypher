// After link_same_as.cypher, in the same transaction: delete the placeholder documents it
// made for keys no plan cites (they only held the lock, and nothing else sees them).
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
WHERE d._probe
DELETE d
RETURN count(*) AS dropped
