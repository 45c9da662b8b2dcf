// A plan's goals in order (the 2025 goals, then the 2035 vision).
MATCH (g:Goal {plan: $plan})
RETURN properties(g) AS goal
ORDER BY g.number
