"""Broken inputs shared by the bad-input tests and `make fuzz`: data folders, plan files.

Each case is (id, how to break a copy of data/ or of the Zhoushan plan, what the one error
line must contain). The real command runs against it in a subprocess, as a person would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ZHOUSHAN = DATA / "plans" / "zhoushan-2021-2025.txt"


@dataclass(frozen=True)
class DataCase:
    id: str
    file: str  # the data file broken, relative to the data folder
    breaks: Callable[[Path], None]  # given the broken file's path
    line: int | None  # the line the error must name (None: a line is not checked)
    says: str  # a part of the message


def _edit(transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(transform(path.read_bytes()))


def _line_of(name: str, text: str) -> int:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def _insert_at(line: int, data: bytes) -> Callable[[bytes], bytes]:
    def insert(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        lines[line - 1] = data + lines[line - 1]
        return b"\n".join(lines)

    return insert


def _replace_line(line: int, data: bytes) -> Callable[[bytes], bytes]:
    def replace(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        lines[line - 1] = data
        return b"\n".join(lines)

    return replace


def _drop_line(containing: str) -> Callable[[bytes], bytes]:
    def drop(raw: bytes) -> bytes:
        return b"\n".join(
            line for line in raw.split(b"\n") if containing.encode() not in line
        )

    return drop


def _duplicate_first_entry(key: str) -> Callable[[bytes], bytes]:
    """The first `- id: x` entry under `key:` written twice."""

    def duplicate(raw: bytes) -> bytes:
        text = raw.decode("utf-8")
        start = text.index("\n  - id: ", text.index(f"\n{key}:"))
        end = text.index("\n  - id: ", start + 1)
        return (text[:end] + text[start:end] + text[end:]).encode("utf-8")

    return duplicate


YAML_FILES = [
    "places.yaml",
    "agencies.yaml",
    "themes.yaml",
    "genre.yaml",
    "indicators.yaml",
    "indicator_families.yaml",
    "regions/zhoushan/places.yaml",
]


def data_cases(full: bool) -> list[DataCase]:
    """One case per kind of damage (full=False, for `make test`), or every kind in every
    data file (full=True, for `make fuzz`)."""
    files = YAML_FILES if full else ["places.yaml"]
    cases: list[DataCase] = []
    for name in files:
        stem = name.removesuffix(".yaml")
        line = 12 if full or name != "places.yaml" else _line_of(name, "id: china")
        cases += [
            DataCase(f"{stem}-bad-yaml", name, _edit(_insert_at(line, b"\tx: 1\n")), line,
                     "expected YAML: found character '\\t' that cannot start any token"),
            DataCase(f"{stem}-unclosed", name, _edit(lambda raw: raw + b"\nx: [unclosed\n"),
                     None, "expected YAML"),
            DataCase(f"{stem}-bad-utf8", name, _edit(_insert_at(line, b"\xff\xfe")), line,
                     "expected UTF-8 text: byte 0xff is not UTF-8"),
            DataCase(f"{stem}-empty", name, lambda p: p.write_bytes(b""), 1, "the file is empty"),
            DataCase(f"{stem}-blank", name, lambda p: p.write_bytes(b"\n \n"), 1,
                     "the file is empty"),
            *(  # a region profile's files are each optional: without one, the loader reads on
                []
                if name.startswith("regions/")
                else [
                    DataCase(f"{stem}-missing", name, lambda p: p.unlink(), 1,
                             "data file not found")
                ]
            ),
            DataCase(f"{stem}-a-list", name, lambda p: p.write_bytes(b"- a\n- b\n"), 1,
                     "expected a mapping of fields at the top, found a list"),
            DataCase(f"{stem}-binary", name, lambda p: p.write_bytes(bytes(range(256)) * 4),
                     2, "expected UTF-8 text: byte 0x80 is not UTF-8"),
        ]
        if not full:  # one of each kind of damage to the file itself
            cases = [c for c in cases if c.id.split("-", 1)[1] in ("bad-yaml", "bad-utf8",
                                                                    "empty", "missing")]
            break
    tab = _line_of("places.yaml", "id: yangtze-river-delta")
    cases += [
        DataCase("places-tab-indent", "places.yaml", _edit(_replace_line(tab, b"\t- id: x")),
                 tab, "expected YAML"),
        DataCase("places-duplicate-id", "places.yaml", _edit(_duplicate_first_entry("places")),
                 None, "places entry 2: id 'china' again"),
        DataCase("themes-missing-name", "themes.yaml",
                 _edit(_drop_line("    name: 偏远海岛")), None, "name: Field required"),
        DataCase("genre-missing-field", "genre.yaml", _edit(_drop_line("title_suffixes:")),
                 _line_of("genre.yaml", "chrome_markers:") - 1,
                 "missing field 'title_suffixes' in the mapping that starts here"),
        DataCase("stopwords-bad-utf8", "stopwords.txt", _edit(_insert_at(3, b"\xc3(")), 3,
                 "expected UTF-8 text: byte 0xc3 is not UTF-8"),
    ]
    if full:
        cases += [
            DataCase("profile-agencies-duplicate-id", "regions/zhoushan/agencies.yaml",
                     _edit(_duplicate_first_entry("agencies")), None,
                     "agencies entry 2: id 'zs-sw' again"),
            DataCase("themes-duplicate-id", "themes.yaml",
                     _edit(_duplicate_first_entry("themes")), None,
                     "themes entry 2: id 'remote-islands' again"),
            DataCase("indicators-missing-units", "indicators.yaml", _edit(lambda raw: raw.replace(b"\nunits:", b"\nunit_names:")),
                     None, "missing field 'units'"),
            DataCase("stopwords-empty", "stopwords.txt", lambda p: p.write_bytes(b""), 1,
                     "the file is empty"),
            DataCase("places-a-directory", "places.yaml",
                     lambda p: (p.unlink(), p.mkdir()), 1, "not a regular file"),
        ]
    return cases


def broken_data_dir(tmp: Path, case: DataCase) -> Path:
    folder = tmp / "data"
    shutil.copytree(DATA, folder)
    case.breaks(folder / case.file)
    return folder


def plankg(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    """`plankg ARGS` in a fresh process (caches and all), as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "plankg.cli", *args],
        cwd=cwd or ROOT,
        env=os.environ | {"NO_COLOR": "1", "COLUMNS": "400"} | (env or {}),
        capture_output=True,
        text=True,
        timeout=120,
    )


ONE_LINE = re.compile(r"error: [^\n]+\n")


def assert_one_line_exit_2(result: subprocess.CompletedProcess, *parts: str) -> None:
    assert result.returncode == 2, result.stderr[-2000:]
    assert ONE_LINE.fullmatch(result.stderr), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in result.stderr, (part, result.stderr)
    assert result.stdout == ""
