"""The reader's warnings reach the terminal: `plankg export` and `plankg load` print each
plan's warnings on standard error (a count and the first few; all with -v), and --strict
makes any warning an error: exit 2, nothing written, nothing sent to Neo4j."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plankg import cli
from plankg.loaders import load_plan

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plans"
GENRE_A = FIXTURES / "genre-a.txt"


@pytest.fixture(scope="module")
def genre_a_warnings() -> list[str]:
    warnings = load_plan(GENRE_A).warnings
    assert warnings, "the test needs a plan the reader warns about"
    return warnings


def test_export_prints_the_warnings_and_writes(tmp_path, genre_a_warnings):
    target = tmp_path / "plan.json"
    result = CliRunner().invoke(cli.app, ["export", str(GENRE_A), "-o", str(target)])
    assert result.exit_code == 0, result.output
    count = len(genre_a_warnings)
    assert f"genre-a.txt: {count} warning" in result.stderr
    assert genre_a_warnings[0] in result.stderr.replace("\n", " ")
    assert target.exists()


def test_export_strict_refuses_a_plan_with_warnings_and_writes_nothing(tmp_path, genre_a_warnings):
    target = tmp_path / "plan.json"
    result = CliRunner().invoke(cli.app, ["export", str(GENRE_A), "-o", str(target), "--strict"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "with --strict" in lines[0] and "genre-a.txt" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_load_strict_stops_before_connecting(genre_a_warnings):
    # Port 1 answers nothing: had the load gone on to connect, the error would say so.
    args = ["load", str(GENRE_A), "--neo4j-uri", "bolt://127.0.0.1:1", "--strict"]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 2
    assert "with --strict" in result.stderr and "Neo4j" not in result.stderr


def test_a_plan_without_warnings_passes_strict(tmp_path):
    zhoushan = Path(cli.__file__).resolve().parent.parent / "data" / "plans"
    path = next(zhoushan.glob("zhoushan-*.txt"))
    assert load_plan(path).warnings == []
    result = CliRunner().invoke(
        cli.app, ["export", str(path), "-o", str(tmp_path / "z.json"), "--strict"]
    )
    assert result.exit_code == 0 and result.stderr == ""


@dataclass
class Warned:
    source: str
    warnings: list[str] = field(default_factory=list)


def test_only_the_first_few_without_verbose(capsys):
    plan = Warned("p.txt", [f"warning number {i}" for i in range(7)])
    cli.report_warnings([plan, Warned("quiet.txt")], verbose=False, strict=False)
    printed = capsys.readouterr().err
    assert "p.txt: 7 warnings (first 3; -v for all)" in printed
    assert "warning number 2" in printed and "warning number 3" not in printed
    assert "quiet.txt" not in printed
    cli.report_warnings([plan], verbose=True, strict=False)
    assert "warning number 6" in capsys.readouterr().err


def test_strict_names_the_file_and_the_first_warning(capsys):
    with pytest.raises(typer.Exit) as stop:
        cli.report_warnings([Warned("p.txt", ["line 3: odd"])], verbose=False, strict=True)
    assert stop.value.exit_code == 2
    assert "p.txt: 1 warning with --strict (first: line 3: odd)" in capsys.readouterr().err
