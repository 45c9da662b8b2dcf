"""Corrections when Neo4j is the backend: kept as :Correction nodes (the properties of
graph/correction_store.py's CORRECTION_PROPERTIES), and applied to the stored graph by
graph/corrections.py's rules through `Neo4jGraph`, in a managed write transaction on the
named database: at `plankg load` (every kept correction, after the plans are written) and
on each write through the API (that one fact).

A :Correction node is no part of any plan: loading or replacing plans leaves it alone
(cypher/load/delete_all.cypher keeps it), so the audit trail outlives every reload.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager as ContextManager
from contextlib import nullcontext
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction

from plankg.graph.correction_store import CORRECTION_PROPERTIES, from_row, to_row
from plankg.graph.corrections import Correction, apply_all, ends
from plankg.graph.schema import EDGE_PROPERTIES, Rel

T = TypeVar("T")
CONSTRAINT = (
    "CREATE CONSTRAINT correction_id IF NOT EXISTS FOR (c:Correction) REQUIRE c.id IS UNIQUE"
)
INDEX = "CREATE INDEX correction_plan IF NOT EXISTS FOR (c:Correction) ON (c.plan)"
class Neo4jGraph:
    """graph/corrections.py's Graph over one Neo4j transaction."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self.tx = tx

    def node(self, node_id: str, label: str) -> dict | None:
        found = self.tx.run(
            f"MATCH (n:{label} {{id: $id}}) RETURN properties(n) AS p", id=node_id
        ).single()
        return None if found is None else {**found["p"], "label": label}

    def link(self, source: str, target: str, rel: Rel) -> dict | None:
        first, second = ends(source, rel)
        found = self.tx.run(
            f"MATCH (:{first} {{id: $source}})-[r:{rel.value}]->(:{second} {{id: $target}}) "
            "RETURN properties(r) AS p",
            source=source,
            target=target,
        ).single()
        if found is None:
            return None
        keys = EDGE_PROPERTIES[rel]
        return {k: found["p"].get(k) for k in keys if k in found["p"]}

    def set_link(
        self, source: str, target: str, rel: Rel, properties: Mapping[str, Any] | None
    ) -> None:
        first, second = ends(source, rel)
        both = f"MATCH (a:{first} {{id: $source}}), (b:{second} {{id: $target}}) "
        self.tx.run(
            both + f"OPTIONAL MATCH (a)-[r:{rel.value}]->(b) DELETE r",
            source=source,
            target=target,
        ).consume()
        if properties is not None:
            stored = {k: v for k, v in properties.items() if v is not None}
            self.tx.run(
                both + f"CREATE (a)-[r:{rel.value}]->(b) SET r = $properties",
                source=source,
                target=target,
                properties=stored,
            ).consume()

    def set_node(self, node_id: str, label: str, properties: Mapping[str, Any]) -> None:
        self.tx.run(
            f"MATCH (n:{label} {{id: $id}}) SET n += $properties",
            id=node_id,
            properties=dict(properties),
        ).consume()


def correcting(
    driver: Driver, database: str | None, work: Callable[[Neo4jGraph], T], timeout: float
) -> T:
    """`work` on the stored graph in one managed write transaction (retried whole by the
    driver on a transient error, so `work` must only read and write through the graph)."""
    with driver.session(database=database) as session:
        return session.execute_write(lambda tx: work(Neo4jGraph(tx)))


def plan_shas(driver: Driver, database: str | None) -> dict[str, str]:
    records, _, _ = driver.execute_query(
        "MATCH (p:Plan) RETURN p.id AS id, p.sha256 AS sha256", database_=database
    )
    return {r["id"]: r["sha256"] for r in records}


def apply_kept(driver: Driver, database: str | None, also: list[Correction] = ()) -> int:
    """Apply every kept correction to the stored plans (`plankg load`): the facts set.
    `also`: corrections kept elsewhere (the embedded store's SQLite file), copied in first
    (by id: one already there is left as it is), so one audit trail serves both stores."""
    kept = Neo4jCorrections(driver, database)
    for correction in also:
        kept.add(correction, only_new=True)
    corrections = kept.all()
    if not corrections:
        return 0
    shas = plan_shas(driver, database)
    with driver.session(database=database) as session:
        return session.execute_write(lambda tx: apply_all(Neo4jGraph(tx), corrections, shas))


class Neo4jCorrections:
    """The CorrectionStore of graph/correction_store.py as :Correction nodes."""

    def __init__(
        self,
        driver: Driver,
        database: str | None,
        guard: Callable[[], ContextManager[None]] = nullcontext,
    ) -> None:
        """`guard`: how the store says Neo4j cannot answer (StoreUnavailable: the API's
        503). Nothing is asked of Neo4j here: a server may start while it is away."""
        self.driver, self.database, self.guard = driver, database, guard
        self._schema_made = False

    def _query(self, query: str, **parameters: Any):
        with self.guard():
            return self.driver.execute_query(query, parameters, database_=self.database)

    def _rows(self, query: str, **parameters: Any) -> list[Correction]:
        records, _, _ = self._query(query, **parameters)
        return [from_row({k: r["c"].get(k) for k in CORRECTION_PROPERTIES}) for r in records]

    def add(self, correction: Correction, only_new: bool = False) -> None:
        if not self._schema_made:
            for statement in (CONSTRAINT, INDEX):
                self._query(statement)
            self._schema_made = True
        row = {k: v for k, v in to_row(correction).items() if v is not None}
        self._query(
            "MERGE (c:Correction {id: $row.id}) ON CREATE SET c = $row"
            if only_new
            else "CREATE (c:Correction) SET c = $row",
            row=row,
        )

    def withdraw(self, correction_id: str, who: str, when: str) -> Correction | None:
        self._query(
            "MATCH (c:Correction {id: $id}) WHERE c.status <> 'withdrawn' "
            "SET c.status = 'withdrawn', c.withdrawn_by = $who, c.withdrawn_at = $when",
            id=correction_id,
            who=who,
            when=when,
        )
        return self.get(correction_id)

    def get(self, correction_id: str) -> Correction | None:
        found = self._rows(
            "MATCH (c:Correction {id: $id}) RETURN properties(c) AS c", id=correction_id
        )
        return found[0] if found else None

    def of_plan(self, plan: str) -> list[Correction]:
        return self._rows(
            "MATCH (c:Correction {plan: $plan}) RETURN properties(c) AS c "
            "ORDER BY c.when DESC, c.id DESC",
            plan=plan,
        )

    def all(self) -> list[Correction]:
        return self._rows("MATCH (c:Correction) RETURN properties(c) AS c ORDER BY c.when, c.id")

    def close(self) -> None:
        pass  # the store's driver: closed with the store
