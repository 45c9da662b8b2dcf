// The id of the Place, Agency or Theme ($label) that $key names: its id, its Chinese name, an
// alias, its short name, or its English name in any case ($folded is $key case-folded).
// An id beats a name; among names, one that a plan of the request ($plans) names beats one
// it does not (市财政局 is the finance bureau of every city), then the smallest id wins.
MATCH (n:Place|Agency|Theme)
WHERE $label IN labels(n)
  AND (
    n.id = $key
    OR n.name = $key
    OR $key IN coalesce(n.aliases, [])
    OR n.short_name = $key
    OR toLower(n.name_en) = $folded
  )
RETURN n.id AS id
ORDER BY n.id = $key DESC, coalesce(any(p IN coalesce(n.held_by, n.plans) WHERE p IN $plans), false) DESC, id
LIMIT 1
