"""`make fuzz`: damaged plan files, damaged data folders and bad requests, each answered with
one line and exit 2 (the command line) or problem+json (the API), and nothing left behind.

The plan mutations and the requests run in `make test` too (about 15 s); the data-folder
mutations start a fresh process each (every kind of damage in every data file, about two
minutes), so they run only under `make fuzz` (PLANKG_FUZZ=1).
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plankg.api.app import build_store, create_app
from plankg.cli import app as cli
from plankg.config import Settings
from tests.bad_inputs import (
    ZHOUSHAN,
    assert_one_line_exit_2,
    broken_data_dir,
    data_cases,
    plankg,
)

FULL = os.environ.get("PLANKG_FUZZ") == "1"
RAW = ZHOUSHAN.read_bytes()
TEXT = RAW.decode("utf-8")
LINES = TEXT.split("\n")


def _line_index(prefix: str) -> int:
    return next(i for i, line in enumerate(LINES) if line.strip().startswith(prefix))


def _cut_chars(share: float) -> bytes:
    """Cut in the middle of a sentence near `share` of the text (never on a paragraph end)."""
    at = int(len(TEXT) * share)
    while TEXT[at - 1] in "。\n;:" or TEXT[at] == "\n":
        at += 1
    return TEXT[:at].encode("utf-8")


def _cut_inside_a_character() -> bytes:
    at = len(RAW) // 2
    while RAW[at] & 0xC0 != 0x80:  # a continuation byte: the cut splits a character
        at += 1
    return RAW[:at]


def _insert_at_line(prefix: str, data: bytes) -> bytes:
    at = _line_index(prefix)
    lines = RAW.split(b"\n")
    lines[at] = lines[at][:6] + data + lines[at][6:]
    return b"\n".join(lines)


def _duplicate_task(prefix: str) -> bytes:
    at = _line_index(prefix)
    return "\n".join([*LINES[: at + 1], LINES[at], *LINES[at + 1 :]]).encode("utf-8")


def _without_task_numbers() -> bytes:
    import re

    return re.sub(r"(?m)^(\s*)\d{1,3}\.", r"\1", TEXT).encode("utf-8")


def _swap_chapters() -> bytes:
    return TEXT.replace("  三、", "  @@、").replace("  四、", "  三、").replace(
        "  @@、", "  四、"
    ).encode("utf-8")


PLAN_MUTATIONS: dict[str, Callable[[], bytes]] = {
    "cut-at-10%": lambda: _cut_chars(0.10),
    "cut-at-33%": lambda: _cut_chars(0.33),
    "cut-at-66%": lambda: _cut_chars(0.66),
    "cut-at-95%": lambda: _cut_chars(0.95),
    "cut-inside-a-character": _cut_inside_a_character,
    "nul-byte": lambda: _insert_at_line("12.", b"\x00"),
    "bell-character": lambda: _insert_at_line("12.", b"\x07"),
    "ff-byte": lambda: _insert_at_line("12.", b"\xff"),
    "duplicate-task": lambda: _duplicate_task("12."),
    "no-task-numbers": _without_task_numbers,
    "chapters-swapped": _swap_chapters,
    "random-binary": lambda: random.Random(7).randbytes(4096),
    "png-header": lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "bom-only": lambda: b"\xef\xbb\xbf",
    "white-space-only": lambda: b" \n\t\r\n  \n",
    "empty": lambda: b"",
    "one-long-line": lambda: ("推进共同富裕" * 100_000).encode("utf-8"),
    "utf16-cut-to-odd-length": lambda: TEXT.encode("utf-16")[:-1],
}


@pytest.fixture()
def out_dir(tmp_path) -> Iterator:
    folder = tmp_path / "out"
    folder.mkdir()
    yield folder
    assert list(folder.iterdir()) == []  # no partial file, no .tmp


# Damage the loader reads through, saying what it saw (issue 9: a real plan with a cut end,
# a repeated or missing number, or no numbers at all still has a plan in it).
READ_WITH_WARNINGS = {
    "cut-at-33%",
    "cut-at-66%",
    "cut-at-95%",
    "duplicate-task",
    "chapters-swapped",
    "no-task-numbers",
}


@pytest.mark.parametrize("name", sorted(READ_WITH_WARNINGS))
def test_a_damaged_plan_that_still_reads_says_what_it_saw(tmp_path, name) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN_MUTATIONS[name]())
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 0, (name, result.output[-500:])
    assert "error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    if name != "no-task-numbers":  # numbers gone, the paragraphs are the measures
        assert result.stderr.startswith("warning: "), result.stderr
    target = tmp_path / "p.json"
    assert CliRunner().invoke(cli, ["export", str(path), "-o", str(target)]).exit_code == 0
    json.loads(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(set(PLAN_MUTATIONS) - READ_WITH_WARNINGS))
def test_a_damaged_plan_file_is_one_line_and_exit_2(tmp_path, out_dir, name) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN_MUTATIONS[name]())
    for command in (["inspect", str(path)], ["export", str(path), "-o", str(out_dir / "p.json")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, (name, result.output[-500:])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.stderr.startswith(f"error: {path}:"), result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stdout == ""


def test_a_5000_digit_number_never_becomes_infinity(tmp_path, out_dir) -> None:
    path = tmp_path / "plan.txt"
    sentence = "城镇登记失业率控制在3%以内"
    assert sentence in TEXT
    path.write_text(TEXT.replace(sentence, f"城镇登记失业率控制在{'9' * 5000}%以内"), "utf-8")
    target = out_dir / "p.json"
    result = CliRunner().invoke(cli, ["export", str(path), "-o", str(target)])
    if result.exit_code == 0:  # accepted: then every value is finite JSON
        json.loads(target.read_text(encoding="utf-8"), parse_constant=_refuse)
        target.unlink()
    else:
        assert result.exit_code == 2 and result.stderr.count("\n") == 1


def _refuse(constant: str) -> None:
    raise AssertionError(f"the JSON holds {constant}")


@pytest.mark.skipif(not FULL, reason="make fuzz runs every data-file mutation (PLANKG_FUZZ=1)")
@pytest.mark.parametrize("case", data_cases(full=True), ids=lambda case: case.id)
def test_every_data_file_mutation_is_one_line_and_exit_2(tmp_path, case) -> None:
    folder = broken_data_dir(tmp_path, case)
    out = tmp_path / "out"
    out.mkdir()
    result = plankg(
        "export", str(ZHOUSHAN), "-o", str(out / "p.json"), env={"PLANKG_DATA_DIR": str(folder)}
    )
    where = f"{folder / case.file}:{case.line}: " if case.line else f"{folder / case.file}:"
    assert_one_line_exit_2(result, f"error: {where}", case.says)
    assert list(out.iterdir()) == []


# -- the API ------------------------------------------------------------------------------------

BAD_REQUESTS = [
    ("/tasks/abc", 422),
    ("/tasks/-1", 422),
    ("/tasks/0", 422),
    ("/tasks/1e20", 422),
    ("/tasks/%F0%9F%98%80", 422),
    ("/tasks/99999", 404),
    ("/chapters/1e20", 422),
    ("/tasks?chapter=1e20", 422),
    ("/tasks?limit=0", 422),
    ("/tasks?limit=501", 422),
    ("/tasks?limit=1e3", 422),
    ("/tasks?offset=-1", 422),
    ("/tasks?q=" + "x" * 201, 422),
    ("/tasks?plan=nope", 404),
    ("/tasks/27?plan=" + "p" * 300, 422),
    ("/chapters?plan=*", 422),
    ("/search", 422),
    ("/search?q=", 422),
    ("/graph?depth=9", 422),
    ("/graph?focus=nothing", 404),
    ("/graph/export?format=xml", 422),
    ("/places/nowhere", 404),
    ("/places/%00", 404),
    ("/places?remote=maybe", 422),
    ("/themes/nothing/tasks", 404),
    ("/agencies/none/tasks?role=boss", 422),
    ("/indicators?year=abc", 422),
    ("/goals/99", 404),
    ("/plans/nope", 404),
    ("/nowhere", 404),
    ("/tasks/27/../../etc/passwd", 404),
]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(store=build_store(Settings()))) as client:
        yield client


@pytest.mark.parametrize(("path", "status"), BAD_REQUESTS, ids=[p[:40] for p, _ in BAD_REQUESTS])
def test_a_bad_request_gets_problem_json(client, path, status) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"] and problem["detail"]
    assert "Traceback" not in response.text
