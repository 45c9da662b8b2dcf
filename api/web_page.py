"""The explorer page: index.html at `/`, its built assets under `/assets/`.

The bundle is built from web/ (`make web`) into api/static/, inside the package, so the
API serves it offline and a pip install carries it. Neither route is in the OpenAPI
schema, and neither shadows an API path: `/`, `/docs` (Swagger UI) and `/redoc` (ReDoc),
their files under `/assets/` too, and `/assets/*` are the only ones taken.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def install(app: FastAPI) -> None:
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def page() -> Response:
        index = STATIC / "index.html"
        if not index.is_file():
            return PlainTextResponse("the page is not built: run `make web`", status_code=503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs() -> Response:
        """Swagger UI over /openapi.json, its script and styles from /assets/ (vendored
        from the swagger-ui-dist package by `make web`): nothing from a CDN."""
        index = STATIC / "docs.html"
        if not index.is_file():
            return PlainTextResponse("the docs page is not built: run `make web`", 503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.api_route("/redoc", methods=["GET", "HEAD"], include_in_schema=False)
    def redoc() -> Response:
        """ReDoc over /openapi.json, its bundle from /assets/ (vendored from the redoc
        package by `make web`)."""
        index = STATIC / "redoc.html"
        if not index.is_file():
            return PlainTextResponse("the docs page is not built: run `make web`", 503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    app.mount("/assets", StaticFiles(directory=STATIC / "assets", check_dir=False), "assets")
