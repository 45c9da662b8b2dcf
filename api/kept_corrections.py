"""At start-up: the store the server's corrections are kept in, and every kept correction
applied to the loaded graph (after the snapshot is read or saved: a snapshot is the
loader's graph, never a corrected one)."""

from __future__ import annotations

import logging

from plankg.config import Settings
from plankg.graph.correction_store import CorrectionStore, SqliteCorrections
from plankg.graph.corrections import apply_all

log = logging.getLogger("plankg.corrections")


def open_for(store, settings: Settings) -> CorrectionStore | None:
    """The embedded store's SQLite file, or Neo4j's :Correction nodes; None for a store
    that cannot take corrections."""
    opener = getattr(store, "correction_store", None)
    if opener is not None:  # Neo4j: kept in the database, applied there at load and write
        return opener()
    if not hasattr(store, "correcting"):
        return None
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
