"""Load plans into Neo4j: the schema, then as few write transactions as memory allows.

    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
        report = load_plans(driver, [load_plan(path)], replace=True)
        print(report.summary())  # loaded 1 plan: 45 tasks, 254 nodes, 674 relationships in 1.2 s

Every statement is a file in cypher/: schema.cypher, and load/*.cypher, one per label and
relationship type, fed with parameter rows (UNWIND $rows), never with Cypher built from
strings. Up to GROUP_ROWS nodes and relationships of whole plans are written in one
transaction, in batches, so a failed or interrupted load of that size leaves the previous
graph as it was (see load_plans for larger ones). A plan the database holds nothing of (new,
or just deleted by --replace) is CREATEd, its relationships found by the element ids its node
statements returned; nodes of plans already there are MERGEd on id and their relationships
on (source, type, target), so loading twice changes nothing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from neo4j import Driver, ManagedTransaction, Query, Transaction
from neo4j.exceptions import ClientError, ConstraintError

from plankg.config import shipped_folder
from plankg.errors import PlankgError
from plankg.graph.build import SHARED, build_graph, check_unique_ids
from plankg.graph.schema import Edge, GraphData, Label, Node, Rel, document_id
from plankg.loaders.model import Plan

CYPHER_DIR = shipped_folder("plankg.cypher")
BATCH_SIZE = 1000
INDEX_WAIT = 300  # seconds: the full-text index is populated in the background
# Rows (nodes and relationships) per write transaction: Neo4j holds a transaction's writes in
# memory until it commits, and the 1 GB dev server refuses one past ~700 MB (300 synthetic
# plans, about 240,000 rows, did not fit; 100 plans did).
GROUP_ROWS = 40_000


class LoadError(PlankgError, RuntimeError):
    """A load statement wrote fewer rows than it was given (its transaction is rolled back)."""

    exit_code = 1  # the server failed, not the input


class Neo4jUnreachable(PlankgError):
    """No Neo4j at the URI, a URI that is not one, or a login refused: bad input, exit 2."""


# The Bolt schemes: the driver also takes http:// and https:// (its experimental HTTP query
# API, which needs aiohttp and answers differently), which plankg neither uses nor tests.
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def safe_uri(uri: str) -> str:
    """The URI without user information, query or fragment: fit for messages and logs."""
    parts = urlsplit(uri)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # not a number, or out of range: say so rather than fail
        port = ":?"
    return f"{parts.scheme}://{host}{port}"


def check_uri(uri: str) -> None:
    """Refuse a URI that is not a Bolt one (http://, https://, a typo) before the driver
    sees it: Neo4jUnreachable, one line, exit 2."""
    scheme = urlsplit(uri).scheme
    if scheme.lower() not in BOLT_SCHEMES:
        expected = ", ".join(f"{s}://" for s in BOLT_SCHEMES)
        what = f"URI scheme {scheme!r} is not supported" if scheme else "no URI scheme"
        raise Neo4jUnreachable(f"Neo4j at {safe_uri(uri)}: {what}: expected {expected}")


def connection_limits(timeout: float) -> dict[str, float]:
    """The driver's limits on getting a connection, each `timeout` (NEO4J_TIMEOUT) seconds:
    the TCP connection, and its acquisition from the pool, which covers the Bolt handshake
    and the login of a new one (so a port that accepts and never answers is given up after
    `timeout`, not after the driver's default 60 s). What a query may take once sent is
    bounded apart: by the server (a transaction timeout) and, in the API, by the store's
    own deadline (graph/neo4j_store.py), since a frozen server enforces nothing."""
    return {"connection_timeout": timeout, "connection_acquisition_timeout": timeout}


def connect(uri: str, user: str, password: str, timeout: float) -> Driver:
    """A driver to a Neo4j that answered: a URI that is wrong (not Bolt: http:// too), a
    server that is not there, a port that never answers within `timeout` (NEO4J_TIMEOUT)
    or a refused login raises Neo4jUnreachable now, quoting the URI without its user
    information."""
    import neo4j
    from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable

    check_uri(uri)
    auth = (user, password) if password else None
    started = time.monotonic()
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, **connection_limits(timeout))
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    except (DriverError, Neo4jError, ValueError) as error:
        if isinstance(error, ServiceUnavailable) and time.monotonic() - started >= timeout:
            # Connected, but no handshake or login reply: what the driver says of it names
            # its internals (four-byte responses, deadlines), not what happened.
            reason = f"did not answer within {timeout:g} s (is it a Bolt port of Neo4j?)"
        else:
            # The driver may quote the URI, user information and all: quote the safe one.
            reason = one_line(error).replace(uri, safe_uri(uri))
        raise Neo4jUnreachable(f"Neo4j at {safe_uri(uri)}: {reason}") from None
    return driver


def one_line(error: Exception) -> str:
    """The driver's message, which may span lines, on one line. A server error's `message`
    is its own; a driver error's is a generic GQL status, so its text is str()."""
    from neo4j.exceptions import Neo4jError

    reason = error.message if isinstance(error, Neo4jError) else None
    return " ".join(str(reason or error or type(error).__name__).split())


@cache
def cypher(name: str) -> str:
    """The text of cypher/<name>.cypher (e.g. "queries/task", "load/node_task"), read once."""
    return (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def statements(text: str) -> list[str]:
    """The ';'-separated statements of a file, without its whole-line // comments."""
    kept = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in kept.split(";") if s.strip()]


SCHEMA_NAME = re.compile(r"CREATE (?:FULLTEXT )?(?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS")


def apply_schema(driver: Driver, database: str | None = None) -> int:
    """Create the constraints and indexes of cypher/schema.cypher that are missing; return
    how many were created (0 the second time)."""
    return len(_ensure_schema(driver, database)[1])


def _ensure_schema(driver: Driver, database: str | None) -> tuple[list[str], list[str]]:
    """(statements run, constraints and indexes created). One SHOW INDEXES first (a
    constraint's index bears its name): a database whose schema is in place and online runs
    nothing more, instead of 17 schema transactions (and no index wait after the load)."""
    online = {
        record["name"]
        for record in driver.execute_query(
            Query("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name"),
            database_=database,
        ).records
    }
    pending = [s for s in statements(cypher("schema")) if _schema_name(s) not in online]
    created = []
    for statement in pending:
        try:
            summary = driver.execute_query(Query(statement), database_=database).summary
        except ClientError as error:
            # Two loads into a fresh database at once: both see the index missing, one
            # creates it, IF NOT EXISTS does not cover the other. It exists: that will do.
            if "AlreadyExists" in (error.code or ""):
                continue
            raise
        if summary.counters.constraints_added + summary.counters.indexes_added:
            created.append(statement)
    return pending, created


def _schema_name(statement: str) -> str | None:
    """The name a schema statement gives its constraint or index (None: always run it)."""
    found = SCHEMA_NAME.match(statement)
    return found[1] if found else None


def await_indexes(driver: Driver, database: str | None = None) -> None:
    driver.execute_query(Query(f"CALL db.awaitIndexes({INDEX_WAIT})"), database_=database)


@dataclass
class LoadReport:
    plans: int = 0
    tasks: int = 0
    nodes: int = 0  # written, each once: a place two plans name counts once
    relationships: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        noun = "plan" if self.plans == 1 else "plans"
        return (
            f"loaded {self.plans} {noun}: {self.tasks} tasks, {self.nodes} nodes, "
            f"{self.relationships} relationships in {self.seconds:.1f} s"
        )


Progress = Callable[[str, int], None]  # (what was written, rows), after each batch


def load_plans(
    driver: Driver,
    plans: Sequence[Plan | PlanRows],
    database: str | None = None,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    on_batch: Progress | None = None,
    group_rows: int = GROUP_ROWS,
) -> LoadReport:
    """Apply the schema, then load the plans in as few write transactions as Neo4j's
    transaction memory allows: one for up to `group_rows` nodes and relationships (about
    70 synthetic plans, or 45 Zhoushans), else one per group of whole plans of that size.
    A transaction is all or nothing, so a load that fits one group is all or nothing; a
    larger one that fails in group k raises PartialLoad, saying which plans the groups
    before k wrote (loading again completes it: a load is idempotent).

    With `replace`, a transaction first takes its plans off the shared nodes' `plans` lists
    and deletes the plans' own nodes (Plan, Chapter, Goal, Task, Indicator) with their
    relationships; shared Place, Agency and Theme nodes and PART_OF are merged, and deleted
    only when no plan names them any more.

    Concurrent loads of other plans lose nothing: a shared node is locked (written) before
    its `plans` list is read, always in the same order (label, then id), and a transaction
    that still deadlocks is retried whole by the driver (execute_write). Rows of all the
    group's plans go in the same UNWIND batches, so a large load costs few round trips, and
    the next group's rows are merged while this one is written.

    Each plan is turned into its rows (`plan_rows`) first, unless it comes as its rows
    already: `plankg load` builds them in the processes that read the files, so this
    process neither receives the plan's model nor builds its rows."""
    started = time.perf_counter()
    check_unique_ids(plans)  # before anything is written
    report = LoadReport()
    if not plans:
        return report
    loading = [p if isinstance(p, PlanRows) else plan_rows(p) for p in plans]
    schema_work, _ = _ensure_schema(driver, database)
    written: list[PlanRows] = []
    # The next group's rows are merged (Python) while this one is written (Neo4j).
    with ThreadPoolExecutor(1, thread_name_prefix="plankg-rows") as builder:
        groups = list(_groups(loading, group_rows))
        coming = builder.submit(_merge, groups[0])
        for index, group in enumerate(groups):
            try:
                rows = coming.result()
                if index + 1 < len(groups):
                    coming = builder.submit(_merge, groups[index + 1])
                _write_group(driver, database, rows, replace, batch_size, on_batch)
            except Exception as error:
                coming.cancel()
                if written:
                    raise PartialLoad(written, loading, error) from error
                raise
            written += group
            report.nodes += rows.nodes
            report.relationships += rows.relationships
            report.plans += len(group)
            report.tasks += sum(plan.tasks for plan in group)
    if schema_work:
        await_indexes(driver, database)
    report.seconds = time.perf_counter() - started
    return report


def _write_group(
    driver: Driver,
    database: str | None,
    rows: Rows,
    replace: bool,
    batch_size: int,
    on_batch: Progress | None,
) -> None:
    """One group of plans in one transaction."""

    def work(tx: ManagedTransaction, merge: bool = False) -> None:
        if replace:
            tx.run(cypher("load/unlist_plan"), plans=rows.plans).consume()
            tx.run(cypher("load/delete_plan"), plans=rows.plans).consume()
            new = set() if merge else set(rows.plans)
        else:
            new = set() if merge else set(rows.plans) - _existing(tx, rows.plans)
        _write_rows(tx, rows, batch_size, on_batch, new)
        link_same_as(tx, rows)
        if replace:
            tx.run(cypher("load/delete_orphans")).consume()

    with driver.session(database=database) as session:
        try:
            session.execute_write(work)
        except ConstraintError:
            # Another load wrote one of these plans after this one found it absent (a
            # CREATE met its nodes): MERGE all of it, as for plans already in the database.
            session.execute_write(work, merge=True)


def link_same_as(tx: Transaction | ManagedTransaction, group: Rows) -> None:
    """SAME_AS from the documents these rows cite to loaded plans, and from documents
    already cited to these rows' plans: load/link_same_as.cypher, in the load's transaction."""
    keys = sorted(
        {row["properties"]["key"] for _, row in group.by_label[Label.DOCUMENT]}
        | {
            row["properties"]["title_key"]
            for _, row in group.by_label[Label.PLAN]
            if "title_key" in row["properties"]
        }
    )
    rows = [{"id": document_id(key), "key": key} for key in keys]  # sorted: one lock order
    if rows:
        tx.run(cypher("load/link_same_as"), rows=rows).consume()
        tx.run(cypher("load/drop_probes"), rows=rows).consume()


def _existing(tx: ManagedTransaction, ids: list[str]) -> set[str]:
    """The plans among `ids` that the database holds nodes of."""
    return set(tx.run(cypher("load/existing_plans"), plans=ids).single(strict=True)["existing"])


class PartialLoad(LoadError):
    """A load larger than one transaction failed after its first groups had committed."""

    def __init__(
        self,
        written: Sequence[PlanRows],
        plans: Sequence[PlanRows],
        error: Exception,
    ) -> None:
        self.written = written
        reason = getattr(error, "message", None) or str(error) or type(error).__name__
        super().__init__(
            f"{reason}; the first {len(written)} of {len(plans)} plans were written (up to "
            f"{written[-1].source}), the rest were not: run the same load again to finish it"
        )


def _groups(plans: Sequence[PlanRows], rows: int) -> Iterator[list[PlanRows]]:
    """Consecutive runs of whole plans with at most `rows` nodes and relationships each
    (a plan larger than that is a group of its own)."""
    group: list[PlanRows] = []
    size = 0
    for plan in plans:
        cost = plan.size
        if group and size + cost > rows:
            yield group
            group, size = [], 0
        group.append(plan)
        size += cost
    if group:
        yield group


def _rows(plan: Plan) -> int:
    """About how many nodes and relationships the plan writes (for grouping only)."""
    return (
        2 * (len(plan.chapters) + len(plan.goals) + len(plan.tasks) + len(plan.indicators))
        + len(plan.mentions)
        + len(plan.responsibilities)
        + len(plan.theme_links)
        + 5 * len(plan.tasks)  # related tasks
        + 2 * len(plan.citations)
        + 1
    )


def replace_graph(
    driver: Driver, data: GraphData, database: str | None = None, batch_size: int = BATCH_SIZE
) -> None:
    """Make the database hold exactly `data`: in one transaction, delete everything, then
    write it (Neo4jStore.load)."""
    apply_schema(driver, database)
    plans = {n.id for n in data.nodes if n.label == Label.PLAN}

    def work(tx: ManagedTransaction) -> None:
        tx.run(cypher("load/delete_all")).consume()
        write_graph(tx, data, batch_size, new_plans=plans)
        link_same_as(tx, _rows_of(data))

    with driver.session(database=database) as session:
        session.execute_write(work)
    await_indexes(driver, database)


def write_graph(
    tx: Transaction | ManagedTransaction,
    data: GraphData,
    batch_size: int = BATCH_SIZE,
    on_batch: Progress | None = None,
    new_plans: Set[str] = frozenset(),
) -> None:
    """Write every node, then every relationship, of `data` in batches of UNWIND rows.

    The own nodes of `new_plans` (plans the database holds nothing of: the caller checked or
    deleted, in this transaction) and every relationship touching them are CREATEd
    (load/new_*.cypher): no index lookup for a node that cannot exist, no scan of a shared
    node's relationships for one that cannot either. Everything else is MERGEd
    (load/node_*.cypher, load/rel_*.cypher), so loading a plan again changes nothing."""
    _write_rows(tx, _rows_of(data), batch_size, on_batch, new_plans)


@dataclass
class Rows:
    """A group's graph as statement parameters, built once (outside the transaction, which
    the driver may retry): per label and per relationship type, (plans, row) pairs, where
    plans are the plans whose own nodes the row writes or touches (none for shared ones)."""

    plans: list[str]
    nodes: int
    relationships: int
    by_label: dict[Label, list[tuple[tuple[str, ...], dict]]]
    by_type: dict[Rel, list[tuple[tuple[str, ...], dict]]]


@dataclass
class PlanRows:
    """One plan as statement parameters, built where it was read (loaders/batch.py runs
    `plan_rows` in its worker processes): plain lists and dicts, which cross processes far
    more cheaply than the plan's model (an eighth of the time to unpickle). A group's Rows
    are merged from these (`_merge`): shared nodes once, with the group's plans listed."""

    id: str
    source: str
    tasks: int
    size: int  # rows, about: for grouping (_rows)
    nodes: int  # the plan's own nodes
    relationships: int  # as build_graph counts them, PART_OF left out
    own: dict[Label, list[dict]]  # the plan's own node rows, by id
    shared: dict[Label, dict[str, dict]]  # place, agency, theme, document rows, no `plans`
    edges: dict[Rel, list[tuple[tuple[str, ...], dict]]]  # as in Rows, PART_OF left out
    warnings: list[str]  # the reader's, for `plankg load` to print before it writes


def plan_rows(plan: Plan) -> PlanRows:
    """The plan's rows; PART_OF, which depends on the other places of the group, and the
    shared nodes' `plans` lists are left to _merge."""
    data = build_graph([plan])
    rows = _rows_of(data)
    part_of = len(rows.by_type[Rel.PART_OF])
    return PlanRows(
        id=plan.id,
        source=plan.source,
        tasks=len(plan.tasks),
        size=_rows(plan),
        nodes=sum(len(rows.by_label[label]) for label in Label if label not in SHARED),
        relationships=rows.relationships - part_of,
        own={
            label: [row for _, row in rows.by_label[label]]
            for label in Label
            if label not in SHARED
        },
        shared=_shared_rows(data, rows),
        edges={rel: pairs for rel, pairs in rows.by_type.items() if rel != Rel.PART_OF},
        warnings=list(plan.warnings),
    )


def _shared_rows(data: GraphData, rows: Rows) -> dict[Label, dict[str, dict]]:
    """The shared nodes' rows without `held_by`, in the order the plan holds them (the
    order build_graph adds them in, which PART_OF keeps); `plans` says whether this plan
    names the node ([plan]) or holds it only (a place containing one it names: [])."""
    by_id = {row["id"]: row for label in SHARED for _, row in rows.by_label[label]}
    shared: dict[Label, dict[str, dict]] = {label: {} for label in SHARED}
    for node in data.nodes:
        if node.label in SHARED:
            row = by_id[node.id]
            shared[node.label][node.id] = {k: v for k, v in row.items() if k != "held_by"}
    return shared


def _merge(group: list[PlanRows]) -> Rows:
    """The group's Rows as build_graph over the whole group would give them: a shared node
    once, with the properties of the first plan holding it, the group's plans naming it in
    `plans` and, for a place, every plan of the group holding it in `held_by`; PART_OF
    between places of the group; rows of a label sorted by id."""
    by_label: dict[Label, list] = {label: [] for label in Label}
    first: dict[str, tuple[Label, dict]] = {}  # shared node id -> its first row
    members: dict[str, list[str]] = {}
    naming: dict[str, list[str]] = {}
    for plan in group:
        for label, own in plan.own.items():
            by_label[label].extend(((plan.id,), row) for row in own)
        for label, shared in plan.shared.items():
            for node_id, row in shared.items():
                if node_id not in first:
                    first[node_id] = (label, row)
                    members[node_id] = []
                    naming[node_id] = []
                members[node_id].append(plan.id)
                naming[node_id].extend(row["plans"])
    for node_id, (label, row) in first.items():
        if label == Label.PLACE:
            lists = {"plans": sorted(naming[node_id]), "held_by": sorted(members[node_id])}
        else:
            lists = {"plans": sorted(members[node_id])}
        by_label[label].append(((), row | lists))
    for pairs in by_label.values():
        pairs.sort(key=lambda pair: pair[1]["id"])
    by_type: dict[Rel, list] = {rel: [] for rel in Rel}
    for plan in group:
        for rel, pairs in plan.edges.items():
            by_type[rel].extend(pairs)
    by_type[Rel.PART_OF] = [
        ((), {"source": node_id, "target": parent, "properties": {}})
        for node_id, (label, row) in first.items()
        if label == Label.PLACE and (parent := row["properties"].get("parent")) in first
    ]
    return Rows(
        plans=[plan.id for plan in group],
        nodes=sum(plan.nodes for plan in group) + len(first),
        relationships=sum(plan.relationships for plan in group) + len(by_type[Rel.PART_OF]),
        by_label=by_label,
        by_type=by_type,
    )


def _rows_of(data: GraphData) -> Rows:
    owner = {n.id: n.properties.get("plan") for n in data.nodes if n.label not in SHARED}
    by_label: dict[Label, list] = {label: [] for label in Label}
    # By id: concurrent loads lock shared nodes in one order, so they rarely deadlock.
    for node in sorted(data.nodes, key=lambda n: n.id):
        plans = () if node.label in SHARED else (owner[node.id],)
        by_label[node.label].append((plans, _node_row(node)))
    by_type: dict[Rel, list] = {rel: [] for rel in Rel}
    for edge in _once(data.edges):
        plans = tuple(p for p in (owner.get(edge.source), owner.get(edge.target)) if p)
        by_type[edge.type].append((plans, _edge_row(edge)))
    plans = [n.id for n in data.nodes if n.label == Label.PLAN]
    return Rows(plans, len(data.nodes), len(data.edges), by_label, by_type)


def _write_rows(
    tx: Transaction | ManagedTransaction,
    rows: Rows,
    batch_size: int,
    on_batch: Progress | None,
    new_plans: Set[str],
) -> None:
    element_ids: dict[str, str] = {}  # node id -> its element id, in this transaction
    for name, batch in _batches(rows, batch_size, new_plans):
        if name.startswith("new_rel_"):
            batch = [
                row
                | {
                    "source": element_ids.get(row["source"]),
                    "target": element_ids.get(row["target"]),
                }
                for row in batch
            ]
        record = tx.run(cypher(f"load/{name}"), rows=batch).single(strict=True)
        if "ids" in record.keys():
            element_ids.update(record["ids"])
        if record["written"] != len(batch):
            raise LoadError(
                f"load/{name}.cypher wrote {record['written']} of {len(batch)} rows: a "
                "relationship names a node that is not in the graph"
            )
        if on_batch is not None:
            on_batch(name, len(batch))


def _batches(
    rows: Rows, size: int, new_plans: Set[str] = frozenset()
) -> Iterator[tuple[str, list[dict]]]:
    """(load file, rows) for the nodes label by label, then the relationships type by type;
    rows that write or touch a new plan's own nodes go to the CREATE files, the others to
    the MERGE files."""
    for prefix, kinds in (("", rows.by_label), ("rel_", rows.by_type)):
        for kind, pairs in kinds.items():
            new = [row for plans, row in pairs if any(p in new_plans for p in plans)]
            old = [row for plans, row in pairs if not any(p in new_plans for p in plans)]
            name = _file(kind)
            yield from _chunks(f"new_{prefix}{name}", new, size)
            yield from _chunks(f"{'rel_' if prefix else 'node_'}{name}", old, size)


def _once(edges: list[Edge]) -> list[Edge]:
    """Each (source, type, target) once, where it first comes, with the properties of its
    last row: what MERGE then SET row by row leaves (and CREATE would write every row)."""
    last: dict[tuple[str, str, str], Edge] = {}
    for edge in edges:
        last[edge.source, edge.type, edge.target] = edge
    return list(last.values())


def _file(name: str) -> str:
    return re.sub(r"[^a-z]+", "_", name.lower())


def _chunks(name: str, rows: list[dict], size: int) -> Iterator[tuple[str, list[dict]]]:
    for start in range(0, len(rows), size):
        yield name, rows[start : start + size]


MEMBERSHIP = ("plans", "held_by")  # lists a statement merges with the stored ones


def _node_row(node: Node) -> dict:
    """None is absent in Neo4j; a shared node's `plans` (a place's `held_by` too) are merged
    by the statement."""
    properties = {"id": node.id} | {
        k: v for k, v in node.properties.items() if v is not None and k not in MEMBERSHIP
    }
    row = {"id": node.id, "properties": properties}
    if node.label in SHARED:
        row["plans"] = node.properties.get("plans", [])
    if node.label == Label.PLACE:
        row["held_by"] = node.properties.get("held_by", [])
    return row


def _edge_row(edge: Edge) -> dict:
    properties = {k: v for k, v in edge.properties.items() if v is not None}
    return {"source": edge.source, "target": edge.target, "properties": properties}
