"""Load plans into Neo4j: the schema, then as few write transactions as memory allows.

    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
        report = load_plans(driver, [load_plan(path)], replace=True)
        print(report.summary())  # loaded 1 plan: 45 tasks, 254 nodes, 674 relationships in 1.2 s

Every statement is a file in cypher/: schema.cypher, and load/*.cypher, one per label and
relationship type, fed with parameter rows (UNWIND $rows), never with Cypher built from
strings. Up to GROUP_ROWS nodes and relationships of whole plans are written in one
transaction, in batches, so a failed or interrupted load of that size leaves the previous
graph as it was (see load_plans for larger ones); nodes are MERGEd on id and
relationships on (source, type, target), so loading twice changes nothing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from neo4j import Driver, ManagedTransaction, Query, Transaction
from neo4j.exceptions import ClientError, ConstraintError

from plankg.config import shipped_folder
from plankg.errors import PlankgError
from plankg.graph.build import SHARED, build_graph, check_unique_ids
from plankg.graph.schema import Edge, GraphData, Label, Node, Rel
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


def safe_uri(uri: str) -> str:
    """The URI without user information, query or fragment: fit for messages and logs."""
    parts = urlsplit(uri)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def connect(uri: str, user: str, password: str, timeout: float) -> Driver:
    """A driver to a Neo4j that answered: a URI that is wrong, a server that is not there or
    a refused login raises Neo4jUnreachable now (not after 30 s of retries), quoting the
    URI without its user information. `timeout` (NEO4J_TIMEOUT) bounds connecting."""
    import neo4j
    from neo4j.exceptions import DriverError, Neo4jError

    auth = (user, password) if password else None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=timeout)
        driver.verify_connectivity()
    except (DriverError, Neo4jError, ValueError) as error:
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


def apply_schema(driver: Driver, database: str | None = None) -> int:
    """Create the constraints and indexes of cypher/schema.cypher that are missing; return
    how many were created (0 the second time)."""
    created = 0
    for statement in statements(cypher("schema")):
        try:
            summary = driver.execute_query(Query(statement), database_=database).summary
        except ClientError as error:
            # Two loads into a fresh database at once: both see the index missing, one
            # creates it, IF NOT EXISTS does not cover the other. It exists: that will do.
            if "AlreadyExists" in (error.code or ""):
                continue
            raise
        created += summary.counters.constraints_added + summary.counters.indexes_added
    return created


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
    plans: list[Plan],
    database: str | None = None,
    replace: bool = False,
    batch_size: int = BATCH_SIZE,
    on_plan: Callable[[Plan], None] | None = None,
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
    group's plans go in the same UNWIND batches, so a large load costs few round trips.
    `on_plan` is called for each plan once its transaction has committed."""
    started = time.perf_counter()
    check_unique_ids(plans)  # before anything is written
    report = LoadReport()
    if not plans:
        return report
    apply_schema(driver, database)
    written: list[Plan] = []
    for group in _groups(plans, group_rows):
        data = build_graph(group)
        ids = [plan.id for plan in group]

        def work(
            tx: ManagedTransaction, data: GraphData = data, ids: list[str] = ids, merge=False
        ) -> None:
            if replace:
                tx.run(cypher("load/unlist_plan"), plans=ids).consume()
                tx.run(cypher("load/delete_plan"), plans=ids).consume()
                new = set() if merge else set(ids)
            else:
                new = set() if merge else set(ids) - _existing(tx, ids)
            write_graph(tx, data, batch_size, on_batch, new_plans=new)
            if replace:
                tx.run(cypher("load/delete_orphans")).consume()

        try:
            with driver.session(database=database) as session:
                try:
                    session.execute_write(work)
                except ConstraintError:
                    # Another load wrote one of these plans after this one found it absent
                    # (CREATE collided with its nodes): MERGE all of it, as loads of plans
                    # already in the database do.
                    session.execute_write(work, merge=True)
        except Exception as error:
            if written:
                raise PartialLoad(written, plans, error) from error
            raise
        written += group
        report.nodes += len(data.nodes)
        report.relationships += len(data.edges)
        for plan in group:
            report.plans += 1
            report.tasks += len(plan.tasks)
            if on_plan is not None:
                on_plan(plan)
    await_indexes(driver, database)
    report.seconds = time.perf_counter() - started
    return report


def _existing(tx: ManagedTransaction, ids: list[str]) -> set[str]:
    """The plans among `ids` that the database holds nodes of."""
    return set(tx.run(cypher("load/existing_plans"), plans=ids).single(strict=True)["existing"])


class PartialLoad(LoadError):
    """A load larger than one transaction failed after its first groups had committed."""

    def __init__(self, written: list[Plan], plans: list[Plan], error: Exception) -> None:
        self.written = written
        reason = getattr(error, "message", None) or str(error) or type(error).__name__
        super().__init__(
            f"{reason}; the first {len(written)} of {len(plans)} plans were written (up to "
            f"{written[-1].source}), the rest were not: run the same load again to finish it"
        )


def _groups(plans: list[Plan], rows: int) -> Iterator[list[Plan]]:
    """Consecutive runs of whole plans with at most `rows` nodes and relationships each
    (a plan larger than that is a group of its own)."""
    group: list[Plan] = []
    size = 0
    for plan in plans:
        cost = _rows(plan)
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
    for name, rows in _batches(data, batch_size, new_plans):
        record = tx.run(cypher(f"load/{name}"), rows=rows).single(strict=True)
        if record["written"] != len(rows):
            raise LoadError(
                f"load/{name}.cypher wrote {record['written']} of {len(rows)} rows: a "
                "relationship names a node that is not in the graph"
            )
        if on_batch is not None:
            on_batch(name, len(rows))


def _batches(
    data: GraphData, size: int, new_plans: Set[str] = frozenset()
) -> Iterator[tuple[str, list[dict]]]:
    """(load file, rows) for the nodes label by label, then the relationships type by type;
    rows of new plans go to the CREATE files, the others to the MERGE files."""
    new_ids: set[str] = set()  # the own nodes of new plans
    for label in Label:
        # By id: concurrent loads lock shared nodes in one order, so they rarely deadlock.
        nodes = sorted((n for n in data.nodes if n.label == label), key=lambda n: n.id)
        if label not in SHARED:
            new = [n for n in nodes if n.properties.get("plan") in new_plans]
            new_ids.update(n.id for n in new)
            nodes = [n for n in nodes if n.properties.get("plan") not in new_plans]
            yield from _chunks(f"new_{_file(label)}", [_node_row(n) for n in new], size)
        yield from _chunks(f"node_{_file(label)}", [_node_row(n) for n in nodes], size)
    for rel in Rel:
        edges = [e for e in data.edges if e.type == rel]
        new = _once([e for e in edges if e.source in new_ids or e.target in new_ids])
        yield from _chunks(f"new_rel_{_file(rel)}", [_edge_row(e) for e in new], size)
        rows = [_edge_row(e) for e in edges if e.source not in new_ids and e.target not in new_ids]
        yield from _chunks(f"rel_{_file(rel)}", rows, size)


def _once(edges: list[Edge]) -> list[Edge]:
    """Each (source, type, target) once, where it first comes, with the properties of its
    last row: what MERGE then SET row by row leaves (CREATE would write every row)."""
    last: dict[tuple[str, str, str], Edge] = {}
    for edge in edges:
        last[edge.source, edge.type, edge.target] = edge
    return list(last.values())


def _file(name: str) -> str:
    return re.sub(r"[^a-z]+", "_", name.lower())


def _chunks(name: str, rows: list[dict], size: int) -> Iterator[tuple[str, list[dict]]]:
    for start in range(0, len(rows), size):
        yield name, rows[start : start + size]


def _node_row(node: Node) -> dict:
    """None is absent in Neo4j; a shared node's `plans` is merged by the statement."""
    properties = {"id": node.id} | {
        k: v for k, v in node.properties.items() if v is not None and k != "plans"
    }
    row = {"id": node.id, "properties": properties}
    if node.label in SHARED:
        row["plans"] = node.properties.get("plans", [])
    return row


def _edge_row(edge: Edge) -> dict:
    properties = {k: v for k, v in edge.properties.items() if v is not None}
    return {"source": edge.source, "target": edge.target, "properties": properties}
