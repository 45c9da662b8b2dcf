"""The embedded default store: the whole graph in memory, in a networkx MultiDiGraph,
with the lookups the API needs built once at load time.

Every query returns plain dicts shaped like the API's response models, in a fixed
order, so that the Neo4j store (which runs the same questions as Cypher) can be held to
the same JSON by the parity test.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from plankg.graph.schema import NODE_PROPERTIES, GraphData, Label, Rel


def _span(d: dict, prefix: str = "span") -> dict:
    start, end = ("span_start", "span_end") if prefix == "span" else ("match_start", "match_end")
    return {"start": d[start], "end": d[end]}


def _evidence(edge: dict) -> dict:
    return {
        "evidence": edge["evidence"],
        "span": _span(edge),
        "match_span": _span(edge, "match"),
    }


def _shared(value, pool: dict):
    """The pool's copy of a value (strings and lists of them), so equal values share
    one object."""
    if isinstance(value, str):
        return pool.setdefault(value, value)
    if isinstance(value, list):
        return [_shared(v, pool) for v in value]
    return value


def _merge(graph: nx.MultiDiGraph, data: GraphData, pool: dict) -> None:
    for node in data.nodes:
        if node.id in graph:  # shared by an earlier batch: only its plans grow
            attrs = graph.nodes[node.id]
            if "plans" in attrs:
                attrs["plans"] = sorted({*attrs["plans"], *node.properties["plans"]})
            continue
        properties = {k: _shared(v, pool) for k, v in node.properties.items()}
        graph.add_node(_shared(node.id, pool), label=node.label.value, **properties)
    for edge in data.edges:
        properties = {k: _shared(v, pool) for k, v in edge.properties.items()}
        graph.add_edge(edge.source, edge.target, key=edge.type.value, **properties)


def _release_freed_memory() -> None:
    """Hand the memory the load freed back to the system (glibc keeps it otherwise, and
    the process would stay at its peak)."""
    libc = ctypes.util.find_library("c")
    if libc:
        try:
            ctypes.CDLL(libc).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc: nothing to trim
            pass


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
        del pool
        self._index(graph)
        _release_freed_memory()

    def _index(self, graph: nx.MultiDiGraph) -> None:
        by_label: dict[str, list[str]] = defaultdict(list)
        by_plan: dict[tuple[str, str], list[str]] = defaultdict(list)
        for node_id, attrs in graph.nodes(data=True):
            by_label[attrs["label"]].append(node_id)
            if "plan" in attrs:
                by_plan[attrs["plan"], attrs["label"]].append(node_id)
        for ids in by_plan.values():  # plan-owned nodes in document order
            ids.sort(key=lambda n: graph.nodes[n]["number"] if "number" in graph.nodes[n] else 0)
        self._task_at = {
            (graph.nodes[n]["plan"], graph.nodes[n]["number"]): n for n in by_label["Task"]
        }
        self._goal_at = {
            (graph.nodes[n]["plan"], graph.nodes[n]["number"]): n for n in by_label["Goal"]
        }
        # Per-plan lookups keep a request's cost to the size of its plan, not the corpus.
        self.graph, self._by_label, self._by_plan = graph, dict(by_label), dict(by_plan)
        self.data_version += 1

    def close(self) -> None:
        pass

    def counts(self) -> dict[str, int]:
        return {label.value: len(self._by_label.get(label.value, [])) for label in Label}

    # -- helpers -----------------------------------------------------------------------

    def _node(self, node_id: str) -> dict:
        return self.graph.nodes[node_id]

    def _of(self, label: str, plan: str | None = None) -> list[dict]:
        if plan is not None and label not in ("Place", "Agency", "Theme"):
            return [self.graph.nodes[n] | {"id": n} for n in self._by_plan.get((plan, label), [])]
        nodes = (self.graph.nodes[n] | {"id": n} for n in self._by_label.get(label, []))
        return [n for n in nodes if plan is None or plan in n["plans"]]

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

    def _task_ref(self, task_id: str) -> dict:
        t = self._node(task_id)
        return {
            "id": task_id,
            "plan": t["plan"],
            "number": t["number"],
            "number_label": t["number_label"],
            "title": t["title"],
            "title_en": t["title_en"],
            "chapter": t["chapter"],
        }

    def _place_ref(self, place_id: str) -> dict:
        p = self._node(place_id)
        return {
            "id": place_id,
            "name": p["name"],
            "name_en": p["name_en"],
            "kind": p["kind"],
            "remote": p["remote"],
        }

    def _agency_ref(self, agency_id: str) -> dict:
        a = self._node(agency_id)
        return {
            "id": agency_id,
            "name": a["name"],
            "short_name": a["short_name"],
            "name_en": a["name_en"],
        }

    def _theme_ref(self, theme_id: str) -> dict:
        t = self._node(theme_id)
        return {"id": theme_id, "name": t["name"], "name_en": t["name_en"]}

    def _indicator(self, indicator_id: str) -> dict:
        i = self._node(indicator_id)
        return {
            "id": indicator_id,
            "plan": i["plan"],
            "name": i["name"],
            "value": i["value"],
            "unit": i["unit"] or "",  # the API keeps '' for a unit-less target
            "value_max": i["value_max"],
            "nature": i["nature"],
            "comparator": i["comparator"],
            "year": i["year"],
            "kind": i["kind"],
            "scope": i["scope"],
            "scope_number": i["scope_number"],
            "evidence": i["text"],
            "span": _span(i),
        }

    def _mentions(self, scope_id: str) -> list[dict]:
        return sorted(
            (
                self._place_ref(place) | {"surface": e["surface"]} | _evidence(e)
                for place, e in self._out(scope_id, Rel.MENTIONS)
            ),
            key=lambda m: (m["span"]["start"], m["match_span"]["start"], m["id"]),
        )

    def _indicators_of(self, scope_id: str) -> list[dict]:
        found = [self._indicator(i) for i, _ in self._out(scope_id, Rel.HAS_INDICATOR)]
        return sorted(found, key=lambda i: self._node(i["id"])["number"])

    # -- plans, chapters, goals ----------------------------------------------------------

    def plan_ids(self) -> list[str]:
        return sorted(self._by_label.get("Plan", []))

    def has_plan(self, plan: str) -> bool:
        return (plan, "Plan") in self._by_plan

    def default_plan(self) -> str | None:
        return min(self._by_label.get("Plan", []), default=None)

    def plans(self) -> list[dict]:
        out = []
        for plan_id in self.plan_ids():
            p = self._node(plan_id)
            counts = {
                label: sum(1 for n in self._of(label.title(), plan_id))
                for label in ("chapter", "goal", "task", "indicator")
            }
            out.append(
                {
                    "id": plan_id,
                    **{k: p[k] for k in NODE_PROPERTIES[Label.PLAN] if k != "plan"},
                    "chapters": counts["chapter"],
                    "goals": counts["goal"],
                    "tasks": counts["task"],
                    "indicators": counts["indicator"],
                }
            )
        return out

    def chapters(self, plan: str) -> list[dict]:
        out = []
        for c in sorted(self._of("Chapter", plan), key=lambda c: c["number"]):
            out.append(
                {
                    "id": c["id"],
                    "plan": plan,
                    "number": c["number"],
                    "numeral": c["numeral"],
                    "title": c["title"],
                    "title_en": c["title_en"],
                    "tasks": len(self._out(c["id"], Rel.HAS_TASK)),
                    "goals": len(self._out(c["id"], Rel.HAS_GOAL)),
                }
            )
        return out

    def chapter(self, plan: str, number: int) -> dict | None:
        found = next((c for c in self.chapters(plan) if c["number"] == number), None)
        if found is None:
            return None
        tasks = sorted(
            (t for t, _ in self._out(found["id"], Rel.HAS_TASK)),
            key=lambda t: self._node(t)["number"],
        )
        goals = sorted(
            (g for g, _ in self._out(found["id"], Rel.HAS_GOAL)),
            key=lambda g: self._node(g)["number"],
        )
        return found | {
            "task_list": [self._task_ref(t) for t in tasks],
            "goal_list": [self._goal_ref(g) for g in goals],
        }

    def _goal_ref(self, goal_id: str) -> dict:
        g = self._node(goal_id)
        return {
            "id": goal_id,
            "plan": g["plan"],
            "number": g["number"],
            "title": g["title"],
            "title_en": g["title_en"],
            "year": g["year"],
        }

    def goals(self, plan: str) -> list[dict]:
        ids = sorted(
            (g["id"] for g in self._of("Goal", plan)), key=lambda g: self._node(g)["number"]
        )
        return [self._goal_ref(g) for g in ids]

    def goal(self, plan: str, number: int) -> dict | None:
        goal_id = self._goal_at.get((plan, number))
        if goal_id is None:
            return None
        g = self._node(goal_id)
        return self._goal_ref(goal_id) | {
            "text": g["text"],
            "chapter": g["chapter"],
            "span": _span(g),
            "places": self._mentions(goal_id),
            "indicators": self._indicators_of(goal_id),
        }

    # -- tasks ---------------------------------------------------------------------------

    def task_ids(self, plan: str) -> list[str]:
        return self._by_plan.get((plan, "Task"), [])

    def tasks(
        self,
        plans: list[str],
        chapter: int | None = None,
        place: str | None = None,
        agency: str | None = None,
        theme: str | None = None,
        q: str | None = None,
    ) -> list[dict]:
        out = []
        needle = q.casefold() if q else None
        for task_id in (t for plan in plans for t in self.task_ids(plan)):
            t = self._node(task_id)
            if chapter is not None and t["chapter"] != chapter:
                continue
            if place and place not in {p for p, _ in self._out(task_id, Rel.MENTIONS)}:
                continue
            if agency and agency not in {a for a, _ in self._in(task_id, Rel.RESPONSIBLE_FOR)}:
                continue
            if theme and theme not in {x for x, _ in self._out(task_id, Rel.ABOUT)}:
                continue
            if needle and not any(
                needle in (t[k] or "").casefold() for k in ("title", "title_en", "text")
            ):
                continue
            out.append(self._task_ref(task_id))
        return out

    def task(self, plan: str, number: int) -> dict | None:
        task_id = self._task_at.get((plan, number))
        if task_id is None:
            return None
        t = self._node(task_id)
        chapter = next(c for c, _ in self._in(task_id, Rel.HAS_TASK))
        agencies = sorted(
            (
                self._agency_ref(a)
                | {k: e[k] for k in ("role", "basis", "score", "terms")}
                | _evidence(e)
                for a, e in self._in(task_id, Rel.RESPONSIBLE_FOR)
            ),
            key=lambda a: (a["role"] != "lead", -a["score"], a["id"]),
        )
        themes = sorted(
            (
                self._theme_ref(x) | {"score": e["score"], "terms": e["terms"]} | _evidence(e)
                for x, e in self._out(task_id, Rel.ABOUT)
            ),
            key=lambda x: (-x["score"], x["id"]),
        )
        related = [
            self._task_ref(other) | {k: e[k] for k in ("score", "places", "themes", "keywords")}
            for other, e in [
                *self._out(task_id, Rel.RELATED_TO),
                *self._in(task_id, Rel.RELATED_TO),
            ]
        ]
        related.sort(key=lambda r: (-r["score"], r["number"]))
        return self._task_ref(task_id) | {
            "text": t["text"],
            "keywords": t["keywords"],
            "span": _span(t),
            "chapter_title": self._node(chapter)["title"],
            "places": self._mentions(task_id),
            "agencies": agencies,
            "indicators": self._indicators_of(task_id),
            "themes": themes,
            "related": related,
        }

    def search_corpus(self, plan: str) -> list[dict]:
        """What /search ranks: every task's ref with its text and span start."""
        return [
            self._task_ref(t)
            | {"text": self._node(t)["text"], "start": self._node(t)["span_start"]}
            for t in self.task_ids(plan)
        ]

    # -- indicators ----------------------------------------------------------------------

    def indicators(self, plans: list[str]) -> list[dict]:
        return [self._indicator(i["id"]) for plan in plans for i in self._of("Indicator", plan)]

    # -- places, agencies, themes ----------------------------------------------------------

    def resolve(self, label: str, key: str) -> str | None:
        """An id from an id, a Chinese name or alias, or an English name (any case)."""
        if key in self.graph and self._node(key)["label"] == label:
            return key
        folded = key.casefold()
        found = [
            n["id"]
            for n in self._of(label)
            if key in [n["name"], *n.get("aliases", []), n.get("short_name")]
            or n["name_en"].casefold() == folded
        ]
        # Among names, the smallest id wins, as in cypher/queries/resolve.cypher: regions
        # share forms (市财政局 of every city), so a name may fit several nodes.
        return min(found) if found else None

    def _task_link_counts(self, plan: str, rel: Rel, incoming: bool) -> dict:
        """For the plan's tasks: how many tasks each place/agency/theme is linked to
        (and, for agencies, in which roles)."""
        counts: dict[str, list] = defaultdict(list)
        for task_id in self.task_ids(plan):
            links = self._in(task_id, rel) if incoming else self._out(task_id, rel)
            for other, data in links:
                counts[other].append(data)
        return counts

    def places(self, plan: str) -> list[dict]:
        mentioned = self._task_link_counts(plan, Rel.MENTIONS, incoming=False)
        return [
            {
                k: p[k]
                for k in ("id", "name", "name_en", "kind", "adcode", "remote", "aliases", "parent")
            }
            | {"tasks": len(mentioned.get(p["id"], []))}
            for p in sorted(self._of("Place", plan), key=lambda p: p["id"])
        ]

    def place(self, plan: str, place_id: str) -> dict | None:
        found = next((p for p in self.places(plan) if p["id"] == place_id), None)
        if found is None:
            return None
        parents = [self._place_ref(p) for p in self._ancestors(place_id)]
        parts = sorted(
            (
                self._place_ref(p)
                for p, _ in self._in(place_id, Rel.PART_OF)
                if plan in self._node(p)["plans"]
            ),
            key=lambda p: p["id"],
        )
        return found | {"parents": parents, "parts": parts}

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
        self, plans: list[str], place_id: str, include_parts: bool = False
    ) -> list[dict]:
        wanted = self._parts(place_id) if include_parts else {place_id}
        out = []
        for task_id in (t for plan in plans for t in self.task_ids(plan)):
            mentions = [m for m in self._mentions(task_id) if m["id"] in wanted]
            if mentions:
                out.append(self._task_ref(task_id) | {"mentions": mentions})
        return out

    def agencies(self, plan: str) -> list[dict]:
        links = self._task_link_counts(plan, Rel.RESPONSIBLE_FOR, incoming=True)
        out = []
        for a in sorted(self._of("Agency", plan), key=lambda a: a["id"]):
            roles = [e["role"] for e in links.get(a["id"], [])]
            out.append(
                self._agency_ref(a["id"])
                | {
                    "level": a["level"],
                    "kind": a["kind"],
                    "leads": roles.count("lead"),
                    "partners": roles.count("partner"),
                }
            )
        return out

    def agency(self, plan: str, agency_id: str) -> dict | None:
        return next((a for a in self.agencies(plan) if a["id"] == agency_id), None)

    def agency_tasks(self, plans: list[str], agency_id: str, role: str | None = None) -> list[dict]:
        out = []
        for task_id in (t for plan in plans for t in self.task_ids(plan)):
            e = self._edge(agency_id, task_id, Rel.RESPONSIBLE_FOR)
            if e is None or (role and e["role"] != role):
                continue
            out.append(
                self._task_ref(task_id)
                | {k: e[k] for k in ("role", "basis", "score", "terms")}
                | _evidence(e)
            )
        return out

    def themes(self, plan: str) -> list[dict]:
        about = self._task_link_counts(plan, Rel.ABOUT, incoming=False)
        return [
            self._theme_ref(t["id"]) | {"terms": t["terms"], "tasks": len(about.get(t["id"], []))}
            for t in sorted(self._of("Theme", plan), key=lambda t: t["id"])
        ]

    def theme(self, plan: str, theme_id: str) -> dict | None:
        return next((t for t in self.themes(plan) if t["id"] == theme_id), None)

    def theme_tasks(self, plans: list[str], theme_id: str) -> list[dict]:
        out = []
        for task_id in (t for plan in plans for t in self.task_ids(plan)):
            e = self._edge(task_id, theme_id, Rel.ABOUT)
            if e is not None:
                out.append(
                    self._task_ref(task_id)
                    | {"score": e["score"], "terms": e["terms"]}
                    | _evidence(e)
                )
        return sorted(out, key=lambda t: (-t["score"], t["plan"], t["number"]))

    # -- the graph itself ------------------------------------------------------------------

    def neighbourhood(
        self, focus: str, depth: int, limit: int | None = None
    ) -> tuple[list[dict], list[dict]]:
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
            {"source": s, "target": t, "type": k, "properties": dict(data)}
            for s, t, k, data in self.graph.subgraph(seen).edges(keys=True, data=True)
        ]
        return nodes, edges

    def _at_distance(self, seen: dict[str, int]) -> list[dict]:
        return [self._node(n) | {"id": n, "distance": d} for n, d in seen.items()]

    def export(self, plan: str | None = None) -> nx.MultiDiGraph:
        if plan is None:
            return self.graph
        keep = [
            n
            for n, d in self.graph.nodes(data=True)
            if d.get("plan") == plan or plan in d.get("plans", [])
        ]
        return self.graph.subgraph(keep)
