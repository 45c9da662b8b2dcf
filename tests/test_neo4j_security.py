"""The dev Neo4j cannot be used by a web page against its user (issue 11, item 1).

A page the user opens can make the browser send requests to loopback, so `make neo4j` must
not read local files (LOAD CSV file:///), must not let a foreign origin read its HTTP API, and
must ask for a password. These tests run the issue's probe as real HTTP requests against the
real server: `python -m devtools.neo4j_server` (what `make neo4j` runs) and the test fixture.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import neo4j
import pytest
from neo4j.exceptions import AuthError

from devtools.neo4j_server import Neo4jServer
from tests.neo4j_fixture import dev_server_run

EVIL = "https://evil.example"
PROBE = 'LOAD CSV FROM "file:///etc/passwd" AS r RETURN r LIMIT 1'


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


def _post(url: str, statement: str, auth: tuple[str, str] | None = None) -> Reply:
    """The issue's curl: a JSON POST to the transactional endpoint from a foreign origin."""
    payload = json.dumps({"statements": [{"statement": statement}]}).encode()
    headers = {"Origin": EVIL, "Content-Type": "application/json"}
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    request = urllib.request.Request(url, data=payload, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read().decode())


def _preflight(url: str) -> Reply:
    request = urllib.request.Request(
        url,
        method="OPTIONS",
        headers={
            "Origin": EVIL,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read().decode())


@dataclass
class DevServer:
    bolt: str
    http: str
    user: str
    password: str
    browser: str
    printed: str


@pytest.fixture(scope="module")
def dev_server() -> Iterator[DevServer]:
    """`make neo4j`'s server, started as a person would, its printed lines parsed."""
    with dev_server_run() as run:
        fields = run.fields
        assert "Password" in fields, run.printed
        yield DevServer(
            bolt=fields["Bolt"],
            http=fields["HTTP"].split()[0],
            user=fields["User"],
            password=fields["Password"],
            browser=fields["Browser"],
            printed=run.printed,
        )


def test_dev_server_prints_a_generated_password_and_a_browser_url_with_the_user(
    dev_server: DevServer,
) -> None:
    assert len(dev_server.password) >= 20
    assert dev_server.browser.startswith(f"{dev_server.http}/browser/?dbms=bolt://neo4j@127.0.0.1:")
    assert dev_server.browser.endswith("&preselectAuthMethod=NATIVE")
    assert f"NEO4J_PASSWORD={dev_server.password}" in dev_server.printed


def test_dev_server_refuses_bolt_without_the_password(dev_server: DevServer) -> None:
    with neo4j.GraphDatabase.driver(dev_server.bolt, auth=None) as driver:
        with pytest.raises(AuthError):
            driver.execute_query("RETURN 1")
    with neo4j.GraphDatabase.driver(dev_server.bolt, auth=("neo4j", "wrong")) as driver:
        with pytest.raises(AuthError):
            driver.execute_query("RETURN 1")
    with neo4j.GraphDatabase.driver(dev_server.bolt, auth=("neo4j", dev_server.password)) as d:
        records, _, _ = d.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


def test_the_issue_probe_gets_401_and_no_file(dev_server: DevServer) -> None:
    reply = _post(f"{dev_server.http}/db/neo4j/tx/commit", PROBE)
    assert reply.status == 401
    assert "root:" not in reply.body
    assert reply.headers.get("Access-Control-Allow-Origin") in (None, dev_server.http)


def test_the_issue_probe_cannot_write_the_graph(dev_server: DevServer) -> None:
    reply = _post(f"{dev_server.http}/db/neo4j/tx/commit", "CREATE (:Intruder {at: 1})")
    assert reply.status == 401
    with neo4j.GraphDatabase.driver(dev_server.bolt, auth=("neo4j", dev_server.password)) as d:
        records, _, _ = d.execute_query("MATCH (n:Intruder) RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_load_csv_from_a_file_fails_even_with_the_password(dev_server: DevServer) -> None:
    auth = (dev_server.user, dev_server.password)
    reply = _post(f"{dev_server.http}/db/neo4j/tx/commit", PROBE, auth)
    assert reply.status == 200  # the endpoint answers; the statement fails
    errors = json.loads(reply.body)["errors"]
    assert [e["code"] for e in errors] == ["Neo.ClientError.Statement.ExternalResourceFailed"]
    assert "root:" not in reply.body


def test_a_foreign_origin_is_not_allowed(dev_server: DevServer) -> None:
    reply = _preflight(f"{dev_server.http}/db/neo4j/tx/commit")
    assert reply.headers.get("Access-Control-Allow-Origin") == dev_server.http


def test_the_test_fixture_is_hardened_too(neo4j_server: Neo4jServer) -> None:
    # The fixture runs without auth (a session-long server on free ports), but the same probe
    # reads no file and the answer is not readable from a foreign origin.
    reply = _post(f"{neo4j_server.http_uri}/db/neo4j/tx/commit", PROBE)
    assert reply.status == 200
    errors = json.loads(reply.body)["errors"]
    assert [e["code"] for e in errors] == ["Neo.ClientError.Statement.ExternalResourceFailed"]
    assert "root:" not in reply.body
    assert reply.headers.get("Access-Control-Allow-Origin") == neo4j_server.http_uri
