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
        _bound_region_caches()


# Regions whose catalogue and matchers stay cached while a corpus is read: a corpus of
# one region reads them once; one of a thousand regions would otherwise keep a thousand
# (about 3 MB each) until the process ends.
KEEP_REGIONS = 8


def _bound_region_caches() -> None:
    """Forget the loaders' per-region catalogues and matchers when more than KEEP_REGIONS
    are cached (they are rebuilt, the same, when a region comes again)."""
    from plankg.loaders.catalogue import catalogue_for
    from plankg.loaders.link import forget_regions

    if catalogue_for.cache_info().currsize > KEEP_REGIONS:
        forget_regions()


class _Source:
    """What the duplicate-id check needs of a plan already read."""

    def __init__(self, id: str, source: str) -> None:
        self.id, self.source = id, source
