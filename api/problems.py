"""Errors as RFC 9457 problem+json, with a message that says what was expected."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from plankg.api.models import Problem
from plankg.graph.store import StoreUnavailable

MEDIA_TYPE = "application/problem+json"
QUOTE_LIMIT = 80  # characters of a bad input quoted back: enough to recognise it
log = logging.getLogger("plankg.api")


def quote(value: object) -> str:
    """repr() of a bad input, cut to a bounded prefix: a 60 KB parameter must not come
    back as a 60 KB error."""
    text = repr(value)
    if len(text) <= QUOTE_LIMIT:
        return text
    return f"{text[:QUOTE_LIMIT]}… ({len(str(value)):,} characters)"


def problem(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {
            "type": "about:blank",
            "title": HTTPStatus(status).phrase,
            "status": status,
            "detail": detail,
            "instance": _bounded(request.url.path),
        },
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,  # e.g. Allow on a 405
    )


def _bounded(path: str, limit: int = 200) -> str:
    return path if len(path) <= limit else path[:limit] + "…"


def _allowed(request: Request) -> str:
    """Every method a path answers, across the routes that share it (GET and POST
    /plans/{id}/corrections are two routes)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE and getattr(route, "methods", None):
            methods |= route.methods
    return ", ".join(sorted(methods))


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error["loc"] if part != "query")
    return f"{where}: {error['msg']}" + (
        f" (got {quote(error['input'])})" if "input" in error else ""
    )


def install(app: FastAPI) -> None:
    _document(app)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        headers = exc.headers
        if exc.status_code == 405:  # Starlette names the first route's methods only
            headers = {**(headers or {}), "Allow": _allowed(request)}
        return problem(request, exc.status_code, str(exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(request, 422, "; ".join(_describe(e) for e in exc.errors()))

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return problem(request, 503, f"the graph store is unavailable: {exc}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Whatever went wrong is for the log, not for the client: no internals in the body.
        log.error("unexpected error on %s", _bounded(request.url.path), exc_info=exc)
        return problem(request, 500, "an unexpected error occurred; it has been logged")


_PROBLEM = {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
PROBLEM_RESPONSES = {
    404: {"description": "Not found", "content": _PROBLEM},
    422: {"description": "A parameter is not what was expected", "content": _PROBLEM},
    500: {"description": "An unexpected error (logged)", "content": _PROBLEM},
    503: {"description": "The graph store is unavailable", "content": _PROBLEM},
}


def _document(app: FastAPI) -> None:
    """Errors are problem+json, not FastAPI's default shape: say so in the OpenAPI."""
    default = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = default()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = Problem.model_json_schema()
        for path in schema["paths"].values():
            for operation in path.values():
                operation["responses"].pop("422", None)
                operation["responses"]["422"] = PROBLEM_RESPONSES[422]
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi
