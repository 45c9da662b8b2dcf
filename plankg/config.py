"""Every setting of plankg, read from the environment in one typed object, for the API, the
command line and the loaders alike.

Importing this module is cheap (no loaders, no jieba): a server started from a snapshot of
the store never needs them.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from plankg.errors import PlankgError


def shipped_folder(package: str) -> Path:
    """The folder of a package of data files (plankg.data, plankg.cypher), in the repository
    or where the wheel put it: a real folder, since plankg is never imported from a zip."""
    return Path(os.fspath(files(package)))


SHIPPED_DATA = shipped_folder("plankg.data")
DEFAULT_PLAN = SHIPPED_DATA / "plans" / "zhoushan-2021-2025.txt"


def default_snapshot_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plankg"


def default_snapshot_key() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "plankg" / "snapshot.key"


def default_editors_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "plankg" / "editors.toml"


def default_corrections_file() -> Path:
    # Not the snapshot's cache folder: a cache may be wiped, corrections are people's work.
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "plankg" / "corrections.sqlite"


def snapshot_key() -> Path:
    """Settings().plankg_snapshot_key without building Settings (as data_dir() does):
    PLANKG_SNAPSHOT_KEY, else ~/.config/plankg/snapshot.key."""
    return Path(os.environ.get("PLANKG_SNAPSHOT_KEY") or default_snapshot_key())


# What one plan may cost, chosen from measurements (README, "What one plan may cost";
# bench/plansize.py): the longest real plan read so far has 152 tasks and 2,756 lines.
DEFAULT_MAX_LINES = 100_000
DEFAULT_MAX_TASKS = 5_000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    plankg_plans: Annotated[list[Path], NoDecode] = Field(
        default_factory=lambda: [DEFAULT_PLAN],
        description="PLANKG_PLANS: plan files or folders of *.txt, separated by ':' or ','",
    )
    plankg_data_dir: Path = Field(
        SHIPPED_DATA, description="PLANKG_DATA_DIR: folder of the data files (word lists, …)"
    )
    neo4j_uri: str | None = Field(None, description="NEO4J_URI: serve from Neo4j when set")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str | None = None
    neo4j_timeout: float = Field(
        10.0,
        gt=0,
        allow_inf_nan=False,
        description="NEO4J_TIMEOUT: seconds Neo4j has to answer: a query all told (the API "
        "answers 503 after it), and connecting with its handshake and login (API, load, serve)",
    )
    plankg_snapshot_dir: Path | None = Field(
        default_factory=default_snapshot_dir,
        description="PLANKG_SNAPSHOT_DIR: where the built store is saved for the next start "
        "(empty: never saved)",
    )
    plankg_snapshot_key: Path = Field(
        default_factory=default_snapshot_key,
        description="PLANKG_SNAPSHOT_KEY: the private key snapshots are signed with (HMAC), "
        "created 0600 in a private folder when missing",
    )
    plankg_corrections: Path = Field(
        default_factory=default_corrections_file,
        description="PLANKG_CORRECTIONS: the SQLite file corrections are kept in (embedded "
        "store; with Neo4j they are :Correction nodes)",
    )
    plankg_editors: Path = Field(
        default_factory=default_editors_file,
        description="PLANKG_EDITORS: the TOML file of editors and their hashed keys "
        "(default ~/.config/plankg/editors.toml; `plankg editors add`)",
    )
    plankg_cache_mb: int = Field(
        32, ge=0, description="PLANKG_CACHE_MB: rendered answers kept (embedded store only)"
    )
    # Serving to others (api/server.py, api/security.py; the README's configuration table).
    plankg_header_max_kb: int = Field(
        32, ge=1, le=1024, description="PLANKG_HEADER_MAX_KB: a request line and headers "
        "larger than this get 431 and the connection is closed"
    )
    plankg_header_timeout: float = Field(
        10.0, gt=0, description="PLANKG_HEADER_TIMEOUT: seconds a client has, from connecting "
        "(or from a request's first byte), to send the whole request line and headers"
    )
    plankg_keepalive_timeout: int = Field(
        5, ge=1, description="PLANKG_KEEPALIVE_TIMEOUT: seconds an idle kept-alive "
        "connection stays open after an answer"
    )
    plankg_max_connections: int = Field(
        1000, ge=1, description="PLANKG_MAX_CONNECTIONS: open connections (or requests in "
        "progress) per worker beyond which a request gets 503"
    )
    plankg_backlog: int = Field(
        2048, ge=1, description="PLANKG_BACKLOG: connections the kernel queues before accept"
    )
    plankg_threads: int | None = Field(
        None, ge=1, le=1000, description="PLANKG_THREADS: threads computing answers per "
        "worker; unset: 1 on the embedded store (pure Python: more only slow the event loop), "
        "40 on Neo4j (they wait on the network)"
    )
    # What one plan may cost (loaders/limits.py; the README's configuration table).
    plankg_max_lines: int = Field(
        DEFAULT_MAX_LINES, ge=1, description="PLANKG_MAX_LINES: a plan file with more lines "
        "of text is refused before it is read (the outline's cost grows with its lines)"
    )
    plankg_max_tasks: int = Field(
        DEFAULT_MAX_TASKS, ge=1, description="PLANKG_MAX_TASKS: a plan with more tasks is "
        "refused once its outline is read, before its targets and links (their cost grows "
        "with its tasks)"
    )
    plankg_cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="PLANKG_CORS_ORIGINS: origins (scheme://host[:port]) "
        "whose pages may read the API from a browser, comma-separated; empty: none"
    )

    @field_validator("plankg_cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().rstrip("/") for part in value.split(",") if part.strip()]
        return value

    @field_validator("plankg_plans", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(part) for part in value.replace(",", ":").split(":") if part.strip()]
        return value

    @field_validator("plankg_data_dir", mode="before")
    @classmethod
    def _shipped_when_empty(cls, value: object) -> object:
        return SHIPPED_DATA if value == "" else value  # the rule of data_dir()

    @field_validator("plankg_snapshot_key", mode="before")
    @classmethod
    def _default_key_when_empty(cls, value: object) -> object:
        return default_snapshot_key() if value == "" else value  # the rule of snapshot_key()

    @field_validator("plankg_corrections", mode="before")
    @classmethod
    def _default_corrections_when_empty(cls, value: object) -> object:
        return default_corrections_file() if value == "" else value

    @field_validator("plankg_editors", mode="before")
    @classmethod
    def _default_editors_when_empty(cls, value: object) -> object:
        return default_editors_file() if value == "" else value

    @field_validator("plankg_snapshot_dir", mode="before")
    @classmethod
    def _off_when_empty(cls, value: object) -> object:
        return None if value == "" else value

    def plan_files(self) -> list[Path]:
        """The plan files named by PLANKG_PLANS, folders expanded, in a stable order."""
        files: list[Path] = []
        for path in self.plankg_plans:
            files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
        return files


def data_dir() -> Path:
    """Settings().plankg_data_dir, the loaders' way: PLANKG_DATA_DIR, else the data folder
    shipped with plankg. Read on every call, since tests and tools change it at run time, but
    not through Settings(), which costs about 1 ms a time (once per plan in a batch)."""
    return Path(os.environ.get("PLANKG_DATA_DIR") or SHIPPED_DATA)


class SettingError(PlankgError):
    """A setting read outside Settings() (plan_limits) that is not valid: one line, exit 2."""


def plan_limits() -> tuple[int, int]:
    """(PLANKG_MAX_LINES, PLANKG_MAX_TASKS), the loaders' way, as data_dir() reads its
    variable: on every call, without building Settings(). A value that is not a whole
    number of at least 1 is a SettingError naming the variable."""
    return (
        _whole("PLANKG_MAX_LINES", DEFAULT_MAX_LINES),
        _whole("PLANKG_MAX_TASKS", DEFAULT_MAX_TASKS),
    )


def _whole(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise SettingError(f"{name}={raw!r}: expected a whole number of at least 1")
    return value
