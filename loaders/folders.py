"""Which plan files a command was given: files as named, a folder's plan texts (`*.txt`,
sorted by name), and why each other entry of a folder was left out.

A plan is a text file (`.txt`, the form plankg reads); a folder of plans often holds their
notes too (the corpus keeps a `.source.md` beside each plan), which are skipped, each with
its reason, rather than read and refused. A folder with no plan in it is an error: a load of
nothing is a mistake in the path, not a success.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plankg.errors import PlankgError

PLAN_SUFFIX = ".txt"


class NoPlans(PlankgError, ValueError):
    """A folder with no plan text in it."""


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped ({self.reason})"


def plan_files(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """The plan files of `paths` in order (a folder's own `*.txt` files sorted by name, in
    its place), and the entries of the folders that are not plans, with the reason."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)  # a named file is read (and refused there if it is no plan)
            continue
        found = []
        for entry in sorted(path.iterdir()):
            if entry.name.startswith("."):
                continue  # hidden (.DS_Store, an editor's swap file): not worth a line
            if entry.is_dir():
                skipped.append(Skipped(entry, "a folder: only the folder's own files are read"))
            elif entry.suffix != PLAN_SUFFIX:
                skipped.append(Skipped(entry, f"not a plan text: expected a {PLAN_SUFFIX} file"))
            else:
                found.append(entry)
        if not found:
            raise NoPlans(f"{path}: no plan files in this folder: expected *{PLAN_SUFFIX} files")
        files.extend(found)
    return files, skipped
