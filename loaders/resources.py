"""Where the data files live, read once per process."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO_DATA = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """PLANKG_DATA_DIR overrides the data folder shipped with the project."""
    return Path(os.environ.get("PLANKG_DATA_DIR", REPO_DATA))


@cache
def load_yaml(name: str) -> Any:
    with (data_dir() / name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)
