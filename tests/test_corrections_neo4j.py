"""Corrections with Neo4j as the backend (a real server, tests/neo4j_fixture.py), on the
corpus plan 11-beijing-shujuzhuanqu (see tests/test_corrections.py for why its task 3's
北京市 mention is the one rejected): kept as :Correction nodes, applied on write and at
`plankg load`, and answered with the same JSON as the embedded store."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plankg.api.app import create_app
from plankg.api.editors import add_editor
from plankg.cli import app as cli
from plankg.graph.build import build_graph
from plankg.graph.correction_store import SqliteCorrections
from plankg.graph.corrections import apply_all
from plankg.graph.memory import MemoryStore
from plankg.graph.neo4j_load import load_plans
from plankg.graph.neo4j_store import Neo4jStore
from plankg.loaders import load_plan
from tests.corpus import PLANS, require_corpus

PLAN_FILE = "11-beijing-shujuzhuanqu.txt"
PLAN = "beijing-shujuzhuanqu-2022-2025"
URL = f"/plans/{PLAN}/corrections"
BUREAU = "beijing:jx"


@pytest.fixture(scope="module")
def setting(tmp_path_factory, neo4j_server):
    require_corpus()
    folder = tmp_path_factory.mktemp("neo4j-corrections")
    shutil.copy(PLANS / PLAN_FILE, folder / PLAN_FILE)
    key = add_editor(folder / "editors.toml", "wang", [PLAN])
    plan = load_plan(folder / PLAN_FILE)
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, [plan])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANKG_EDITORS", str(folder / "editors.toml"))
        patch.setenv("PLANKG_CORRECTIONS", str(folder / "corrections.sqlite"))
        patch.setenv("PLANKG_SNAPSHOT_DIR", "")
        yield folder, key, plan


def neo4j_client(neo4j_server) -> TestClient:
    return TestClient(create_app(store=Neo4jStore(neo4j_server.bolt_uri)))


def places_of_task_3(client) -> list[str]:
    return [p["id"] for p in client.get(f"/tasks/3?plan={PLAN}").json()["places"]]


def test_corrections_are_kept_in_neo4j_and_applied_on_write_and_at_load(setting, neo4j_server):
    folder, key, plan = setting
    headers = {"Authorization": f"Bearer {key}"}
    with neo4j_client(neo4j_server) as client:
        assert places_of_task_3(client) == ["beijing"]
        # The table is built now and kept (for a minute, on Neo4j): the write must drop it.
        table = f"/plans/{PLAN}/table/tasks?place=beijing&limit=500"
        assert 3 in [row["number"] for row in client.get(table).json()["items"]]
        rejected = client.post(
            URL,
            headers=headers,
            json={
                "action": "reject",
                "fact": {"kind": "place", "task": 3, "place": "beijing"},
                "why": "北京 is part of the bureau's name; 会同 is a verb",
            },
        )
        assert rejected.status_code == 201, rejected.text
        text = (folder / PLAN_FILE).read_text(encoding="utf-8")
        start = text.index("北京市经济和信息化局")
        added = client.post(
            URL,
            headers=headers,
            json={
                "action": "add",
                "fact": {"kind": "agency", "task": 5, "agency": BUREAU, "role": "lead"},
                "span": {"start": start, "end": start + 10},
                "why": "it leads the data zone's work",
            },
        )
        assert added.status_code == 201, added.text
        assert places_of_task_3(client) == []
        assert 3 not in [row["number"] for row in client.get(table).json()["items"]]
        assert client.get(f"/agencies/{BUREAU}?plan={PLAN}").json()["leads"] == 6
    with neo4j_server.driver() as driver:
        count = driver.execute_query("MATCH (c:Correction) RETURN count(c) AS n").records[0]["n"]
        assert count == 2
    # `plankg load --replace` writes the plan again (the loader links 北京市 to task 3 once
    # more), then applies the kept corrections: still rejected, still added.
    result = CliRunner().invoke(
        cli, ["load", str(folder / PLAN_FILE), "--replace", "--neo4j-uri", neo4j_server.bolt_uri]
    )
    assert result.exit_code == 0, result.output
    assert "2 corrected facts applied" in result.output
    with neo4j_client(neo4j_server) as client:
        assert places_of_task_3(client) == []
        trail = client.get(URL).json()
        assert [c["action"] for c in trail["items"]] == ["add", "reject"]
        assert all(c["status"] == "applied" for c in trail["items"])
        neo4j_answers = answers(client)
    # The embedded store with the same corrections answers the same JSON.
    memory = MemoryStore(build_graph([plan]))
    corrections = [_as_kept(c) for c in trail["items"]]
    memory.correcting(lambda graph: apply_all(graph, corrections, {PLAN: plan.sha256}))
    with TestClient(create_app(store=memory)) as client:
        assert answers(client) == neo4j_answers


def _as_kept(served: dict):
    from plankg.graph.corrections import Correction

    return Correction.model_validate(served)


def answers(client) -> dict:
    urls = [
        f"/tasks/3?plan={PLAN}",
        f"/tasks/5?plan={PLAN}",
        f"/places/beijing/tasks?plan={PLAN}",
        f"/agencies/{BUREAU}?plan={PLAN}",
        f"/agencies/{BUREAU}/tasks?plan={PLAN}",
        f"/plans/{PLAN}/responsibilities",
        f"/places?plan={PLAN}",
        f"/plans/{PLAN}/table/tasks",
        f"/plans/{PLAN}/table/agencies",
    ]
    return {url: client.get(url).json() for url in urls}


def test_a_correction_made_on_the_embedded_store_is_applied_by_a_neo4j_load(setting, neo4j_server):
    """One audit trail: `plankg load` copies the SQLite file's corrections into Neo4j."""
    folder, _, plan = setting
    kept = SqliteCorrections(folder / "corrections.sqlite")
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, [plan])
    with neo4j_client(neo4j_server) as client:
        assert places_of_task_3(client) == ["beijing"]
    memory = MemoryStore(build_graph([plan]))
    with TestClient(create_app(store=memory)) as client:
        made = client.post(
            URL,
            headers={"Authorization": f"Bearer {setting[1]}"},
            json={
                "action": "reject",
                "fact": {"kind": "place", "task": 3, "place": "beijing"},
                "why": "北京 is part of the bureau's name",
            },
        )
        assert made.status_code == 201, made.text
    assert [c.id for c in kept.all()] == [made.json()["id"]]
    kept.close()
    result = CliRunner().invoke(
        cli, ["load", str(folder / PLAN_FILE), "--replace", "--neo4j-uri", neo4j_server.bolt_uri]
    )
    assert result.exit_code == 0, result.output
    with neo4j_client(neo4j_server) as client:
        assert places_of_task_3(client) == []
        assert client.get(f"{URL}/{made.json()['id']}").json()["who"] == "wang"


def test_a_corrected_target_answers_alike_on_both_stores(setting, neo4j_server, zhoushan):
    """The Zhoushan plan's goal target 3 (R&D spending, 2.7 % as the text says) corrected
    to 3 %, through the Neo4j API; the embedded store given the same correction agrees."""
    plan_id = "zhoushan-gongtongfuyu-2021-2025"
    folder = setting[0]
    key = add_editor(folder / "editors.toml", "zhang", [plan_id])
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, [zhoushan])
    with neo4j_client(neo4j_server) as client:
        made = client.post(
            f"/plans/{plan_id}/corrections",
            headers={"Authorization": f"Bearer {key}"},
            json={
                "action": "correct",
                "fact": {"kind": "target", "indicator": 3, "fields": {"value": 3}},
                "why": "the 2023 revision raised it",
            },
        )
        assert made.status_code == 201, made.text
        assert made.json()["before"]["value"] == 2.7 and made.json()["after"]["value"] == 3.0
        urls = [f"/indicators?plan={plan_id}&goal=1", f"/goals/1?plan={plan_id}"]
        neo4j_answers = {url: client.get(url).json() for url in urls}
    target = next(i for i in neo4j_answers[urls[0]]["items"] if i["id"].endswith("-3"))
    assert (target["value"], target["basis"], target["correction"]) == (
        3.0,
        "reviewed",
        made.json()["id"],
    )
    memory = MemoryStore(build_graph([zhoushan]))
    correction = _as_kept(made.json())
    memory.correcting(lambda graph: apply_all(graph, [correction], {plan_id: zhoushan.sha256}))
    with TestClient(create_app(store=memory)) as client:
        assert {url: client.get(url).json() for url in urls} == neo4j_answers
