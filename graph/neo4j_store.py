"""The Neo4j store: the GraphStore questions answered by the named Cypher queries in
cypher/queries/ (one file per question, named after the method that runs it).

Every method returns what graph/memory.py returns for the same graph: the same keys, values
and order (tests/test_parity.py holds them together), except that neighbourhood and export
list their nodes in an order of their own (see them). Neo4j gives back the data; Python only
shapes it into the API's dicts. Two things Neo4j does not keep are restored here: a property
whose value is None is absent in Neo4j (it reads back as None), and a node's or
relationship's properties come back in no particular order (they are put back in the
builder's order, so that even the JSON bytes match).

The store reads and never writes, except `load` (tests, and whoever wants to replace the
whole graph); `plankg load` fills the database (graph/neo4j_load.py). When Neo4j cannot
answer, a method raises StoreUnavailable (the API answers 503) and the next call tries
again: the driver reconnects by itself, so a restarted Neo4j is picked up without a restart.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction, Query, RoutingControl, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConnectionPoolError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.time import Date

from plankg.graph.neo4j_load import cypher, replace_graph, safe_uri
from plankg.graph.schema import EDGE_PROPERTIES, NODE_PROPERTIES, GraphData, Label
from plankg.graph.store import StoreUnavailable

PLAN_TTL = 60.0  # seconds a plan that exists is taken to still exist

# The properties graph/build.py gives each label and relationship type, in its order (the
# memory store keeps that order, and None values). A property not listed here still comes
# back, after these, sorted by name.
NODE_KEYS: dict[str, tuple[str, ...]] = {k.value: v for k, v in NODE_PROPERTIES.items()}
EDGE_KEYS: dict[str, tuple[str, ...]] = {k.value: v for k, v in EDGE_PROPERTIES.items()}
LABEL_ORDER = [label.value for label in Label]


def _plain(value):
    """A Cypher date (Plan.published) as the builder's ISO string; anything else as it is."""
    return value.iso_format() if isinstance(value, Date) else value


def _ordered(keys: tuple[str, ...], properties: dict) -> dict:
    """`properties` in the builder's order, absent ones as None, the id left out."""
    properties = {k: _plain(v) for k, v in properties.items()}
    out = {k: properties.get(k) for k in keys}
    out.update((k, properties[k]) for k in sorted(properties) if k not in out and k != "id")
    return out


def _label(labels: list[str]) -> str:
    return next((label for label in labels if label in NODE_KEYS), labels[0])


# -- shaping: the same dicts graph/memory.py builds ------------------------------------------


def _span(d: dict, prefix: str = "span") -> dict:
    return {"start": d[f"{prefix}_start"], "end": d[f"{prefix}_end"]}


def _evidence(e: dict) -> dict:
    return {"evidence": e["evidence"], "span": _span(e), "match_span": _span(e, "match")}


def _task_ref(t: dict) -> dict:
    return {
        "id": t["id"],
        "plan": t["plan"],
        "number": t["number"],
        "number_label": t.get("number_label", ""),
        "title": t["title"],
        "title_en": t.get("title_en"),
        "chapter": t["chapter"],
    }


def _goal_ref(g: dict) -> dict:
    return {
        "id": g["id"],
        "plan": g["plan"],
        "number": g["number"],
        "title": g["title"],
        "title_en": g.get("title_en"),
        "year": g.get("year"),
    }


def _place_ref(p: dict) -> dict:
    return {
        "id": p["id"],
        "name": p["name"],
        "name_en": p["name_en"],
        "kind": p["kind"],
        "remote": p["remote"],
    }


def _agency_ref(a: dict) -> dict:
    return {
        "id": a["id"],
        "name": a["name"],
        "short_name": a["short_name"],
        "name_en": a["name_en"],
    }


def _theme_ref(t: dict) -> dict:
    return {"id": t["id"], "name": t["name"], "name_en": t["name_en"]}


def _indicator(i: dict) -> dict:
    return {
        "id": i["id"],
        "plan": i["plan"],
        "name": i["name"],
        "value": i["value"],
        "unit": i.get("unit") or "",  # the API keeps '' for a unit-less target
        "value_max": i.get("value_max"),
        "nature": i.get("nature"),
        "comparator": i["comparator"],
        "year": i.get("year"),
        "kind": i["kind"],
        "scope": i["scope"],
        "scope_number": i["scope_number"],
        "evidence": i["text"],
        "span": _span(i),
    }


def _mention(m: dict) -> dict:
    link = m["link"]
    return _place_ref(m["place"]) | {"surface": link["surface"]} | _evidence(link)


def _link(e: dict) -> dict:
    return {k: e[k] for k in ("role", "basis", "score", "terms")} | _evidence(e)


def _chapter_out(c: dict, tasks: int, goals: int) -> dict:
    return {
        "id": c["id"],
        "plan": c["plan"],
        "number": c["number"],
        "numeral": c["numeral"],
        "title": c["title"],
        "title_en": c.get("title_en"),
        "tasks": tasks,
        "goals": goals,
    }


def _place_out(p: dict, tasks: int) -> dict:
    p = _ordered(NODE_KEYS["Place"], p) | {"id": p["id"]}
    keys = ("id", "name", "name_en", "kind", "adcode", "remote", "aliases", "parent")
    return {k: p[k] for k in keys} | {"tasks": tasks}


def _agency_out(a: dict, leads: int, partners: int) -> dict:
    return _agency_ref(a) | {
        "level": a["level"],
        "kind": a["kind"],
        "leads": leads,
        "partners": partners,
    }


def _theme_out(t: dict, tasks: int) -> dict:
    return _theme_ref(t) | {"terms": t["terms"], "tasks": tasks}


# -- lists paged in the database --------------------------------------------------------------

Fetch = Callable[[int, int | None], tuple[int, list[dict]]]  # (skip, limit) -> (total, items)


class PagedRows(Sequence):
    """A list answer that Neo4j counts and pages. The API pages a list with
    `items[offset:offset + limit]` and `len(items)`: here the slice runs the query with SKIP
    and LIMIT (and learns the total in the same query), so a cross-plan page of 50 never
    brings thousands of matches into Python. Anything else (an index, iteration) reads the
    whole list once."""

    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch
        self._total: int | None = None
        self._all: list[dict] | None = None

    def __len__(self) -> int:
        if self._total is None:
            self._total, _ = self._fetch(0, 0)
        return self._total

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice) and index.step in (None, 1) and self._all is None:
            start, stop = index.start or 0, index.stop
            if start >= 0 and (stop is None or stop >= 0):
                limit = None if stop is None else max(stop - start, 0)
                self._total, items = self._fetch(start, limit)
                return items
        return self._everything()[index]

    def __iter__(self) -> Iterator[dict]:
        return iter(self._everything())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"PagedRows({self._everything()!r})"

    def _everything(self) -> list[dict]:
        if self._all is None:
            self._total, self._all = self._fetch(0, None)
        return self._all


# -- connection errors ------------------------------------------------------------------------

# Neo4j cannot answer now: down, restarting, unreachable, refusing the credentials, or slow.
_UNAVAILABLE = (ServiceUnavailable, SessionExpired, ConnectionPoolError, TransientError)
_TIMED_OUT = "Neo.ClientError.Transaction.TransactionTimedOut"
_NO_DATABASE = "Neo.ClientError.Database.DatabaseNotFound"


class Neo4jStore:
    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str = "",
        database: str | None = None,
        timeout: float = 10.0,
        retry_time: float = 2.0,
    ) -> None:
        """`timeout`: seconds a read may take (NEO4J_TIMEOUT); `retry_time`: how long a read
        that lost its connection is retried (over a fresh one) before the store gives up."""
        self.uri = safe_uri(uri)
        self.database = database
        self.timeout = timeout
        auth = (user, password) if password else None
        self._driver: Driver = GraphDatabase.driver(
            uri,
            auth=auth,
            connection_timeout=min(timeout, 5.0),
            connection_acquisition_timeout=timeout + 5.0,
            max_transaction_retry_time=retry_time,
            initial_retry_delay=0.1,
        )
        self._plans_seen: dict[str, float] = {}
        self._default: tuple[float, str] | None = None

    @classmethod
    def from_settings(cls, settings: Any) -> Neo4jStore:
        """From plankg.config.Settings: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE,
        NEO4J_TIMEOUT."""
        return cls(
            settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
            timeout=settings.neo4j_timeout,
        )

    def close(self) -> None:
        self._driver.close()

    # -- running the named queries ---------------------------------------------------------

    @contextmanager
    def _answering(self) -> Iterator[None]:
        """Neo4j's 'cannot answer now' as StoreUnavailable, without credentials."""
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} refused the credentials") from exc
        except _UNAVAILABLE as exc:
            raise StoreUnavailable(
                f"cannot reach Neo4j at {self.uri} ({type(exc).__name__})"
            ) from exc
        except ClientError as exc:
            if (exc.code or "").startswith(_TIMED_OUT):
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} did not answer within {self.timeout:g} s"
                ) from exc
            if exc.code == _NO_DATABASE:
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} has no database {self.database!r}"
                ) from exc
            raise

    def _read(self, name: str, **parameters: Any) -> list[dict]:
        """The records of cypher/queries/<name>.cypher, as dicts."""
        with self._answering():
            records, _, _ = self._driver.execute_query(
                Query(cypher(f"queries/{name}"), timeout=self.timeout),
                parameters,
                routing_=RoutingControl.READ,
                database_=self.database,
            )
        return [record.data() for record in records]

    def _one(self, name: str, **parameters: Any) -> dict | None:
        rows = self._read(name, **parameters)
        return rows[0] if rows else None

    def _paged(self, name: str, shape: Callable[[Any], dict], **parameters: Any) -> PagedRows:
        """cypher/queries/<name>.cypher, which returns `total` and the page's `items` for
        $skip and $limit, as a list the API's paging slices in the database."""

        def fetch(skip: int, limit: int | None) -> tuple[int, list[dict]]:
            row = self._one(name, skip=skip, limit=limit, **parameters)
            if row is None:  # nothing matched at all
                return 0, []
            return row["total"], [shape(item) for item in row["items"]]

        return PagedRows(fetch)

    def _read_transaction(self, work, *args: Any) -> Any:
        """Several named queries in one read transaction (with the same timeout)."""
        work = unit_of_work(timeout=self.timeout)(work)
        with self._answering(), self._driver.session(database=self.database) as session:
            return session.execute_read(work, *args)

    # -- loading ---------------------------------------------------------------------------

    def load(self, data: GraphData) -> None:
        """Replace the whole stored graph with `data` (one write transaction)."""
        with self._answering():
            replace_graph(self._driver, data, self.database)

    def counts(self) -> dict[str, int]:
        row = self._one("counts") or {}
        return {label: row.get(label, 0) for label in LABEL_ORDER}

    # -- plans, chapters, goals --------------------------------------------------------------

    def plan_ids(self) -> list[str]:
        return [row["id"] for row in self._read("plan_ids")]

    # Every request asks which plan it is about. A plan that exists is remembered for
    # PLAN_TTL seconds (as long as Cache-Control lets a client keep an answer), so a
    # request costs one query, not two; an unknown plan is asked about every time, so a
    # plan loaded a moment ago is found at once.
    def has_plan(self, plan: str) -> bool:
        seen = self._plans_seen.get(plan)
        if seen is not None and time.monotonic() - seen < PLAN_TTL:
            return True
        found = self._one("plan_exists", plan=plan) is not None
        if found:
            self._plans_seen[plan] = time.monotonic()
        return found

    def forget_plan(self, plan: str) -> None:
        """A query about this plan found nothing: it may have gone (Neo4j restarted empty,
        a --replace): ask again next time rather than trust the remembered answer."""
        self._plans_seen.pop(plan, None)
        if self._default is not None and self._default[1] == plan:
            self._default = None

    def default_plan(self) -> str | None:
        if self._default is not None and time.monotonic() - self._default[0] < PLAN_TTL:
            return self._default[1]
        row = self._one("default_plan")
        self._default = (time.monotonic(), row["id"]) if row else None
        return row["id"] if row else None

    def plans(self) -> list[dict]:
        return [
            {"id": row["plan"]["id"]}
            | {k: _plain(row["plan"].get(k)) for k in NODE_KEYS["Plan"][1:]}
            | {k: row[k] for k in ("chapters", "goals", "tasks", "indicators")}
            for row in self._read("plans")
        ]

    def chapters(self, plan: str) -> list[dict]:
        return [
            _chapter_out(row["chapter"], row["tasks"], row["goals"])
            for row in self._read("chapters", plan=plan)
        ]

    def chapter(self, plan: str, number: int) -> dict | None:
        row = self._one("chapter", plan=plan, number=number)
        if row is None:
            return None
        return _chapter_out(row["chapter"], row["tasks"], row["goals"]) | {
            "task_list": [_task_ref(t) for t in row["task_list"]],
            "goal_list": [_goal_ref(g) for g in row["goal_list"]],
        }

    def goals(self, plan: str) -> list[dict]:
        return [_goal_ref(row["goal"]) for row in self._read("goals", plan=plan)]

    def goal(self, plan: str, number: int) -> dict | None:
        row = self._one("goal", plan=plan, number=number)
        if row is None:
            return None
        g = row["goal"]
        return _goal_ref(g) | {
            "text": g["text"],
            "chapter": g["chapter"],
            "span": _span(g),
            "places": [_mention(m) for m in row["mentions"]],
            "indicators": [_indicator(i) for i in row["indicators"]],
        }

    # -- tasks -------------------------------------------------------------------------------

    def tasks(
        self,
        plans: list[str],
        chapter: int | None = None,
        place: str | None = None,
        agency: str | None = None,
        theme: str | None = None,
        q: str | None = None,
    ) -> Sequence[dict]:
        return self._paged(
            "tasks",
            _task_ref,
            plans=plans,
            chapter=chapter,
            place=place or None,
            agency=agency or None,
            theme=theme or None,
            needle=q.casefold() if q else None,
        )

    def task(self, plan: str, number: int) -> dict | None:
        row = self._one("task", plan=plan, number=number)
        if row is None:
            return None
        t = row["task"]
        return _task_ref(t) | {
            "text": t["text"],
            "keywords": t.get("keywords"),
            "span": _span(t),
            "chapter_title": row["chapter_title"],
            "places": [_mention(m) for m in row["mentions"]],
            "agencies": [_agency_ref(a["agency"]) | _link(a["link"]) for a in row["agencies"]],
            "indicators": [_indicator(i) for i in row["indicators"]],
            "themes": [
                _theme_ref(x["theme"])
                | {"score": x["link"]["score"], "terms": x["link"]["terms"]}
                | _evidence(x["link"])
                for x in row["themes"]
            ],
            "related": [
                _task_ref(r["task"])
                | {k: r["link"].get(k) for k in ("score", "places", "themes", "keywords")}
                for r in row["related"]
            ],
        }

    def search_corpus(self, plan: str) -> list[dict]:
        return [
            _task_ref(t) | {"text": t["text"], "start": t["span_start"]}
            for t in (row["task"] for row in self._read("search_corpus", plan=plan))
        ]

    # -- indicators ------------------------------------------------------------------------

    def indicators(self, plans: list[str]) -> list[dict]:
        return [_indicator(row["indicator"]) for row in self._read("indicators", plans=plans)]

    # -- places, agencies, themes --------------------------------------------------------------

    def resolve(self, label: str, key: str) -> str | None:
        """An id from an id, a Chinese name, alias or short name, or an English name (any case)."""
        row = self._one("resolve", label=label, key=key, folded=key.casefold())
        return row["id"] if row else None

    def places(self, plan: str) -> list[dict]:
        return [_place_out(row["place"], row["tasks"]) for row in self._read("places", plan=plan)]

    def place(self, plan: str, place_id: str) -> dict | None:
        row = self._one("place", plan=plan, place=place_id)
        if row is None:
            return None
        return _place_out(row["place"], row["tasks"]) | {
            "parents": [_place_ref(p) for p in row["parents"]],
            "parts": [_place_ref(p) for p in row["parts"]],
        }

    def place_tasks(
        self, plans: list[str], place_id: str, include_parts: bool = False
    ) -> Sequence[dict]:
        return self._paged(
            "place_tasks",
            lambda row: (
                _task_ref(row["task"]) | {"mentions": [_mention(m) for m in row["mentions"]]}
            ),
            plans=plans,
            place=place_id,
            include_parts=include_parts,
        )

    def agencies(self, plan: str) -> list[dict]:
        return [
            _agency_out(row["agency"], row["leads"], row["partners"])
            for row in self._read("agencies", plan=plan)
        ]

    def agency(self, plan: str, agency_id: str) -> dict | None:
        row = self._one("agency", plan=plan, agency=agency_id)
        return _agency_out(row["agency"], row["leads"], row["partners"]) if row else None

    def agency_tasks(
        self, plans: list[str], agency_id: str, role: str | None = None
    ) -> Sequence[dict]:
        return self._paged(
            "agency_tasks",
            lambda row: _task_ref(row["task"]) | _link(row["link"]),
            plans=plans,
            agency=agency_id,
            role=role or None,
        )

    def themes(self, plan: str) -> list[dict]:
        return [_theme_out(row["theme"], row["tasks"]) for row in self._read("themes", plan=plan)]

    def theme(self, plan: str, theme_id: str) -> dict | None:
        row = self._one("theme", plan=plan, theme=theme_id)
        return _theme_out(row["theme"], row["tasks"]) if row else None

    def theme_tasks(self, plans: list[str], theme_id: str) -> Sequence[dict]:
        return self._paged(
            "theme_tasks",
            lambda row: (
                _task_ref(row["task"])
                | {"score": row["link"]["score"], "terms": row["link"]["terms"]}
                | _evidence(row["link"])
            ),
            plans=plans,
            theme=theme_id,
        )

    # -- the graph itself --------------------------------------------------------------------

    def neighbourhood(self, focus: str, depth: int) -> tuple[list[dict], list[dict]]:
        """Nodes within `depth` hops of `focus` (edges in either direction) with their
        distance, and the edges among them; nothing when there is no such node. Nodes come
        by distance, label and id (the memory store gives the same nodes in the order its
        walk met them; the API sorts them so)."""
        found, edges = self._read_transaction(_walk, focus, depth)
        nodes = [
            {"label": label}
            | _ordered(NODE_KEYS.get(label, ()), props)
            | {"id": props["id"], "distance": distance}
            for label, props, distance in found
        ]
        nodes.sort(key=lambda n: (n["distance"], n["label"], n["id"]))
        return nodes, [_edge(e) for e in edges]

    def export(self, plan: str | None = None) -> nx.MultiDiGraph:
        """The plan's nodes (its own, and the shared ones it names) and the edges among
        them; the whole graph when `plan` is None. Nodes come by label (in the schema's
        order), number and id; edges by source, then type and target."""
        nodes, edges = self._read_transaction(_export, plan)
        graph = nx.MultiDiGraph()
        found = [(_label(row["labels"]), row["properties"]) for row in nodes]
        found.sort(key=lambda n: (LABEL_ORDER.index(n[0]), n[1].get("number", 0), n[1]["id"]))
        for label, props in found:
            graph.add_node(props["id"], label=label, **_ordered(NODE_KEYS.get(label, ()), props))
        rank = {node: i for i, node in enumerate(graph)}
        for e in sorted(edges, key=lambda e: (rank[e["source"]], e["type"], e["target"])):
            e = _edge(e)
            graph.add_edge(e["source"], e["target"], key=e["type"], **e["properties"])
        return graph


def _edge(row: dict) -> dict:
    return {
        "source": row["source"],
        "target": row["target"],
        "type": row["type"],
        "properties": _ordered(EDGE_KEYS.get(row["type"], ()), row["properties"]),
    }


def _walk(tx: ManagedTransaction, focus: str, depth: int) -> tuple[list, list]:
    """Breadth-first from the focus, one query per hop; then the edges among what it met."""
    start = tx.run(cypher("queries/neighbourhood"), focus=focus).single()
    if start is None:
        return [], []
    seen = {start["key"]: (_label(start["labels"]), start["properties"], 0)}
    frontier = [start["key"]]
    for hop in range(1, depth + 1):
        if not frontier:
            break
        result = tx.run(cypher("queries/neighbourhood_hop"), frontier=frontier, seen=list(seen))
        frontier = []
        for row in result:
            seen[row["key"]] = (_label(row["labels"]), row["properties"], hop)
            frontier.append(row["key"])
    edges = tx.run(cypher("queries/edges_among"), keys=list(seen)).data()
    return list(seen.values()), edges


def _export(tx: ManagedTransaction, plan: str | None) -> tuple[list, list]:
    """A plan's nodes, then the edges among them (the whole graph when plan is None)."""
    if plan is None:
        nodes = tx.run(cypher("queries/export_all_nodes")).data()
        return nodes, tx.run(cypher("queries/export_all_edges")).data()
    nodes = tx.run(cypher("queries/export_nodes"), plan=plan).data()
    keys = [row["key"] for row in nodes]
    return nodes, tx.run(cypher("queries/edges_among"), keys=keys).data()
