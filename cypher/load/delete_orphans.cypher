// `plankg load --replace`, after the new version is written: a place, agency, theme, cited
// document or indicator family that no plan holds any more goes (with its PART_OF), instead of
// lingering with `plans: []`.
MATCH (n:Place|Agency|Theme|Document|IndicatorFamily)
WHERE size(coalesce(n.held_by, n.plans)) = 0
DETACH DELETE n
RETURN count(*) AS deleted
