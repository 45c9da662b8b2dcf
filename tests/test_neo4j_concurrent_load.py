"""Two `plankg load` runs at once lose nothing, and one run of many files is all-or-nothing
(issue 11, item 2): real processes, each with its own driver, against the harness Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.synth import generate
from devtools.neo4j_server import Neo4jServer
from plankg.graph import neo4j_load
from plankg.graph.build import SHARED, build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.neo4j_load import LoadError, PartialLoad, load_plans
from plankg.graph.schema import Edge, GraphData, Rel
from plankg.loaders import load_plan
from plankg.loaders.model import Plan

ROOT = Path(__file__).resolve().parent.parent
PER_RUN = 8  # plans per concurrent run; the issue lost entries with 10


@pytest.fixture(scope="module")
def driver(neo4j_server: Neo4jServer) -> Iterator:
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        yield driver
        driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[list[Path], list[Path]]:
    """Two disjoint sets of synthetic plans of the genre, which share places, agencies and
    themes (the catalogue's)."""
    paths = generate(2 * PER_RUN, tmp_path_factory.mktemp("corpus"), seed=11)
    return paths[:PER_RUN], paths[PER_RUN:]


@pytest.fixture(scope="module")
def plans(corpus) -> list[Plan]:
    return [load_plan(path) for path in corpus[0] + corpus[1]]


def shared_plans(driver) -> dict[str, list[str]]:
    records, _, _ = driver.execute_query(
        "MATCH (n:Place|Agency|Theme|Document|IndicatorFamily) RETURN n.id AS id, n.plans AS plans "
        "ORDER BY id"
    )
    return {r["id"]: r["plans"] for r in records}


def same_as(driver) -> list[tuple[str, str]]:
    records, _, _ = driver.execute_query(
        "MATCH (d:Document)-[:SAME_AS]->(p:Plan) RETURN d.id AS d, p.id AS p ORDER BY d, p"
    )
    assert not driver.execute_query("MATCH (d:Document) WHERE d._probe RETURN d").records
    return [(r["d"], r["p"]) for r in records]


def same_as_links(plans: list[Plan]) -> list[tuple[str, str]]:
    memory = MemoryStore(build_graph(plans))
    return sorted((d, p) for d, p, key in memory.graph.edges(keys=True) if key == "SAME_AS")


def expected_shared(data: GraphData) -> dict[str, list[str]]:
    return {
        n.id: sorted(n.properties["plans"]) for n in data.nodes if n.label in SHARED
    }


def run_two_loads(server: Neo4jServer, runs: list[list[str]]) -> list[subprocess.CompletedProcess]:
    """`plankg load` in two processes started together; both read their files, then write."""
    env = os.environ | {"NEO4J_URI": server.bolt_uri, "NO_COLOR": "1"}
    env.pop("NEO4J_PASSWORD", None)
    command = [sys.executable, "-m", "plankg.cli", "load"]
    procs = [
        subprocess.Popen(
            command + args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
        for args in runs
    ]
    results = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr))
    return results


def test_two_concurrent_loads_keep_every_plan_on_every_shared_node(
    neo4j_server, driver, corpus, plans
) -> None:
    # A fresh database, without the schema either: both loads create it at once.
    for name in ("CONSTRAINTS", "INDEXES"):  # a constraint owns its index: drop it first
        records, _, _ = driver.execute_query(f"SHOW {name} YIELD name, type RETURN name, type")
        for record in records:
            if record["type"] != "LOOKUP":
                kind = "INDEX" if name == "INDEXES" else "CONSTRAINT"
                driver.execute_query(f"DROP {kind} `{record['name']}` IF EXISTS")
    first, second = ([str(p) for p in run] for run in corpus)
    results = run_two_loads(neo4j_server, [first, second])
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    expected = expected_shared(build_graph(plans))
    assert len(expected) > 50
    assert sum(len(v) > 1 for v in expected.values()) > 20  # the test needs shared nodes
    assert shared_plans(driver) == expected
    records, _, _ = driver.execute_query("MATCH (p:Plan) RETURN count(p) AS n")
    assert records[0]["n"] == 2 * PER_RUN
    # Synthetic plans cite earlier ones, the second run's the first run's too: each such
    # link is made whichever load commits first.
    wanted = same_as_links(plans)
    assert any(plan in {p.id for p in plans[PER_RUN:]} for _, plan in wanted)
    assert same_as(driver) == wanted


def test_concurrent_replace_keeps_shared_nodes_in_use(
    neo4j_server, driver, corpus, plans
) -> None:
    """Two --replace runs at once, then a --replace beside a plain load: no list loses a
    plan, no node still named by a plan is deleted, and deadlocks are retried, not fatal."""
    first, second = ([str(p) for p in run] for run in corpus)
    expected = expected_shared(build_graph(plans))
    for runs in ([first + ["--replace"], second + ["--replace"]], [first + ["--replace"], second]):
        results = run_two_loads(neo4j_server, runs)
        assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
        assert shared_plans(driver) == expected
        assert same_as(driver) == same_as_links(plans)


def test_threads_with_their_own_drivers_replacing_at_once(neo4j_server, driver, plans) -> None:
    """Six loads of overlapping-in-catalogue plans at once, each replacing its own plans."""
    groups = [plans[i::6] for i in range(6)]

    def load(group: list[Plan]) -> int:
        with neo4j_server.driver() as own:
            return load_plans(own, group, replace=True).plans

    with ThreadPoolExecutor(len(groups)) as pool:
        assert sorted(pool.map(load, groups)) == sorted(len(g) for g in groups)
    assert shared_plans(driver) == expected_shared(build_graph(plans))


def test_one_load_of_many_files_is_all_or_nothing(driver, plans, monkeypatch) -> None:
    """A failure while writing the last plan leaves none of the earlier plans written."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    three = plans[:3]
    good = build_graph(three)
    broken = good.model_copy(
        update={
            "edges": [
                *good.edges,
                Edge(source=three[-1].tasks[-1].id, target="nowhere", type=Rel.MENTIONS),
            ]
        }
    )
    # Broken only where the last plan is written (one plan at a time, the first two would
    # have been committed before the third failed).
    monkeypatch.setattr(
        neo4j_load, "build_graph", lambda some: broken if three[-1] in some else build_graph(some)
    )
    with pytest.raises(LoadError, match=r"rel_mentions.cypher wrote \d+ of \d+ rows"):
        load_plans(driver, three)
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_a_load_larger_than_one_transaction_says_what_it_wrote(driver, plans, monkeypatch):
    """Past GROUP_ROWS a load is several transactions of whole plans: a failure in the
    second leaves the first whole and says so; loading again completes it."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    three = plans[:3]
    original = build_graph

    def broken_for_the_last(some: list[Plan]) -> GraphData:
        data = original(some)
        if three[-1] not in some:
            return data
        bad = Edge(source=three[-1].tasks[-1].id, target="nowhere", type=Rel.MENTIONS)
        return data.model_copy(update={"edges": [*data.edges, bad]})

    monkeypatch.setattr(neo4j_load, "build_graph", broken_for_the_last)
    with pytest.raises(PartialLoad) as caught:
        load_plans(driver, three, group_rows=1)  # one plan per transaction
    assert [p.id for p in caught.value.written] == [three[0].id, three[1].id]
    assert str(caught.value).endswith(
        f"the first 2 of 3 plans were written (up to {three[1].source}), the rest were not: "
        "run the same load again to finish it"
    )
    records, _, _ = driver.execute_query("MATCH (p:Plan) RETURN p.id AS id ORDER BY id")
    assert [r["id"] for r in records] == sorted(p.id for p in three[:2])
    monkeypatch.setattr(neo4j_load, "build_graph", original)
    assert load_plans(driver, three, group_rows=1).plans == 3
    assert shared_plans(driver) == expected_shared(build_graph(three))
