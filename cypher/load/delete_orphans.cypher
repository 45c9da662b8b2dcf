// `plankg load --replace`, after the new version is written: a place, agency or theme that
// no plan names any more goes (with its PART_OF), instead of lingering with `plans: []`.
MATCH (n:Place|Agency|Theme)
WHERE size(n.plans) = 0
DETACH DELETE n
RETURN count(*) AS deleted
