"""The typed records a store answers with, which the API serves as they are.

Both stores (graph/memory.py, graph/neo4j_store.py) build these from the nodes and
relationships they hold, and api/models.py re-exports them as the response models, so the
JSON contract, the store protocol and the graph schema (graph/schema.py) are one
declaration: a record's fields named like its label's properties are read from the node
(`NodeRecord.of`), those named like its relationship's properties from the link, and the
rest (counts, nested records) are given by the store. tests/test_records.py checks that
every such field is a declared property.

Key order in the JSON is the field order here, whichever store built the record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar, Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from plankg.graph.schema import (
    EDGE_PROPERTIES,
    NODE_PROPERTIES,
    AgencyKind,
    AgencyLevel,
    Basis,
    Comparator,
    FoundBy,
    IndicatorKind,
    IndicatorNature,
    IndicatorScope,
    Label,
    PlaceKind,
    RegionLevel,
    Rel,
    Role,
    TaskLevel,
)

T = TypeVar("T")


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """Which slice of a list answer to give: `limit` items from `offset`."""

    limit: int = 50
    offset: int = 0

    def slice(self, items: Sequence[T]) -> list[T]:
        return list(items[self.offset : self.offset + self.limit])


ALL = Window(limit=1_000_000_000)  # every item: for callers that want a whole list


class Page(Out, Generic[T]):
    items: list[T]
    total: int = Field(description="items matching, across all pages")
    limit: int
    offset: int

    @classmethod
    def of(cls, items: Sequence[Any], window: Window, total: int | None = None) -> Page:
        """The window's slice of `items` (all matches), or `items` already sliced when
        `total` is given (a store that paged in its database)."""
        page = window.slice(items) if total is None else list(items)
        return cls.model_construct(
            items=page,
            total=len(items) if total is None else total,
            limit=window.limit,
            offset=window.offset,
        )


# -- pieces --------------------------------------------------------------------------------


class SpanOut(Out):
    start: int
    end: int

    @classmethod
    def of(cls, properties: Mapping[str, Any], prefix: str = "span") -> SpanOut:
        return cls.model_validate(cls.values(properties, prefix))

    @staticmethod
    def values(properties: Mapping[str, Any], prefix: str = "span") -> dict[str, Any]:
        return {"start": properties[f"{prefix}_start"], "end": properties[f"{prefix}_end"]}


class Evidence(Out):
    evidence: str = Field(description="the sentence the link was read from, verbatim")
    span: SpanOut = Field(description="the sentence's character offsets in the plan text")
    match_span: SpanOut = Field(description="the words in it that made the link")


# -- records read from a node (and, for links, its relationship) --------------------------


class NodeRecord(Out):
    """A record of one node: `id` and its fields named like the label's properties come from
    the node; with `rel`, fields named like that relationship's properties come from the link
    (they win over a node property of the same name: a related task's `keywords` are the
    shared ones); an Evidence record takes its sentence and spans from the link."""

    label: ClassVar[Label]
    rel: ClassVar[Rel | None] = None

    @classmethod
    def of(
        cls, node: Mapping[str, Any], link: Mapping[str, Any] | None = None, **given: Any
    ) -> Self:
        """From a node's properties (absent ones read as None: Neo4j stores no null)."""
        return cls.model_validate(cls.values(node, link, **given))

    @classmethod
    def values(
        cls, node: Mapping[str, Any], link: Mapping[str, Any] | None = None, **given: Any
    ) -> dict[str, Any]:
        """What `of` validates, as plain values. A record with many nested ones (a task's
        places, agencies, themes) is cheaper built from their values in one model_validate
        than from one model_validate each: pydantic-core builds the nested records itself."""
        fields = _node_fields(cls)
        values = dict(zip(fields, map(node.get, fields), strict=True))
        if link is not None:
            fields = _link_fields(cls)
            values.update(zip(fields, map(link.get, fields), strict=True))
            if issubclass(cls, Evidence):
                values.update(
                    evidence=link["evidence"],
                    span=SpanOut.values(link),
                    match_span=SpanOut.values(link, "match"),
                )
        return values | given if given else values


@cache
def _node_fields(cls: type[NodeRecord]) -> tuple[str, ...]:
    declared = {"id", *NODE_PROPERTIES[cls.label]}
    return tuple(name for name in cls.model_fields if name in declared)


@cache
def _link_fields(cls: type[NodeRecord]) -> tuple[str, ...]:
    declared = set(EDGE_PROPERTIES[cls.rel]) - {"evidence", *_SPANS} if cls.rel else set()
    return tuple(name for name in cls.model_fields if name in declared)


_SPANS = ("span_start", "span_end", "match_start", "match_end")


class PlanOut(NodeRecord):
    label = Label.PLAN

    id: str
    title: str
    title_en: str | None
    region: str
    region_level: RegionLevel | None = Field(description="null: the text names no region")
    period_start: int | None
    period_end: int | None
    published: str | None = Field(description="ISO date (a Cypher date in Neo4j)")
    source: str
    sha256: str
    task_level: TaskLevel = Field(description="the numbering read as tasks; '' for none")
    chapters: int
    goals: int
    tasks: int
    indicators: int


class TaskRef(NodeRecord):
    label = Label.TASK

    id: str
    plan: str
    number: int
    number_label: str = Field(
        description="the number as written: 27. （三） 14.6.3; '' if unnumbered"
    )
    title: str
    title_en: str | None
    chapter: int


class GoalRef(NodeRecord):
    label = Label.GOAL

    id: str
    plan: str
    number: int
    title: str
    title_en: str | None
    year: int | None


class ChapterOut(NodeRecord):
    label = Label.CHAPTER

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


class IndicatorOut(NodeRecord):
    label = Label.INDICATOR

    id: str
    plan: str
    name: str
    value: float
    value_max: float | None = Field(description="the upper end of a range (1~2所)")
    unit: str = Field(description="'' for a unit-less target (in the graph: no unit property)")
    comparator: Comparator
    year: int | None
    kind: IndicatorKind
    nature: IndicatorNature | None = Field(
        description="约束性 (binding) or 预期性 (expected), where an indicator table says"
    )
    scope: IndicatorScope
    scope_number: int
    evidence: str
    span: SpanOut
    basis: Basis | None = Field(
        None, description="reviewed: a person confirmed or corrected it; null: as read"
    )
    correction: str | None = Field(None, description="the correction behind it, or null")

    @classmethod
    def values(cls, node: Mapping[str, Any], link=None, **given: Any) -> dict[str, Any]:
        # The target's own sentence is its evidence; the API keeps '' for no unit.
        return super().values(
            node,
            unit=node.get("unit") or "",
            evidence=node["text"],
            span=SpanOut.values(node),
            **given,
        )


class PlaceRef(NodeRecord):
    label = Label.PLACE

    id: str
    name: str
    name_en: str
    kind: PlaceKind
    remote: bool


class PlaceMention(PlaceRef, Evidence):
    rel = Rel.MENTIONS

    surface: str = Field(description="the form in the text: 岱山, 舟岱大桥, 融沪接甬 …")
    basis: Basis | None = Field(
        None, description="reviewed: a person confirmed or added it; null: as read"
    )
    correction: str | None = Field(None, description="the correction behind it, or null")


class AgencyRef(NodeRecord):
    label = Label.AGENCY

    id: str
    name: str
    short_name: str
    name_en: str


class AgencyLink(AgencyRef, Evidence):
    rel = Rel.RESPONSIBLE_FOR

    role: Role
    basis: Basis
    score: float
    terms: list[str]
    correction: str | None = Field(
        None, description="the correction that confirmed or added it, or null"
    )


class ThemeRef(NodeRecord):
    label = Label.THEME

    id: str
    name: str
    name_en: str


class ThemeLinkOut(ThemeRef, Evidence):
    rel = Rel.ABOUT

    score: float
    terms: list[str]
    basis: Basis | None = Field(
        None, description="reviewed: a person confirmed or added it; null: as read"
    )
    correction: str | None = Field(None, description="the correction behind it, or null")


class RelatedTask(TaskRef):
    rel = Rel.RELATED_TO

    score: float
    places: list[str]
    themes: list[str]
    keywords: list[str]


class TaskDetail(TaskRef):
    text: str
    keywords: list[str]
    span: SpanOut
    gaps: list[int] = Field(
        description="plan-text offsets of the characters `text` leaves out (line breaks "
        "inside a paragraph of a hard-wrapped PDF): a link's plan offset o is offset "
        "o - span.start - (gaps before o) of `text`; [] for most plans"
    )
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


class PlaceOut(NodeRecord):
    label = Label.PLACE

    id: str
    name: str
    name_en: str
    kind: PlaceKind
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
    level: AgencyLevel
    kind: AgencyKind
    leads: int = Field(description="tasks it leads in the plan (stated and inferred)")
    partners: int = Field(description="tasks it partners in (stated and inferred)")
    leads_stated: int = Field(
        description="leads a clause or the task's text names (explicit), or a planner reviewed"
    )
    leads_inferred: int = Field(description="leads inferred from its remit terms")
    partners_stated: int = Field(
        description="partners a clause or the task's text names, or a planner reviewed"
    )
    partners_inferred: int = Field(description="partners inferred from its remit terms")


class AgencyTask(TaskRef, Evidence):
    rel = Rel.RESPONSIBLE_FOR

    role: Role
    basis: Basis
    score: float
    terms: list[str]
    correction: str | None = Field(
        None, description="the correction that confirmed or added it, or null"
    )


class ThemeOut(ThemeRef):
    terms: list[str]
    tasks: int


class ThemeTask(TaskRef, Evidence):
    rel = Rel.ABOUT

    score: float
    terms: list[str]
    basis: Basis | None = Field(
        None, description="reviewed: a person confirmed or added it; null: as read"
    )
    correction: str | None = Field(None, description="the correction behind it, or null")


# -- the responsibility table (任务分工表): graph/responsibilities.py builds its rows ------


class Duty(NodeRecord):
    """One body's part in a task: how it was found and its quote (flat spans, as a table
    cell carries them)."""

    label = Label.AGENCY
    rel = Rel.RESPONSIBLE_FOR

    agency: str = Field(description="the agency's id")
    name: str
    basis: Basis
    found_by: FoundBy = Field(
        description="clause: a responsibility clause names it; text: the task's prose "
        "names it; inferred: from the agencies' remits"
    )
    clause_word: str | None = Field(
        description="the clause's word as written (牵头, 配合, 负责, 牵头考核单位, 责任单位 …); "
        "null when not from a clause"
    )
    evidence: str = Field(description="the clause, or the sentence it was read from")
    span_start: int
    span_end: int
    score: float
    terms: list[str]
    correction: str | None = Field(
        None, description="the correction that confirmed or added it, or null"
    )

    @classmethod
    def values(cls, node: Mapping[str, Any], link=None, **given: Any) -> dict[str, Any]:
        assert link is not None  # a duty is a link
        return super().values(
            node,
            link,
            agency=node["id"],
            evidence=link["evidence"],
            span_start=link["span_start"],
            span_end=link["span_end"],
            **given,
        )


class TaskTarget(NodeRecord):
    """A target the task states (an Indicator of the task)."""

    label = Label.INDICATOR

    name: str
    value: float
    value_max: float | None
    unit: str = Field(description="'' for a unit-less target, as /indicators")
    comparator: Comparator
    year: int | None

    @classmethod
    def values(cls, node: Mapping[str, Any], link=None, **given: Any) -> dict[str, Any]:
        return super().values(node, unit=node.get("unit") or "", **given)


class ResponsibilityRow(NodeRecord):
    """One task of the responsibility table (任务分工表)."""

    label = Label.TASK

    plan: str
    plan_title: str
    task: int = Field(description="the task's number")
    number_label: str = Field(description="the number as written: 27. （三） 14.6.3")
    title: str
    chapter: int
    chapter_title: str
    leads: list[Duty] = Field(description="clause first, then text, then inferred")
    partners: list[Duty]
    targets: list[TaskTarget]


class FamilyOut(NodeRecord):
    """An indicator family (data/indicator_families.yaml) with its targets in the plans
    asked about."""

    label = Label.FAMILY

    key: str
    name: str
    name_en: str
    dimension: str = Field(description="percent, money, count …: what its units measure")
    unit: str = Field(description="the unit its targets convert to; '' for a ratio")
    source: str = Field(
        description="where the canonical name comes from: plan-14 (the national 14th "
        "five-year plan's main indicators), nbs (the statistical bureau) …"
    )
    targets: int = Field(description="targets in the family, in the plans asked about")
    plans: int = Field(description="plans with a target in the family")


class FamilyTarget(NodeRecord):
    """One target of a family, in one plan: as the plan states it, and converted to the
    family's unit (null where its unit does not convert: 个百分点 to %, 美元 to 元)."""

    label = Label.INDICATOR

    plan: str
    plan_title: str
    region: str
    indicator: int = Field(description="the Indicator's number in its plan")
    name: str
    value: float
    value_max: float | None
    unit: str = Field(description="as stated; '' for a unit-less target")
    value_converted: float | None
    value_max_converted: float | None
    unit_converted: str | None = Field(description="the family's unit; null: no conversion")
    comparator: Comparator
    year: int | None
    kind: IndicatorKind
    task: int | None = Field(description="the task stating it; null for a goal's target")
    task_label: str | None = Field(description="that task's number as written")
    goal: int | None
    evidence: str
    span_start: int
    span_end: int
    score: float
    terms: list[str] = Field(description="the family's words found in the name or clause")

    @classmethod
    def values(cls, node: Mapping[str, Any], link=None, **given: Any) -> dict[str, Any]:
        """From the Indicator's properties, the IN_FAMILY link's (`link`, read here: its
        value and unit are the converted ones), the plan's title and region and the task's
        label (given)."""
        scope, number = node["scope"], node["scope_number"]
        return super().values(
            node,
            indicator=node["number"],
            unit=node.get("unit") or "",
            value_converted=link.get("value"),
            value_max_converted=link.get("value_max"),
            unit_converted=link.get("unit"),
            task=number if scope == "task" else None,
            goal=number if scope == "goal" else None,
            evidence=node["text"],
            score=link["score"],
            terms=link["terms"],
            **given,
        )


class SearchDoc(TaskRef):
    """What /search ranks: a task's ref with its text and where the text starts in the plan
    (a store's answer, not served as such)."""

    text: str
    start: int


# -- citations: what a plan cites, who cites it --------------------------------------------
# Built from the plain properties both stores read (a Document, a CITES link, the plan a
# SAME_AS names), by these constructors, so the two stores cannot shape them apart.


def _same(same: Mapping[str, Any] | None) -> dict[str, Any]:
    return {"plan": same["id"] if same else None, "plan_title": same["title"] if same else None}


class Citation(Out):
    document: str = Field(description="the cited document's key: /documents/{key}")
    title: str = Field(description="as this plan writes it, without 《》")
    kind: str | None = Field(description="法律, 条例, 规划, 纲要, 方案, 意见, 通知, 办法 …; null")
    verb: str | None = Field(description="the verb introducing it: 根据, 落实, 贯彻 …; null")
    evidence: str = Field(description="the sentence naming it, verbatim")
    span_start: int
    span_end: int
    count: int = Field(description="how often the plan names it")
    plan: str | None = Field(description="the loaded plan this document is (SAME_AS), or null")
    plan_title: str | None

    @classmethod
    def of(cls, document: Mapping, link: Mapping, same: Mapping | None) -> Citation:
        return cls.model_validate(
            {
                "document": document["key"],
                "title": link["surface"],
                "kind": document.get("kind"),
                "verb": link.get("verb"),
                "evidence": link["evidence"],
                "span_start": link["span_start"],
                "span_end": link["span_end"],
                "count": link["count"],
                **_same(same),
            }
        )


class CitingPlan(Out):
    plan: str
    title: str
    region: str
    document: str = Field(description="the key of the document it cites")
    verb: str | None
    evidence: str = Field(description="the citing plan's sentence, verbatim")
    span_start: int = Field(description="offsets in the citing plan's text")
    span_end: int

    @classmethod
    def of(cls, plan: Mapping, document: str, link: Mapping) -> CitingPlan:
        return cls.model_validate(
            {
                "plan": plan["id"],
                "title": plan["title"],
                "region": plan["region"],
                "document": document,
                "verb": link.get("verb"),
                "evidence": link["evidence"],
                "span_start": link["span_start"],
                "span_end": link["span_end"],
            }
        )


class DocumentOut(Out):
    key: str
    title: str = Field(description="as the first plan loaded with it writes it")
    kind: str | None
    cited_by: int = Field(description="loaded plans citing it")
    plan: str | None = Field(description="the loaded plan this document is (SAME_AS), or null")

    @classmethod
    def values(cls, document: Mapping, same: Mapping | None) -> dict[str, Any]:
        return {
            "key": document["key"],
            "title": document["title"],
            "kind": document.get("kind"),
            "cited_by": len(document["plans"]),
            "plan": same["id"] if same else None,
        }

    @classmethod
    def of(cls, document: Mapping, same: Mapping | None) -> DocumentOut:
        return cls.model_validate(cls.values(document, same))


class DocumentDetail(DocumentOut):
    citing: list[CitingPlan] = Field(description="the plans citing it, by id")

    @classmethod
    def detail(
        cls, document: Mapping, same: Mapping | None, citing: list[CitingPlan]
    ) -> DocumentDetail:
        return cls.model_validate(cls.values(document, same) | {"citing": citing})


# -- filters of the list questions ---------------------------------------------------------


@dataclass(frozen=True)
class TaskFilter:
    """Filters of /tasks; they combine, None is no filter. `place`, `agency` and `theme` are
    ids; `q` a case-insensitive substring of the title, English title or text."""

    chapter: int | None = None
    place: str | None = None
    agency: str | None = None
    theme: str | None = None
    q: str | None = None


@dataclass(frozen=True)
class IndicatorFilter:
    """Filters of /indicators; None is no filter. `name` is a substring of the target's
    name, `q` of its name or evidence sentence."""

    task: int | None = None
    goal: int | None = None
    year: int | None = None
    unit: str | None = None
    name: str | None = None
    q: str | None = None

    def admits(self, i: IndicatorOut) -> bool:
        return (
            (self.task is None or (i.scope, i.scope_number) == ("task", self.task))
            and (self.goal is None or (i.scope, i.scope_number) == ("goal", self.goal))
            and (self.year is None or i.year == self.year)
            and (self.unit is None or i.unit == self.unit)
            and (self.name is None or self.name in i.name)
            and (self.q is None or self.q in i.name or self.q in i.evidence)
        )


NO_TASK_FILTER = TaskFilter()
NO_INDICATOR_FILTER = IndicatorFilter()


# -- the graph as nodes and edges ----------------------------------------------------------


@dataclass(frozen=True)
class FoundNode:
    """A node met by a walk: its label, its properties (in the schema's order) and how many
    hops from the focus."""

    id: str
    label: str
    properties: dict[str, Any]
    distance: int


@dataclass(frozen=True)
class FoundEdge:
    source: str
    target: str
    type: str
    properties: dict[str, Any]


# -- tables people filter (issue 22, point 5): graph/tables.py builds their rows -----------
# Rows of a table view, computed from the store's other answers (not read from one node).


class TableRef(Out):
    """A place, agency or theme in a table cell: its id and names."""

    id: str
    name: str
    name_en: str | None


class TaskTableRow(Out):
    number: int
    number_label: str = Field(description="the number as written: 27. （三） 14.6.3")
    title: str
    title_en: str | None
    chapter: int
    chapter_title: str
    themes: list[TableRef]
    places: list[TableRef]
    leads: list[TableRef] = Field(description="stated leads: a clause or the text names them")
    leads_inferred: list[TableRef] = Field(description="leads inferred from agencies' remits")
    partners: list[TableRef] = Field(description="every partner, stated or inferred")
    targets: int = Field(description="targets the task states")
    has_target: bool


class PlaceTableRow(Out):
    id: str
    name: str
    name_en: str
    kind: PlaceKind
    parent: TableRef | None = Field(description="the place containing it, if any")
    remote: bool
    tasks: int = Field(
        description="tasks naming it that pass the filters (without filters: its page's count)"
    )
    chapters: list[int] = Field(description="the chapters of those tasks")


class AgencyTableRow(Out):
    id: str
    name: str
    name_en: str
    short_name: str
    kind: AgencyKind
    level: AgencyLevel
    leads_stated: int = Field(description="tasks passing the filters it leads, stated so")
    leads_inferred: int = Field(description="tasks passing the filters it leads, inferred")
    partners: int = Field(description="tasks passing the filters it partners in")


class TargetTableRow(Out):
    number: int = Field(description="the target's number in its plan")
    name: str
    value: float
    value_max: float | None
    unit: str = Field(description="'' for a unit-less target")
    comparator: Comparator
    year: int | None
    kind: IndicatorKind
    task: int | None = Field(description="the task stating it; null for a goal's target")
    task_label: str | None = Field(description="that task's number as written")
    goal: int | None = Field(description="the goal stating it; null for a task's target")
    chapter: int


class FacetValue(Out):
    value: str = Field(description="what the filter takes: ?<facet>=<value>")
    label: str
    label_en: str | None
    count: int = Field(description="rows with this value, under every other facet's filter")


class TablePage(Page[T], Generic[T]):
    facets: dict[str, list[FacetValue]] = Field(
        description="per facet, its values with counts over the filtered rows (the facet's "
        "own filter left out, so its other values stay in view)"
    )
