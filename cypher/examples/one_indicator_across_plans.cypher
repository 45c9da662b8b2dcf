// One indicator across plans: every loaded plan's targets of an indicator family (here the
// urbanisation rate), as each plan states them and converted to the family's unit, with the
// sentence stating them, by year. Another family: change the first line (GET /families, or
// MATCH (f:IndicatorFamily) RETURN f.key, f.name, lists them).
WITH 'urbanisation-rate' AS family
MATCH (f:IndicatorFamily {key: family})<-[r:IN_FAMILY]-(i:Indicator)
MATCH (p:Plan {id: i.plan})
RETURN p.region AS region, i.year AS year, i.comparator AS comparator, i.value AS value,
  i.unit AS unit, r.value AS converted, r.unit AS family_unit, i.text AS sentence
ORDER BY year, region, i.number
