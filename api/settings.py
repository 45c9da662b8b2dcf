"""Settings from the environment, in one typed object."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# The repo's data folder, named here rather than imported from the loaders: importing
# them costs a second and 150 MB that a server started from a snapshot never needs.
REPO_DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_PLAN = REPO_DATA / "plans" / "zhoushan-2021-2025.txt"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    plankg_plans: Annotated[list[Path], NoDecode] = Field(
        default_factory=lambda: [DEFAULT_PLAN],
        description="PLANKG_PLANS: plan files or folders of *.txt, separated by ':' or ','",
    )
    neo4j_uri: str | None = Field(None, description="NEO4J_URI: serve from Neo4j when set")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str | None = None
    neo4j_timeout: float = Field(10.0, description="NEO4J_TIMEOUT: seconds per read query")
    plankg_snapshot_dir: Path | None = Field(
        default_factory=lambda: _default_snapshot_dir(),
        description="PLANKG_SNAPSHOT_DIR: where the built store is saved for the next start "
        "(empty: never saved)",
    )
    plankg_cache_mb: int = Field(
        32, ge=0, description="PLANKG_CACHE_MB: rendered answers kept (embedded store only)"
    )

    @field_validator("plankg_plans", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(part) for part in value.replace(",", ":").split(":") if part.strip()]
        return value

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


def _default_snapshot_dir() -> Path:
    from plankg.graph.snapshot import default_folder

    return default_folder()
