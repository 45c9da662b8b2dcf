"""How `plankg load` writes (issue 13): plans the database does not hold are CREATEd, plans
it holds are MERGEd, and either way the graph is exactly the builder's; the schema is not
re-applied when it is in place. A real Neo4j, exact counts and whole-graph dumps."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from plankg.graph import neo4j_load
from plankg.graph.build import build_graph
from plankg.graph.neo4j_load import apply_schema, load_plans
from plankg.graph.schema import Edge, GraphData, Rel
from plankg.loaders import load_plan
from tests.test_neo4j_store import dump, expected_dump

GENRE = Path(__file__).resolve().parent / "fixtures" / "plans"


@pytest.fixture(scope="module")
def driver(neo4j_server):
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        yield driver
        driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="module")
def plans(zhoushan):
    return [zhoushan, load_plan(GENRE / "genre-a.txt"), load_plan(GENRE / "genre-b.txt")]


def written(driver, plans, **options) -> Counter:
    """Rows written per load file."""
    rows: Counter = Counter()
    load_plans(driver, plans, on_batch=lambda name, n: rows.update({name: n}), **options)
    return rows


def test_new_plans_are_created_and_loaded_ones_merged(driver, plans) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")
    first = written(driver, plans[:1])
    assert first["new_plan"] == 1 and first["node_plan"] == 0
    assert first["new_task"] == 45 and first["new_indicator"] == 70
    assert first["new_rel_has_task"] == 45
    # One plan in the database, two not: each takes its own path, in one transaction.
    mixed = written(driver, plans)
    assert (mixed["node_plan"], mixed["new_plan"]) == (1, 2)
    assert mixed["node_task"] == 45
    assert mixed["new_task"] == len(plans[1].tasks) + len(plans[2].tasks)
    assert mixed["rel_has_task"] == 45
    assert mixed["new_rel_has_task"] == len(plans[1].tasks) + len(plans[2].tasks)
    # Shared nodes and PART_OF are always merged.
    assert not any(name in mixed for name in ("new_place", "new_agency", "new_theme"))
    assert mixed["new_rel_part_of"] == 0 and mixed["rel_part_of"] > 0
    assert dump(driver) == expected_dump(build_graph(plans))


def test_replace_creates_every_plan_again(driver, plans) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")
    load_plans(driver, plans)
    before = dump(driver)
    rows = written(driver, plans, replace=True)
    assert rows["new_plan"] == 3 and rows["node_plan"] == 0
    assert rows["node_task"] == 0 and rows["rel_about"] == 0
    assert dump(driver) == before


def test_a_repeated_relationship_is_one_with_its_last_properties(driver, plans, monkeypatch):
    """The builder may give a (source, type, target) twice: MERGE kept one relationship with
    the last row's properties, and CREATE must write the same."""
    plan = plans[0]
    data = build_graph([plan])
    mention = next(e for e in data.edges if e.type == Rel.MENTIONS)
    again = mention.model_copy(update={"properties": {**mention.properties, "surface": "又"}})
    doubled = GraphData(nodes=data.nodes, edges=[*data.edges, again])
    expected = GraphData(nodes=data.nodes, edges=[again if e is mention else e for e in data.edges])
    monkeypatch.setattr(neo4j_load, "build_graph", lambda some: doubled)
    driver.execute_query("MATCH (n) DETACH DELETE n")
    load_plans(driver, [plan])  # created
    assert dump(driver) == expected_dump(expected)
    load_plans(driver, [plan])  # merged
    assert dump(driver) == expected_dump(expected)


def test_a_plan_written_by_another_load_meanwhile_is_merged(driver, plans, monkeypatch):
    """Another load wrote the plan after this one found it absent: the CREATE collides with
    its nodes (a uniqueness constraint), and the group is written again with MERGE."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    load_plans(driver, plans[:2])
    before = dump(driver)
    monkeypatch.setattr(neo4j_load, "_existing", lambda tx, ids: set())
    rows = written(driver, plans[:2])
    assert rows["node_plan"] == 2 and rows["new_plan"] == 0  # the second, merged, attempt
    assert dump(driver) == before


def test_schema_in_place_runs_no_schema_statement(driver, plans) -> None:
    apply_schema(driver)
    assert neo4j_load._ensure_schema(driver, None) == ([], [])
    driver.execute_query("DROP INDEX names")
    pending, created = neo4j_load._ensure_schema(driver, None)
    assert [s.split()[3] for s in pending] == ["names"]
    assert len(created) == 1
    driver.execute_query("CALL db.awaitIndexes(60)")
    assert neo4j_load._ensure_schema(driver, None) == ([], [])


def test_relationships_to_missing_nodes_fail_on_both_paths(driver, plans, monkeypatch):
    """A relationship whose end is no node: the short count fails the load, whether the
    plan is new (element ids) or loaded already (ids)."""
    plan = plans[0]
    data = build_graph([plan])
    bad = Edge(source=plan.tasks[0].id, target="nowhere", type=Rel.ABOUT)
    monkeypatch.setattr(
        neo4j_load,
        "build_graph",
        lambda some: GraphData(nodes=data.nodes, edges=[*data.edges, bad]),
    )
    driver.execute_query("MATCH (n) DETACH DELETE n")
    with pytest.raises(neo4j_load.LoadError, match=r"^load/new_rel_about.cypher wrote \d+ of"):
        load_plans(driver, [plan])
    assert dump(driver) == expected_dump(GraphData(nodes=[], edges=[]))
    monkeypatch.undo()
    load_plans(driver, [plan])
    monkeypatch.setattr(
        neo4j_load,
        "build_graph",
        lambda some: GraphData(nodes=data.nodes, edges=[*data.edges, bad]),
    )
    with pytest.raises(neo4j_load.LoadError, match=r"^load/rel_about.cypher wrote \d+ of"):
        load_plans(driver, [plan])
    assert dump(driver) == expected_dump(data)


def test_plans_given_as_their_rows_load_the_same_graph(driver, plans) -> None:
    """`plankg load` hands load_plans each plan's rows (built where it was read): the
    database holds the builder's graph of the three, as when given the plans."""
    from plankg.graph.neo4j_load import plan_rows

    driver.execute_query("MATCH (n) DETACH DELETE n")
    report = load_plans(driver, [plan_rows(p) for p in plans])
    assert (report.plans, report.tasks) == (3, sum(len(p.tasks) for p in plans))
    assert dump(driver) == expected_dump(build_graph(plans))
