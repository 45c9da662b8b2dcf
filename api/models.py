"""Response models: the JSON contract of the REST API (rendered at /openapi.json).

Every list is a Page: {items, total, limit, offset}. Every link carries the sentence it
was read from (`evidence`) and where that sentence sits in the plan text (`span`).

What a store answers (plans, chapters, tasks, targets, places, agencies, themes and their
links) is served as the store's own records, declared once in graph/records.py and
re-exported here; the models below are the API's own (health, search hits, the drawing).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from plankg.graph.records import (  # noqa: F401 (re-exported: the response models)
    AgencyLink,
    AgencyOut,
    AgencyRef,
    AgencyTask,
    ChapterDetail,
    ChapterOut,
    Citation,
    CitingPlan,
    DocumentDetail,
    DocumentOut,
    Evidence,
    FamilyOut,
    FamilyTarget,
    GoalDetail,
    GoalRef,
    IndicatorOut,
    Out,
    Page,
    PlaceDetail,
    PlaceMention,
    PlaceOut,
    PlaceRef,
    PlaceTask,
    PlanOut,
    RelatedTask,
    ResponsibilityRow,
    SpanOut,
    TaskDetail,
    TaskRef,
    ThemeLinkOut,
    ThemeOut,
    ThemeRef,
    ThemeTask,
)


class Health(Out):
    status: Literal["ok", "unavailable"]
    backend: Literal["memory", "neo4j"]
    plans: int
    tasks: int
    indicators: int
    places: int
    agencies: int
    detail: str | None = Field(None, description="why the store is unavailable")


class Highlight(Out):
    sentence: str
    span: SpanOut
    marked: str = Field(description="the sentence with matches wrapped in <mark>…</mark>")


class SearchHit(TaskRef):
    plan_title: str = Field(description="the title of the task's plan")
    score: float
    match: Literal["entity", "phrase", "words"] = Field(
        description="entity: a task of the place, agency or theme the query names (as its "
        "page lists them); phrase: holds the query as written; words: found only by the "
        "query's sub-words or synonyms (a wider, lower group, after the others)"
    )
    matched: list[str] = Field(description="the query terms found in the task")
    highlights: list[Highlight]


class SearchEntity(Out):
    kind: Literal["place", "agency", "theme"]
    id: str
    name: str
    name_en: str
    tasks: int = Field(description="its tasks in the plans searched: as many as its page lists")


class SearchGroups(Out):
    entity: int
    phrase: int
    words: int


class SearchPage(Page[SearchHit]):
    query: str
    terms: list[str] = Field(description="what the query was read as (after segmentation)")
    entity: SearchEntity | None = Field(
        description="the place, agency or theme the whole query names, or null"
    )
    groups: SearchGroups = Field(description="how many hits each `match` group holds")


class GraphNode(Out):
    id: str
    type: str = Field(description="the node label: Plan, Chapter, Task, Place …")
    label: str = Field(description="display name in the chosen language")
    properties: dict


class GraphEdge(Out):
    id: str
    source: str
    target: str
    type: str
    properties: dict


class GraphOut(Out):
    focus: str
    depth: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class Problem(Out):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
