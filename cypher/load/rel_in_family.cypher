// (Indicator)-[:IN_FAMILY]->(IndicatorFamily): the family a target joins, with the score, the
// words found and the value in the family's unit.
// MERGE on (source, type, target); the properties become exactly the builder's. A row whose
// ends are missing writes nothing, and the loader fails the transaction on the short count.
UNWIND $rows AS row
MATCH (s:Indicator {id: row.source})
MATCH (t:IndicatorFamily {id: row.target})
MERGE (s)-[r:IN_FAMILY]->(t)
SET r = row.properties
RETURN count(*) AS written
