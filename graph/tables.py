"""Tables people filter (issue 22, point 5): a plan's tasks, places, agencies and targets as
rows with Datasette-style facets, built here from what every store already answers (the
responsibility table, the lists of places, agencies, themes, chapters and targets, and each
place's and theme's tasks), so the memory store and Neo4j give the same rows.

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

import csv
import io
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
STATED = {"explicit": "stated", "inferred": "inferred"}  # a link's basis, as the filter says it
JOIN = "、"

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


def _build(store: GraphStore, plan: str) -> Base:
    base = Base()
    chapters = store.chapters(plan, ALL).items
    places = store.places(plan, ALL).items
    agencies = store.agencies(plan, ALL).items
    themes = store.themes(plan, ALL).items
    rows = store.responsibilities([plan], ALL).items
    targets = store.indicators([plan], ALL).items
    title_en = {t.number: t.title_en for t in store.tasks([plan], ALL).items}
    place_by_id = {p.id: p for p in places}
    agency_by_id = {a.id: a for a in agencies}

    base.labels = {
        "chapter": {
            str(c.number): (f"{c.numeral} {c.title}", c.title_en and f"{c.number}. {c.title_en}")
            for c in chapters
        },
        "theme": {x.id: (x.name, x.name_en) for x in themes},
        "place": {p.id: (p.name, p.name_en) for p in places},
        "agency": {a.id: (a.name, a.name_en) for a in agencies},
        **FIXED_LABELS,
    }

    # Each task's themes and places, in the order of the store's lists of them.
    about, mentions = _task_links(store, plan)
    task_themes = {r.task: [x for x in themes if x.id in about.get(r.task, ())] for r in rows}
    task_places = {r.task: [p for p in places if p.id in mentions.get(r.task, ())] for r in rows}
    tasks_naming: dict[str, list[int]] = {}  # place id -> its tasks, in number order
    for number, named in task_places.items():
        for place in named:
            tasks_naming.setdefault(place.id, []).append(number)

    def agency_ref(duty: Any) -> TableRef:
        found = agency_by_id.get(duty.agency)
        return TableRef(id=duty.agency, name=duty.name, name_en=found.name_en if found else None)

    reach_of: dict[int, dict[str, frozenset[str]]] = {}
    task_entries = []
    for r in rows:
        stated = [d for d in r.leads if d.basis == "explicit"]
        basis = "stated" if stated else "inferred" if r.leads else "none"
        reach = {
            "chapter": _values(r.chapter),
            "theme": _values(*(x.id for x in task_themes[r.task])),
            "place": _values(*(p.id for p in task_places[r.task])),
            "agency": _values(*(d.agency for d in [*r.leads, *r.partners])),
            "has_target": _values(str(bool(r.targets)).lower()),
            "basis": _values(basis),
        }
        reach_of[r.task] = reach
        row = TaskTableRow(
            number=r.task,
            number_label=r.number_label,
            title=r.title,
            title_en=title_en.get(r.task),
            chapter=r.chapter,
            chapter_title=r.chapter_title,
            themes=[_ref(x) for x in task_themes[r.task]],
            places=[_ref(p) for p in task_places[r.task]],
            leads=[agency_ref(d) for d in stated],
            leads_inferred=[agency_ref(d) for d in r.leads if d.basis == "inferred"],
            partners=[agency_ref(d) for d in r.partners],
            targets=len(r.targets),
            has_target=bool(r.targets),
        )
        task_entries.append(Entry([reach], lambda _, row=row: row))
    base.entries["tasks"] = task_entries

    place_entries = []
    for place in places:
        reaches = [reach_of[n] for n in tasks_naming.get(place.id, ())]
        parent = place_by_id.get(place.parent) if place.parent else None

        def place_row(passing: list[Reach], place=place, parent=parent) -> PlaceTableRow:
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

        place_entries.append(Entry(reaches, place_row))
    base.entries["places"] = place_entries

    links: dict[str, list[Reach]] = {a.id: [] for a in agencies}
    for r in rows:
        for role, duties in (("lead", r.leads), ("partner", r.partners)):
            for d in duties:
                reach = reach_of[r.task] | {
                    "basis": _values(STATED[d.basis]),
                    "role": _values(role),
                }
                links.setdefault(d.agency, []).append(reach)
    agency_entries = []
    for agency in agencies:

        def agency_row(passing: list[Reach], agency=agency) -> AgencyTableRow:
            def count(role: str, basis: str | None = None) -> int:
                return sum(
                    1
                    for r in passing
                    if role in r["role"] and (basis is None or basis in r["basis"])
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

        agency_entries.append(Entry(links[agency.id], agency_row))
    base.entries["agencies"] = agency_entries

    label_of = {r.task: r.number_label for r in rows}
    chapter_of = {r.task: r.chapter for r in rows}
    goals: dict[int, Any] = {}
    target_entries = []
    for t in targets:
        if t.scope == "task":
            reach, chapter = reach_of[t.scope_number], str(chapter_of[t.scope_number])
        else:
            goal = goals.get(t.scope_number) or store.goal(plan, t.scope_number)
            goals[t.scope_number] = goal
            chapter = str(goal.chapter)
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
            task=t.scope_number if t.scope == "task" else None,
            task_label=label_of.get(t.scope_number) if t.scope == "task" else None,
            goal=t.scope_number if t.scope == "goal" else None,
            chapter=int(chapter),
        )
        target_entries.append(Entry([reach], lambda _, row=row: row))
    base.entries["targets"] = target_entries
    return base


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
# bases are kept, per store, so a click on a facet does not rebuild them.
_KEPT: weakref.WeakKeyDictionary[Any, dict[tuple, Base]] = weakref.WeakKeyDictionary()


def base_of(store: GraphStore, plan: str) -> Base:
    version = getattr(store, "data_version", None)
    if version is None:
        return _build(store, plan)
    kept = _KEPT.setdefault(store, {})
    key = (version, plan)
    if key not in kept:
        kept[key] = _build(store, plan)
    return kept[key]


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


# -- CSV -----------------------------------------------------------------------------------


def _cell(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else repr(value)
    if isinstance(value, TableRef):
        return value.name
    if isinstance(value, list):
        return JOIN.join(str(_cell(v)) for v in value)
    return value


def to_csv(kind: str, rows: Sequence[Out]) -> bytes:
    """Every row, its columns named as the JSON's keys; a list cell's names joined with 、;
    UTF-8 with a BOM, so Excel reads the Chinese right."""
    columns = list(ROWS[kind].model_fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(getattr(row, c)) for c in columns] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
