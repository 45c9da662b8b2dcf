// A plan's numeric targets in the order the text states them, each with its evidence sentence.
MATCH (i:Indicator {plan: $plan})
RETURN properties(i) AS indicator
ORDER BY i.number
