"""What a browser is told: the headers on every answer (the page, its assets, the API, the
docs), CORS only for the origins PLANKG_CORS_ORIGINS names, and `/livez` answered here,
before any routing or middleware work, so a liveness probe stays fast under load.

The page, its scripts and styles are all this origin's files (web/build.mjs; no inline
script or style attribute in markup), so the policy allows 'self' only; `data:` images
are Swagger UI's icons in its CSS. `/redoc` alone also allows inline styles and a blob:
worker, which ReDoc needs. No answer may be framed.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
# /redoc only: ReDoc (styled-components) writes its styles into <style> elements, and
# runs its search index in a worker from a blob: URL. Its scripts are still this origin's.
REDOC_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
) + "; worker-src blob:"
OTHER_HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
HEADERS = [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode()), *OTHER_HEADERS]
REDOC_HEADERS = [(b"content-security-policy", REDOC_POLICY.encode()), *OTHER_HEADERS]
LIVEZ_BODY = json.dumps({"status": "ok"}, separators=(",", ":")).encode()
LIVEZ_HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(LIVEZ_BODY)).encode()),
    (b"cache-control", b"no-store"),
    *HEADERS,
]


class BrowserHeaders:
    """Outermost ASGI middleware: adds HEADERS to every HTTP answer (errors and 304s too),
    and answers GET/HEAD /livez itself (the route stays for the OpenAPI contract)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == "/livez" and scope["method"] in ("GET", "HEAD"):
            await send({"type": "http.response.start", "status": 200, "headers": LIVEZ_HEADERS})
            body = LIVEZ_BODY if scope["method"] == "GET" else b""
            await send({"type": "http.response.body", "body": body})
            return

        extra = REDOC_HEADERS if scope["path"] == "/redoc" else HEADERS

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                message["headers"] = [
                    *message.get("headers", ()),
                    *(header for header in extra if header[0] not in present),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
