"""The `neo4j_server` pytest fixture: one real, throwaway Neo4j 5.26 for the whole session.

Import it into a conftest.py (`from tests.neo4j_fixture import neo4j_server`). Without Java or
Maven it skips the tests that use it, except in CI (CI=true), where a missing server is a
failure rather than silently untested code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from devtools.neo4j_server import Neo4jServer, start_server


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
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
