"""The Neo4j store and its loader against a real, throwaway Neo4j 5.26: the schema, exact
counts, idempotent and atomic loads, the researchers' example Cypher, `plankg load`, and
what the API answers when Neo4j is down (and after it comes back)."""

from __future__ import annotations

import json
import select
import socket
import threading
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired
from typer.testing import CliRunner

from devtools.neo4j_server import Neo4jServer
from devtools.ports import free_port
from plankg.api.app import create_app
from plankg.cli import app as cli
from plankg.graph import neo4j_load, neo4j_store
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.neo4j_load import LoadError, apply_schema, load_plans, statements
from plankg.graph.neo4j_store import Neo4jStore
from plankg.graph.schema import (
    EDGE_PROPERTIES,
    NODE_PROPERTIES,
    REVIEW_ONLY,
    Edge,
    GraphData,
    Label,
    Node,
    Rel,
)
from plankg.graph.store import StoreUnavailable
from plankg.loaders import load_plan

CYPHER = Path(__file__).resolve().parent.parent / "cypher"
GENRE = Path(__file__).resolve().parent / "fixtures" / "plans"


@pytest.fixture(scope="module")
def data(zhoushan) -> GraphData:
    return build_graph([zhoushan])


@pytest.fixture(scope="module")
def driver(neo4j_server: Neo4jServer):
    with neo4j_server.driver() as driver:
        yield driver


def reset(driver, plans) -> None:
    """The database holds exactly these plans, loaded by `plankg load`'s loader."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    load_plans(driver, plans)


@pytest.fixture(scope="module")
def loaded(driver, zhoushan, data) -> GraphData:
    reset(driver, [zhoushan])
    return data


def dump(driver) -> str:
    """Every node and relationship with its properties, as JSON (where 20.0 is not 20)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties ORDER BY n.id"
    )
    edges, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, b.id AS target, "
        "properties(r) AS properties ORDER BY source, type, target"
    )
    return json.dumps(
        {"nodes": [r.data() for r in nodes], "edges": [r.data() for r in edges]},
        ensure_ascii=False,
        sort_keys=True,
        default=lambda value: value.iso_format(),  # Plan.published, a Cypher date
    )


def expected_dump(data: GraphData) -> str:
    """What dump() gives for exactly `data` (None properties are absent in Neo4j)."""
    nodes = sorted(
        (
            {
                "labels": [n.label.value],
                "properties": {"id": n.id}
                | {k: v for k, v in n.properties.items() if v is not None},
            }
            for n in data.nodes
        ),
        key=lambda n: n["properties"]["id"],
    )
    edges = sorted(
        (
            {
                "source": e.source,
                "type": e.type.value,
                "target": e.target,
                "properties": {k: v for k, v in e.properties.items() if v is not None},
            }
            for e in data.edges
        ),
        key=lambda e: (e["source"], e["type"], e["target"]),
    )
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, sort_keys=True)


def counts(driver) -> tuple[dict, dict]:
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n")
    edges, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return {r["label"]: r["n"] for r in nodes}, {r["type"]: r["n"] for r in edges}


# -- without a server ---------------------------------------------------------------------------


def test_the_store_knows_the_builders_properties(data):
    """Neo4j keeps neither None values nor key order; the store restores both from these
    tables, so they must list what graph/build.py writes, in its order."""
    for label in Label:
        found = [n for n in data.nodes if n.label == label]
        assert found, label
        assert all(tuple(n.properties) == built(label, NODE_PROPERTIES) for n in found), label
    for rel in set(Rel) - {Rel.SAME_AS}:  # SAME_AS is the stores' (no properties)
        found = [e for e in data.edges if e.type == rel]
        assert found, rel
        assert all(tuple(e.properties) == built(rel, EDGE_PROPERTIES) for e in found), rel


def built(owner, table) -> tuple[str, ...]:
    """The declared properties the builder writes: not those only a correction sets."""
    return tuple(k for k in table[owner] if f"{owner.value}.{k}" not in REVIEW_ONLY)


def test_schema_file_statements():
    found = statements((CYPHER / "schema.cypher").read_text(encoding="utf-8"))
    assert len(found) == 21  # Document and IndicatorFamily ids too
    assert all("IF NOT EXISTS" in s for s in found)


def test_every_cypher_file_says_what_it_answers():
    for path in sorted(CYPHER.rglob("*.cypher")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("// ") and len(first) > 20, path


# -- the schema -------------------------------------------------------------------------------


def test_schema_constraints_and_fulltext_index(driver):
    apply_schema(driver)
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties"
    )
    unique = {
        r["labelsOrTypes"][0]
        for r in records
        if r["type"] in ("UNIQUENESS", "NODE_PROPERTY_UNIQUENESS")
        and r["entityType"] == "NODE"
        and r["properties"] == ["id"]
    }
    assert unique >= {label.value for label in Label}
    driver.execute_query("CALL db.awaitIndexes(60)")  # population is asynchronous
    records, _, _ = driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, state, labelsOrTypes, properties, options "
        "WHERE name = 'task_text' "
        "RETURN state, labelsOrTypes, properties, options.indexConfig.`fulltext.analyzer` AS a"
    )
    assert [(r["state"], r["labelsOrTypes"], r["properties"], r["a"]) for r in records] == [
        ("ONLINE", ["Task"], ["title", "text"], "cjk")
    ]
    for label, props in [("Task", ["plan", "number"]), ("Indicator", ["plan"])]:
        records, _, _ = driver.execute_query(
            "SHOW RANGE INDEXES YIELD labelsOrTypes, properties "
            "WHERE labelsOrTypes = [$label] AND properties = $props RETURN count(*) AS n",
            label=label,
            props=props,
        )
        assert records[0]["n"] == 1, (label, props)


def test_applying_the_schema_again_changes_nothing(driver):
    apply_schema(driver)
    show = "SHOW ALL INDEXES YIELD name, type, labelsOrTypes, properties ORDER BY name"
    before, _, _ = driver.execute_query(show)
    assert apply_schema(driver) == 0
    after, _, _ = driver.execute_query(show)
    assert [r.data() for r in after] == [r.data() for r in before]


# -- loading ----------------------------------------------------------------------------------


def test_counts_after_load(neo4j_server, driver, loaded):
    labels, types = counts(driver)
    memory = MemoryStore(loaded)
    assert labels == {k: v for k, v in memory.counts().items() if v}
    wanted = {"Plan": 1, "Chapter": 9, "Goal": 5, "Task": 45, "Indicator": 70}
    assert {label: labels[label] for label in wanted} == wanted
    assert types == dict(Counter(e.type.value for e in loaded.edges))
    store = Neo4jStore(neo4j_server.bolt_uri)
    try:
        assert store.counts() == memory.counts()
    finally:
        store.close()


def test_load_writes_exactly_the_graph(driver, loaded):
    assert dump(driver) == expected_dump(loaded)


def test_loading_twice_changes_nothing(driver, loaded, zhoushan):
    before = dump(driver)
    load_plans(driver, [zhoushan])
    assert dump(driver) == before
    load_plans(driver, [zhoushan], replace=True, batch_size=7)
    assert dump(driver) == before


def test_replace_drops_what_the_new_version_no_longer_has(driver, loaded, zhoushan):
    """Without --replace a load only adds; with it, the plan's old nodes and links go."""
    before = dump(driver)
    driver.execute_query(
        "MATCH (t:Task {number: 27}) CREATE (t)-[:MENTIONS {surface: 'x'}]->(:Place "
        "{id: 'stale', name: '旧', plans: [t.plan]}) "
        "CREATE (:Task {id: 'zhoushan-gongtongfuyu-2021-2025-task-99', plan: t.plan, number: 99})"
    )
    load_plans(driver, [zhoushan])
    assert dump(driver) != before
    load_plans(driver, [zhoushan], replace=True)
    # The stale place was named by this plan only: with the plan off its list, it goes.
    records, _, _ = driver.execute_query("MATCH (p:Place {id: 'stale'}) RETURN p.plans AS plans")
    assert records == []
    assert dump(driver) == before


def test_plans_loaded_one_by_one_equal_plans_loaded_together(driver, zhoushan):
    """Shared places, agencies and themes list every plan that names them, however the
    plans were loaded; --replace of one plan leaves the others whole."""
    plans = [zhoushan, load_plan(GENRE / "genre-a.txt"), load_plan(GENRE / "genre-b.txt")]
    together = expected_dump(build_graph(plans))
    try:
        reset(driver, plans)
        assert dump(driver) == together
        driver.execute_query("MATCH (n) DETACH DELETE n")
        for plan in reversed(plans):
            load_plans(driver, [plan])
        assert dump(driver) == together
        load_plans(driver, [plans[1]], replace=True)
        assert dump(driver) == together
    finally:
        reset(driver, [zhoushan])


def test_a_failing_batch_leaves_the_previous_graph(driver, loaded, zhoushan, monkeypatch):
    """A relationship to a missing node in a late batch: the whole plan's transaction,
    including the deletes of --replace, is rolled back."""
    before = dump(driver)
    broken = loaded.model_copy(
        update={
            "edges": [
                *loaded.edges,
                Edge(
                    source="zhoushan-gongtongfuyu-2021-2025-task-1",
                    target="nowhere",
                    type=Rel.MENTIONS,
                ),
            ]
        }
    )
    monkeypatch.setattr(neo4j_load, "build_graph", lambda plans: broken)
    with pytest.raises(LoadError, match=r"rel_mentions.cypher wrote \d+ of \d+ rows"):
        load_plans(driver, [zhoushan], replace=True, batch_size=1000)
    assert dump(driver) == before
    # A value Neo4j cannot store (a map) fails inside Neo4j, halfway through the nodes.
    bad = Node(
        id="zhoushan-gongtongfuyu-2021-2025-task-45", label=Label.TASK, properties={"x": {"a": 1}}
    )
    broken = loaded.model_copy(update={"nodes": [*loaded.nodes[:-1], bad]})
    monkeypatch.setattr(neo4j_load, "build_graph", lambda plans: broken)
    with pytest.raises(ClientError):
        load_plans(driver, [zhoushan], replace=True, batch_size=10)
    assert dump(driver) == before


def test_a_cut_connection_leaves_the_previous_graph(neo4j_server, driver, loaded, zhoushan):
    """The connection dies in the middle of a plan's transaction (as when the loader is
    killed or the network drops): Neo4j rolls it back."""
    before = dump(driver)
    with Relay(neo4j_server.bolt_uri) as relay:
        with GraphDatabase.driver(relay.uri, auth=None) as cut:
            batches = []

            def cut_after_three(name: str, rows: int) -> None:
                batches.append(name)
                if len(batches) == 3:
                    relay.stop()

            with pytest.raises((ServiceUnavailable, SessionExpired)):
                load_plans(cut, [zhoushan], replace=True, batch_size=20, on_batch=cut_after_three)
    assert len(batches) == 3
    assert dump(driver) == before


def test_store_load_replaces_the_whole_graph(neo4j_server, driver, loaded, zhoushan):
    store = Neo4jStore(neo4j_server.bolt_uri)
    try:
        small = GraphData(
            nodes=[n for n in loaded.nodes if n.label == Label.PLAN],
            edges=[],
        )
        store.load(small)
        assert store.counts() == {label.value: int(label == Label.PLAN) for label in Label}
        store.load(loaded)
        assert dump(driver) == expected_dump(loaded)
    finally:
        store.close()
        reset(driver, [zhoushan])


# -- what researchers run ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted((CYPHER / "examples").glob("*.cypher")), ids=lambda path: path.stem
)
def test_example_runs_and_answers(driver, loaded, path):
    records, _, _ = driver.execute_query(path.read_text(encoding="utf-8"))
    assert len(records) >= 1


def test_examples_answer_the_questions(driver, loaded):
    def run(name: str) -> list[dict]:
        text = (CYPHER / "examples" / f"{name}.cypher").read_text(encoding="utf-8")
        return [r.data() for r in driver.execute_query(text).records]

    urbanisation = run("one_indicator_across_plans")
    assert [(r["region"], r["year"], r["value"], r["converted"]) for r in urbanisation] == [
        ("舟山", 2025, 75.0, 75.0),
        ("舟山", 2035, 80.0, 80.0),
    ]
    assert "常住人口城镇化率达75%" in urbanisation[0]["sentence"]
    remote = run("remote_island_tasks")
    assert [r["task"] for r in remote] == [16, 18, 20, 22, 26, 27, 29, 31, 35, 38]
    assert not any("岱山县" in r["remote_places"] for r in remote)  # not remote in the data
    assert {"衢山镇", "嵊泗县", "六横镇", "蚂蚁岛"} <= {
        p for r in remote for p in r["remote_places"]
    }
    task27 = run("task_27_shengsi")
    assert (
        task27[0]["place"] == "嵊泗县"
        and "嵊泗大陆引水工程" in task27[0]["sentences"][0]["sentence"]
    )
    assert sum(r["leads"] for r in run("agencies_by_leads")) == 45
    assert sum(r["targets"] for r in run("indicators_by_unit_year")) == 70
    route = run("shortest_path_places")[0]["route"]
    assert route[0] == "嵊泗县" and route[-1] == "六横镇"
    assert 27 in {r["task"] for r in run("tasks_sharing_places_with_26")}
    hits = run("fulltext_search")
    # the quoted phrase: exactly the tasks with 偏远海岛 in them; the bare words: pairs too
    assert [r["task"] for r in hits if r["exact"]] == [20, 38, 29]
    assert {32, 27} <= {r["task"] for r in hits if not r["exact"]}
    (agency,) = run("names_lookup")
    assert (agency["label"], agency["full_name"]) == ("Agency", "舟山市教育局")
    assert agency["names"] == [
        "舟山市教育局",
        "市教育局",
        "Zhoushan Municipal Education Bureau",
        "教育局",
    ]
    assert agency["tasks"] == ["zhoushan-gongtongfuyu-2021-2025 #16"]
    related = [r["task"] for r in run("related_tasks")]
    assert 24 in related and 37 in related  # stored 24->27 and 27->37: found both ways


# -- plankg load --------------------------------------------------------------------------------


def test_plankg_load(neo4j_server, driver, loaded, tmp_path):
    before = dump(driver)
    runner = CliRunner()
    env = {"NEO4J_URI": neo4j_server.bolt_uri}
    result = runner.invoke(cli, ["load"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("loaded 1 plan: 45 tasks, ")
    assert dump(driver) == before
    result = runner.invoke(cli, ["load", "--replace"], env=env)
    assert result.exit_code == 0, result.output
    assert dump(driver) == before
    bad = tmp_path / "bad.txt"
    bad.write_text("这不是规划。\n", encoding="utf-8")
    good = GENRE / "genre-a.txt"
    result = runner.invoke(cli, ["load", str(good), str(bad)], env=env)
    assert result.exit_code == 2
    assert f"{bad}:" in result.stderr
    assert dump(driver) == before  # genre-a, read first, was not written either


@pytest.mark.parametrize(
    ("uri", "where", "reason"),
    [
        ("bolt://127.0.0.1:1", "bolt://127.0.0.1:1", "Connection refused"),
        ("bolt://user:pw@127.0.0.1:1", "bolt://127.0.0.1:1", "URI userinfo is not supported"),
        ("foo://127.0.0.1:7687", "foo://127.0.0.1:7687", "URI scheme 'foo' is not supported"),
        ("neo4j://127.0.0.1:1", "neo4j://127.0.0.1:1", "Unable to retrieve routing information"),
    ],
)
def test_plankg_load_to_an_unreachable_neo4j_is_one_line_and_exit_2(uri, where, reason):
    result = CliRunner().invoke(cli, ["load", "--neo4j-uri", uri, "--password", "pw"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: Neo4j at {where}: ")
    assert reason in result.stderr and "pw" not in result.stderr


# -- when Neo4j is down -------------------------------------------------------------------------




def test_a_dead_neo4j_gives_503():
    store = Neo4jStore(
        f"bolt://127.0.0.1:{free_port()}", user="someone", password="s3cret-pw", retry_time=0.3
    )
    with TestClient(create_app(store=store)) as client:
        health = client.get("/health")
        assert health.status_code == 503
        body = health.json()
        assert body["status"] == "unavailable" and body["backend"] == "neo4j"
        assert [body[k] for k in ("plans", "tasks", "indicators", "places", "agencies")] == [0] * 5
        assert "cannot reach Neo4j at bolt://127.0.0.1:" in body["detail"]
        task = client.get("/tasks/1")
        assert task.status_code == 503
        assert task.headers["content-type"] == "application/problem+json"
        assert task.json()["title"] == "Service Unavailable"
        assert task.json()["detail"].startswith("the graph store is unavailable: cannot reach")
        for response in (health, task):
            assert "s3cret-pw" not in response.text and "someone" not in response.text
        with pytest.raises(StoreUnavailable):
            store.task("zhoushan-gongtongfuyu-2021-2025", 27)


def test_a_slow_query_gives_up_after_the_timeout(neo4j_server, monkeypatch):
    """NEO4J_TIMEOUT bounds every read: Neo4j stops the query, the API answers 503."""
    slow = "UNWIND range(1, 1000000000) AS x WITH count(x) AS n RETURN n AS Plan"
    monkeypatch.setattr(neo4j_store, "cypher", lambda name: slow)
    store = Neo4jStore(neo4j_server.bolt_uri, timeout=0.5)
    try:
        with pytest.raises(StoreUnavailable, match="did not answer within 0.5 s"):
            store.counts()
    finally:
        store.close()


def test_the_store_recovers_when_neo4j_comes_back(neo4j_server, loaded):
    """Neo4j goes away (connections cut, new ones refused) and comes back on the same
    address: the same app answers 503 meanwhile, then answers again without a restart."""
    with Relay(neo4j_server.bolt_uri) as relay:
        store = Neo4jStore(relay.uri)
        with TestClient(create_app(store=store)) as client:
            first = client.get("/tasks/27")
            assert first.status_code == 200
            relay.stop()
            assert client.get("/health").status_code == 503
            assert client.get("/tasks/27").status_code == 503
            relay.start()
            assert client.get("/health").status_code == 200
            assert client.get("/tasks/27").json() == first.json()


class Relay:
    """A TCP relay in front of Neo4j that a test can cut (every connection closed, new ones
    refused) and restore on the same port: Neo4j going away and coming back."""

    def __init__(self, bolt_uri: str) -> None:
        host, port = bolt_uri.rsplit("/", 1)[-1].rsplit(":", 1)
        self.target = (host, int(port))
        self.port = free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def __enter__(self) -> Relay:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> Relay:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._sockets = self._sockets, []
        for sock in [listener, *sockets]:
            if sock is None:
                continue
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            upstream = socket.create_connection(self.target)
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    upstream.close()
                    return
                self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 1.0)
                for sock in ready:
                    chunk = sock.recv(65536)
                    if not chunk:
                        raise OSError("closed")
                    (b if sock is a else a).sendall(chunk)
        except (OSError, ValueError):
            for sock in (a, b):
                try:
                    sock.close()
                except OSError:
                    pass
