// Cited documents (/documents): `total` matching, and the page from $skip ($limit), most
// cited first, then by key; $q (lower case, or null) is a substring of the key or title.
CALL () {
  MATCH (d:Document)
  WHERE $q IS NULL OR toLower(d.key) CONTAINS $q OR toLower(d.title) CONTAINS $q
  RETURN count(d) AS total
}
CALL () {
  MATCH (d:Document)
  WHERE $q IS NULL OR toLower(d.key) CONTAINS $q OR toLower(d.title) CONTAINS $q
  WITH d
  ORDER BY size(d.plans) DESC, d.key
  SKIP $skip
  LIMIT coalesce($limit, 1000000000)
  RETURN collect({
    document: d {.key, .title, .kind, .plans},
    same: COLLECT { MATCH (d)-[:SAME_AS]->(q:Plan) RETURN q {.id, .title} ORDER BY q.id LIMIT 1 }[0]
  }) AS items
}
RETURN total, items
