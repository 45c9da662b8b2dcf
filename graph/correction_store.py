"""Where corrections are kept: SQLite in WAL mode (the standard library's sqlite3) beside
the user's data, or Neo4j's :Correction nodes when Neo4j is the backend
(graph/neo4j_corrections.py). One schema, CORRECTION_PROPERTIES, for both.

SQLite because it is in the standard library, survives a killed process (a committed
transaction is in the WAL, fsynced: synchronous=FULL), lets several processes and threads
write one after another (BEGIN IMMEDIATE; a writer waits up to `busy_timeout` for another),
and is one file a planner can copy. A correction is never deleted: a withdrawal is a new
state of the same row (`status`, `withdrawn_by`, `withdrawn_at`), so the audit trail stays.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from plankg.graph.corrections import Correction

# The properties of a kept correction, in order: SQLite's columns, a :Correction node's
# properties (fact, span, before and after as JSON text), the API's Correction record
# (status as kept: applied or withdrawn; stale is decided when served).
CORRECTION_PROPERTIES = (
    "id",
    "plan",
    "plan_sha256",
    "key",
    "action",
    "fact",
    "span",
    "before",
    "after",
    "who",
    "when",
    "why",
    "status",
    "withdrawn_by",
    "withdrawn_at",
)
JSON_PROPERTIES = ("fact", "span", "before", "after")


def to_row(correction: Correction) -> dict[str, Any]:
    values = correction.model_dump()
    for key in JSON_PROPERTIES:
        values[key] = None if values[key] is None else json.dumps(values[key], ensure_ascii=False)
    values.setdefault("withdrawn_by", None)
    values.setdefault("withdrawn_at", None)
    return values


def from_row(row: dict[str, Any]) -> Correction:
    values = dict(row)
    for key in JSON_PROPERTIES:
        values[key] = None if values.get(key) is None else json.loads(values[key])
    values.pop("withdrawn_by", None)
    values.pop("withdrawn_at", None)
    values.pop("seq", None)
    return Correction.model_validate(values)


class CorrectionStore(Protocol):
    def add(self, correction: Correction) -> None: ...
    def withdraw(self, correction_id: str, who: str, when: str) -> Correction | None: ...
    def get(self, correction_id: str) -> Correction | None: ...
    def of_plan(self, plan: str) -> list[Correction]:
        """Every correction of the plan, newest first."""
        ...

    def all(self) -> list[Correction]: ...
    def close(self) -> None: ...


SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    plan TEXT NOT NULL,
    plan_sha256 TEXT NOT NULL,
    key TEXT NOT NULL,
    action TEXT NOT NULL,
    fact TEXT NOT NULL,
    span TEXT,
    before TEXT,
    after TEXT,
    who TEXT NOT NULL,
    "when" TEXT NOT NULL,
    why TEXT NOT NULL,
    status TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT
);
CREATE INDEX IF NOT EXISTS corrections_by_plan ON corrections (plan, seq);
"""
COLUMNS = ", ".join(f'"{c}"' for c in CORRECTION_PROPERTIES)


class SqliteCorrections:
    """Corrections in one SQLite file. One connection per thread (sqlite3's rule), each in
    WAL mode with full sync; writes are single statements in their own transaction."""

    def __init__(self, path: Path, busy_timeout: float = 30.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as db:
            db.executescript(SCHEMA)
        # Its own connection, to see commits by any other (another worker process, or this
        # one's threads): PRAGMA data_version changes exactly then.
        self._watch = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._seen = self._version()

    def _version(self) -> int:
        return self._watch.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        """True once after corrections were written by any connection since the last call
        (a few microseconds: it reads a counter, not the rows)."""
        version = self._version()
        if version == self._seen:
            return False
        self._seen = version
        return True

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(
                self.path,
                timeout=self.busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            self._local.db = db
            with self._lock:
                self._opened.append(db)
        return db

    def add(self, correction: Correction) -> None:
        row = to_row(correction)
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(
                f"INSERT INTO corrections ({COLUMNS}) VALUES "
                f"({', '.join('?' for _ in CORRECTION_PROPERTIES)})",
                [row[c] for c in CORRECTION_PROPERTIES],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def withdraw(self, correction_id: str, who: str, when: str) -> Correction | None:
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(
                "UPDATE corrections SET status = 'withdrawn', withdrawn_by = ?, withdrawn_at = ? "
                "WHERE id = ? AND status != 'withdrawn'",
                (who, when, correction_id),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return self.get(correction_id)

    def _select(self, where: str = "", arguments: Iterable = ()) -> list[Correction]:
        rows = self._connection().execute(
            f"SELECT {COLUMNS} FROM corrections {where}", tuple(arguments)
        )
        return [from_row(dict(r)) for r in rows]

    def get(self, correction_id: str) -> Correction | None:
        found = self._select("WHERE id = ?", (correction_id,))
        return found[0] if found else None

    def of_plan(self, plan: str) -> list[Correction]:
        return self._select("WHERE plan = ? ORDER BY seq DESC", (plan,))

    def all(self) -> list[Correction]:
        return self._select("ORDER BY seq")

    def close(self) -> None:
        self._watch.close()
        with self._lock:
            for db in self._opened:
                db.close()
            self._opened.clear()
        self._local = threading.local()
