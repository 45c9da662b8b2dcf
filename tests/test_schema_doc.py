"""The README's schema tables are graph/schema.py's declaration, and a loaded Neo4j holds
exactly what they declare (issue 12, part 4): labels, relationship types and property keys."""

from __future__ import annotations

import re

import pytest

from plankg.graph.neo4j_load import load_plans
from plankg.graph.schema import EDGE_PROPERTIES, NODE_PROPERTIES, OPTIONAL, Rel
from plankg.graph.schema_doc import README, main, render
from plankg.loaders import load_plan
from tests.test_citations import CITING


def readme_tables() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The README's two schema tables, parsed: label -> properties, type -> properties."""
    text = README.read_text(encoding="utf-8")
    text = text[text.index("## The graph schema") : text.index("## Neo4j")]
    nodes: dict[str, set[str]] = {}
    edges: dict[str, set[str]] = {}
    for line in text.splitlines():
        row = re.fullmatch(r"\| (\(.*?\)-\[:(\w+)\]->\(.*?\)|\w+) \| (.*) \|", line)
        if row is None or row.group(1) in ("label", "relationship"):
            continue
        # a property is the word before ',' or '(' (its note), at the top level of the cell
        cell = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", row.group(3))
        keys = {key.strip() for key in cell.split(",") if key.strip()}
        if row.group(2):
            edges[row.group(2)] = keys
        else:
            nodes[row.group(1)] = keys
    return nodes, edges


def test_the_readme_tables_are_generated_from_the_declaration() -> None:
    assert main(["--check"]) == 0
    assert render(README.read_text(encoding="utf-8")) == README.read_text(encoding="utf-8")
    nodes, edges = readme_tables()
    assert nodes == {label.value: {"id", *keys} for label, keys in NODE_PROPERTIES.items()}
    assert edges == {rel.value: set(keys) for rel, keys in EDGE_PROPERTIES.items()}
    assert "section" in nodes["Task"] and "plan" in nodes["Plan"]
    assert edges["MENTIONS"] == {
        "surface",
        "evidence",
        "span_start",
        "span_end",
        "match_start",
        "match_end",
        "basis",  # these two only on a reviewed mention (graph/corrections.py)
        "correction",
    }


@pytest.fixture(scope="module")
def database(neo4j_server, zhoushan):
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        # The plan written to cite Zhoushan's (tests/test_citations.py) gives SAME_AS.
        load_plans(driver, [zhoushan, load_plan(CITING)])
        yield driver
        driver.execute_query("MATCH (n) DETACH DELETE n")


def test_the_database_holds_what_the_readme_says(database, zhoushan) -> None:
    node_rows, _, _ = database.execute_query(
        "CALL db.schema.nodeTypeProperties() YIELD nodeLabels, propertyName "
        "RETURN nodeLabels, propertyName"
    )
    rel_rows, _, _ = database.execute_query(
        "CALL db.schema.relTypeProperties() YIELD relType, propertyName "
        "RETURN relType, propertyName"
    )
    stored: dict[str, set[str]] = {}
    for row in node_rows:
        (label,) = row["nodeLabels"]
        stored.setdefault(label, set()).update([row["propertyName"]] if row["propertyName"] else [])
    rels: dict[str, set[str]] = {}
    for row in rel_rows:
        rel = row["relType"].strip(":`")
        rels.setdefault(rel, set()).update([row["propertyName"]] if row["propertyName"] else [])
    nodes, edges = readme_tables()
    assert set(stored) == set(nodes) and set(rels) == set(edges)
    for label, keys in nodes.items():
        # every stored key is listed; a listed key not stored for this plan may be absent
        assert stored[label] <= keys, (label, stored[label] - keys)
        assert {f"{label}.{key}" for key in keys - stored[label]} <= OPTIONAL, label
    for rel, keys in edges.items():
        # as for nodes: a key that can be absent (clause_word: Zhoushan has no clause;
        # IN_FAMILY.value_max) may be
        assert rels[rel] <= keys, (rel, rels[rel] - keys)
        assert {f"{rel}.{key}" for key in keys - rels[rel]} <= OPTIONAL, rel
    # Zhoushan's links are found by text or inference: every key but the clause's word (the
    # plan written to cite it, loaded beside it, may have clauses: asked of Zhoushan's links).
    keys, _, _ = database.execute_query(
        "MATCH (:Agency)-[r:RESPONSIBLE_FOR]->(:Task {plan: $plan}) "
        "UNWIND keys(r) AS key RETURN collect(DISTINCT key) AS keys",
        plan=zhoushan.id,
    )
    # (and but a correction's id: nobody has reviewed them)
    assert set(keys[0]["keys"]) == set(EDGE_PROPERTIES[Rel.RESPONSIBLE_FOR]) - {
        "clause_word",
        "correction",
    }
    published, _, _ = database.execute_query(
        "MATCH (p:Plan {id: $plan}) "
        "RETURN valueType(p.published) AS type, toString(p.published) AS day",
        plan=zhoushan.id,
    )
    assert published[0].data() == {"type": "DATE NOT NULL", "day": "2022-02-28"}
    unitless, _, _ = database.execute_query(
        "MATCH (i:Indicator {name: '城乡居民收入倍差'}) RETURN i.unit AS unit, keys(i) AS keys"
    )
    assert unitless[0]["unit"] is None and "unit" not in unitless[0]["keys"]


def test_a_restated_target_is_two_nodes_the_readme_query_finds(database) -> None:
    """Goal 4 and task 16 state the same target: two Indicator nodes, found as the README
    says."""
    rows, _, _ = database.execute_query(
        "MATCH (a:Indicator), (b:Indicator) WHERE a.plan = b.plan AND a.name = b.name "
        "AND a.value = b.value AND a.id < b.id "
        "RETURN a.name AS name, a.value AS value, [a.scope, b.scope] AS scopes, "
        "[a.scope_number, b.scope_number] AS numbers"
    )
    assert [r.data() for r in rows] == [
        {
            "name": "县域内融合型、共建型模式城乡教育共同体占比",
            "value": 80.0,
            "scopes": ["goal", "task"],
            "numbers": [4, 16],
        }
    ]
