// `plankg load --replace`, after the new version is written: a place, agency, theme, cited
// document or indicator family that no plan names any more goes (with its PART_OF), instead of
// lingering with `plans: []`.
MATCH (n:Place|Agency|Theme|Document|IndicatorFamily)
WHERE size(n.plans) = 0
DETACH DELETE n
RETURN count(*) AS deleted
