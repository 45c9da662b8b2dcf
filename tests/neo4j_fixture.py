"""The `neo4j_server` pytest fixture: one real, throwaway Neo4j 5.26 for the whole session.

Import it into a conftest.py (`from tests.neo4j_fixture import neo4j_server`). Without Java or
Maven it skips the tests that use it, except in CI (CI=true), where a missing server is a
failure rather than silently untested code.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from devtools.neo4j_server import Neo4jServer, ensure_jars, start_server

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    with own_neo4j_server() as server:
        yield server


@contextmanager
def own_neo4j_server() -> Iterator[Neo4jServer]:
    """A server of the caller's own (stopped on leaving), for a test that would harm the
    shared one (freezing it, say). Skips without Java or Maven, except in CI."""
    # The first run on a machine downloads ~160 MB of jars (Maven) before it starts the server.
    try:
        server = start_server()
    except Exception as exc:
        reason = f"Neo4j test server could not start: {exc}"
    else:
        reason = ""
    # Outside the except block, so the report is the reason alone, not a chained traceback.
    if reason and os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    if reason:
        pytest.skip(reason.splitlines()[0])
    try:
        yield server
    finally:
        server.stop()


@dataclass(frozen=True)
class DevRun:
    """What `python -m devtools.neo4j_server [ARGS]` printed, as "Key: value" fields."""

    fields: dict[str, str]
    printed: str


@contextmanager
def dev_server_run(*args: str, drop_env: tuple[str, ...] = ("NEO4J_PASSWORD",)):
    """The dev server as a person starts it (`make neo4j`, `make neo4j-loaded`): its lines
    up to "Data is deleted…" read (four minutes at most), then SIGTERM on leaving, which
    must end it cleanly. Skips without Java and Maven, except in CI."""
    try:
        ensure_jars()
    except RuntimeError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(str(exc), pytrace=False)
        pytest.skip(str(exc).splitlines()[0])
    env = {k: v for k, v in os.environ.items() if k not in drop_env}
    proc = subprocess.Popen(
        [sys.executable, "-m", "devtools.neo4j_server", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if line.startswith("Data is deleted"):
                break
        fields: dict[str, str] = {}
        for line in lines:
            key, _, value = line.partition(":")
            fields.setdefault(key.strip(), value.strip())
        yield DevRun(fields, "\n".join(lines))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, "\n".join(lines)  # reached only when the body passed
