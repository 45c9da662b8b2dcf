// What /search ranks: every task of a plan, in order, with its title, English title and text.
MATCH (t:Task {plan: $plan})
RETURN properties(t) AS task
ORDER BY t.number
