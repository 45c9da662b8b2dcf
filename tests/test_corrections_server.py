"""Corrections against a live `plankg serve` (the Zhoushan plan): two editors writing at
once lose nothing, and a server killed with SIGKILL in the middle of writes keeps every
correction it answered 201 for."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from pathlib import Path

import httpx

from devtools.ports import plankg_serve, stop
from plankg.api.editors import add_editor
from tests.conftest import ROOT

PLAN = "zhoushan-gongtongfuyu-2021-2025"
URL = f"/plans/{PLAN}/corrections"


def serve(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, str]:
    env = {
        "PLANKG_SNAPSHOT_DIR": str(tmp_path / "snapshots"),
        "PLANKG_SNAPSHOT_KEY": str(tmp_path / "config" / "snapshot.key"),
        "PLANKG_CORRECTIONS": str(tmp_path / "corrections.sqlite"),
        "PLANKG_EDITORS": str(tmp_path / "editors.toml"),
    }
    return plankg_serve(env, *options, cwd=ROOT, stderr=subprocess.STDOUT)


def mention_facts(base: str) -> list[dict]:
    """Every (task, place) link of the plan, as the API answers it."""
    facts = []
    for number in range(1, 46):
        task = httpx.get(f"{base}/tasks/{number}").json()
        facts += [{"kind": "place", "task": number, "place": p["id"]} for p in task["places"]]
    return facts


def confirm_all(base: str, key: str, facts: list[dict], made: list, failures: list) -> None:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}) as client:
        for fact in facts:
            try:
                answer = client.post(
                    URL, json={"action": "confirm", "fact": fact, "why": "read it"}
                )
            except httpx.HTTPError as error:  # the server is gone
                failures.append(repr(error))
                return
            if answer.status_code == 201:
                made.append(answer.json()["id"])
            else:
                failures.append(answer.text)


def test_two_editors_writing_at_once_lose_nothing(tmp_path):
    keys = [add_editor(tmp_path / "editors.toml", name, ["*"]) for name in ("wang", "li")]
    child, base = serve(tmp_path)
    try:
        facts = mention_facts(base)
        assert len(facts) == 71  # the task-place links the loader makes in the Zhoushan plan
        made: list[str] = []
        failures: list[str] = []
        halves = [facts[0::2], facts[1::2]]
        threads = [
            threading.Thread(target=confirm_all, args=(base, key, half, made, failures))
            for key, half in zip(keys, halves, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == [] and len(set(made)) == len(facts)
        trail = httpx.get(f"{base}{URL}", params={"limit": 500}).json()
        assert trail["total"] == len(facts)
        assert {c["who"] for c in trail["items"]} == {"wang", "li"}
        reviewed = [
            p["correction"]
            for n in range(1, 46)
            for p in httpx.get(f"{base}/tasks/{n}").json()["places"]
        ]
        assert sorted(reviewed) == sorted(made)
    finally:
        log = stop(child)
    written = [line for line in log.splitlines() if "plankg.corrections: correction " in line]
    assert len(written) == len(facts)  # every write logged: who, what, which plan
    assert any("by li: confirm place:task:" in line and PLAN in line for line in written)


def test_a_server_killed_during_writes_keeps_every_answered_correction(tmp_path):
    key = add_editor(tmp_path / "editors.toml", "wang", [PLAN])
    child, base = serve(tmp_path)
    facts = mention_facts(base)
    made: list[str] = []
    failures: list[str] = []
    writer = threading.Thread(target=confirm_all, args=(base, key, facts, made, failures))
    writer.start()
    while len(made) < 20 and writer.is_alive():
        threading.Event().wait(0.02)
    os.kill(child.pid, signal.SIGKILL)  # no shutdown, no flush: the process is gone
    writer.join()
    child.communicate()
    assert 20 <= len(made) < len(facts) and failures  # killed mid-way: later writes failed
    child, base = serve(tmp_path)
    try:
        trail = httpx.get(f"{base}{URL}", params={"limit": 500}).json()
        kept = {c["id"] for c in trail["items"]}
        assert set(made) <= kept  # every 201 survived (one more may have been cut off after commit)
        assert len(kept) - len(made) <= 1
        shown = {
            p["correction"]
            for n in range(1, 46)
            for p in httpx.get(f"{base}/tasks/{n}").json()["places"]
            if p["correction"]
        }
        assert shown == kept
    finally:
        stop(child)


def test_every_worker_answers_a_correction_another_one_took(tmp_path):
    key = add_editor(tmp_path / "editors.toml", "wang", [PLAN])
    child, base = serve(tmp_path, "--workers", "2")
    try:
        fact = {"kind": "place", "task": 27, "place": "shengsi"}
        places = [p["id"] for p in httpx.get(f"{base}/tasks/27").json()["places"]]
        assert "shengsi" in places
        made = httpx.post(
            f"{base}{URL}",
            json={"action": "reject", "fact": fact, "why": "test"},
            headers={"Authorization": f"Bearer {key}"},
        )
        assert made.status_code == 201, made.text
        for _ in range(40):  # new connections: the kernel spreads them over both workers
            with httpx.Client(base_url=base) as client:
                shown = [p["id"] for p in client.get("/tasks/27").json()["places"]]
                assert shown == [p for p in places if p != "shengsi"]
    finally:
        stop(child)
