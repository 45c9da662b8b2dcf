// (Indicator)-[:IN_FAMILY]->(IndicatorFamily): the family a target joins.
// For plans the database does not hold yet: one end is a node this transaction created, so the
// relationship cannot exist and is CREATEd, not MERGEd (the loader gives each (source, type,
// target) once). The ends come as element ids, which this transaction's node statements
// returned (Indicator and IndicatorFamily nodes): no index lookup, which in a transaction
// that deleted and recreated the same ids (--replace) costs many times more. A row whose ends are missing
// (null) writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = row.source
MATCH (t) WHERE elementId(t) = row.target
CREATE (s)-[r:IN_FAMILY]->(t)
SET r += row.properties
RETURN count(*) AS written
