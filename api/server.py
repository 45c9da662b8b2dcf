"""How `plankg serve` runs uvicorn for others to reach: the limits from Settings, and the
HTTP protocol that enforces what uvicorn's httptools parser does not.

uvicorn 0.54 with httptools (the parser it picks, and the faster one) has no limit on the
size of a request's headers (h11_max_incomplete_event_size applies to h11 only), and no
timer at all until a first response is complete: a client may connect and send nothing, or
send headers a byte at a time, forever. `GuardedHttpToolsProtocol` adds both:

- a request whose line and headers pass `PLANKG_HEADER_MAX_KB` before they end gets a 431
  and the connection is closed; the parser never holds more than that (plus one read);
- a request whose line and headers are not complete `PLANKG_HEADER_TIMEOUT` seconds after
  the connection opened (or after the request's first byte) gets a 408 (no answer when
  nothing was sent) and is closed: a slow client cannot extend it by trickling bytes.

Between requests uvicorn's own keep-alive timer (`PLANKG_KEEPALIVE_TIMEOUT`) closes an idle
connection. `PLANKG_MAX_CONNECTIONS` is uvicorn's limit_concurrency (a request beyond it
gets a 503), `PLANKG_BACKLOG` the listening socket's backlog.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from plankg.api.security import LIVEZ_BODY, LIVEZ_HEADERS
from plankg.config import Settings


@functools.cache
def _limits() -> tuple[int, float]:
    """(max header bytes, header timeout in seconds) of this process, read once."""
    settings = Settings()
    return settings.plankg_header_max_kb * 1024, settings.plankg_header_timeout


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The keyword arguments of uvicorn.run (and uvicorn.Config) that bound connections."""
    return {
        "http": GuardedHttpToolsProtocol,
        "timeout_keep_alive": settings.plankg_keepalive_timeout,
        "limit_concurrency": settings.plankg_max_connections,
        "backlog": settings.plankg_backlog,
        "h11_max_incomplete_event_size": settings.plankg_header_max_kb * 1024,
    }


def _reply(status: bytes, message: bytes) -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\ncontent-type: text/plain; charset=utf-8\r\n"
        b"connection: close\r\ncontent-length: " + str(len(message)).encode() + b"\r\n\r\n"
        + message
    )


TOO_LARGE = _reply(b"431 Request Header Fields Too Large", b"request headers too large")
TOO_SLOW = _reply(b"408 Request Timeout", b"request headers not received in time")


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a bound on header bytes and header time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._max_header_bytes, self._header_timeout = _limits()
        self._awaiting_headers = True  # between a request's first byte and its blank line
        self._header_bytes = 0
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._awaiting_headers:
            # Counted before the parser sees them: it never holds more than the limit
            # plus one read (at most 256 KiB).
            self._header_bytes += len(data)
            if self._header_bytes > self._max_header_bytes:
                self._refuse(TOO_LARGE)
                return
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._awaiting_headers = True
        if self._header_timer is None:  # a new request on a kept-alive connection
            self._arm_header_timer()

    def on_headers_complete(self) -> None:
        self._awaiting_headers = False
        self._header_bytes = 0
        self._disarm_header_timer()
        self._livez = self._is_livez()
        if not self._livez:
            super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._livez:
            super().on_body(body)

    def on_message_complete(self) -> None:
        # What follows belongs to the next request's headers (counted from here; its
        # timer starts with its first byte, the keep-alive timer covers the wait before).
        self._awaiting_headers = True
        self._header_bytes = 0
        if self._livez:
            self._livez = False
            self._answer_livez()
        else:
            super().on_message_complete()

    # /livez, answered here as soon as its request is read: no ASGI task, no trip through
    # the app, nothing queued behind other requests' work on the event loop (the same
    # bytes api/security.py answers for a server that is not this one).
    _livez = False

    def _is_livez(self) -> bool:
        path = self.url.split(b"?", 1)[0]
        return (
            path == b"/livez"
            and self.parser.get_method() in (b"GET", b"HEAD")
            and not self.parser.should_upgrade()
            and (self.cycle is None or self.cycle.response_complete)
            and not self.pipeline
        )

    def _answer_livez(self) -> None:
        keep_alive = self.parser.get_http_version() != "1.0" and self.parser.should_keep_alive()
        headers = [*self.server_state.default_headers, *LIVEZ_HEADERS]
        if not keep_alive:
            headers.append((b"connection", b"close"))
        body = b"" if self.parser.get_method() == b"HEAD" else LIVEZ_BODY
        self.transport.write(
            b"HTTP/1.1 200 OK\r\n"
            + b"".join(name + b": " + value + b"\r\n" for name, value in headers)
            + b"\r\n"
            + body
        )
        self.server_state.total_requests += 1
        if not keep_alive:
            self.transport.close()
            return
        self._unset_keepalive_if_required()
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def _arm_header_timer(self) -> None:
        self._disarm_header_timer()
        self._header_timer = self.loop.call_later(self._header_timeout, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self._awaiting_headers and not self.transport.is_closing():
            # Nothing sent (an idle connection): close it; part of a request: say why.
            self._refuse(TOO_SLOW if self._header_bytes else None)

    def _refuse(self, answer: bytes | None) -> None:
        self._disarm_header_timer()
        self._awaiting_headers = False
        if not self.transport.is_closing():
            if answer:
                self.transport.write(answer)
            self.transport.close()
