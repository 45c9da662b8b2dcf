"""Property-based: schemathesis generates requests from /openapi.json and checks every
response: no 5xx, and each body, status and content type as the schema documents.

`make test` runs a fixed set of examples (derandomized: the same requests every run, so
the contract test cannot fail at random); `make fuzz` (PLANKG_FUZZ=1) searches widely,
with a new seed each run (hypothesis prints it, and `--hypothesis-seed=N` replays it)."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings

from plankg.api.app import build_store, create_app
from plankg.config import Settings

WIDE = os.environ.get("PLANKG_FUZZ") == "1"

app = create_app(store=build_store(Settings()))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=300 if WIDE else 25,
    derandomize=not WIDE,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,  # no replay of earlier failures from .hypothesis/: each run is its own
)
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()


def test_star_is_in_the_contract_exactly_where_it_is_taken():
    """`plan=*` is valid (per the schema) on the cross-plan list routes and refused (422)
    elsewhere; the schema says which, so a schema-driven client never sends it wrongly."""
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        paths = client.get("/openapi.json").json()["paths"]
        for path, methods in paths.items():
            plan = next(
                (p for p in methods["get"].get("parameters", []) if p["name"] == "plan"), None
            )
            if plan is None:
                continue
            refused = plan["schema"].get("not") == {"const": "*"}
            concrete = (
                path.replace("{number}", "1")
                .replace("{place}", "daishan")
                .replace("{agency}", "zs-jyj")
                .replace("{theme}", "remote-islands")
                .replace("{plan_id}", "x")
            )
            asked = {"q": "海岛"} if path == "/search" else {}  # its one required parameter
            status = client.get(concrete, params={"plan": "*", **asked}).status_code
            assert (status == 422) == refused, (path, status)
        assert paths["/tasks"]["get"]["parameters"]
        assert client.get("/goals", params={"plan": "*"}).status_code == 422
        assert client.get("/tasks", params={"plan": "*"}).status_code == 200
