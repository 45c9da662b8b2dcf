"""The GraphStore protocol: what the API asks of a store, whichever backs it.

Every question is answered with the typed records of graph/records.py; a list question
takes a Window (limit, offset) and answers with a Page (the window's items and the total
matching), filtered and paged by the store itself. The embedded store (graph/memory.py) is
the reference, and the Neo4j store must give the same JSON for the same request
(tests/test_parity.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import networkx as nx

from plankg.errors import PlankgError
from plankg.graph.records import (
    NO_INDICATOR_FILTER,
    NO_TASK_FILTER,
    AgencyOut,
    AgencyTask,
    ChapterDetail,
    ChapterOut,
    Citation,
    CitingPlan,
    DocumentDetail,
    DocumentOut,
    FamilyOut,
    FamilyTarget,
    FoundEdge,
    FoundNode,
    GoalDetail,
    GoalRef,
    IndicatorFilter,
    IndicatorOut,
    Page,
    PlaceDetail,
    PlaceOut,
    PlaceTask,
    PlanOut,
    ResponsibilityRow,
    SearchDoc,
    TaskDetail,
    TaskFilter,
    TaskRef,
    ThemeOut,
    ThemeTask,
    Window,
)
from plankg.graph.schema import GraphData


class StoreUnavailable(PlankgError, RuntimeError):
    """The store cannot answer now (e.g. Neo4j is down); the API answers 503."""

    exit_code = 1


class GraphStore(Protocol):
    backend: str
    # Optional attributes, read with getattr (a store without them is still a store):
    # `data_version`: changes whenever the data does, None (or absent) when the data can
    # change underneath (Neo4j); the API keeps rendered answers only when it is not None.
    # `in_memory`: True when every call answers without I/O (no thread needed).

    def load(self, data: GraphData) -> None: ...
    def close(self) -> None: ...
    def counts(self) -> dict[str, int]:
        """Number of nodes per label, every label present (0 when none)."""
        ...

    def plan_ids(self) -> list[str]: ...
    def has_plan(self, plan: str) -> bool: ...
    def default_plan(self) -> str | None:
        """The first plan by id: what a route answers for without ?plan=."""
        ...

    def plans(self, window: Window) -> Page[PlanOut]: ...
    def plan(self, plan: str) -> PlanOut | None: ...
    def chapters(self, plan: str, window: Window) -> Page[ChapterOut]: ...
    def chapter(self, plan: str, number: int) -> ChapterDetail | None: ...
    def goals(self, plan: str, window: Window) -> Page[GoalRef]: ...
    def goal(self, plan: str, number: int) -> GoalDetail | None: ...
    # The cross-plan lists take several plans (plan=*), answered in one query.
    def tasks(
        self, plans: list[str], window: Window, where: TaskFilter = NO_TASK_FILTER
    ) -> Page[TaskRef]: ...
    def task(self, plan: str, number: int) -> TaskDetail | None: ...
    def search_corpus(self, plan: str) -> list[SearchDoc]: ...
    def indicators(
        self, plans: list[str], window: Window, where: IndicatorFilter = NO_INDICATOR_FILTER
    ) -> Page[IndicatorOut]: ...
    def resolve(self, label: str, key: str, plans: Sequence[str] = ()) -> str | None:
        """The id of the place, agency or theme with this id or name, or None; a name that
        several fit (市财政局 of every city) goes to one that `plans` name."""
        ...

    def places(self, plan: str, window: Window, remote: bool | None = None) -> Page[PlaceOut]: ...
    def place(self, plan: str, place_id: str) -> PlaceDetail | None: ...
    def place_tasks(
        self, plans: list[str], place_id: str, window: Window, include_parts: bool = False
    ) -> Page[PlaceTask]: ...
    def agencies(self, plan: str, window: Window) -> Page[AgencyOut]: ...
    def agency(self, plan: str, agency_id: str) -> AgencyOut | None: ...
    def agency_tasks(
        self, plans: list[str], agency_id: str, window: Window, role: str | None = None
    ) -> Page[AgencyTask]: ...
    def responsibilities(
        self, plans: list[str], window: Window, agency: str | None = None
    ) -> Page[ResponsibilityRow]:
        """The responsibility table (任务分工表): the plans' tasks in order, each with its
        leads, partners and targets (graph/responsibilities.py); with `agency`, only the
        tasks that agency leads or partners in."""
        ...

    def themes(self, plan: str, window: Window) -> Page[ThemeOut]: ...
    def theme(self, plan: str, theme_id: str) -> ThemeOut | None: ...
    def theme_tasks(self, plans: list[str], theme_id: str, window: Window) -> Page[ThemeTask]: ...
    # Citations (Plan -CITES-> Document -SAME_AS-> Plan).
    def citations(self, plan: str, window: Window) -> Page[Citation]:
        """What the plan cites, in the order of its evidence sentences."""
        ...

    def cited_by(self, plan: str, window: Window) -> Page[CitingPlan]:
        """The loaded plans citing this plan (a document SAME_AS it), by citing plan id."""
        ...

    def documents(self, window: Window, q: str | None = None) -> Page[DocumentOut]:
        """Cited documents, most cited first, then by key; `q` a case-insensitive substring
        of the key or title."""
        ...

    def document(self, key: str) -> DocumentDetail | None: ...

    # Indicator families: `plans` None is every plan (the cheap way to ask for all of them).
    def families(self, plans: list[str] | None, window: Window) -> Page[FamilyOut]:
        """The families with a target in the plans, by key."""
        ...

    def family_targets(
        self, key: str, plans: list[str] | None, window: Window
    ) -> Page[FamilyTarget] | None:
        """The family's targets in the plans, by plan then the target's number; None when
        no family has that key."""
        ...

    def neighbourhood(
        self, focus: str, depth: int, limit: int | None = None
    ) -> tuple[list[FoundNode], list[FoundEdge]]:
        """Nodes within `depth` hops of `focus`, and the edges among them. With `limit`, a
        store may stop once it has met more than `limit` nodes (the API refuses those)."""
        ...

    def export(self, plan: str | None = None) -> nx.MultiDiGraph:
        """The plan's nodes and the edges among them (the whole graph without a plan)."""
        ...
