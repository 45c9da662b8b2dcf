"""The responsibility table (任务分工表): one row per task, its leads and partners apart,
built here from what either store read, so both answer the same rows in the same order.

A store hands over, per task, the task's properties, its plan's and chapter's titles, its
RESPONSIBLE_FOR links (the agency node and the link's properties) and its targets; the
order inside a cell is fixed here, not by the store: a clause's bodies first, in the order
the clause lists them (so "first listed leads" reads as written), then bodies the task's
prose names, then inferred ones, best score first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from plankg.graph.records import Duty, ResponsibilityRow, TaskTarget

FOUND_ORDER = {"clause": 0, "text": 1, "inferred": 2}

Link = tuple[Mapping[str, Any], Mapping[str, Any]]  # (agency node with its id, link properties)


def _in_order(link: Link) -> tuple:
    agency, r = link
    return (FOUND_ORDER[r["found_by"]], -r["score"], r["match_start"], agency["id"])


def row(
    task: Mapping[str, Any],
    plan_title: str,
    chapter_title: str,
    links: Iterable[Link],
    targets: Iterable[Mapping[str, Any]],
) -> ResponsibilityRow:
    """One task's row. `targets`: the task's Indicator nodes, in their number order."""
    ordered = sorted(links, key=_in_order)
    return ResponsibilityRow.of(
        task,
        plan_title=plan_title,
        task=task["number"],
        chapter_title=chapter_title,
        leads=[Duty.values(a, r) for a, r in ordered if r["role"] == "lead"],
        partners=[Duty.values(a, r) for a, r in ordered if r["role"] == "partner"],
        targets=[TaskTarget.values(i) for i in targets],
    )
