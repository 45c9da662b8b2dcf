"""One configuration (plankg/config.py) and one error base (plankg.errors.PlankgError): the
loaders, the API and `plankg load` read the same settings, and the command line turns any
PlankgError into one line with its exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app as cli
from plankg.config import SHIPPED_DATA, SettingError, Settings, data_dir, plan_limits
from plankg.errors import PlankgError
from plankg.graph import neo4j_load
from plankg.graph.build import DuplicatePlan
from plankg.graph.neo4j_load import LoadError, Neo4jUnreachable, PartialLoad
from plankg.graph.store import StoreUnavailable
from plankg.loaders import PlanError
from plankg.loaders.catalogue import CatalogueError
from plankg.loaders.resources import DataError
from tests.conftest import FIXTURES, ROOT

GENRE_A = FIXTURES / "plans" / "genre-a.txt"


def test_the_shipped_data_folder_is_the_repositorys_here(monkeypatch) -> None:
    monkeypatch.delenv("PLANKG_DATA_DIR", raising=False)
    assert SHIPPED_DATA == ROOT / "data"
    assert data_dir() == Settings().plankg_data_dir == ROOT / "data"
    monkeypatch.setenv("PLANKG_DATA_DIR", "/elsewhere")
    assert data_dir() == Settings().plankg_data_dir == Path("/elsewhere")
    monkeypatch.setenv("PLANKG_DATA_DIR", "")
    assert data_dir() == Settings().plankg_data_dir == ROOT / "data"


def test_the_plan_limits_read_like_settings(monkeypatch) -> None:
    # plan_limits() reads the variables the loaders' way (no Settings()), to the same values.
    monkeypatch.delenv("PLANKG_MAX_LINES", raising=False)
    monkeypatch.delenv("PLANKG_MAX_TASKS", raising=False)
    settings = Settings()
    assert plan_limits() == (settings.plankg_max_lines, settings.plankg_max_tasks)
    monkeypatch.setenv("PLANKG_MAX_LINES", "2000")
    monkeypatch.setenv("PLANKG_MAX_TASKS", "300")
    settings = Settings()
    assert plan_limits() == (settings.plankg_max_lines, settings.plankg_max_tasks) == (2000, 300)
    monkeypatch.setenv("PLANKG_MAX_TASKS", "-1")
    with pytest.raises(SettingError, match="PLANKG_MAX_TASKS='-1': expected a whole number"):
        plan_limits()


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (PlanError, 2),
        (SettingError, 2),
        (DataError, 2),
        (CatalogueError, 2),
        (DuplicatePlan, 2),
        (Neo4jUnreachable, 2),
        (LoadError, 1),
        (PartialLoad, 1),
        (StoreUnavailable, 1),
    ],
)
def test_every_error_of_plankg_has_one_base(error, code) -> None:
    assert issubclass(error, PlankgError)
    assert error.exit_code == code


@pytest.fixture
def connections(monkeypatch) -> list[tuple]:
    """What `plankg load` asks to connect with; the connection then fails as a dead server's
    would, so nothing is loaded."""
    calls: list[tuple] = []

    def connect(uri, user, password, timeout):
        calls.append((uri, user, password, timeout))
        raise Neo4jUnreachable(f"Neo4j at {uri}: Connection refused\nsecond line")

    monkeypatch.setattr(neo4j_load, "connect", connect)
    return calls


def test_load_takes_neo4j_settings_from_the_environment(connections) -> None:
    env = {
        "NEO4J_URI": "bolt://127.0.0.1:1",
        "NEO4J_USER": "reader",
        "NEO4J_PASSWORD": "pw-1",
        "NEO4J_TIMEOUT": "3.5",
    }
    result = CliRunner().invoke(cli, ["load", str(GENRE_A)], env=env)
    assert connections == [("bolt://127.0.0.1:1", "reader", "pw-1", 3.5)]
    assert result.exit_code == 2
    # The plan's warnings come first (plankg load prints them before it connects).
    assert result.stderr.splitlines()[-1] == (
        "error: Neo4j at bolt://127.0.0.1:1: Connection refused second line"
    )


def test_load_options_win_over_the_environment(connections) -> None:
    env = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_USER": "reader", "NEO4J_TIMEOUT": "3.5"}
    options = ["--neo4j-uri", "bolt://127.0.0.1:2", "--user", "admin", "--password", "pw-2"]
    result = CliRunner().invoke(cli, ["load", str(GENRE_A), *options, "--timeout", "1"], env=env)
    assert connections == [("bolt://127.0.0.1:2", "admin", "pw-2", 1.0)]
    assert result.exit_code == 2


def test_two_files_of_one_plan_are_refused_before_connecting(connections, tmp_path) -> None:
    twin = tmp_path / "twin.txt"
    twin.write_bytes(GENRE_A.read_bytes())
    result = CliRunner().invoke(
        cli, ["load", str(GENRE_A), str(twin), "--neo4j-uri", "bolt://127.0.0.1:1"]
    )
    assert connections == []
    assert result.exit_code == 2
    *_, last = result.stderr.splitlines()  # after the reader's summary line
    assert last.startswith("error: twin.txt and genre-a.txt are both plan 'linlan-xiandaihuabin")
