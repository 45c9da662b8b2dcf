"""Property-based: schemathesis generates requests from /openapi.json and checks every
response: no 5xx, and each body, status and content type as the schema documents."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from plankg.api.app import build_store, create_app
from plankg.config import Settings

app = create_app(store=build_store(Settings()))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
