"""Tables people filter (issue 22, point 5): a plan's tasks, places, agencies and targets as
rows with Datasette-style facets, built here from what every store already answers (the
responsibility table, the lists of chapters, places, agencies, themes, tasks and targets,
and the plan's graph for which task names which place and theme), so the memory store and
Neo4j give the same rows.

How a filter reads. Every row reaches tasks: a task row its own task, a place the tasks
naming it, an agency the tasks it leads or partners in (each link with its own basis), a
target the task stating it (a goal's target: its goal, which has a chapter and places but
no theme or agency). A row is kept when one task it reaches passes every filter: the values
given for one facet are alternatives (chapter=2&chapter=3), different facets must all hold.
A row's counts (a place's tasks, an agency's leads) count the tasks that pass.

Facet counts: for each facet, over the rows every *other* filter keeps (its own is left
out, as in Datasette's multi-select facets, so a facet's other values stay visible and
picking one more widens the answer), how many rows reach a passing task with each value.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import NoneType, UnionType
from typing import Any, Literal, Union, get_args, get_origin

from plankg.graph.records import (
    ALL,
    AgencyTableRow,
    FacetValue,
    Out,
    PlaceTableRow,
    TablePage,
    TableRef,
    TargetTableRow,
    TaskTableRow,
    Window,
)
from plankg.graph.schema import Label, Rel
from plankg.graph.store import GraphStore

KINDS = ("tasks", "places", "agencies", "targets")
# The facets of each table: a table is not faceted by its own kind (a place by places), and
# a target always has a target.
FACETS: dict[str, tuple[str, ...]] = {
    "tasks": ("chapter", "theme", "place", "agency", "has_target", "basis"),
    "places": ("chapter", "theme", "agency", "has_target", "basis"),
    "agencies": ("chapter", "theme", "place", "has_target", "basis"),
    "targets": ("chapter", "theme", "place", "agency", "basis"),
}
ROWS: dict[str, type[Out]] = {
    "tasks": TaskTableRow,
    "places": PlaceTableRow,
    "agencies": AgencyTableRow,
    "targets": TargetTableRow,
}
# Columns that sort by another: a number as written (3.1.1, （三）) sorts as its number.
SORTS_AS = {"number_label": "number", "chapter_title": "chapter", "task_label": "task"}
# Facets whose values have an order of their own keep it; names go by count, most first.
ORDERED = {"chapter", "has_target", "basis"}
FIXED_LABELS = {
    "has_target": {"true": ("有指标", "with a target"), "false": ("无指标", "without a target")},
    "basis": {
        "stated": ("明确", "stated"),
        "inferred": ("推断", "inferred"),
        "none": ("无牵头单位", "no lead"),
    },
}
# a link's basis, as the filter says it (a planner's reviewed link is stated)
STATED = {"explicit": "stated", "reviewed": "stated", "inferred": "inferred"}

Reach = Mapping[str, frozenset[str]]  # one reached task: facet -> its values (and "role")


class TableError(ValueError):
    """A table request that cannot be answered as asked: an unknown column or facet."""


@dataclass
class Entry:
    """One row before filtering: what it reaches, and how to build it from the reaches that
    pass (a task's or target's row does not depend on them)."""

    reaches: list[Reach]
    build: Callable[[list[Reach]], Out]


@dataclass
class Base:
    """A plan's tables before filtering, and the labels of every facet value."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    labels: dict[str, dict[str, tuple[str, str | None]]] = field(default_factory=dict)


def _values(*items: Any) -> frozenset[str]:
    return frozenset(str(i) for i in items)


def _ref(item: Any) -> TableRef:
    return TableRef(id=item.id, name=item.name, name_en=item.name_en)


@dataclass
class Answers:
    """What the store answered about one plan, as the tables need it."""

    chapters: list[Any]
    places: list[Any]
    agencies: list[Any]
    themes: list[Any]
    rows: list[Any]  # the responsibility table's rows, one per task
    targets: list[Any]
    title_en: dict[int, str | None]
    task_themes: dict[int, list[Any]]  # per task number, in the order of the theme list
    task_places: dict[int, list[Any]]  # per task number, in the order of the place list

    @classmethod
    def of(cls, store: GraphStore, plan: str) -> Answers:
        places = store.places(plan, ALL).items
        themes = store.themes(plan, ALL).items
        rows = store.responsibilities([plan], ALL).items
        about, mentions = _task_links(store, plan)
        return cls(
            chapters=store.chapters(plan, ALL).items,
            places=places,
            agencies=store.agencies(plan, ALL).items,
            themes=themes,
            rows=rows,
            targets=store.indicators([plan], ALL).items,
            title_en={t.number: t.title_en for t in store.tasks([plan], ALL).items},
            task_themes={
                r.task: [x for x in themes if x.id in about.get(r.task, ())] for r in rows
            },
            task_places={
                r.task: [p for p in places if p.id in mentions.get(r.task, ())] for r in rows
            },
        )


def _build(store: GraphStore, plan: str) -> Base:
    got = Answers.of(store, plan)
    base = Base(labels=_labels(got))
    reach_of = {r.task: _task_reach(got, r) for r in got.rows}
    base.entries = {
        "tasks": _task_entries(got, reach_of),
        "places": _place_entries(got, reach_of),
        "agencies": _agency_entries(got, reach_of),
        "targets": _target_entries(store, plan, got, reach_of),
    }
    return base


def _labels(got: Answers) -> dict[str, dict[str, tuple[str, str | None]]]:
    return {
        "chapter": {
            str(c.number): (f"{c.numeral} {c.title}", c.title_en and f"{c.number}. {c.title_en}")
            for c in got.chapters
        },
        "theme": {x.id: (x.name, x.name_en) for x in got.themes},
        "place": {p.id: (p.name, p.name_en) for p in got.places},
        "agency": {a.id: (a.name, a.name_en) for a in got.agencies},
        **FIXED_LABELS,
    }


def _task_reach(got: Answers, r: Any) -> Reach:
    """One task's values of every facet."""
    stated = any(d.basis != "inferred" for d in r.leads)
    return {
        "chapter": _values(r.chapter),
        "theme": _values(*(x.id for x in got.task_themes[r.task])),
        "place": _values(*(p.id for p in got.task_places[r.task])),
        "agency": _values(*(d.agency for d in [*r.leads, *r.partners])),
        "has_target": _values(str(bool(r.targets)).lower()),
        "basis": _values("stated" if stated else "inferred" if r.leads else "none"),
    }


def _task_entries(got: Answers, reach_of: Mapping[int, Reach]) -> list[Entry]:
    name_en = {a.id: a.name_en for a in got.agencies}

    def agencies(duties: Iterable[Any]) -> list[TableRef]:
        return [TableRef(id=d.agency, name=d.name, name_en=name_en.get(d.agency)) for d in duties]

    entries = []
    for r in got.rows:
        row = TaskTableRow(
            number=r.task,
            number_label=r.number_label,
            title=r.title,
            title_en=got.title_en.get(r.task),
            chapter=r.chapter,
            chapter_title=r.chapter_title,
            themes=[_ref(x) for x in got.task_themes[r.task]],
            places=[_ref(p) for p in got.task_places[r.task]],
            leads=agencies(d for d in r.leads if d.basis != "inferred"),
            leads_inferred=agencies(d for d in r.leads if d.basis == "inferred"),
            partners=agencies(r.partners),
            targets=len(r.targets),
            has_target=bool(r.targets),
        )
        entries.append(Entry([reach_of[r.task]], lambda _, row=row: row))
    return entries


def _place_entries(got: Answers, reach_of: Mapping[int, Reach]) -> list[Entry]:
    by_id = {p.id: p for p in got.places}
    naming: dict[str, list[int]] = {}  # place id -> the tasks naming it, in number order
    for number, named in got.task_places.items():
        for place in named:
            naming.setdefault(place.id, []).append(number)

    def place_row(passing: list[Reach], place: Any) -> PlaceTableRow:
        parent = by_id.get(place.parent) if place.parent else None
        return PlaceTableRow(
            id=place.id,
            name=place.name,
            name_en=place.name_en,
            kind=place.kind,
            parent=_ref(parent) if parent else None,
            remote=place.remote,
            tasks=len(passing),
            chapters=sorted({int(c) for r in passing for c in r["chapter"]}),
        )

    return [
        Entry(
            [reach_of[n] for n in naming.get(place.id, ())],
            lambda passing, place=place: place_row(passing, place),
        )
        for place in got.places
    ]


def _agency_entries(got: Answers, reach_of: Mapping[int, Reach]) -> list[Entry]:
    # Each link reaches its task with the link's own basis and role.
    links: dict[str, list[Reach]] = {a.id: [] for a in got.agencies}
    for r in got.rows:
        for role, duties in (("lead", r.leads), ("partner", r.partners)):
            for d in duties:
                reach = {**reach_of[r.task], "basis": _values(STATED[d.basis])}
                links.setdefault(d.agency, []).append(reach | {"role": _values(role)})

    def agency_row(passing: list[Reach], agency: Any) -> AgencyTableRow:
        def count(role: str, basis: str | None = None) -> int:
            return sum(
                1 for r in passing if role in r["role"] and (basis is None or basis in r["basis"])
            )

        return AgencyTableRow(
            id=agency.id,
            name=agency.name,
            name_en=agency.name_en,
            short_name=agency.short_name,
            kind=agency.kind,
            level=agency.level,
            leads_stated=count("lead", "stated"),
            leads_inferred=count("lead", "inferred"),
            partners=count("partner"),
        )

    return [
        Entry(links[a.id], lambda passing, agency=a: agency_row(passing, agency))
        for a in got.agencies
    ]


def _target_entries(
    store: GraphStore, plan: str, got: Answers, reach_of: Mapping[int, Reach]
) -> list[Entry]:
    task_of = {r.task: r for r in got.rows}
    goals: dict[int, Any] = {}
    entries = []
    for t in got.targets:
        task = task_of[t.scope_number] if t.scope == "task" else None  # every task has a row
        if task is not None:
            reach, chapter = reach_of[task.task], task.chapter
        else:
            # A goal's target: its goal's chapter and places; no theme, agency or lead.
            goal = goals.get(t.scope_number) or store.goal(plan, t.scope_number)
            goals[t.scope_number] = goal
            chapter = goal.chapter
            reach = {
                "chapter": _values(chapter),
                "place": _values(*(p.id for p in goal.places)),
                "basis": _values("none"),
            }
        row = TargetTableRow(
            number=int(t.id.rsplit("-", 1)[1]),  # the Indicator's number ends its id
            name=t.name,
            value=t.value,
            value_max=t.value_max,
            unit=t.unit,
            comparator=t.comparator,
            year=t.year,
            kind=t.kind,
            task=task.task if task else None,
            task_label=task.number_label if task else None,
            goal=t.scope_number if t.scope == "goal" else None,
            chapter=chapter,
        )
        entries.append(Entry([reach], lambda _, row=row: row))
    return entries


def _task_links(store: GraphStore, plan: str) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """Per task number, the themes it is ABOUT and the places it MENTIONS, read from the
    plan's graph in one answer: asking each place's and theme's tasks in turn took Neo4j
    4 to 8 seconds a table (a query per place and per theme)."""
    graph = store.export(plan)
    about: dict[int, set[str]] = {}
    mentions: dict[int, set[str]] = {}
    for source, target, rel in graph.edges(keys=True):
        task = graph.nodes[source]
        if task.get("label") != Label.TASK or task.get("plan") != plan:
            continue
        if rel == Rel.ABOUT:
            about.setdefault(task["number"], set()).add(target)
        elif rel == Rel.MENTIONS:
            mentions.setdefault(task["number"], set()).add(target)
    return about, mentions


# The embedded store's data never changes under it (its `data_version` says so): its plans'
# bases are kept, per store, so a click on a facet does not rebuild them. Neo4j's data can
# change underneath (a `plankg load` elsewhere), so its bases are kept for KEPT_FOR seconds:
# as long as Cache-Control lets a client keep an answer, and as the search index keeps its
# own (api/routes/search.py); a correction written through this process drops them at once.
KEPT_FOR = 60.0
_KEPT: weakref.WeakKeyDictionary[Any, dict[tuple, Base]] = weakref.WeakKeyDictionary()
_TIMED: weakref.WeakKeyDictionary[Any, dict[str, tuple[float, Base]]] = weakref.WeakKeyDictionary()


def base_of(store: GraphStore, plan: str) -> Base:
    version = getattr(store, "data_version", None)
    if version is None:
        timed = _TIMED.setdefault(store, {})
        found = timed.get(plan)
        if found is None or time.monotonic() - found[0] > KEPT_FOR:
            found = timed[plan] = (time.monotonic(), _build(store, plan))
        return found[1]
    kept = _KEPT.setdefault(store, {})
    key = (version, plan)
    if key not in kept:
        for stale in [k for k in kept if k[0] != version]:  # the data changed: drop the old
            del kept[stale]
        kept[key] = _build(store, plan)
    return kept[key]


def forget(store: GraphStore, plan: str) -> None:
    """The plan's tables are built again at the next request (after a correction)."""
    _TIMED.get(store, {}).pop(plan, None)


def _passes(reach: Reach, filters: Mapping[str, frozenset[str]], skip: str | None = None) -> bool:
    return all(reach.get(f, frozenset()) & wanted for f, wanted in filters.items() if f != skip)


def _one_value(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin is Literal:
        return True
    if origin in (Union, UnionType):
        return all(_one_value(a) for a in get_args(annotation))
    return annotation in (int, str, float, bool, NoneType)


def sortable(kind: str) -> list[str]:
    """The columns a table sorts by: those holding one plain value (not a list or a name)."""
    return [name for name, info in ROWS[kind].model_fields.items() if _one_value(info.annotation)]


def _sorted(items: list[Out], column: str | None, descending: bool) -> list[Out]:
    if column is None:
        return list(reversed(items)) if descending else items
    key = SORTS_AS.get(column, column)
    present = [i for i in items if getattr(i, key) is not None]
    absent = [i for i in items if getattr(i, key) is None]  # last, whichever the order
    present.sort(key=lambda i: getattr(i, key), reverse=descending)  # stable: ties keep order
    return present + absent


def table(
    store: GraphStore,
    plan: str,
    kind: str,
    filters: Mapping[str, Iterable[str]],
    window: Window,
    sort: str | None = None,
    descending: bool = False,
) -> TablePage:
    """One page of a table, its facets counted over every filtered row (see the module)."""
    allowed = FACETS[kind]
    wanted = {f: frozenset(v) for f, v in filters.items() if v}
    for name in wanted:
        if name not in allowed:
            raise TableError(f"the {kind} table has no facet {name!r}: {', '.join(allowed)}")
    if sort is not None and sort not in sortable(kind):
        raise TableError(f"the {kind} table cannot sort by {sort!r}: {', '.join(sortable(kind))}")
    base = base_of(store, plan)
    entries = base.entries[kind]
    rows = []
    for entry in entries:
        passing = [r for r in entry.reaches if _passes(r, wanted)]
        if passing or (not wanted and not entry.reaches):
            rows.append(entry.build(passing))
    rows = _sorted(rows, sort, descending)
    facets = {f: _facet(f, entries, wanted, base.labels.get(f, {})) for f in allowed}
    return TablePage[ROWS[kind]].model_construct(
        items=window.slice(rows),
        total=len(rows),
        limit=window.limit,
        offset=window.offset,
        facets=facets,
    )


def _facet(
    name: str,
    entries: Sequence[Entry],
    wanted: Mapping[str, frozenset[str]],
    labels: Mapping[str, tuple[str, str | None]],
) -> list[FacetValue]:
    counts: dict[str, int] = {}
    for entry in entries:
        seen: set[str] = set()
        for r in entry.reaches:
            if _passes(r, wanted, skip=name):
                seen |= r.get(name, frozenset())
        for value in seen:
            counts[value] = counts.get(value, 0) + 1
    for value in wanted.get(name, ()):  # a chosen value stays visible at 0
        counts.setdefault(value, 0)
    order = list(labels)
    values = sorted(counts, key=lambda v: order.index(v) if v in order else len(order))
    if name not in ORDERED:
        values.sort(key=lambda v: -counts[v])
    return [
        FacetValue(
            value=v,
            label=labels.get(v, (v, None))[0],
            label_en=labels.get(v, (v, None))[1],
            count=counts[v],
        )
        for v in values
    ]
