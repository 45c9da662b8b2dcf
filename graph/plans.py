"""Plan files -> graphs, one plan at a time, for the embedded store: a plan's text and
records are freed before the next is read, so loading a corpus never holds all of it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from plankg.graph.build import build_graph, check_unique_ids
from plankg.graph.schema import GraphData


def graphs_of(paths: Sequence[Path]) -> Iterator[GraphData]:
    """Each file's graph, in the order given; the first bad file stops (PlanError), and
    two files of one plan id are refused with build_graph's message (ValueError)."""
    from plankg.loaders.plan import load_plan

    seen: dict[str, object] = {}
    for path in paths:
        plan = load_plan(path)
        if plan.id in seen:
            check_unique_ids([seen[plan.id], plan])
        seen[plan.id] = _Source(plan.id, plan.source)
        yield build_graph([plan])


class _Source:
    """What the duplicate-id check needs of a plan already read."""

    def __init__(self, id: str, source: str) -> None:
        self.id, self.source = id, source
