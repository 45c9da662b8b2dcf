"""The embedded default store: the whole graph in memory, in a networkx MultiDiGraph,
with the lookups the API needs built once at load time.

Every question is answered with the typed records of graph/records.py, filtered and paged
here; the Neo4j store answers the same questions in Cypher with the same records, which the
parity test (tests/test_parity.py) holds to the same JSON.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import networkx as nx

from plankg.graph import responsibilities
from plankg.graph.records import (
    NO_INDICATOR_FILTER,
    NO_TASK_FILTER,
    AgencyLink,
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
    PlaceMention,
    PlaceOut,
    PlaceRef,
    PlaceTask,
    PlanOut,
    RelatedTask,
    ResponsibilityRow,
    SearchDoc,
    SpanOut,
    TaskDetail,
    TaskFilter,
    TaskRef,
    ThemeLinkOut,
    ThemeOut,
    ThemeTask,
    Window,
)
from plankg.graph.schema import GraphData, Label, Rel, document_id, family_id

T = TypeVar("T")


def _shared(value, pool: dict):
    """The pool's copy of a value (strings and lists of them), so equal values share
    one object."""
    if isinstance(value, str):
        return pool.setdefault(value, value)
    if isinstance(value, list):
        return [_shared(v, pool) for v in value]
    return value


def _held_by(attrs: dict) -> list[str]:
    """The plans whose graph holds a shared node: a place's `held_by` (it also holds the
    places containing those it names), else its `plans`."""
    return attrs.get("held_by", attrs.get("plans", []))


def _merge(graph: nx.MultiDiGraph, data: GraphData, pool: dict) -> None:
    for node in data.nodes:
        if node.id in graph:  # shared by an earlier batch: only its plans grow
            attrs = graph.nodes[node.id]
            for key in ("plans", "held_by"):
                if key in attrs:
                    attrs[key] = sorted({*attrs[key], *node.properties[key]})
            continue
        properties = {k: _shared(v, pool) for k, v in node.properties.items()}
        graph.add_node(_shared(node.id, pool), label=node.label.value, **properties)
    for edge in data.edges:
        properties = {k: _shared(v, pool) for k, v in edge.properties.items()}
        graph.add_edge(edge.source, edge.target, key=edge.type.value, **properties)


def _link_same_as(graph: nx.MultiDiGraph) -> None:
    """A cited document that is a loaded plan (its key is the plan's title_key) is linked
    to it once every batch is in, so the order plans come in does not matter (Neo4j:
    load/link_same_as.cypher)."""
    plans_by_key: dict[str, list[str]] = defaultdict(list)
    documents = []
    for node_id, attrs in graph.nodes(data=True):
        if attrs["label"] == "Plan" and attrs.get("title_key"):
            plans_by_key[attrs["title_key"]].append(node_id)
        elif attrs["label"] == "Document":
            documents.append((node_id, attrs["key"]))
    for document, key in documents:
        for plan in plans_by_key.get(key, []):
            graph.add_edge(document, plan, key=Rel.SAME_AS.value)


def _release_freed_memory() -> None:
    """Hand the memory the load freed back to the system (glibc keeps it otherwise, and
    the process would stay at its peak)."""
    libc = ctypes.util.find_library("c")
    if libc:
        try:
            ctypes.CDLL(libc).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc: nothing to trim
            pass


def _family_members(graph: nx.MultiDiGraph, families: list[str]) -> dict[str, list]:
    """Each family's (indicator id, IN_FAMILY link) pairs by plan and number: built once,
    so a family across every plan is read, never searched for."""
    nodes = graph._node
    members = {}
    for family in families:
        pairs = [
            (indicator, data)
            for indicator, _, key, data in graph.in_edges(family, keys=True, data=True)
            if key == Rel.IN_FAMILY.value
        ]
        pairs.sort(key=lambda pair: (nodes[pair[0]]["plan"], nodes[pair[0]]["number"]))
        members[family] = pairs
    return members


class MemoryStore:
    backend = "memory"
    in_memory = True  # answers without I/O: a route may call it from the event loop

    def __init__(self, data: GraphData | None = None) -> None:
        # Changes on every load and only then: what the API keys its rendered answers by.
        self.data_version = 0
        self._index(nx.MultiDiGraph())
        if data is not None:
            self.load(data)

    # -- loading -----------------------------------------------------------------------

    def load(self, data: GraphData) -> None:
        """Replace the graph with this one."""
        self.load_batches([data])

    def load_batches(self, batches: Iterable[GraphData]) -> None:
        """Replace the graph with the union of these graphs (one plan each, say), merged
        as they come, so that only one batch's records are alive at a time. A node in
        several batches (a shared place, agency or theme) keeps its first properties, and
        its `plans` lists every batch's plans."""
        graph = nx.MultiDiGraph()
        # One object per distinct string or number: an evidence sentence is quoted by
        # several links, and "lead", units and place names recur in every plan.
        pool: dict = {}
        for data in batches:
            _merge(graph, data, pool)
        # A place's parent may be named only by a later plan: link every place now.
        for node_id, attrs in graph.nodes(data=True):
            parent = attrs.get("parent") if attrs["label"] == "Place" else None
            if parent in graph and not graph.has_edge(node_id, parent, Rel.PART_OF.value):
                graph.add_edge(node_id, parent, key=Rel.PART_OF.value)
        _link_same_as(graph)
        del pool
        self._index(graph)
        _release_freed_memory()

    def load_graph(self, graph: nx.MultiDiGraph) -> None:
        """Replace the graph with this one, as load_batches leaves it (a snapshot's)."""
        self._index(graph)

    def _index(self, graph: nx.MultiDiGraph) -> None:
        by_label: dict[str, list[str]] = defaultdict(list)
        by_plan: dict[tuple[str, str], list[str]] = defaultdict(list)
        for node_id, attrs in graph.nodes(data=True):
            by_label[attrs["label"]].append(node_id)
            if "plan" in attrs:
                by_plan[attrs["plan"], attrs["label"]].append(node_id)
        nodes = graph._node  # the attribute dicts themselves: NodeView costs 4x a lookup
        for ids in by_plan.values():  # plan-owned nodes in document order
            ids.sort(key=lambda n: nodes[n].get("number", 0))
        self._task_at = {(nodes[n]["plan"], nodes[n]["number"]): n for n in by_label["Task"]}
        self._goal_at = {(nodes[n]["plan"], nodes[n]["number"]): n for n in by_label["Goal"]}
        self._family_members = _family_members(graph, by_label.get("IndicatorFamily", []))
        # Per-plan lookups keep a request's cost to the size of its plan, not the corpus.
        self.graph, self._by_label, self._by_plan = graph, dict(by_label), dict(by_plan)
        self.data_version += 1

    def close(self) -> None:
        pass

    def correcting(self, work: Callable[[MemoryGraph], T], edit: bool = True) -> T:
        """`work` on the graph as corrections read and edit it (graph/corrections.py); with
        `edit`, a new data version after, so kept answers, ETags and search indexes follow
        at once. The caller holds the write lock (api/routes/corrections.py)."""
        try:
            return work(MemoryGraph(self))
        finally:
            if edit:
                self.data_version += 1

    def plan_text(self, plan: str) -> tuple[str, str] | None:
        """(text, sha256) of a loaded plan, or None."""
        if not self.has_plan(plan):
            return None
        node = self._node(plan)
        return node["text"], node["sha256"]

    def counts(self) -> dict[str, int]:
        return {label.value: len(self._by_label.get(label.value, [])) for label in Label}


    # -- helpers -----------------------------------------------------------------------

    def _node(self, node_id: str) -> dict:
        return self.graph.nodes[node_id]

    def _with_id(self, node_id: str) -> dict:
        return self.graph.nodes[node_id] | {"id": node_id}

    def _shared_of(self, label: str, plan: str) -> list[str]:
        """Ids of the places, agencies or themes the plan names, by id."""
        nodes = self.graph.nodes
        return sorted(n for n in self._by_label.get(label, []) if plan in _held_by(nodes[n]))

    def _edge(self, source: str, target: str, rel: Rel) -> dict | None:
        return self.graph.get_edge_data(source, target, key=rel.value)

    def _out(self, node_id: str, rel: Rel) -> list[tuple[str, dict]]:
        return [
            (target, data)
            for _, target, key, data in self.graph.out_edges(node_id, keys=True, data=True)
            if key == rel.value
        ]

    def _in(self, node_id: str, rel: Rel) -> list[tuple[str, dict]]:
        return [
            (source, data)
            for source, _, key, data in self.graph.in_edges(node_id, keys=True, data=True)
            if key == rel.value
        ]

    def _numbered(self, ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=lambda n: self._node(n)["number"])

    def _task_ref(self, task_id: str) -> TaskRef:
        return TaskRef.of(self._with_id(task_id))

    def _mentions(self, scope_id: str) -> list[PlaceMention]:
        return sorted(
            (
                PlaceMention.of(self._with_id(place), e)
                for place, e in self._out(scope_id, Rel.MENTIONS)
            ),
            key=lambda m: (m.span.start, m.match_span.start, m.id),
        )

    def _indicators_of(self, scope_id: str) -> list[IndicatorOut]:
        found = self._numbered(i for i, _ in self._out(scope_id, Rel.HAS_INDICATOR))
        return [IndicatorOut.of(self._with_id(i)) for i in found]

    def _tasks_of(self, plans: list[str]) -> Iterable[str]:
        return (t for plan in plans for t in self.task_ids(plan))

    # -- plans, chapters, goals ----------------------------------------------------------

    def plan_ids(self) -> list[str]:
        return sorted(self._by_label.get("Plan", []))

    def has_plan(self, plan: str) -> bool:
        return (plan, "Plan") in self._by_plan

    def default_plan(self) -> str | None:
        return min(self._by_label.get("Plan", []), default=None)

    def plan(self, plan: str) -> PlanOut | None:
        if not self.has_plan(plan):
            return None
        counts = {
            key: len(self._by_plan.get((plan, label), []))
            for key, label in (
                ("chapters", "Chapter"),
                ("goals", "Goal"),
                ("tasks", "Task"),
                ("indicators", "Indicator"),
            )
        }
        return PlanOut.of(self._with_id(plan), **counts)

    def plans(self, window: Window) -> Page[PlanOut]:
        ids = self.plan_ids()
        return Page.of([self.plan(p) for p in window.slice(ids)], window, total=len(ids))

    def _chapter(self, chapter_id: str) -> ChapterOut:
        return ChapterOut.of(
            self._with_id(chapter_id),
            tasks=len(self._out(chapter_id, Rel.HAS_TASK)),
            goals=len(self._out(chapter_id, Rel.HAS_GOAL)),
        )

    def chapters(self, plan: str, window: Window) -> Page[ChapterOut]:
        ids = self._by_plan.get((plan, "Chapter"), [])
        return Page.of([self._chapter(c) for c in window.slice(ids)], window, total=len(ids))

    def chapter(self, plan: str, number: int) -> ChapterDetail | None:
        chapters = self._by_plan.get((plan, "Chapter"), [])
        found = next((c for c in chapters if self._node(c)["number"] == number), None)
        if found is None:
            return None
        tasks = self._numbered(t for t, _ in self._out(found, Rel.HAS_TASK))
        goals = self._numbered(g for g, _ in self._out(found, Rel.HAS_GOAL))
        return ChapterDetail.of(
            self._with_id(found),
            tasks=len(tasks),
            goals=len(goals),
            task_list=[self._task_ref(t) for t in tasks],
            goal_list=[GoalRef.of(self._with_id(g)) for g in goals],
        )

    def goals(self, plan: str, window: Window) -> Page[GoalRef]:
        ids = self._by_plan.get((plan, "Goal"), [])
        return Page.of(
            [GoalRef.of(self._with_id(g)) for g in window.slice(ids)], window, total=len(ids)
        )

    def goal(self, plan: str, number: int) -> GoalDetail | None:
        goal_id = self._goal_at.get((plan, number))
        if goal_id is None:
            return None
        g = self._with_id(goal_id)
        return GoalDetail.of(
            g,
            span=SpanOut.of(g),
            places=self._mentions(goal_id),
            indicators=self._indicators_of(goal_id),
        )

    # -- tasks ---------------------------------------------------------------------------

    def task_ids(self, plan: str) -> list[str]:
        return self._by_plan.get((plan, "Task"), [])

    def tasks(
        self, plans: list[str], window: Window, where: TaskFilter = NO_TASK_FILTER
    ) -> Page[TaskRef]:
        needle = where.q.casefold() if where.q else None
        found = []
        for task_id in self._tasks_of(plans):
            t = self._node(task_id)
            if where.chapter is not None and t["chapter"] != where.chapter:
                continue
            if where.place and self._edge(task_id, where.place, Rel.MENTIONS) is None:
                continue
            if where.agency and self._edge(where.agency, task_id, Rel.RESPONSIBLE_FOR) is None:
                continue
            if where.theme and self._edge(task_id, where.theme, Rel.ABOUT) is None:
                continue
            if needle and not any(
                needle in (t[k] or "").casefold() for k in ("title", "title_en", "text")
            ):
                continue
            found.append(task_id)
        page = [self._task_ref(t) for t in window.slice(found)]
        return Page.of(page, window, total=len(found))

    def task(self, plan: str, number: int) -> TaskDetail | None:
        task_id = self._task_at.get((plan, number))
        if task_id is None:
            return None
        t = self._with_id(task_id)
        chapter = next(c for c, _ in self._in(task_id, Rel.HAS_TASK))
        agencies = sorted(
            (
                AgencyLink.of(self._with_id(a), e)
                for a, e in self._in(task_id, Rel.RESPONSIBLE_FOR)
            ),
            key=lambda a: (a.role != "lead", -a.score, a.id),
        )
        themes = sorted(
            (ThemeLinkOut.of(self._with_id(x), e) for x, e in self._out(task_id, Rel.ABOUT)),
            key=lambda x: (-x.score, x.id),
        )
        related = sorted(
            (
                RelatedTask.of(self._with_id(other), e)
                for other, e in [
                    *self._out(task_id, Rel.RELATED_TO),
                    *self._in(task_id, Rel.RELATED_TO),
                ]
            ),
            key=lambda r: (-r.score, r.number),
        )
        return TaskDetail.of(
            t,
            span=SpanOut.of(t),
            chapter_title=self._node(chapter)["title"],
            places=self._mentions(task_id),
            agencies=agencies,
            indicators=self._indicators_of(task_id),
            themes=themes,
            related=related,
        )

    def search_corpus(self, plan: str) -> list[SearchDoc]:
        """What /search ranks: every task's ref with its text and span start."""
        return [
            SearchDoc.of(t, start=t["span_start"])
            for t in (self._with_id(task_id) for task_id in self.task_ids(plan))
        ]

    # -- indicators ----------------------------------------------------------------------

    def indicators(
        self, plans: list[str], window: Window, where: IndicatorFilter = NO_INDICATOR_FILTER
    ) -> Page[IndicatorOut]:
        found = [
            indicator
            for plan in plans
            for i in self._by_plan.get((plan, "Indicator"), [])
            if where.admits(indicator := IndicatorOut.of(self._with_id(i)))
        ]
        return Page.of(found, window)

    # -- indicator families ----------------------------------------------------------------

    def _family_members_in(self, family_id: str, plans: list[str] | None) -> list:
        members = self._family_members.get(family_id, [])
        if plans is None:
            return members
        wanted = set(plans)
        return [m for m in members if self._node(m[0])["plan"] in wanted]

    def families(self, plans: list[str] | None, window: Window) -> Page[FamilyOut]:
        found = []
        for family in sorted(self._family_members, key=lambda f: self._node(f)["key"]):
            members = self._family_members_in(family, plans)
            if not members:
                continue
            if plans is None:  # every plan: the node lists the plans with a target in it
                found.append((family, len(members), len(self._node(family)["plans"])))
            else:
                in_plans = {self._node(i)["plan"] for i, _ in members}
                found.append((family, len(members), len(in_plans)))
        page = [
            FamilyOut.of(self._node(f), targets=targets, plans=count)
            for f, targets, count in window.slice(found)
        ]
        return Page.of(page, window, total=len(found))

    def family_targets(
        self, key: str, plans: list[str] | None, window: Window
    ) -> Page[FamilyTarget] | None:
        if family_id(key) not in self._family_members:
            return None
        members = self._family_members_in(family_id(key), plans)
        page = []
        for indicator_id, link in window.slice(members):
            i = self._node(indicator_id)
            plan = self._node(i["plan"])
            task = (
                self._task_at.get((i["plan"], i["scope_number"])) if i["scope"] == "task" else None
            )
            page.append(
                FamilyTarget.of(
                    i,
                    link,
                    plan_title=plan["title"],
                    region=plan["region"],
                    task_label=self._node(task)["number_label"] if task else None,
                )
            )
        return Page.of(page, window, total=len(members))

    # -- places, agencies, themes ----------------------------------------------------------

    def resolve(self, label: str, key: str, plans: Sequence[str] = ()) -> str | None:
        """An id from an id, a Chinese name or alias, or an English name (any case)."""
        if key in self.graph and self._node(key)["label"] == label:
            return key
        folded = key.casefold()
        found = [
            n
            for n in self._by_label.get(label, [])
            if key in [self._node(n)["name"], *self._node(n).get("aliases", [])]
            or key == self._node(n).get("short_name")
            or self._node(n)["name_en"].casefold() == folded
        ]
        # Regions share forms (市财政局 of every city), so a name may fit several nodes: one
        # that a plan of the request names first, then the smallest id, as in
        # cypher/queries/resolve.cypher.
        wanted = set(plans)
        return min(
            found, key=lambda n: (wanted.isdisjoint(_held_by(self._node(n))), n), default=None
        )

    def _task_link_counts(self, plan: str, rel: Rel, incoming: bool) -> dict[str, list[dict]]:
        """For the plan's tasks: the links of each place/agency/theme to them (for
        agencies, with their roles)."""
        counts: dict[str, list] = defaultdict(list)
        for task_id in self.task_ids(plan):
            links = self._in(task_id, rel) if incoming else self._out(task_id, rel)
            for other, data in links:
                counts[other].append(data)
        return counts

    def _place(self, plan: str, place_id: str, mentioned: dict | None = None) -> PlaceOut:
        if mentioned is None:
            mentioned = self._task_link_counts(plan, Rel.MENTIONS, incoming=False)
        return PlaceOut.of(self._with_id(place_id), tasks=len(mentioned.get(place_id, [])))

    def places(self, plan: str, window: Window, remote: bool | None = None) -> Page[PlaceOut]:
        ids = [
            p
            for p in self._shared_of("Place", plan)
            if remote is None or self._node(p)["remote"] == remote
        ]
        mentioned = self._task_link_counts(plan, Rel.MENTIONS, incoming=False)
        page = [self._place(plan, p, mentioned) for p in window.slice(ids)]
        return Page.of(page, window, total=len(ids))

    def place(self, plan: str, place_id: str) -> PlaceDetail | None:
        if plan not in _held_by(self._node(place_id)):
            return None
        parents = [PlaceRef.of(self._with_id(p)) for p in self._ancestors(place_id)]
        parts = sorted(
            (
                PlaceRef.of(self._with_id(p))
                for p, _ in self._in(place_id, Rel.PART_OF)
                if plan in _held_by(self._node(p))
            ),
            key=lambda p: p.id,
        )
        found = self._place(plan, place_id)
        return PlaceDetail.of(
            self._with_id(place_id), tasks=found.tasks, parents=parents, parts=parts
        )

    def _ancestors(self, place_id: str) -> list[str]:
        chain = []
        current = place_id
        while parents := [p for p, _ in self._out(current, Rel.PART_OF)]:
            current = parents[0]
            if current in chain:
                break
            chain.append(current)
        return chain

    def _parts(self, place_id: str) -> set[str]:
        """The place and everything inside it, at any depth."""
        seen, stack = {place_id}, [place_id]
        while stack:
            for part, _ in self._in(stack.pop(), Rel.PART_OF):
                if part not in seen:
                    seen.add(part)
                    stack.append(part)
        return seen

    def place_tasks(
        self, plans: list[str], place_id: str, window: Window, include_parts: bool = False
    ) -> Page[PlaceTask]:
        wanted = self._parts(place_id) if include_parts else {place_id}
        found = [
            t
            for t in self._tasks_of(plans)
            if any(p in wanted for p, _ in self._out(t, Rel.MENTIONS))
        ]
        page = [
            PlaceTask.of(
                self._with_id(t),
                mentions=[m for m in self._mentions(t) if m.id in wanted],
            )
            for t in window.slice(found)
        ]
        return Page.of(page, window, total=len(found))

    def responsibilities(
        self, plans: list[str], window: Window, agency: str | None = None
    ) -> Page[ResponsibilityRow]:
        found = [
            t
            for t in self._tasks_of(plans)
            if agency is None or self._edge(agency, t, Rel.RESPONSIBLE_FOR) is not None
        ]
        page = []
        for t in window.slice(found):
            task = self._node(t)
            chapter = next(c for c, _ in self._in(t, Rel.HAS_TASK))
            page.append(
                responsibilities.row(
                    task,
                    self._node(task["plan"])["title"],
                    self._node(chapter)["title"],
                    [(self._with_id(a), e) for a, e in self._in(t, Rel.RESPONSIBLE_FOR)],
                    [
                        self._node(i)
                        for i in self._numbered(i for i, _ in self._out(t, Rel.HAS_INDICATOR))
                    ],
                )
            )
        return Page.of(page, window, total=len(found))

    def _agency(self, agency_id: str, links: dict) -> AgencyOut:
        found = Counter((e["role"], e["basis"]) for e in links.get(agency_id, []))
        return AgencyOut.of(
            self._with_id(agency_id),
            leads=sum(n for (role, _), n in found.items() if role == "lead"),
            partners=sum(n for (role, _), n in found.items() if role == "partner"),
            # stated: not inferred (explicit, or reviewed by a planner: issue 23)
            leads_stated=found["lead", "explicit"] + found["lead", "reviewed"],
            leads_inferred=found["lead", "inferred"],
            partners_stated=found["partner", "explicit"] + found["partner", "reviewed"],
            partners_inferred=found["partner", "inferred"],
        )

    def agencies(self, plan: str, window: Window) -> Page[AgencyOut]:
        ids = self._shared_of("Agency", plan)
        links = self._task_link_counts(plan, Rel.RESPONSIBLE_FOR, incoming=True)
        page = [self._agency(a, links) for a in window.slice(ids)]
        return Page.of(page, window, total=len(ids))

    def agency(self, plan: str, agency_id: str) -> AgencyOut | None:
        if plan not in self._node(agency_id).get("plans", []):
            return None
        return self._agency(
            agency_id, self._task_link_counts(plan, Rel.RESPONSIBLE_FOR, incoming=True)
        )

    def agency_tasks(
        self, plans: list[str], agency_id: str, window: Window, role: str | None = None
    ) -> Page[AgencyTask]:
        found = []
        for task_id in self._tasks_of(plans):
            e = self._edge(agency_id, task_id, Rel.RESPONSIBLE_FOR)
            if e is not None and (not role or e["role"] == role):
                found.append((task_id, e))
        page = [AgencyTask.of(self._with_id(t), e) for t, e in window.slice(found)]
        return Page.of(page, window, total=len(found))

    def _theme(self, theme_id: str, about: dict) -> ThemeOut:
        return ThemeOut.of(self._with_id(theme_id), tasks=len(about.get(theme_id, [])))

    def themes(self, plan: str, window: Window) -> Page[ThemeOut]:
        ids = self._shared_of("Theme", plan)
        about = self._task_link_counts(plan, Rel.ABOUT, incoming=False)
        return Page.of([self._theme(t, about) for t in window.slice(ids)], window, total=len(ids))

    def theme(self, plan: str, theme_id: str) -> ThemeOut | None:
        if plan not in self._node(theme_id).get("plans", []):
            return None
        return self._theme(theme_id, self._task_link_counts(plan, Rel.ABOUT, incoming=False))

    def theme_tasks(self, plans: list[str], theme_id: str, window: Window) -> Page[ThemeTask]:
        found = []
        for task_id in self._tasks_of(plans):
            e = self._edge(task_id, theme_id, Rel.ABOUT)
            if e is not None:
                t = self._node(task_id)
                found.append(((-e["score"], t["plan"], t["number"]), task_id, e))
        found.sort(key=lambda f: f[0])
        page = [ThemeTask.of(self._with_id(t), e) for _, t, e in window.slice(found)]
        return Page.of(page, window, total=len(found))

    # -- citations -------------------------------------------------------------------------
    # The graph's adjacency is the index: a plan's CITES are its out-edges, a document's
    # citers its in-edges, a plan's citers the in-edges of the documents SAME_AS it; no
    # question scans the plans.

    def _same(self, document_id: str) -> dict | None:
        """The loaded plan a document is (the smallest id, should two plans share a title)."""
        plans = sorted(p for p, _ in self._out(document_id, Rel.SAME_AS))
        return self._with_id(plans[0]) if plans else None

    def _citing(self, document_id: str) -> list[CitingPlan]:
        key = self._node(document_id)["key"]
        return sorted(
            (
                CitingPlan.of(self._with_id(p), key, link)
                for p, link in self._in(document_id, Rel.CITES)
            ),
            key=lambda c: c.plan,
        )

    def citations(self, plan: str, window: Window) -> Page[Citation]:
        if not self.has_plan(plan):
            return Page.of([], window)
        links = sorted(
            self._out(plan, Rel.CITES),
            key=lambda pair: (pair[1]["span_start"], self._node(pair[0])["key"]),
        )
        page = [Citation.of(self._node(d), link, self._same(d)) for d, link in window.slice(links)]
        return Page.of(page, window, total=len(links))

    def cited_by(self, plan: str, window: Window) -> Page[CitingPlan]:
        if not self.has_plan(plan):
            return Page.of([], window)
        found = sorted(
            (c for d, _ in self._in(plan, Rel.SAME_AS) for c in self._citing(d)),
            key=lambda c: (c.plan, c.document),
        )
        return Page.of(found, window)

    def documents(self, window: Window, q: str | None = None) -> Page[DocumentOut]:
        needle = q.lower() if q else None
        nodes = self.graph._node
        found = sorted(
            (
                d
                for d in self._by_label.get("Document", [])
                if needle is None
                or needle in nodes[d]["key"].lower()
                or needle in nodes[d]["title"].lower()
            ),
            key=lambda d: (-len(nodes[d]["plans"]), nodes[d]["key"]),
        )
        page = [DocumentOut.of(nodes[d], self._same(d)) for d in window.slice(found)]
        return Page.of(page, window, total=len(found))

    def document(self, key: str) -> DocumentDetail | None:
        found = document_id(key)
        if found not in self.graph or self._node(found)["label"] != "Document":
            return None
        return DocumentDetail.detail(self._node(found), self._same(found), self._citing(found))

    # -- the graph itself ------------------------------------------------------------------

    def neighbourhood(
        self, focus: str, depth: int, limit: int | None = None
    ) -> tuple[list[FoundNode], list[FoundEdge]]:
        """Nodes within `depth` hops of `focus` (edges in either direction), and the
        edges among them; nothing when there is no such node. With `limit`, the walk
        stops at limit + 1 nodes and returns those: the caller refuses so large an
        answer, and a shared theme across a thousand plans costs no more than that."""
        if focus not in self.graph:
            return [], []
        seen = {focus: 0}
        frontier = [focus]
        for hop in range(1, depth + 1):
            following = []
            for node in frontier:
                for other in (*self.graph.successors(node), *self.graph.predecessors(node)):
                    if other not in seen:
                        seen[other] = hop
                        following.append(other)
                        if limit is not None and len(seen) > limit:
                            return self._at_distance(seen), []
            frontier = following
        nodes = self._at_distance(seen)
        edges = [
            FoundEdge(s, t, k, dict(data))
            for s, t, k, data in self.graph.subgraph(seen).edges(keys=True, data=True)
        ]
        return nodes, edges

    def _at_distance(self, seen: dict[str, int]) -> list[FoundNode]:
        found = []
        for n, d in seen.items():
            properties = dict(self._node(n))
            label = properties.pop("label")
            found.append(FoundNode(n, label, properties, d))
        return found

    def export(self, plan: str | None = None) -> nx.MultiDiGraph:
        if plan is None:
            return self.graph
        keep = [
            n
            for n, d in self.graph.nodes(data=True)
            if d.get("plan") == plan or plan in _held_by(d)
        ]
        return self.graph.subgraph(keep)


class MemoryGraph:
    """The embedded store's graph as graph/corrections.py edits it (its Graph protocol);
    the store's data version is bumped by whoever edits (MemoryStore.edited)."""

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.graph = store.graph

    def node(self, node_id: str, label: str) -> dict | None:
        found = self.graph._node.get(node_id)
        return found if found is not None and found["label"] == label else None

    def link(self, source: str, target: str, rel: Rel) -> dict | None:
        return self.graph.get_edge_data(source, target, key=rel.value)

    def set_link(self, source: str, target: str, rel: Rel, properties) -> None:
        if self.graph.has_edge(source, target, rel.value):
            self.graph.remove_edge(source, target, rel.value)
        if properties is not None:
            self.graph.add_edge(source, target, key=rel.value, **properties)

    def set_node(self, node_id: str, label: str, properties) -> None:
        attrs = self.graph._node[node_id]
        for key, value in properties.items():
            if value is None:
                attrs.pop(key, None)
            else:
                attrs[key] = value
