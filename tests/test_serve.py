"""`plankg serve` as a user runs it: with two workers, each building the store at once
and saving one snapshot between them, and the access log off unless asked for."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx

from devtools.ports import plankg_serve, stop
from tests.conftest import ROOT


def serve(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, str]:
    env = {
        "PLANKG_SNAPSHOT_DIR": str(tmp_path / "snapshots"),
        "PLANKG_SNAPSHOT_KEY": str(tmp_path / "config" / "snapshot.key"),
    }
    return plankg_serve(env, *options, cwd=ROOT, stderr=subprocess.STDOUT)


def test_two_workers_serve_and_save_one_snapshot(tmp_path):
    child, base = serve(tmp_path, "--workers", "2")
    try:
        workers = Path(f"/proc/{child.pid}/task/{child.pid}/children").read_text().split()
        assert len(workers) >= 2  # two workers (and the supervisor's helpers, if any)
        for _ in range(10):
            assert httpx.get(base + "/tasks/27").json()["number"] == 27
    finally:
        log = stop(child)
    assert "GET /tasks/27" not in log  # no access log by default
    saved = sorted(p.name for p in (tmp_path / "snapshots").iterdir())
    assert len(saved) == 1 and saved[0].startswith("store-") and saved[0].endswith(".snapshot")


def test_the_access_log_is_there_when_asked_for(tmp_path):
    child, base = serve(tmp_path, "--access-log")
    try:
        httpx.get(base + "/tasks/27").raise_for_status()
    finally:
        log = stop(child)
    assert '"GET /tasks/27 HTTP/1.1" 200' in log
