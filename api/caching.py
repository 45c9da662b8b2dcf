"""ETag and Cache-Control on GET responses: the data changes only on reload, so a
client (or a proxy) may keep an answer and revalidate it cheaply."""

from __future__ import annotations

import hashlib

from fastapi import FastAPI, Request, Response

CACHE_CONTROL = "public, max-age=60, must-revalidate"


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def etag(request: Request, call_next):
        response = await call_next(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])
        tag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        headers = dict(response.headers)
        headers.pop("content-length", None)
        headers["etag"] = tag
        headers["cache-control"] = CACHE_CONTROL
        if tag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers={"etag": tag, "cache-control": CACHE_CONTROL})
        return Response(body, status_code=200, headers=headers, media_type=response.media_type)
