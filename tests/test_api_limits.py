"""The API's edges on the embedded store: numbers past any plan, errors nobody planned
for, HEAD, If-None-Match: *, long bad input, the bound on /graph, and answers kept per
data version (the same bytes as computing them again)."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.api.caching import Answer, AnswerCache
from plankg.graph.memory import MemoryStore
from plankg.graph.plans import graphs_of
from tests.conftest import FIXTURES, ZHOUSHAN

PLAN = "zhoushan-gongtongfuyu-2021-2025"
TASK_27 = f"{PLAN}-task-27"


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    store = MemoryStore()
    store.load_batches(graphs_of([ZHOUSHAN]))
    return store


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store=store)) as c:
        yield c


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) == {"type", "title", "status", "detail", "instance"}
    assert body["status"] == status
    return body


@pytest.mark.parametrize(
    "url",
    [
        "/tasks/9223372036854775808",
        "/tasks/1000000001",
        "/chapters/1e20",
        "/chapters/9223372036854775808",
        "/goals/99999999999999999999",
        "/tasks?chapter=1e20",
        "/tasks?chapter=9223372036854775808",
        "/indicators?task=9223372036854775808",
        "/indicators?goal=9223372036854775808",
        "/tasks?offset=9223372036854775808",
    ],
)
def test_numbers_past_any_plan_are_refused(client, url):
    body = problem(client.get(url), 422)
    assert "Input should be" in body["detail"]


def test_the_bound_itself_is_a_plain_miss(client):
    assert problem(client.get("/tasks/1000000000"), 404)["detail"] == (
        f"no task 1000000000 in plan '{PLAN}'"
    )


def test_an_unexpected_error_is_a_logged_500_problem(store, caplog):
    class Broken(MemoryStore):
        def task(self, plan, number):
            raise RuntimeError("internal detail: /secret/path")

    broken = Broken()
    broken.load_batches(graphs_of([ZHOUSHAN]))
    with (
        caplog.at_level(logging.ERROR, logger="plankg.api"),
        TestClient(create_app(store=broken), raise_server_exceptions=False) as client,
    ):
        response = client.get("/tasks/27")
        assert problem(response, 500) == {
            "type": "about:blank",
            "title": "Internal Server Error",
            "status": 500,
            "detail": "an unexpected error occurred; it has been logged",
            "instance": "/tasks/27",
        }
        assert "secret" not in response.text
        assert client.get("/tasks/26").status_code == 500
        assert client.get("/chapters/1").status_code == 200  # the rest still answers
    logged = [r for r in caplog.records if r.name == "plankg.api"]
    assert [r.getMessage() for r in logged][0] == "unexpected error on /tasks/27"
    assert "internal detail: /secret/path" in str(logged[0].exc_info[1])


GET_ROUTES = [
    "/health",
    "/livez",
    "/plans",
    f"/plans/{PLAN}",
    "/chapters",
    "/chapters/5",
    "/goals",
    "/goals/1",
    "/tasks?theme=remote-islands",
    "/tasks/27",
    "/indicators?task=27",
    "/places",
    "/places/daishan",
    "/places/daishan/tasks",
    "/agencies",
    "/agencies/zs-jyj",
    "/agencies/zs-jyj/tasks",
    "/themes",
    "/themes/remote-islands",
    "/themes/remote-islands/tasks",
    "/search?q=remote%20islands",
    f"/graph?focus={TASK_27}",
    "/graph/export",
    "/openapi.json",
    "/tasks/99",
    "/places/nowhere",
]


@pytest.mark.parametrize("url", GET_ROUTES)
def test_every_get_route_answers_head(client, url):
    got = client.get(url)
    head = client.head(url)
    assert head.status_code == got.status_code
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "cache-control"):
        assert head.headers.get(name) == got.headers.get(name)


def test_if_none_match_star_is_304_for_what_exists(client):
    assert client.get("/tasks/27", headers={"If-None-Match": "*"}).status_code == 304
    assert client.get("/tasks/27", headers={"If-None-Match": '"other"'}).status_code == 200
    problem(client.get("/tasks/99", headers={"If-None-Match": "*"}), 404)


def test_bad_input_is_quoted_by_a_bounded_prefix(client):
    long_q = "q" * 60_000
    response = client.get("/tasks", params={"q": long_q})
    body = problem(response, 422)
    assert len(response.content) < 1_000
    assert body["detail"].startswith("q: String should have at most 200 characters (got 'qqqq")
    assert body["detail"].endswith("… (60,000 characters))")
    long_place = "x" * 60_000
    response = client.get(f"/places/{long_place}")
    body = problem(response, 404)
    assert len(response.content) < 1_000
    assert body["detail"].startswith("no place named 'xxxxxxxx")
    assert body["instance"] == "/places/" + "x" * 192 + "…"
    # short input is quoted whole, as before
    assert problem(client.get("/places/nowhere"), 404)["detail"] == (
        "no place named 'nowhere' (try its id, Chinese or English name)"
    )


def test_graph_refuses_more_nodes_than_one_answer_holds(client, monkeypatch):
    from plankg.api.routes import graph

    # 239: the plan's cited document and four indicator families (港口货物吞吐量, 实际使用外资,
    # 服务进出口总额, 进出口总额: issue 21) are within three hops of task 27.
    assert len(client.get("/graph", params={"focus": TASK_27, "depth": 3}).json()["nodes"]) == 239
    problem(client.get("/graph", params={"focus": TASK_27, "depth": 4}), 422)
    monkeypatch.setattr(graph, "MAX_NODES", 100)
    body = problem(client.get("/graph", params={"focus": PLAN, "depth": 3}), 422)
    assert body["detail"] == (
        f"the neighbourhood of '{PLAN}' at depth 3 has more than 100 nodes, the most one "
        "answer holds: ask for a smaller depth"
    )


def test_the_walk_stops_past_its_limit(store):
    nodes, edges = store.neighbourhood(PLAN, 3, limit=100)
    assert len(nodes) == 101 and edges == []
    whole, _ = store.neighbourhood(PLAN, 3, limit=254)  # with the plan's cited document
    assert len(whole) == 254 and whole == store.neighbourhood(PLAN, 3)[0]


def test_a_kept_answer_is_the_computed_answer(store):
    """The first request computes, the second is served from the kept answers: the same
    status, headers and bytes; a reload of the store drops what was kept."""
    with TestClient(create_app(store=store)) as client:
        middleware = _etag_middleware(client.app)
        urls = ["/tasks/27", "/search?q=%E5%81%8F%E8%BF%9C%E6%B5%B7%E5%B2%9B", "/themes"]
        first = [client.get(u) for u in urls]
        assert len(middleware.cache) == 3
        again = [client.get(u) for u in urls]
        for a, b in zip(first, again, strict=True):
            assert (a.status_code, a.content, dict(a.headers)) == (
                b.status_code,
                b.content,
                dict(b.headers),
            )
        assert len(middleware.cache) == 3
        client.get("/tasks/99")  # errors are not kept
        assert len(middleware.cache) == 3
    other = MemoryStore()
    other.load_batches(graphs_of([FIXTURES / "plans" / "genre-b.txt"]))
    with TestClient(create_app(store=other)) as client:
        middleware = _etag_middleware(client.app)
        title = client.get("/tasks/1").json()["title"]
        other.load_batches(graphs_of([ZHOUSHAN]))  # a reload: a new data version
        assert client.get("/tasks/1").json()["title"] != title
        assert client.get("/tasks/1").json() == store.task(PLAN, 1).model_dump()  # fresh, not kept


def _etag_middleware(app):
    layer = app.middleware_stack
    while layer is not None and type(layer).__name__ != "ETagMiddleware":
        layer = getattr(layer, "app", None)
    assert layer is not None
    return layer


def test_kept_answers_stay_within_their_bound():
    cache = AnswerCache(max_bytes=10_000)
    for n in range(100):
        cache.put(1, (f"/tasks/{n}", b""), Answer([], b"x" * 1_000, f'"{n}"'))
    assert cache.size <= 10_000
    assert len(cache) == 8
    assert cache.get(1, ("/tasks/99", b"")).etag == '"99"'
    assert cache.get(1, ("/tasks/0", b"")) is None  # the oldest went first
    assert cache.get(2, ("/tasks/99", b"")) is None  # another data version
    cache.put(1, ("/big", b""), Answer([], b"x" * 20_000, '"big"'))
    assert cache.get(1, ("/big", b"")) is None


def test_one_heavy_answer_asked_for_at_once_is_computed_once():
    """Many clients asking for the same answer at the same moment wait for the first
    one's computation instead of each filling a thread with it."""
    import asyncio
    import threading
    import time

    import httpx

    calls = []

    class Slow(MemoryStore):
        def task(self, plan, number):
            calls.append(threading.get_ident())
            time.sleep(0.2)
            return super().task(plan, number)

    slow = Slow()
    slow.load_batches(graphs_of([ZHOUSHAN]))
    app = create_app(store=slow)
    app.state.store, app.state.search_indexes = slow, {}

    async def ask_together() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get("/tasks/27") for _ in range(20)))

    answers = asyncio.run(ask_together())
    assert [a.status_code for a in answers] == [200] * 20
    assert len({a.content for a in answers}) == 1
    assert len({a.headers["etag"] for a in answers}) == 1
    assert len(calls) == 1


def test_files_served_from_disk_are_tagged_but_not_kept(store, tmp_path):
    from fastapi.staticfiles import StaticFiles

    page = tmp_path / "page.html"
    page.write_text("<p>one</p>", encoding="utf-8")
    app = create_app(store=store)
    app.mount("/static", StaticFiles(directory=tmp_path), name="static")
    with TestClient(app) as client:
        first = client.get("/static/page.html")
        assert first.text == "<p>one</p>" and first.headers["etag"]
        page.write_text("<p>two</p>", encoding="utf-8")
        assert client.get("/static/page.html").text == "<p>two</p>"
        assert len(_etag_middleware(client.app).cache) == 0
