"""Corrections (issue 23) on the embedded store, through HTTP, on a real corpus plan.

The plan is 北京市政务数据专区 (11-beijing-shujuzhuanqu): its task 3 reads
"北京市经济和信息化局会同专区监管部门将运营单位纳入…", where 会同 is a verb, and the loader links
北京市 to the task only from inside the bureau's name. (The loader no longer reads 会同 as
会同县 in any corpus plan, so this is the real place link rejected here.) Task 5 names no
body that leads it; an editor adds 北京市经济和信息化局 as its lead.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.api.editors import add_editor
from plankg.evaluation import evaluate
from tests.corpus import PLANS, require_corpus

PLAN_FILE = "11-beijing-shujuzhuanqu.txt"
PLAN = "beijing-shujuzhuanqu-2022-2025"
BUREAU = "beijing:jx"  # 北京市经济和信息化局
URL = f"/plans/{PLAN}/corrections"


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    require_corpus()
    folder = tmp_path_factory.mktemp("corrections")
    plan = folder / PLAN_FILE
    shutil.copy(PLANS / PLAN_FILE, plan)
    return folder


@pytest.fixture(scope="module")
def env(place):
    """The server's settings: the plan, its own corrections file, editors and snapshots."""
    keys = {
        "wang": add_editor(place / "editors.toml", "wang", ["*"]),
        "li": add_editor(place / "editors.toml", "li", ["zhoushan-gongtongfuyu-2021-2025"]),
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANKG_PLANS", str(place / PLAN_FILE))
        patch.setenv("PLANKG_CORRECTIONS", str(place / "corrections.sqlite"))
        patch.setenv("PLANKG_EDITORS", str(place / "editors.toml"))
        patch.setenv("PLANKG_SNAPSHOT_DIR", str(place / "snapshots"))
        yield keys


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def started() -> TestClient:
    return TestClient(create_app())


def post(client, body, key, status=201):
    response = client.post(URL, json=body, headers=bearer(key))
    assert response.status_code == status, response.text
    return response.json()


REJECT_BEIJING = {
    "action": "reject",
    "fact": {"kind": "place", "task": 3, "place": "beijing"},
    "why": "北京 is only part of the bureau's name here; 会同 is a verb",
}


def test_a_rejected_mention_stays_rejected_after_a_restart_and_a_reload(env, place):
    with started() as client:
        task = client.get(f"/tasks/3?plan={PLAN}").json()
        assert [p["id"] for p in task["places"]] == ["beijing"]
        assert task["places"][0]["surface"] == "北京"
        beijing_tasks = client.get(f"/places/beijing/tasks?plan={PLAN}").json()["total"]
        assert beijing_tasks == 5
        made = post(client, REJECT_BEIJING, env["wang"])
        assert made["status"] == "applied" and made["after"] is None
        assert made["before"]["surface"] == "北京" and made["who"] == "wang"
        assert made["key"] == "place:task:3:beijing"
        assert client.get(f"/tasks/3?plan={PLAN}").json()["places"] == []
        assert client.get(f"/places/beijing/tasks?plan={PLAN}").json()["total"] == 4
    with started() as client:  # a restart: read from the snapshot, then corrected
        assert client.get(f"/tasks/3?plan={PLAN}").json()["places"] == []
        trail = client.get(URL).json()
        assert trail["total"] == 1 and trail["items"][0]["id"] == made["id"]
    with pytest.MonkeyPatch.context() as patch:  # a reload: the plan read again, no snapshot
        patch.setenv("PLANKG_SNAPSHOT_DIR", "")
        with started() as client:
            assert client.get(f"/tasks/3?plan={PLAN}").json()["places"] == []
            assert client.get(f"/places/beijing/tasks?plan={PLAN}").json()["total"] == 4


def test_an_added_lead_shows_on_the_task_the_agency_and_the_responsibility_table(
    env, place, caplog
):
    text = (place / PLAN_FILE).read_text(encoding="utf-8").replace("\r\n", "\n")
    with started() as client:
        plan_text_start = text.index("北京市经济和信息化局")
        agency = client.get(f"/agencies/{BUREAU}?plan={PLAN}").json()
        assert (agency["leads"], agency["leads_stated"], agency["leads_inferred"]) == (5, 5, 0)
        before = client.get(f"/tasks/5?plan={PLAN}").json()["agencies"]
        assert [(a["id"], a["role"], a["basis"]) for a in before] == [
            ("beijing:sjzy", "lead", "inferred")
        ]
        made = post(
            client,
            {
                "action": "add",
                "fact": {"kind": "agency", "task": 5, "agency": BUREAU, "role": "lead"},
                "span": {"start": plan_text_start, "end": plan_text_start + 10},
                "why": "the bureau runs the data zone's feedback (task 4) and so this task",
            },
            env["wang"],
        )
        assert made["before"] is None and made["after"]["basis"] == "reviewed"
        logged = [r.getMessage() for r in caplog.records if r.name == "plankg.corrections"]
        assert (
            f"correction {made['id']} by wang: add agency:task:5:{BUREAU}:lead on plan {PLAN}"
            in logged
        )
        task = client.get(f"/tasks/5?plan={PLAN}").json()
        added = next(a for a in task["agencies"] if a["id"] == BUREAU)
        assert (added["role"], added["basis"], added["correction"]) == (
            "lead",
            "reviewed",
            made["id"],
        )
        assert added["match_span"] == {"start": plan_text_start, "end": plan_text_start + 10}
        agency = client.get(f"/agencies/{BUREAU}?plan={PLAN}").json()
        assert (agency["leads"], agency["leads_stated"]) == (6, 6)  # a reviewed lead is stated
        tasks = client.get(f"/plans/{PLAN}/table/tasks?basis=stated&limit=500").json()["items"]
        assert 5 in [row["number"] for row in tasks]  # the table's facet too
        led = client.get(f"/agencies/{BUREAU}/tasks?plan={PLAN}&role=lead").json()
        assert 5 in [t["number"] for t in led["items"]]
        table = client.get(f"/plans/{PLAN}/responsibilities").json()["items"]
        row = next(r for r in table if r["task"] == 5)
        assert [d["agency"] for d in row["leads"]] == [BUREAU, "beijing:sjzy"]
        assert (
            row["leads"][0]["basis"] == "reviewed" and row["leads"][0]["correction"] == made["id"]
        )
        # Withdrawn: the task is as the loader read it, the correction stays in the trail.
        gone = client.delete(f"{URL}/{made['id']}", headers=bearer(env["wang"]))
        assert gone.status_code == 200 and gone.json()["status"] == "withdrawn"
        assert client.get(f"/tasks/5?plan={PLAN}").json()["agencies"] == before
        assert client.get(f"{URL}/{made['id']}").json()["status"] == "withdrawn"


def test_a_confirmed_link_says_reviewed_and_a_corrected_target_its_new_value(env):
    with started() as client:
        made = post(
            client,
            {
                "action": "confirm",
                "fact": {"kind": "agency", "task": 3, "agency": BUREAU, "role": "lead"},
                "why": "the clause names it",
            },
            env["wang"],
        )
        lead = client.get(f"/tasks/3?plan={PLAN}").json()["agencies"][0]
        assert (lead["basis"], lead["correction"]) == ("reviewed", made["id"])
        etag = client.get(f"/tasks/3?plan={PLAN}").headers["etag"]
        client.delete(f"{URL}/{made['id']}", headers=bearer(env["wang"]))
        again = client.get(f"/tasks/3?plan={PLAN}")
        assert again.headers["etag"] != etag and again.json()["agencies"][0]["basis"] == "explicit"


def test_writes_need_an_editors_key_for_the_plan(env):
    with started() as client:
        count = client.get(URL).json()["total"]
        body = {**REJECT_BEIJING, "fact": {"kind": "place", "task": 4, "place": "beijing"}}
        assert client.post(URL, json=body).status_code == 401
        wrong = client.post(URL, json=body, headers=bearer("pk_0123456789abcdef_" + "x" * 43))
        assert wrong.status_code == 401
        assert wrong.headers["content-type"] == "application/problem+json"
        assert client.post(URL, json=body, headers=bearer(env["li"])).status_code == 403
        # A key anywhere but the Authorization header is not a key.
        client.cookies.set("key", env["wang"])
        assert client.post(URL, json=body).status_code == 401
        client.cookies.clear()
        assert client.post(f"{URL}?key={env['wang']}", json=body).status_code == 401
        assert client.get("/editor").status_code == 401
        assert client.get("/editor", headers=bearer(env["li"])).json() == {
            "name": "li",
            "plans": ["zhoushan-gongtongfuyu-2021-2025"],
        }
        # An editor's answer is never kept for the next caller (the kept answers are
        # keyed by path and query only).
        assert client.get("/editor").status_code == 401
        mine = client.get("/editor", headers=bearer(env["wang"]))
        assert mine.json()["name"] == "wang" and mine.headers["cache-control"] == "no-store"
        # Another site's form, posted by a planner's browser: no header, so no write.
        forged = client.post(
            URL,
            data={"action": "reject", "why": "x"},
            headers={"Origin": "https://evil.example", "Referer": "https://evil.example/"},
        )
        assert forged.status_code == 401
        # Nor may its script ask to send the header: the preflight is refused.
        preflight = client.options(
            URL,
            headers={
                "Origin": "https://evil.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status_code >= 400
        assert "access-control-allow-origin" not in preflight.headers
        assert client.get(URL).json()["total"] == count
        assert [p["id"] for p in client.get(f"/tasks/4?plan={PLAN}").json()["places"]] == [
            "beijing"
        ]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (
            {**REJECT_BEIJING, "fact": {"kind": "place", "task": 99, "place": "beijing"}},
            "no task 99",
        ),
        (
            {**REJECT_BEIJING, "fact": {"kind": "place", "task": 5, "place": "beijing"}},
            "no such link",
        ),
        ({**REJECT_BEIJING, "fact": {"kind": "place", "task": 4, "place": "atlantis"}}, "no place"),
        ({**REJECT_BEIJING, "action": "undo"}, "body.action"),
        (
            {
                "action": "correct",
                "fact": {"kind": "target", "indicator": 1, "fields": {"value": "many"}},
                "why": "x",
            },
            "valid number",
        ),
        (
            {
                "action": "add",
                "fact": {"kind": "agency", "task": 6, "agency": BUREAU, "role": "partner"},
                "span": {"start": 10_000_000, "end": 10_000_010},
                "why": "x",
            },
            "not inside the plan text",
        ),
        (
            {
                "action": "add",
                "fact": {"kind": "agency", "task": 6, "agency": BUREAU, "role": "partner"},
                "span": {"start": 0, "end": 4},
                "why": "x",
            },
            "not a name of",
        ),
        ({"action": "reject", "why": "no fact"}, "body.fact"),
        ({**REJECT_BEIJING, "why": ""}, "body.why"),
    ],
)
def test_bad_corrections_are_problems_and_write_nothing(env, body, says):
    with started() as client:
        count = client.get(URL).json()["total"]
        response = client.post(URL, json=body, headers=bearer(env["wang"]))
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert says in response.json()["detail"]
        assert client.get(URL).json()["total"] == count
        broken = client.post(
            URL,
            content=b"{not json",
            headers={**bearer(env["wang"]), "content-type": "application/json"},
        )
        assert broken.status_code == 422
        assert broken.headers["content-type"] == "application/problem+json"
        # bytes that are not text at all are refused before the body is read: 400, as the
        # route documents (found by `make fuzz`)
        undecodable = client.post(
            URL,
            content=b"\xff\xfe\xfa",
            headers={**bearer(env["wang"]), "content-type": "application/json"},
        )
        assert undecodable.status_code == 400
        assert undecodable.headers["content-type"] == "application/problem+json"
        assert client.get(URL).json()["total"] == count


def test_gold_export_is_read_by_eval(env, place, tmp_path):
    from typer.testing import CliRunner

    from plankg.cli import app

    with started() as client:  # the rejection of the first test is there
        assert client.get(f"/tasks/3?plan={PLAN}").json()["places"] == []
    result = CliRunner().invoke(app, ["corrections", "export", "--gold", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = tmp_path / "11-beijing-shujuzhuanqu.gold.json"
    gold = json.loads(written.read_text(encoding="utf-8"))
    assert "place:task:3:beijing" in gold["reviewed"]
    assert len(gold["tasks"]) == 17
    assert gold["tasks"][4]["leads"] == []  # task 5: the added lead was withdrawn
    report = evaluate([(place / PLAN_FILE, written)])
    (score,) = report.plans
    assert score.counts["structure"].fn == 0 and score.counts["structure"].fp == 0


def test_a_correction_on_a_changed_text_is_stale_and_not_applied(env, place, tmp_path):
    changed = tmp_path / PLAN_FILE
    changed.write_text(
        (place / PLAN_FILE).read_text(encoding="utf-8") + "\n（本文件由编辑补充一行。）\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANKG_PLANS", str(changed))
        with started() as client:
            trail = client.get(URL).json()["items"]
            rejected = next(c for c in trail if c["key"] == "place:task:3:beijing")
            assert rejected["status"] == "stale"
            assert [p["id"] for p in client.get(f"/tasks/3?plan={PLAN}").json()["places"]] == [
                "beijing"
            ]


def test_a_correction_whose_place_is_gone_waits_and_adds_no_node(zhoushan):
    """A correction kept for a place a newer gazetteer no longer has is left unapplied: the
    graph gains no bare node (networkx would make one for an edge's unknown end)."""
    from plankg.graph.build import build_graph
    from plankg.graph.corrections import Correction, apply_all
    from plankg.graph.memory import MemoryStore

    store = MemoryStore(build_graph([zhoushan]))
    nodes = store.graph.number_of_nodes()
    gone = Correction(
        id="0000000000000001",
        plan=zhoushan.id,
        plan_sha256=zhoushan.sha256,
        key="place:task:27:atlantis",
        action="add",
        fact={"kind": "place", "task": 27, "place": "atlantis"},
        span={"start": 0, "end": 2},
        before=None,
        after={
            "surface": "x",
            "evidence": "x",
            "span_start": 0,
            "span_end": 1,
            "match_start": 0,
            "match_end": 1,
            "basis": "reviewed",
            "correction": "0000000000000001",
        },
        who="wang",
        when="2026-12-05T00:00:00+00:00",
        why="a place since merged away",
        status="applied",
    )
    version = store.data_version
    store.correcting(lambda graph: apply_all(graph, [gone], {zhoushan.id: zhoushan.sha256}))
    assert store.graph.number_of_nodes() == nodes and "atlantis" not in store.graph
    assert store.data_version == version + 1
    assert len(store.task(zhoushan.id, 27).places) == len(
        MemoryStore(build_graph([zhoushan])).task(zhoushan.id, 27).places
    )
