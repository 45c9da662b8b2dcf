"""How often the remit inference names the lead that a plan's own clause names.

For every task with a responsibility clause, the clauses are blanked out and the lead is
inferred from the rest of the task's text, as for a plan without clauses; it agrees when
it is of the kind of one of the clause's leads (the kind, since the inference can only
name a kind of body: 商务厅, not 合肥海关). On plans the remit terms were not written against, this
is an honest measure of the inference (the Zhoushan remit hints were written against a
hand-written table for that plan, so agreement there says little).
"""

from __future__ import annotations

import math
from collections import Counter

from plankg.loaders.catalogue import plan_catalogue
from plankg.loaders.clauses import find_clauses
from plankg.loaders.clean import fold
from plankg.loaders.link import _task_responsibilities, matchers, read_scope
from plankg.loaders.model import Plan


def inference_agreement(plan: Plan) -> tuple[int, int, list[tuple[int, str, list[str]]]]:
    """(agreeing tasks, tasks with a clause, [(task, inferred lead or None, clause leads)])."""
    cat = plan_catalogue(plan)
    m = matchers(cat)
    folded = fold(plan.text)  # matched as link_plan matches: full-width forms folded
    text = list(folded)
    clause_leads: dict[int, list[str]] = {}
    for task in plan.tasks:
        clauses = find_clauses(folded, task.span.start, task.span.end)
        if not clauses:
            continue
        for clause in clauses:  # blank the clause out: the names in it must not help
            text[clause.start : clause.end] = "　" * (clause.end - clause.start)
        clause_leads[task.number] = [
            r.agency for r in plan.responsibilities if r.task == task.number and r.role == "lead"
        ]
    blanked = "".join(text)
    readings = {t.number: read_scope(blanked, t.span, m) for t in plan.tasks}
    df: Counter[str] = Counter()
    for reading in readings.values():
        df.update({h.surface for s in reading.sentences for h in s.remit})
    n = len(readings)
    weight = {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}
    bodies = dict(m.candidates)
    rows = []
    for number, leads in clause_leads.items():
        reading = readings[number]
        if not reading.sentences:
            continue
        links = _task_responsibilities(number, reading, weight, cat, m, blanked, bodies)
        inferred = next((x.agency for x in links if x.role == "lead"), None)
        rows.append((number, inferred, leads))  # None: nothing behind a lead, no agreement
    kinds = {a.id: a.body_kind for a in plan.agencies} | {a: x.body_kind for a, x in bodies.items()}
    agree = sum(
        inferred is not None
        and kinds[inferred] is not None
        and kinds[inferred] in {kinds[a] for a in leads}
        for _, inferred, leads in rows
    )
    return agree, len(rows), rows
