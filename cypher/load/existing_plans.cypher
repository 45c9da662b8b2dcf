// `plankg load` without --replace: which of $plans the database already holds nodes of (the
// Plan, or any Chapter, Goal, Task or Indicator whose `plan` it is; each lookup an index).
// Their nodes are MERGEd as before; the others' are CREATEd (load/new_*.cypher).
UNWIND $plans AS plan
WITH plan
WHERE EXISTS { MATCH (:Plan {id: plan}) }
   OR EXISTS { MATCH (:Chapter {plan: plan}) }
   OR EXISTS { MATCH (:Goal {plan: plan}) }
   OR EXISTS { MATCH (:Task {plan: plan}) }
   OR EXISTS { MATCH (:Indicator {plan: plan}) }
RETURN collect(plan) AS existing
