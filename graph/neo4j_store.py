"""The Neo4j store: the GraphStore questions answered by the named Cypher queries in
cypher/queries/ (one file per question, named after the method that runs it).

Every method answers with the records of graph/records.py, built from the node and
relationship properties the query returns, as graph/memory.py builds them from its graph:
the parity test (tests/test_parity.py) holds the two to the same JSON. Lists that can span
every plan (tasks, targets, a place's, agency's or theme's tasks, the plans) are filtered,
counted and paged in Cypher, so a page of 50 never brings thousands of matches into Python;
a plan's own chapters, goals, places, agencies and themes (bounded by the plan's size) are
paged here. What a record never reads does not leave the database: a place, agency or
theme comes without its `plans` and `names` lists (`plans` grows with the corpus) and a task
named in a list without its text, keywords and gaps (`t {.*, text: null, …}` in the
queries). Two things Neo4j does not keep are restored: a property whose value is None is
absent (it reads back as None), and the properties of a node or relationship in the
generic answers (neighbourhood, export) come back in no order (they are put back in the
schema's order, graph/schema.py, so that even the JSON bytes match).

The store reads and never writes, except `load` (tests, and whoever wants to replace the
whole graph); `plankg load` fills the database (graph/neo4j_load.py). When Neo4j cannot
answer, a method raises StoreUnavailable (the API answers 503) and the next call tries
again: the driver reconnects by itself, so a restarted Neo4j is picked up without a restart.

Every read answers within `timeout` (NEO4J_TIMEOUT), whatever the server does. The driver
bounds getting a connection (TCP, handshake, login) and the server stops a slow query (the
transaction timeout), but a server that stopped answering (frozen, SIGSTOP, or a network
that drops packets) enforces nothing, and the driver has no timeout for reading an answer:
its call would wait for ever. So each read runs on a thread of the store's own (`_Runner`)
and the caller waits `timeout` for it, then raises StoreUnavailable; the abandoned call
ends when the server answers or the connection breaks, and gives its connection back.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Any, TypeVar

import networkx as nx
from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    Query,
    Record,
    RoutingControl,
    unit_of_work,
)
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConnectionPoolError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.time import Date

from plankg.graph import responsibilities
from plankg.graph.neo4j_load import (
    check_uri,
    connection_limits,
    cypher,
    replace_graph,
    safe_uri,
)
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
from plankg.graph.schema import (
    EDGE_PROPERTIES,
    NODE_PROPERTIES,
    REVIEW_ONLY,
    GraphData,
    Label,
    family_id,
)
from plankg.graph.store import StoreUnavailable

PLAN_TTL = 60.0  # seconds a plan that exists is taken to still exist
# Threads that run reads (see _Runner): more than the API's worker threads (anyio's 40), so
# a read never waits for one while Neo4j answers; a frozen Neo4j holds at most this many
# (and as many connections), and reads past them wait their timeout in the queue.
READ_THREADS = 64

LABEL_ORDER = [label.value for label in Label]
_REVIEW_ONLY_KEYS = {name.split(".")[1] for name in REVIEW_ONLY}


def _plain(value):
    """A Cypher date (Plan.published) as the builder's ISO string; anything else as it is."""
    return value.iso_format() if isinstance(value, Date) else value


def _ordered(keys: tuple[str, ...], properties: dict) -> dict:
    """`properties` in the schema's order (graph/schema.py, the order the builder and so the
    memory store keep), absent ones as None, the id left out; a property the schema does
    not declare comes after these, by name."""
    properties = {k: _plain(v) for k, v in properties.items()}
    # What only a correction sets is absent, not None, where none did (as in the memory store)
    out = {k: properties.get(k) for k in keys if k in properties or k not in _REVIEW_ONLY_KEYS}
    out.update((k, properties[k]) for k in sorted(properties) if k not in out and k != "id")
    return out


def _label(labels: list[str]) -> str:
    return next((label for label in labels if label in NODE_PROPERTIES), labels[0])


# -- connection errors ------------------------------------------------------------------------

# Neo4j cannot answer now: down, restarting, unreachable, refusing the credentials, or slow.
_UNAVAILABLE = (ServiceUnavailable, SessionExpired, ConnectionPoolError, TransientError)
_TIMED_OUT = "Neo.ClientError.Transaction.TransactionTimedOut"
_NO_DATABASE = "Neo.ClientError.Database.DatabaseNotFound"


T = TypeVar("T")


class _Runner:
    """A pool of daemon threads that run driver calls for callers who will not wait past a
    deadline. Daemon threads, unlike a ThreadPoolExecutor's: one blocked on a frozen
    server must not keep the process from exiting. At most `size` threads, started as
    needed (as the executor does: a new one only when none is idle)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._work: queue.SimpleQueue[tuple[Future, Callable[[], Any]] | None]
        self._work = queue.SimpleQueue()
        self._idle = threading.Semaphore(0)
        self._lock = threading.Lock()
        self._threads = 0
        self._closed = False

    def submit(self, call: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        if self._closed:  # its threads are ending: nothing would run it
            raise StoreUnavailable("the Neo4j store is closed")
        self._work.put((future, call))
        if not self._idle.acquire(blocking=False):
            with self._lock:
                if self._threads < self._size:
                    self._threads += 1
                    name = f"plankg-neo4j-{self._threads}"
                    threading.Thread(target=self._serve, name=name, daemon=True).start()
        return future

    def _serve(self) -> None:
        while (item := self._work.get()) is not None:
            future, call = item
            del item
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(call())
                except BaseException as exc:  # handed to the caller, if it still waits
                    future.set_exception(exc)
            del future, call
            self._idle.release()

    def close(self) -> None:
        """Let the idle threads end (a busy one ends after its call)."""
        with self._lock:
            threads, self._threads = self._threads, 0
            self._closed = True
        for _ in range(threads):
            self._work.put(None)


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
        """`timeout`: seconds a read may take, all told (NEO4J_TIMEOUT); `retry_time`: how
        long a read that lost its connection is retried (over a fresh one), within that.
        A URI that is not Bolt (http://) raises Neo4jUnreachable."""
        check_uri(uri)
        self.uri = safe_uri(uri)
        self.database = database
        self.timeout = timeout
        auth = (user, password) if password else None
        self._driver: Driver = GraphDatabase.driver(
            uri,
            auth=auth,
            **connection_limits(timeout),
            connection_write_timeout=timeout,
            max_transaction_retry_time=min(retry_time, timeout),
            initial_retry_delay=0.1,
        )
        self._runner = _Runner(READ_THREADS)
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
        self._driver.close()  # also breaks the connections of reads still waiting
        self._runner.close()

    # -- running the named queries ---------------------------------------------------------

    def _within_timeout(self, call: Callable[[], T]) -> T:
        """`call()` (driver work) run on the store's threads; its answer, or its error as
        _answering says it, if it comes within the timeout; else StoreUnavailable."""
        future = self._runner.submit(call)
        with self._answering():
            try:
                return future.result(self.timeout)
            except FutureTimeout:
                future.cancel()  # not started yet (every thread busy): never start it
                raise StoreUnavailable(self._late()) from None

    def _late(self) -> str:
        return f"Neo4j at {self.uri} did not answer within {self.timeout:g} s"

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
                raise StoreUnavailable(self._late()) from exc
            if exc.code == _NO_DATABASE:
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} has no database {self.database!r}"
                ) from exc
            raise

    def _read(self, name: str, /, **parameters: Any) -> list[Record]:
        """The records of cypher/queries/<name>.cypher. Read by key (`row["task"]`), as
        they come: the queries return maps and lists, never nodes, so there is nothing to
        convert (Record.data() would copy every nested value once more)."""
        query = Query(cypher(f"queries/{name}"), timeout=self.timeout)
        records, _, _ = self._within_timeout(
            lambda: self._driver.execute_query(
                query, parameters, routing_=RoutingControl.READ, database_=self.database
            )
        )
        return records

    def _one(self, name: str, /, **parameters: Any) -> Record | None:
        rows = self._read(name, **parameters)
        return rows[0] if rows else None

    def _paged(
        self, name: str, shape: Callable[[dict], Any], window: Window, /, **parameters: Any
    ) -> Page:
        """cypher/queries/<name>.cypher, which counts every match (`total`) and returns the
        window's `items` ($skip, $limit): paged in the database."""
        row = self._one(name, skip=window.offset, limit=window.limit, **parameters)
        if row is None:  # nothing matched at all
            return Page.of([], window, total=0)
        return Page.of([shape(item) for item in row["items"]], window, total=row["total"])

    def _read_transaction(self, work, *args: Any) -> Any:
        """Several named queries in one read transaction (with the same timeout)."""
        work = unit_of_work(timeout=self.timeout)(work)

        def read() -> Any:
            with self._driver.session(database=self.database) as session:
                return session.execute_read(work, *args)

        return self._within_timeout(read)

    # -- corrections (graph/neo4j_corrections.py) -------------------------------------------

    def correction_store(self):
        from plankg.graph.neo4j_corrections import Neo4jCorrections

        return Neo4jCorrections(self._driver, self.database, self._answering)

    def correcting(self, work: Callable[[Any], T], edit: bool = True) -> T:
        """`work` on the stored graph in one managed write transaction on the database."""
        from plankg.graph.neo4j_corrections import correcting

        with self._answering():
            return correcting(self._driver, self.database, work, self.timeout)

    def plan_text(self, plan: str) -> tuple[str, str] | None:
        """(text, sha256) of a stored plan, or None."""
        rows = self._within_timeout(
            lambda: self._driver.execute_query(
                "MATCH (p:Plan {id: $plan}) RETURN p.text AS text, p.sha256 AS sha256",
                plan=plan,
                routing_=RoutingControl.READ,
                database_=self.database,
            )
        ).records
        return (rows[0]["text"], rows[0]["sha256"]) if rows else None

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

    def plans(self, window: Window) -> Page[PlanOut]:
        return self._paged("plans", _plan, window)

    def plan(self, plan: str) -> PlanOut | None:
        row = self._one("plan", plan=plan)
        return _plan(row) if row else None

    def chapters(self, plan: str, window: Window) -> Page[ChapterOut]:
        rows = self._read("chapters", plan=plan)
        return Page.of(
            [ChapterOut.of(r["chapter"], tasks=r["tasks"], goals=r["goals"]) for r in rows], window
        )

    def chapter(self, plan: str, number: int) -> ChapterDetail | None:
        row = self._one("chapter", plan=plan, number=number)
        if row is None:
            return None
        return ChapterDetail.of(
            row["chapter"],
            tasks=row["tasks"],
            goals=row["goals"],
            task_list=[TaskRef.values(t) for t in row["task_list"]],
            goal_list=[GoalRef.values(g) for g in row["goal_list"]],
        )

    def goals(self, plan: str, window: Window) -> Page[GoalRef]:
        return Page.of([GoalRef.of(row["goal"]) for row in self._read("goals", plan=plan)], window)

    def goal(self, plan: str, number: int) -> GoalDetail | None:
        row = self._one("goal", plan=plan, number=number)
        if row is None:
            return None
        g = row["goal"]
        return GoalDetail.of(
            g,
            span=SpanOut.values(g),
            places=[_mention(m) for m in row["mentions"]],
            indicators=[IndicatorOut.values(i) for i in row["indicators"]],
        )

    # -- tasks -------------------------------------------------------------------------------

    def tasks(
        self, plans: list[str], window: Window, where: TaskFilter = NO_TASK_FILTER
    ) -> Page[TaskRef]:
        return self._paged(
            "tasks",
            TaskRef.of,
            window,
            plans=plans,
            chapter=where.chapter,
            place=where.place or None,
            agency=where.agency or None,
            theme=where.theme or None,
            needle=where.q.casefold() if where.q else None,
        )

    def task(self, plan: str, number: int) -> TaskDetail | None:
        row = self._one("task", plan=plan, number=number)
        if row is None:
            return None
        t = row["task"]
        return TaskDetail.of(
            t,
            span=SpanOut.values(t),
            chapter_title=row["chapter_title"],
            places=[_mention(m) for m in row["mentions"]],
            agencies=[AgencyLink.values(a["agency"], a["link"]) for a in row["agencies"]],
            indicators=[IndicatorOut.values(i) for i in row["indicators"]],
            themes=[ThemeLinkOut.values(x["theme"], x["link"]) for x in row["themes"]],
            related=[RelatedTask.values(r["task"], r["link"]) for r in row["related"]],
        )

    def search_corpus(self, plan: str) -> list[SearchDoc]:
        return [
            SearchDoc.of(row["task"], start=row["task"]["span_start"])
            for row in self._read("search_corpus", plan=plan)
        ]

    # -- indicators ------------------------------------------------------------------------

    def indicators(
        self, plans: list[str], window: Window, where: IndicatorFilter = NO_INDICATOR_FILTER
    ) -> Page[IndicatorOut]:
        return self._paged(
            "indicators",
            IndicatorOut.of,
            window,
            plans=plans,
            task=where.task,
            goal=where.goal,
            year=where.year,
            unit=where.unit,
            name=where.name,
            q=where.q,
        )

    # -- places, agencies, themes --------------------------------------------------------------

    def resolve(self, label: str, key: str, plans: Sequence[str] = ()) -> str | None:
        """An id from an id, a Chinese name, alias or short name, or an English name (any
        case); among names, one that `plans` name first."""
        row = self._one("resolve", label=label, key=key, folded=key.casefold(), plans=list(plans))
        return row["id"] if row else None

    def places(self, plan: str, window: Window, remote: bool | None = None) -> Page[PlaceOut]:
        found = [
            PlaceOut.of(row["place"], tasks=row["tasks"])
            for row in self._read("places", plan=plan)
            if remote is None or row["place"]["remote"] == remote
        ]
        return Page.of(found, window)

    def place(self, plan: str, place_id: str) -> PlaceDetail | None:
        row = self._one("place", plan=plan, place=place_id)
        if row is None:
            return None
        return PlaceDetail.of(
            row["place"],
            tasks=row["tasks"],
            parents=[PlaceRef.values(p) for p in row["parents"]],
            parts=[PlaceRef.values(p) for p in row["parts"]],
        )

    def place_tasks(
        self, plans: list[str], place_id: str, window: Window, include_parts: bool = False
    ) -> Page[PlaceTask]:
        return self._paged(
            "place_tasks",
            lambda row: PlaceTask.of(row["task"], mentions=[_mention(m) for m in row["mentions"]]),
            window,
            plans=plans,
            place=place_id,
            include_parts=include_parts,
        )

    def agencies(self, plan: str, window: Window) -> Page[AgencyOut]:
        found = [_agency(row) for row in self._read("agencies", plan=plan)]
        return Page.of(found, window)

    def agency(self, plan: str, agency_id: str) -> AgencyOut | None:
        row = self._one("agency", plan=plan, agency=agency_id)
        return _agency(row) if row else None

    def agency_tasks(
        self, plans: list[str], agency_id: str, window: Window, role: str | None = None
    ) -> Page[AgencyTask]:
        return self._paged(
            "agency_tasks",
            lambda row: AgencyTask.of(row["task"], row["link"]),
            window,
            plans=plans,
            agency=agency_id,
            role=role or None,
        )

    def responsibilities(
        self, plans: list[str], window: Window, agency: str | None = None
    ) -> Page[ResponsibilityRow]:
        return self._paged(
            "responsibilities",
            lambda item: responsibilities.row(
                item["task"],
                item["plan_title"],
                item["chapter_title"],
                [(x["agency"], x["link"]) for x in item["links"]],
                item["targets"],
            ),
            window,
            plans=plans,
            agency=agency,
        )

    def themes(self, plan: str, window: Window) -> Page[ThemeOut]:
        found = [
            ThemeOut.of(row["theme"], tasks=row["tasks"]) for row in self._read("themes", plan=plan)
        ]
        return Page.of(found, window)

    def theme(self, plan: str, theme_id: str) -> ThemeOut | None:
        row = self._one("theme", plan=plan, theme=theme_id)
        return ThemeOut.of(row["theme"], tasks=row["tasks"]) if row else None

    def theme_tasks(self, plans: list[str], theme_id: str, window: Window) -> Page[ThemeTask]:
        return self._paged(
            "theme_tasks",
            lambda row: ThemeTask.of(row["task"], row["link"]),
            window,
            plans=plans,
            theme=theme_id,
        )

    # -- indicator families --------------------------------------------------------------------

    def families(self, plans: list[str] | None, window: Window) -> Page[FamilyOut]:
        return self._paged(
            "families",
            lambda row: FamilyOut.of(row["family"], targets=row["targets"], plans=row["plans"]),
            window,
            plans=plans,
        )

    def family_targets(
        self, key: str, plans: list[str] | None, window: Window
    ) -> Page[FamilyTarget] | None:
        row = self._one(
            "family_targets",
            family=family_id(key),
            plans=plans,
            skip=window.offset,
            limit=window.limit,
        )
        if row is None:
            return None
        # collect() after a MATCH need not keep the ORDER BY: put the page back in order.
        items = sorted(
            row["items"], key=lambda x: (x["indicator"]["plan"], x["indicator"]["number"])
        )
        page = [
            FamilyTarget.of(
                x["indicator"],
                x["link"],
                plan_title=x["plan_title"],
                region=x["region"],
                task_label=x["task_label"],
            )
            for x in items
        ]
        return Page.of(page, window, total=row["total"])

    # -- the graph itself --------------------------------------------------------------------

    # -- citations ----------------------------------------------------------------------------

    def citations(self, plan: str, window: Window) -> Page[Citation]:
        found = [
            Citation.of(row["document"], row["link"], row["same"])
            for row in self._read("citations", plan=plan)
        ]
        return Page.of(found, window)

    def cited_by(self, plan: str, window: Window) -> Page[CitingPlan]:
        found = [
            CitingPlan.of(row["plan"], row["document"], row["link"])
            for row in self._read("cited_by", plan=plan)
        ]
        return Page.of(found, window)

    def documents(self, window: Window, q: str | None = None) -> Page[DocumentOut]:
        return self._paged(
            "documents",
            lambda item: DocumentOut.of(item["document"], item["same"]),
            window,
            q=q.lower() if q else None,
        )

    def document(self, key: str) -> DocumentDetail | None:
        row = self._one("document", key=key)
        if row is None:
            return None
        citing = [
            CitingPlan.of(c["plan"], row["document"]["key"], c["link"]) for c in row["citing"]
        ]
        return DocumentDetail.detail(row["document"], row["same"], citing)

    def neighbourhood(
        self, focus: str, depth: int, limit: int | None = None
    ) -> tuple[list[FoundNode], list[FoundEdge]]:
        """Nodes within `depth` hops of `focus` (edges in either direction) with their
        distance, and the edges among them; nothing when there is no such node. Nodes come
        by distance, label and id (the memory store gives the same nodes in the order its
        walk met them; the API sorts them so). `limit` is not used: the walk is bounded by
        `depth` (at most 3), and the API refuses an answer past its own bound."""
        found, edges = self._read_transaction(_walk, focus, depth)
        nodes = [
            FoundNode(props["id"], label, _ordered(NODE_PROPERTIES.get(label, ()), props), distance)
            for label, props, distance in found
        ]
        nodes.sort(key=lambda n: (n.distance, n.label, n.id))
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
            properties = _ordered(NODE_PROPERTIES.get(label, ()), props)
            graph.add_node(props["id"], label=label, **properties)
        rank = {node: i for i, node in enumerate(graph)}
        for e in sorted(edges, key=lambda e: (rank[e["source"]], e["type"], e["target"])):
            edge = _edge(e)
            graph.add_edge(edge.source, edge.target, key=edge.type, **edge.properties)
        return graph


def _edge(row: dict) -> FoundEdge:
    properties = _ordered(EDGE_PROPERTIES.get(row["type"], ()), row["properties"])
    return FoundEdge(row["source"], row["target"], row["type"], properties)


def _plan(row: dict) -> PlanOut:
    plan = row["plan"] | {"published": _plain(row["plan"].get("published"))}
    counts = {k: row[k] for k in ("chapters", "goals", "tasks", "indicators")}
    return PlanOut.of(plan, **counts)


def _mention(row: dict) -> dict:
    """A place mention as values (NodeRecord.values), validated with its record."""
    return PlaceMention.values(row["place"], row["link"])


def _agency(row: dict) -> AgencyOut:
    counts = ("leads", "partners", "leads_stated", "leads_inferred")
    counts += ("partners_stated", "partners_inferred")
    return AgencyOut.of(row["agency"], **{k: row[k] for k in counts})


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
