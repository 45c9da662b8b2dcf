"""The API's edges on a real Neo4j (the harness server): numbers past 64 bits answer 422
problem+json as on the embedded store, and a Neo4j emptied underneath the API (a restart
with an empty database) says "no plan is loaded" at once, in /tasks and in /search,
rather than answering from what it remembered."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from devtools.neo4j_server import Neo4jServer
from plankg.api.app import create_app
from plankg.graph.neo4j_load import load_plans
from plankg.graph.neo4j_store import Neo4jStore

PLAN = "zhoushan-gongtongfuyu-2021-2025"


@pytest.fixture(scope="module")
def client(neo4j_server: Neo4jServer, zhoushan):
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, [zhoushan])
    store = Neo4jStore(neo4j_server.bolt_uri)
    with TestClient(create_app(store=store), raise_server_exceptions=False) as c:
        yield c


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/tasks/9223372036854775808",
        "/chapters/1e20",
        "/tasks?chapter=1e20",
        "/goals/9223372036854775808",
        "/indicators?task=9223372036854775808",
        f"/tasks?plan={PLAN}&offset=9223372036854775808",
    ],
)
def test_numbers_past_64_bits_are_422_problems(client, url):
    assert "Input should be" in problem(client.get(url), 422)["detail"]


def test_an_emptied_neo4j_says_no_plan_is_loaded(client, neo4j_server, zhoushan):
    assert client.get("/tasks/27").status_code == 200
    assert client.get("/tasks/27", params={"plan": PLAN}).status_code == 200
    search = client.get("/search", params={"q": "偏远海岛"})
    assert search.status_code == 200 and search.json()["total"] > 0
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")  # as after a restart, empty
        try:
            for params in ({}, {"plan": PLAN}):
                assert problem(client.get("/tasks/27", params=params), 404)["detail"] == (
                    "no plan is loaded"
                )
            assert problem(client.get("/search", params={"q": "偏远海岛"}), 404)["detail"] == (
                "no plan is loaded"
            )
            assert problem(client.get("/chapters/1"), 404)["detail"] == "no plan is loaded"
        finally:
            load_plans(driver, [zhoushan])
    # loaded again: answered at once, without waiting for anything to expire
    assert client.get("/tasks/27").status_code == 200
    assert client.get("/search", params={"q": "偏远海岛"}).json()["total"] == search.json()["total"]
