"""A researcher's session in one command (issue 12, part 4): `make neo4j-loaded` runs
`python -m devtools.neo4j_server --load`, which starts the dev Neo4j, loads PLANKG_PLANS with
`plankg load` and prints the Browser URL with the connection filled in."""

from __future__ import annotations

from pathlib import Path

import neo4j

from devtools import neo4j_server as dev
from tests.conftest import ZHOUSHAN
from tests.neo4j_fixture import dev_server_run


def task_count(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("MATCH (t:Task) RETURN count(t) AS n")
    return records[0]["n"]


def test_load_plans_into_runs_plankg_load(neo4j_server: dev.Neo4jServer, tmp_path: Path) -> None:
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        try:
            result = dev.load_plans_into(neo4j_server, [ZHOUSHAN])
            assert result.returncode == 0, result.stderr
            assert result.stdout.startswith("loaded 1 plan: 45 tasks, ")
            assert task_count(driver) == 45
            bad = tmp_path / "bad.txt"
            bad.write_text("这不是规划。\n", encoding="utf-8")
            result = dev.load_plans_into(neo4j_server, [bad])
            assert result.returncode == 2
            assert result.stderr.startswith(f"error: {bad}:1: no chapter headings")
            assert result.stderr.count("\n") == 1
        finally:
            driver.execute_query("MATCH (n) DETACH DELETE n")


def test_the_entry_point_refuses_unknown_arguments(capsys) -> None:
    assert dev.main(["--lod"]) == 2
    assert capsys.readouterr().err == "usage: python -m devtools.neo4j_server [--load]\n"


def test_neo4j_loaded_starts_loads_and_prints_the_browser_url() -> None:
    with dev_server_run("--load", drop_env=("NEO4J_PASSWORD", "PLANKG_PLANS")) as run:
        fields = run.fields
        assert fields.get("Loaded", "").startswith("loaded 1 plan: 45 tasks, "), run.printed
        bolt, password = fields["Bolt"], fields["Password"]
        user_uri = bolt.replace("bolt://", "bolt://neo4j@", 1)
        assert fields["Browser"].endswith(f"/browser/?dbms={user_uri}&preselectAuthMethod=NATIVE")
        with neo4j.GraphDatabase.driver(bolt, auth=("neo4j", password)) as driver:
            assert task_count(driver) == 45
