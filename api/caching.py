"""ETag, Cache-Control and HEAD on GET responses, and answers rendered once per data
version: the data changes only on reload, so a client (or a proxy) may keep an answer
and revalidate it cheaply, and the server need not compute it twice.

A plain ASGI middleware (Starlette's BaseHTTPMiddleware costs more per request than
some of the routes themselves): it holds back a 200 GET response's body, tags it, and
answers 304 when the client already has that tag. When the store says its data cannot
change underneath (`data_version` is not None: the embedded store), the tagged answer
is kept in a bounded LRU keyed by path, query and encoding (gzip or not), so a repeated
request skips routing, validation, the store, serialisation and compression. Neo4j can
be reloaded by someone else at any time, so nothing is kept for it.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_CONTROL = "public, max-age=60, must-revalidate"
MAX_ENTRY = 4 * 1024 * 1024  # bytes: a bigger answer (a large export) is not kept


@dataclass(frozen=True)
class Answer:
    headers: list[tuple[bytes, bytes]]  # of the 200, with etag and cache-control
    body: bytes
    etag: str

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


class AnswerCache:
    """At most `max_bytes` of answers, least recently used first out, for one data
    version: a new version empties it."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.version: object = None
        self.size = 0
        self._answers: OrderedDict[tuple[str, bytes, bool], Answer] = OrderedDict()

    def get(self, version: object, key: tuple[str, bytes, bool]) -> Answer | None:
        if version != self.version:
            return None
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
        return found

    def put(self, version: object, key: tuple[str, bytes, bool], answer: Answer) -> None:
        if answer.size > min(MAX_ENTRY, self.max_bytes):
            return
        if version != self.version:
            self._answers.clear()
            self.version, self.size = version, 0
        old = self._answers.pop(key, None)
        if old is not None:
            self.size -= old.size
        self._answers[key] = answer
        self.size += answer.size
        while self.size > self.max_bytes:
            _, dropped = self._answers.popitem(last=False)
            self.size -= dropped.size

    def __len__(self) -> int:
        return len(self._answers)


def _keyed(scope: Scope) -> bool:
    """A request carrying a key (GET /editor): its answer is that editor's, never kept nor
    served to anyone else."""
    return any(name == b"authorization" for name, _ in scope["headers"])


def etag_of(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _matches(known: str, tag: str) -> bool:
    # If-None-Match: "*" matches any current representation (RFC 9110, 13.1.2).
    return tag in known or known.strip() == "*"


class ETagMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.app = app
        self.cache = AnswerCache(max_bytes)
        self._computing: dict[tuple[str, bytes, bool], asyncio.Future] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or _keyed(scope):
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:  # every GET route answers HEAD: the GET's headers, no body
            scope = dict(scope, method="GET")
        known = Headers(scope=scope).get("if-none-match", "")
        store = getattr(scope["app"].state, "store", None) if "app" in scope else None
        version = getattr(store, "data_version", None)
        # The gzip layer inside sends one body to clients that accept gzip (it looks for
        # the word, as here) and another to the rest: each is kept, and tagged, apart.
        gzip = "gzip" in Headers(scope=scope).get("accept-encoding", "")
        key = (scope["path"], scope["query_string"], gzip)
        if version is not None:
            answer = self.cache.get(version, key)
            waiting = self._computing.get(key)
            if answer is None and waiting is not None:
                # The same request is being answered: wait for it rather than compute it
                # again (64 clients asking for one heavy answer cost one computation).
                answer = await asyncio.shield(waiting)
                if answer is None:  # it was not kept (an error, or too big): compute here
                    await self._compute(scope, receive, send, known, head, version, store, key)
                    return
            if answer is not None:
                await _send_answer(send, answer, known, head)
                return
            computed: asyncio.Future = asyncio.get_running_loop().create_future()
            self._computing[key] = computed
            try:
                await self._compute(scope, receive, send, known, head, version, store, key)
            finally:
                del self._computing[key]
                computed.set_result(self.cache.get(version, key))
            return
        await self._compute(scope, receive, send, known, head, version, store, key)

    async def _compute(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        known: str,
        head: bool,
        version: object,
        store: object,
        key: tuple[str, bytes, bool],
    ) -> None:
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
            if start is None:  # not a 200: pass through untouched (HEAD: no body)
                await send(message | {"body": b""} if head else message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = MutableHeaders(scope=start)
            tag = etag_of(body)
            headers["etag"] = tag
            headers["cache-control"] = CACHE_CONTROL
            answer = Answer(list(start["headers"]), body, tag)
            # A file served from disk (it says when it was modified) may change while the
            # data does not: it is tagged but not kept.
            from_data = all(k != b"last-modified" for k, _ in start["headers"])
            if (
                from_data
                and version is not None
                and version == getattr(store, "data_version", None)
            ):
                self.cache.put(version, key, answer)
            await _send_answer(send, answer, known, head)

        await self.app(scope, receive, hold)


async def _send_answer(send: Send, answer: Answer, known: str, head: bool) -> None:
    if known and _matches(known, answer.etag):
        headers = [
            (k, v) for k, v in answer.headers if k not in (b"content-length", b"content-type")
        ]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    # A copy: a middleware further out (CORS) may edit the list it is given in place, and
    # the kept answer must not remember that edit for the next client.
    await send({"type": "http.response.start", "status": 200, "headers": list(answer.headers)})
    await send({"type": "http.response.body", "body": b"" if head else answer.body})
