"""The page's side of the API contract, without a browser: short operationIds, a schema
for every 200, the page at / beside (not over) the API, and the TypeScript types built from
the same /openapi.json the API serves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.api.openapi_ids import OPERATION_IDS

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "web" / "src" / "openapi.json"
TYPES = ROOT / "web" / "src" / "api-types.ts"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        yield c


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


def test_every_operation_has_a_short_stable_id(client):
    schema = client.get("/openapi.json").json()
    ids = {(m, p): op["operationId"] for m, p, op in operations(schema)}
    assert ids == OPERATION_IDS
    assert ids[("GET", "/plans")] == "listPlans"
    assert ids[("GET", "/tasks/{number}")] == "getTask"
    assert ids[("GET", "/search")] == "searchTasks"
    assert ids[("GET", "/graph/export")] == "exportGraph"
    assert all(re.fullmatch(r"[a-z][A-Za-z]*", i) for i in ids.values())
    assert len(set(ids.values())) == len(ids)


def test_every_200_has_a_schema(client):
    schema = client.get("/openapi.json").json()
    for method, path, operation in operations(schema):
        success = "201" if method == "POST" else "200"  # a correction is created: 201
        content = operation["responses"][success]["content"]
        assert all(media.get("schema") for media in content.values()), (method, path)
    livez = schema["paths"]["/livez"]["get"]["responses"]["200"]["content"]["application/json"]
    assert livez["schema"]["properties"]["status"]["enum"] == ["ok"]
    export = schema["paths"]["/graph/export"]["get"]["responses"]["200"]["content"]
    assert set(export) == {"application/graphml+xml", "application/json"}
    assert client.get("/livez").json() == {"status": "ok"}
    data = client.get("/graph/export", params={"format": "json"}).json()
    assert set(export["application/json"]["schema"]["required"]) <= set(data)


def test_the_page_is_served_at_root_beside_the_api(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/assets/app.js">' in page.text
    script = client.get("/assets/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert client.get("/assets/app.css").status_code == 200
    # The API, its docs and its contract are where they were.
    assert client.get("/tasks/27").json()["number"] == 27
    assert client.get("/docs").status_code == 200
    assert "paths" in client.get("/openapi.json").json()
    missing = client.get("/assets/nothing.js")
    assert missing.status_code == 404
    assert "/" not in client.get("/openapi.json").json()["paths"]


def test_the_page_is_typed_against_the_live_contract(client):
    """web/src/openapi.json is what the API serves (make web refreshes it and regenerates
    web/src/api-types.ts from it before type-checking the page)."""
    live = client.get("/openapi.json").json()
    assert json.loads(SNAPSHOT.read_text(encoding="utf-8")) == live, (
        "web/src/openapi.json is stale: run `make web`"
    )
    types = TYPES.read_text(encoding="utf-8")
    for operation_id in OPERATION_IDS.values():
        assert f"    {operation_id}: {{" in types, f"{operation_id} missing: run `make web`"
