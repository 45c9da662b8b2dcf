"""The explorer page: index.html at `/`, its built assets under `/assets/`.

The bundle is built from web/ (`make web`) into api/static/, inside the package, so the
API serves it offline and a pip install carries it. Neither route is in the OpenAPI
schema, and neither shadows an API path: `/`, `/docs` (Swagger UI) and `/redoc` (ReDoc),
their files under `/assets/` too, `/assets/*` and `/favicon.ico` are the only ones taken.

The build writes each asset gzipped and brotli'd beside itself (app.js.gz, app.js.br); an
asset is sent in the best of those the browser accepts, with its own ETag (each encoding
is its own file) and `Vary: Accept-Encoding`, so no cache hands one to the wrong client.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.types import Scope

STATIC = Path(__file__).parent / "static"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # best first


def accepted(header: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (a q of 0 refuses one)."""
    codings = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            refused = float(q) == 0
        except ValueError:
            refused = False
        if name and not refused:
            codings.add(name.strip())
    return codings


class CompressedStaticFiles(StaticFiles):
    """StaticFiles that sends a file's precompressed sibling when the client accepts it."""

    def file_response(
        self, full_path, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        path = str(full_path)
        siblings = [(c, path + ext) for c, ext in ENCODINGS if os.path.isfile(path + ext)]
        if not siblings or status_code != 200:
            return super().file_response(full_path, stat_result, scope, status_code)
        ok = accepted(Headers(scope=scope).get("accept-encoding", ""))
        for coding, sibling in siblings:
            if coding in ok:
                response = super().file_response(sibling, os.stat(sibling), scope)
                if response.status_code == 304:
                    return response
                media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                if media_type.startswith("text/") or media_type.endswith("javascript"):
                    media_type += "; charset=utf-8"
                response.headers["content-type"] = media_type
                response.headers["content-encoding"] = coding
                response.headers["vary"] = "Accept-Encoding"
                return response
        # Sent as it is: the app's gzip layer (which passes the copies above by) says
        # `Vary: Accept-Encoding` on it, as on every answer of its size.
        return super().file_response(full_path, stat_result, scope)


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

    @app.api_route("/favicon.ico", methods=["GET", "HEAD"], include_in_schema=False)
    def favicon() -> Response:
        """The page links its icon (/assets/favicon.svg); browsers ask here on pages that
        do not (the docs, a JSON answer opened in a tab)."""
        icon = STATIC / "assets" / "favicon.svg"
        if not icon.is_file():
            return PlainTextResponse("the page is not built: run `make web`", status_code=404)
        return FileResponse(icon, media_type="image/svg+xml")

    assets = CompressedStaticFiles(directory=STATIC / "assets", check_dir=False)
    app.mount("/assets", assets, "assets")
