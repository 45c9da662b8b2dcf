"""Response models: the JSON contract of the REST API (rendered at /openapi.json).

Every list is a Page: {items, total, limit, offset}. Every link carries the sentence it
was read from (`evidence`) and where that sentence sits in the plan text (`span`).
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(Out, Generic[T]):
    items: list[T]
    total: int = Field(description="items matching, across all pages")
    limit: int
    offset: int


class Health(Out):
    status: Literal["ok", "unavailable"]
    backend: Literal["memory", "neo4j"]
    plans: int
    tasks: int
    indicators: int
    places: int
    agencies: int
    detail: str | None = Field(None, description="why the store is unavailable")


class SpanOut(Out):
    start: int
    end: int


class Evidence(Out):
    evidence: str = Field(description="the sentence the link was read from, verbatim")
    span: SpanOut = Field(description="the sentence's character offsets in the plan text")
    match_span: SpanOut = Field(description="the words in it that made the link")


class PlanOut(Out):
    id: str
    title: str
    title_en: str | None
    region: str
    region_level: str | None = Field(
        description="national, province, prefecture, city, county or district; null: unknown"
    )
    period_start: int | None
    period_end: int | None
    published: str | None = Field(description="ISO date (a Cypher date in Neo4j)")
    source: str
    sha256: str
    task_level: str = Field(description="the numbering read as tasks: 1. （一） 第X节 …")
    chapters: int
    goals: int
    tasks: int
    indicators: int


class TaskRef(Out):
    id: str
    plan: str
    number: int
    number_label: str = Field(
        description="the number as written: 27. （三） 14.6.3; '' if unnumbered"
    )
    title: str
    title_en: str | None
    chapter: int


class GoalRef(Out):
    id: str
    plan: str
    number: int
    title: str
    title_en: str | None
    year: int | None


class ChapterOut(Out):
    id: str
    plan: str
    number: int
    numeral: str
    title: str
    title_en: str | None
    tasks: int = Field(description="number of tasks in the chapter")
    goals: int


class ChapterDetail(ChapterOut):
    task_list: list[TaskRef]
    goal_list: list[GoalRef]


class IndicatorOut(Out):
    id: str
    plan: str
    name: str
    value: float
    value_max: float | None = Field(description="the upper end of a range (1~2所)")
    unit: str = Field(description="'' for a unit-less target (in the graph: no unit property)")
    comparator: Literal[">=", "<=", ">", "<", "=", "~"]
    year: int | None
    kind: Literal["level", "increment", "cumulative"]
    nature: Literal["binding", "expected"] | None = Field(
        description="约束性 (binding) or 预期性 (expected), where an indicator table says"
    )
    scope: Literal["goal", "task"]
    scope_number: int
    evidence: str
    span: SpanOut


class PlaceRef(Out):
    id: str
    name: str
    name_en: str
    kind: str
    remote: bool


class PlaceMention(PlaceRef, Evidence):
    surface: str = Field(description="the form in the text: 岱山, 舟岱大桥, 融沪接甬 …")


class AgencyRef(Out):
    id: str
    name: str
    short_name: str
    name_en: str


class AgencyLink(AgencyRef, Evidence):
    role: Literal["lead", "partner"]
    basis: Literal["explicit", "inferred"]
    score: float
    terms: list[str]


class ThemeRef(Out):
    id: str
    name: str
    name_en: str


class ThemeLinkOut(ThemeRef, Evidence):
    score: float
    terms: list[str]


class RelatedTask(TaskRef):
    score: float
    places: list[str]
    themes: list[str]
    keywords: list[str]


class TaskDetail(TaskRef):
    text: str
    keywords: list[str]
    span: SpanOut
    chapter_title: str
    places: list[PlaceMention]
    agencies: list[AgencyLink]
    indicators: list[IndicatorOut]
    themes: list[ThemeLinkOut]
    related: list[RelatedTask]


class GoalDetail(GoalRef):
    text: str
    chapter: int
    span: SpanOut
    places: list[PlaceMention]
    indicators: list[IndicatorOut]


class PlaceOut(Out):
    id: str
    name: str
    name_en: str
    kind: str
    adcode: str | None
    remote: bool
    aliases: list[str]
    parent: str | None
    tasks: int = Field(description="tasks of the plan that name this place")


class PlaceDetail(PlaceOut):
    parents: list[PlaceRef] = Field(description="the chain of containing places, nearest first")
    parts: list[PlaceRef] = Field(description="places directly inside this one")


class PlaceTask(TaskRef):
    mentions: list[PlaceMention] = Field(description="the places named, with their sentences")


class AgencyOut(AgencyRef):
    level: str
    kind: str
    leads: int = Field(description="tasks it leads in the plan")
    partners: int


class AgencyTask(TaskRef, Evidence):
    role: Literal["lead", "partner"]
    basis: Literal["explicit", "inferred"]
    score: float
    terms: list[str]


class ThemeOut(ThemeRef):
    terms: list[str]
    tasks: int


class ThemeTask(TaskRef, Evidence):
    score: float
    terms: list[str]


class Highlight(Out):
    sentence: str
    span: SpanOut
    marked: str = Field(description="the sentence with matches wrapped in <mark>…</mark>")


class SearchHit(TaskRef):
    score: float
    matched: list[str] = Field(description="the query terms found in the task")
    highlights: list[Highlight]


class SearchPage(Page[SearchHit]):
    query: str
    terms: list[str] = Field(description="what the query was read as (after segmentation)")


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
