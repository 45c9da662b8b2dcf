"""Issue 6 inside `make test`: ten synthetic plans on both stores (disjoint ids, per-plan
filters, cross-plan questions, the same answers), and a smoke run of the scale harness.
The full run (N up to 1000) is `make bench-scale`."""

from __future__ import annotations

import csv
import json

import pytest
from fastapi.testclient import TestClient

from bench import scale
from bench.synth import generate
from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.neo4j_load import load_plans
from plankg.graph.neo4j_store import Neo4jStore
from plankg.loaders import load_plan


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    paths = generate(10, folder, seed=11)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [load_plan(p) for p in paths], manifest


def test_ten_plans_on_both_stores(corpus, neo4j_server):
    plans, manifest = corpus
    data = build_graph(plans)
    task_ids = [n.id for n in data.nodes if n.label == "Task"]
    expected_tasks = sum(entry["tasks"] for entry in manifest["plans"])
    assert len(task_ids) == len(set(task_ids)) == expected_tasks  # ids never collide
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, plans)
    neo4j = Neo4jStore(neo4j_server.bolt_uri)
    with (
        TestClient(create_app(store=MemoryStore(data))) as memory_api,
        TestClient(create_app(store=neo4j)) as neo4j_api,
    ):
        first, last = plans[0].id, plans[-1].id
        first_title = plans[0].title
        requests = [
            "/health",
            "/plans?limit=500",
            f"/tasks?plan={last}",
            "/tasks?plan=*&limit=500",
            "/themes/remote-islands/tasks?plan=*&limit=500",
            "/indicators?plan=*&name=城镇化率&limit=500",
            f"/tasks/3?plan={first}",
            f"/search?q=remote%20islands&plan={last}",
            f"/plans/{last}/citations",
            f"/plans/{first}/cited-by",
            "/documents?limit=500",
        ]
        for url in requests:
            mine, theirs = memory_api.get(url), neo4j_api.get(url)
            assert mine.status_code == theirs.status_code == 200, url
            if url != "/health":
                assert mine.content == theirs.content, url
        health = memory_api.get("/health").json()
        assert (health["plans"], health["tasks"]) == (10, expected_tasks)
        per_plan = {e["id"]: e["tasks"] for e in manifest["plans"]}
        assert memory_api.get(f"/tasks?plan={last}").json()["total"] == per_plan[last]
        remote = memory_api.get("/themes/remote-islands/tasks?plan=*&limit=500").json()
        assert len({t["plan"] for t in remote["items"]}) >= 2  # tasks of several plans
        scores = [t["score"] for t in remote["items"]]
        assert scores == sorted(scores, reverse=True)
        # Synthetic plans cite earlier ones (the manifest's `cites`): the first is cited.
        cites = [entry["cites"] for entry in manifest["plans"]]
        citers = {
            plan.id for plan, titles in zip(plans, cites, strict=True) if first_title in titles
        }
        cited_by = memory_api.get(f"/plans/{first}/cited-by").json()["items"]
        assert citers and {c["plan"] for c in cited_by} == citers
    neo4j.close()


def test_scale_harness_smoke(tmp_path):
    scale.main(
        [
            "--sizes",
            "1,10",
            "--stores",
            "memory",
            "--requests",
            "5",
            "--out",
            str(tmp_path),
            "--no-plot",
        ]
    )
    rows = list(csv.DictReader((tmp_path / "scale.csv").open()))
    assert [(r["store"], r["plans"]) for r in rows] == [("memory", "1"), ("memory", "10")]
    assert all(float(r["task_p50_ms"]) > 0 and float(r["load_s"]) > 0 for r in rows)
