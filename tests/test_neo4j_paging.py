"""Cross-plan pages are counted and paged in Neo4j (issue 13, item 5): a page of a list
route runs one query that returns the total and only that page, and every page (first,
middle, last, past the end, plan=*) is byte-identical to the embedded store's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from devtools.neo4j_server import Neo4jServer
from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.neo4j_load import load_plans
from plankg.graph.neo4j_store import Neo4jStore
from plankg.graph.records import ALL, Window
from plankg.loaders import load_plan

GENRE = Path(__file__).resolve().parent / "fixtures" / "plans"
ROUTES = [
    "/tasks",
    "/tasks?theme=remote-islands",
    "/themes/remote-islands/tasks",
    "/themes/common-prosperity/tasks",
    "/places/zhoushan/tasks",
    "/places/daishan/tasks?include_parts=true",
    "/agencies/zs-fgw/tasks",
    "/agencies/zs-fgw/tasks?role=partner",
    "/tasks?q=海岛",
]
PAGES = ["", "limit=1", "limit=7&offset=3", "limit=50&offset=40", "offset=500", "limit=500"]


@pytest.fixture(scope="module")
def stores(zhoushan, neo4j_server: Neo4jServer) -> Iterator[tuple[TestClient, TestClient, Neo4jStore]]:
    plans = [zhoushan, load_plan(GENRE / "genre-a.txt"), load_plan(GENRE / "genre-b.txt")]
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, plans)
    neo4j = Neo4jStore(neo4j_server.bolt_uri)
    with (
        TestClient(create_app(store=MemoryStore(build_graph(plans)))) as memory,
        TestClient(create_app(store=neo4j)) as served,
    ):
        yield memory, served, neo4j


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("plan", ["*", "zhoushan-gongtongfuyu-2021-2025"])
def test_every_page_is_the_memory_stores(stores, route, plan) -> None:
    memory, served, _ = stores
    totals = set()
    for page in PAGES:
        url = f"{route}{'&' if '?' in route else '?'}plan={plan}" + (f"&{page}" if page else "")
        a, b = memory.get(url), served.get(url)
        assert (a.status_code, a.content) == (b.status_code, b.content), url
        totals.add(a.json()["total"])
    assert len(totals) == 1 and totals.pop() > 0  # one total, whatever the page


def test_a_page_is_one_query_that_returns_only_the_page(stores, monkeypatch) -> None:
    _, _, store = stores
    plans = store.plan_ids()
    everything = store.theme_tasks(plans, "common-prosperity", ALL).items
    assert len(everything) > 12
    calls: list[dict] = []
    read = store._read

    def counting(name, **parameters):
        calls.append({"name": name} | parameters)
        return read(name, **parameters)

    monkeypatch.setattr(store, "_read", counting)
    page = store.theme_tasks(plans, "common-prosperity", Window(limit=5, offset=5))
    assert (page.items, page.total) == (everything[5:10], len(everything))
    assert [(c["name"], c["skip"], c["limit"]) for c in calls] == [("theme_tasks", 5, 5)]
