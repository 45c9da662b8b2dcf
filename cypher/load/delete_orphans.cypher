// `plankg load --replace`, after the new version is written: a place, agency or theme that
// (or a cited document) that no plan names any more goes (with its PART_OF), instead of lingering with `plans: []`.
MATCH (n:Place|Agency|Theme|Document)
WHERE size(n.plans) = 0
DETACH DELETE n
RETURN count(*) AS deleted
