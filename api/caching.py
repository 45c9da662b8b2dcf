"""ETag and Cache-Control on GET responses: the data changes only on reload, so a
client (or a proxy) may keep an answer and revalidate it cheaply.

A plain ASGI middleware (Starlette's BaseHTTPMiddleware costs more per request than
some of the routes themselves): it holds back a 200 GET response's body, tags it,
and answers 304 when the client already has that tag.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_CONTROL = "public, max-age=60, must-revalidate"


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        known = Headers(scope=scope).get("if-none-match", "")
        start: Message | None = None
        chunks: list[bytes] = []

        async def hold(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if message["status"] != 200:
                    await send(message)
                    return
                start = message
                return
            if start is None:  # not a 200: pass through untouched
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            tag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
            headers = MutableHeaders(scope=start)
            headers["etag"] = tag
            headers["cache-control"] = CACHE_CONTROL
            if tag in known:
                del headers["content-length"]
                del headers["content-type"]
                await send(
                    {"type": "http.response.start", "status": 304, "headers": start["headers"]}
                )
                await send({"type": "http.response.body", "body": b""})
                return
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, hold)
