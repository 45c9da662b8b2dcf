// One hop of a walk: the nodes next to $frontier (element ids), in either direction, that the
// walk has not $seen yet.
MATCH (n)--(m)
WHERE elementId(n) IN $frontier AND NOT elementId(m) IN $seen
RETURN DISTINCT elementId(m) AS key, labels(m) AS labels, properties(m) AS properties
