"""At start-up: the store the server's corrections are kept in, and every kept correction
applied to the loaded graph (after the snapshot is read or saved: a snapshot is the
loader's graph, never a corrected one)."""

from __future__ import annotations

import logging
import threading

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from plankg.api.deps import ROUTE_THREADS
from plankg.config import Settings
from plankg.graph.correction_store import CorrectionStore, SqliteCorrections
from plankg.graph.corrections import apply_all

log = logging.getLogger("plankg.corrections")


def audit_log() -> None:
    """Every write is logged, who, what and which plan (api/routes/corrections.py): at
    INFO on `plankg.corrections`, to standard error unless something else handles it."""
    log.setLevel(logging.INFO)
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
        log.addHandler(handler)
# One write or re-application at a time per process (api/routes/corrections.py takes it too).
WRITING = threading.Lock()


def open_for(store, settings: Settings) -> CorrectionStore | None:
    """The embedded store's SQLite file, or Neo4j's :Correction nodes; None for a store
    that cannot take corrections."""
    opener = getattr(store, "correction_store", None)
    if opener is not None:  # Neo4j: kept in the database, applied there at load and write
        audit_log()
        return opener()
    if not hasattr(store, "correcting"):
        return None
    audit_log()
    kept = SqliteCorrections(settings.plankg_corrections)
    apply_kept(store, kept)
    return kept


def apply_kept(store, kept: CorrectionStore) -> int:
    sha256_of = {plan: store.plan_text(plan)[1] for plan in store.plan_ids()}
    corrections = kept.all()
    if not corrections:
        return 0
    applied = store.correcting(lambda graph: apply_all(graph, corrections, sha256_of))
    log.info("%d corrected facts applied", applied)
    return applied


class FollowCorrections:
    """ASGI middleware: before a request is answered (or taken from the kept answers), the
    embedded store catches up with corrections another worker process wrote (`plankg serve
    --workers N`: each has its graph): when the SQLite file changed, every kept correction
    is applied again (a new data version, so kept answers and ETags follow)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "app" in scope:
            state = scope["app"].state
            kept = getattr(state, "corrections", None)
            if kept is not None and getattr(kept, "changed", None) and kept.changed():
                # In the routes' own threads (one, on the embedded store): never while a
                # route reads the graph it changes.
                await anyio.to_thread.run_sync(
                    _catch_up, state.store, kept, limiter=ROUTE_THREADS
                )
        await self.app(scope, receive, send)


def _catch_up(store, kept) -> None:
    with WRITING:
        apply_kept(store, kept)
