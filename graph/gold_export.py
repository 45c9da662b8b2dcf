"""A plan's reading as its editors left it, in the corpus gold schema
(../shared/corpus/gold/README.md), so `plankg eval` measures the loader against it:
`plankg corrections export --gold`.

What is written is the store's answer after every correction: the loader's reading, without
the links editors rejected, with the ones they added and the targets as they corrected
them. Leads and partners are the bodies the text names (explicit or reviewed links, as the
words stand in the text), as a gold reading lists a task's clause; inferred ones are left
out. `reviewed` (an extra field, which the scorer ignores) lists the facts a person
reviewed, by fact key, so a reader can tell them from the loader's.
"""

from __future__ import annotations

from typing import Any

from plankg.graph.records import ALL
from plankg.graph.store import GraphStore

# The loader's place kinds as the gold schema names them.
GOLD_PLACE_KIND = {"city": "prefecture", "district": "county", "archipelago": "island"}


def gold_reading(store: GraphStore, plan: str, reviewed: list[str]) -> dict[str, Any]:
    found = store.plan(plan)
    assert found is not None
    text, _ = store.plan_text(plan)
    chapters = {c.number: c.title for c in store.chapters(plan, ALL).items}
    rows = {r.task: r for r in store.responsibilities([plan], ALL).items}
    tasks, places, targets = [], {}, []
    for ref in store.tasks([plan], ALL).items:
        task = store.task(plan, ref.number)
        stated = [a for a in task.agencies if a.basis != "inferred"]
        clause = next(
            (
                d.evidence
                for d in [*rows[ref.number].leads, *rows[ref.number].partners]
                if d.found_by == "clause"
            ),
            None,
        )
        tasks.append(
            {
                "number": task.number,
                "title": task.title,
                "chapter": chapters.get(task.chapter, ""),
                "leads": _bodies(text, stated, "lead"),
                "partners": _bodies(text, stated, "partner"),
                "clause": clause,
            }
        )
        for mention in task.places:
            _add_place(places, mention)
    for number in range(1, found.goals + 1):
        goal = store.goal(plan, number)
        for mention in goal.places if goal else []:
            _add_place(places, mention)
    for indicator in store.indicators([plan], ALL).items:
        targets.append(
            {
                "task": indicator.scope_number if indicator.scope == "task" else None,
                "name": indicator.name,
                "value": indicator.value,
                "value_max": indicator.value_max,
                "unit": indicator.unit,
                "comparator": indicator.comparator,
                "year": indicator.year,
                "quote": indicator.evidence,
            }
        )
    return {
        "title": found.title,
        "region": found.region,
        "level": found.region_level,
        "period": [found.period_start, found.period_end]
        if found.period_start or found.period_end
        else None,
        "chapters": list(chapters.values()),
        "task_level": found.task_level,
        "tasks": tasks,
        "lead_rule": "as read by plankg, with its editors' corrections",
        "places": [
            {"name": name, "also": sorted(also - {name}), "kind": kind}
            for name, (kind, also) in places.items()
        ],
        "targets": targets,
        "not_targets": [],
        "targets_scope": "all",
        "reviewed": reviewed,
        "notes": [
            "Exported by `plankg corrections export --gold` from plankg's reading of the plan "
            f"(sha256 {found.sha256}) with its editors' corrections applied: {len(reviewed)} "
            "reviewed facts (listed in `reviewed`); every other fact is the loader's, unreviewed."
        ],
    }


def _bodies(text: str, links: list, role: str) -> list[str]:
    """The bodies as the text writes them (the words that made each link)."""
    found = []
    for link in links:
        if link.role == role:
            words = text[link.match_span.start : link.match_span.end] or link.name
            if words not in found:
                found.append(words)
    return found


def _add_place(places: dict, mention) -> None:
    kind = GOLD_PLACE_KIND.get(mention.kind, mention.kind)
    _, also = places.setdefault(mention.name, (kind, set()))
    also.add(mention.surface)
