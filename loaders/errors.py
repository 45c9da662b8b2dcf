"""One error type for bad input: it names the file, the line and what was expected."""

from __future__ import annotations

from pathlib import Path

from plankg.errors import PlankgError


class PlanError(PlankgError, ValueError):
    def __init__(self, path: str | Path, line: int, expected: str) -> None:
        self.path = str(path)
        self.line = line
        self.expected = expected
        super().__init__(f"{self.path}:{line}: {expected}")
