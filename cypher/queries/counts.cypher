// How many nodes of each label the database holds (/health). Counts by label come from the
// count store, so this stays instant however large the graph.
RETURN
  COUNT { (:Plan) } AS Plan,
  COUNT { (:Chapter) } AS Chapter,
  COUNT { (:Goal) } AS Goal,
  COUNT { (:Task) } AS Task,
  COUNT { (:Indicator) } AS Indicator,
  COUNT { (:Place) } AS Place,
  COUNT { (:Agency) } AS Agency,
  COUNT { (:Theme) } AS Theme,
  COUNT { (:Document) } AS Document,
  COUNT { (:IndicatorFamily) } AS IndicatorFamily
