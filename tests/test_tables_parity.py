"""Parity of the tables (GET /plans/{id}/table/{kind}): the embedded store and Neo4j give
the same bytes, JSON and CSV, for Zhoushan with corpus plan 01 (Anhui RCEP, whose leads
are stated) loaded beside it. The tables are built from the stores' other answers
(graph/tables.py), so this holds them to one reading of the same plans."""

from __future__ import annotations

from fastapi.testclient import TestClient

from devtools.neo4j_server import Neo4jServer
from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.neo4j_load import load_plans
from plankg.graph.neo4j_store import Neo4jStore
from plankg.loaders import load_plan
from tests.corpus import PLANS, require_corpus
from tests.test_parity import differ

ZHOUSHAN = "/plans/zhoushan-gongtongfuyu-2021-2025/table"
RCEP = "/plans/anhui-rcep-2022-2024/table"
REQUESTS = [
    *(f"{ZHOUSHAN}/{kind}?limit=500" for kind in ("tasks", "places", "agencies", "targets")),
    *(f"{RCEP}/{kind}?limit=500" for kind in ("tasks", "places", "agencies", "targets")),
    f"{ZHOUSHAN}/tasks?chapter=2&chapter=5&sort=targets&order=desc",
    f"{ZHOUSHAN}/tasks?place=岱山&format=csv",
    f"{ZHOUSHAN}/tasks?has_target=true&basis=inferred&limit=5&offset=5",
    f"{ZHOUSHAN}/places?chapter=6&sort=tasks&order=desc&format=csv",
    f"{ZHOUSHAN}/agencies?basis=stated&theme=common-prosperity",
    f"{ZHOUSHAN}/targets?place=zhoushan&sort=year&order=desc",
    f"{RCEP}/agencies?basis=stated&sort=leads_stated&order=desc&format=csv",
    f"{RCEP}/tasks?agency=省商务厅&chapter=2",
    f"{ZHOUSHAN}/nope",
    f"{ZHOUSHAN}/places?place=daishan",
]


def test_tables_answer_alike(zhoushan, neo4j_server: Neo4jServer):
    require_corpus()
    plans = [zhoushan, load_plan(PLANS / "01-anhui-rcep.txt")]
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, plans)
    with (
        TestClient(create_app(store=MemoryStore(build_graph(plans)))) as memory,
        TestClient(create_app(store=Neo4jStore(neo4j_server.bolt_uri))) as neo4j,
    ):
        found = [f"{u}: {why}" for u in REQUESTS if (why := differ(memory.get(u), neo4j.get(u), u))]
        statuses = {memory.get(u).status_code for u in REQUESTS}
    assert found == []
    assert statuses == {200, 400, 404}  # the errors are compared too
