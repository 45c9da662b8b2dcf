"""Where the data files live, read and checked once per process.

A data file a person edits (PLANKG_DATA_DIR) may be broken in many ways; each gives a
DataError, the project's PlanError, which names the file, the line and what was expected,
so the command line prints one line and exits 2 instead of a traceback:

- not UTF-8 (the line of the first bad byte), empty, or not YAML (the line the parser
  stopped at), or a YAML file whose top level is not a mapping;
- a field the loader needs missing: every mapping read from YAML is a `Located` dict that
  knows its file and line, and asking it for a key it lacks (`entry["parent"]`) raises
  "missing field 'parent' in the entry at line N" rather than a bare KeyError.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from plankg.config import SHIPPED_DATA, data_dir  # noqa: F401  (re-exported)
from plankg.loaders.errors import PlanError

MAX_DATA_BYTES = 20_000_000  # the shipped files are under 100 KB each


class DataError(PlanError):
    """A data file is not what the loader expects. Built either as PlanError(path, line,
    expected) or from one message that already names the file (CatalogueError's way)."""

    def __init__(self, path: str | Path, line: int | None = None, expected: str = "") -> None:
        if line is None and not expected:  # one prepared message
            ValueError.__init__(self, str(path))
            self.path, self.line, self.expected = "", 0, str(path)
            return
        super().__init__(path, line or 1, expected)


class Located(dict):
    """A YAML mapping that remembers where it was written, to report a missing field."""

    path: str = ""
    line: int = 0

    def __missing__(self, key: object) -> Any:
        expected = f"missing field {key!r} in the mapping that starts here"
        raise DataError(self.path, self.line, expected)




def read_data_text(name: str) -> str:
    """A data file's text: a regular file, UTF-8 (a BOM is allowed), not empty."""
    return _text(data_dir() / name)


@cache
def load_yaml(name: str) -> Any:
    """A data file's YAML: a mapping at the top, each mapping in it a Located dict."""
    return load_yaml_file(data_dir() / name)


def load_yaml_file(path: Path) -> Any:
    text = _text(path)
    loader = _LocatingLoader(text)
    loader.name = str(path)
    try:
        document = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = error.problem or error.context or "a YAML document"
        raise DataError(path, line, f"expected YAML: {what}") from None
    except yaml.YAMLError as error:
        raise DataError(path, 1, f"expected YAML: {error}") from None
    finally:
        loader.dispose()
    if not isinstance(document, dict):
        found = "nothing" if document is None else f"a {type(document).__name__}"
        raise DataError(path, 1, f"expected a mapping of fields at the top, found {found}")
    return document


def _text(path: Path) -> str:
    try:
        if not path.is_file():
            what = "not found" if not path.exists() else "not a regular file"
            raise DataError(path, 1, f"data file {what}: expected one in {path.parent}")
        if path.stat().st_size > MAX_DATA_BYTES:
            raise DataError(path, 1, f"expected a data file under {MAX_DATA_BYTES:,} bytes")
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(path, 1, f"cannot read the data file: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError(
            path, line, f"expected UTF-8 text: byte 0x{raw[error.start]:02x} is not UTF-8"
        ) from None
    if not text.strip():
        raise DataError(path, 1, "the file is empty: expected the data it is named for")
    return text


class _LocatingLoader(yaml.SafeLoader):
    """SafeLoader whose mappings are Located dicts carrying their file and line."""

    def construct_located(self, node: yaml.MappingNode) -> Located:
        mapping = Located()
        mapping.path = self.name
        mapping.line = node.start_mark.line + 1
        yield mapping
        mapping.update(self.construct_mapping(node))


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _LocatingLoader.construct_located)
