// The tasks of the plans in $plans, by plan and number, filtered (a null filter is no
// filter): by chapter number; by the id of a place it names, an agency responsible for it or
// a theme it is about; and by a substring of its title, English title or text, in any case
// ($needle is case-folded). `total` matches, and the page of them from $skip ($limit of
// them, or all when null): only the page's properties leave the database.
MATCH (t:Task)
WHERE t.plan IN $plans
  AND ($chapter IS NULL OR t.chapter = $chapter)
  AND ($place IS NULL OR EXISTS { MATCH (t)-[:MENTIONS]->(p) WHERE p.id = $place })
  AND ($agency IS NULL OR EXISTS { MATCH (a)-[:RESPONSIBLE_FOR]->(t) WHERE a.id = $agency })
  AND ($theme IS NULL OR EXISTS { MATCH (t)-[:ABOUT]->(x) WHERE x.id = $theme })
  AND ($needle IS NULL OR any(
    field IN [t.title, t.title_en, t.text] WHERE toLower(coalesce(field, '')) CONTAINS $needle
  ))
WITH t
ORDER BY t.plan, t.number
WITH collect(t) AS rows
WITH size(rows) AS total,
  CASE WHEN $limit IS NULL THEN rows[$skip..] ELSE rows[$skip..$skip + $limit] END AS page
RETURN total, [t IN page | t {.*, text: null, keywords: null, gaps: null}] AS items
