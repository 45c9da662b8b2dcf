"""The data dictionary (docs/data-dictionary.md and .json) is graph/schema.py's declaration,
and a real Neo4j holding the whole corpus (Zhoushan and the 12 plans of ../shared/corpus)
keeps to it: every label and relationship type declared, every property declared and typed,
every non-optional one present, every enumerated value allowed (issue 21, part 4)."""

from __future__ import annotations

import json
from typing import get_args

import pytest

from plankg.graph import schema
from plankg.graph.neo4j_load import load_plans
from plankg.graph.schema import (
    ALLOWED_VALUES,
    EDGE_PROPERTIES,
    NODE_PROPERTIES,
    OPTIONAL,
    property_type,
)
from plankg.graph.schema_doc import (
    DICTIONARY_JSON,
    DICTIONARY_MD,
    dictionary,
    dictionary_json,
    dictionary_markdown,
)
from plankg.loaders import load_plan, model
from tests.corpus import PLANS, require_corpus

# Neo4j's valueType() of each declared type; an empty list is LIST<NOTHING>.
STORED_TYPES = {
    "STRING": {"STRING NOT NULL"},
    "INTEGER": {"INTEGER NOT NULL"},
    "FLOAT": {"FLOAT NOT NULL"},
    "BOOLEAN": {"BOOLEAN NOT NULL"},
    "DATE": {"DATE NOT NULL"},
    "LIST<STRING>": {"LIST<STRING NOT NULL> NOT NULL", "LIST<NOTHING> NOT NULL"},
    "LIST<INTEGER>": {"LIST<INTEGER NOT NULL> NOT NULL", "LIST<NOTHING> NOT NULL"},
}


def test_the_committed_dictionary_is_generated_from_the_declaration() -> None:
    assert DICTIONARY_MD.read_text(encoding="utf-8") == dictionary_markdown()
    assert DICTIONARY_JSON.read_text(encoding="utf-8") == dictionary_json()
    data = json.loads(DICTIONARY_JSON.read_text(encoding="utf-8"))
    assert set(data["labels"]) == {label.value for label in NODE_PROPERTIES}
    assert set(data["relationships"]) == {rel.value for rel in EDGE_PROPERTIES}
    place = {p["name"]: p for p in data["labels"]["Place"]}
    assert place["kind"]["allowed"][:3] == ["country", "province", "city"]
    assert place["parent"]["optional"] and not place["name"]["optional"]
    assert place["held_by"]["type"] == "LIST<STRING>"
    assert {p["name"]: p["type"] for p in data["labels"]["Plan"]}["published"] == "DATE"


def test_every_declared_property_has_a_type_and_a_meaning() -> None:
    for owner, keys in [*NODE_PROPERTIES.items(), *EDGE_PROPERTIES.items()]:
        for key in keys:
            assert property_type(owner.value, key) in STORED_TYPES, f"{owner.value}.{key}"
            assert key in schema.MEANING_BY_NAME, f"{owner.value}.{key}"
    assert [p["name"] for p in dictionary()["labels"]["Task"]] == [
        "id",
        *NODE_PROPERTIES[schema.Label.TASK],
    ]
    # a note or an allowed list names only declared properties
    declared = {f"{o.value}.{k}" for o, keys in NODE_PROPERTIES.items() for k in keys}
    declared |= {f"{o.value}.{k}" for o, keys in EDGE_PROPERTIES.items() for k in keys}
    assert set(ALLOWED_VALUES) <= declared and OPTIONAL <= declared


def test_the_allowed_values_are_the_loaders_own() -> None:
    """The loader's model (which may not import the graph) declares the same values."""
    assert set(ALLOWED_VALUES["Place.kind"]) == set(get_args(model.PlaceKind))
    assert ALLOWED_VALUES["Indicator.comparator"] == get_args(model.Comparator)
    assert ALLOWED_VALUES["Indicator.kind"] == get_args(model.IndicatorKind)
    fields = model.Indicator.model_fields
    assert ALLOWED_VALUES["Indicator.scope"] == get_args(fields["scope"].annotation)
    nature = get_args(fields["nature"].annotation)[0]  # Literal[...] | None
    assert ALLOWED_VALUES["Indicator.nature"] == get_args(nature)
    duty = model.Responsibility.model_fields
    assert ALLOWED_VALUES["RESPONSIBLE_FOR.role"] == get_args(duty["role"].annotation)
    # reviewed: only a correction sets it (graph/corrections.py), never the loader
    loader_basis = get_args(duty["basis"].annotation)
    assert ALLOWED_VALUES["RESPONSIBLE_FOR.basis"] == (*loader_basis, "reviewed")


@pytest.fixture(scope="module")
def corpus(zhoushan) -> list[model.Plan]:
    require_corpus()
    return [zhoushan, *(load_plan(path) for path in sorted(PLANS.glob("*.txt")))]


@pytest.fixture(scope="module")
def database(neo4j_server, corpus):
    """One load of the 13 plans, shared by the module's database tests."""
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, corpus)
        yield driver
        driver.execute_query("MATCH (n) DETACH DELETE n")


def _rows(driver, query: str, **parameters) -> list[dict]:
    records, _, _ = driver.execute_query(query, parameters)
    return [record.data() for record in records]


def test_the_database_holds_only_declared_labels_and_types(database) -> None:
    labels = _rows(database, "MATCH (n) RETURN DISTINCT labels(n) AS labels")
    assert sorted(row["labels"][0] for row in labels) == sorted(
        label.value for label in NODE_PROPERTIES
    )
    assert all(len(row["labels"]) == 1 for row in labels)
    types = _rows(database, "MATCH ()-[r]->() RETURN DISTINCT type(r) AS type")
    assert sorted(row["type"] for row in types) == sorted(rel.value for rel in EDGE_PROPERTIES)


def _check(database, match: str, owner: str, keys: tuple[str, ...]) -> list[str]:
    """What the database holds against the dictionary for one label or relationship type:
    undeclared keys, missing required ones, values of another type or not allowed."""
    wrong = []
    (found,) = _rows(
        database,
        f"MATCH {match} UNWIND keys(x) AS key RETURN collect(DISTINCT key) AS keys",
    )
    undeclared = set(found["keys"]) - set(keys)
    if undeclared:
        wrong.append(f"{owner}: undeclared {sorted(undeclared)}")
    for key in keys:
        name = f"{owner}.{key}"
        (row,) = _rows(
            database,
            f"MATCH {match} RETURN count(x) AS all, count(x[$key]) AS present, "
            "collect(DISTINCT valueType(x[$key])) AS types",
            key=key,
        )
        if name not in OPTIONAL and row["present"] != row["all"]:
            wrong.append(f"{name}: absent on {row['all'] - row['present']} of {row['all']}")
        stored = set(row["types"]) - {"NULL"}
        if not stored <= STORED_TYPES[property_type(owner, key)]:
            wrong.append(f"{name}: stored as {sorted(stored)}")
        if name in ALLOWED_VALUES:
            (bad,) = _rows(
                database,
                f"MATCH {match} WHERE x[$key] IS NOT NULL AND NOT x[$key] IN $allowed "
                "RETURN collect(DISTINCT x[$key]) AS values",
                key=key,
                allowed=list(ALLOWED_VALUES[name]),
            )
            if bad["values"]:
                wrong.append(f"{name}: not allowed {bad['values']}")
    return wrong


def test_every_node_keeps_to_the_dictionary(database) -> None:
    wrong = []
    for label, keys in NODE_PROPERTIES.items():
        wrong += _check(database, f"(x:{label.value})", label.value, ("id", *keys))
    assert wrong == []


def test_every_relationship_keeps_to_the_dictionary(database) -> None:
    wrong = []
    for rel, keys in EDGE_PROPERTIES.items():
        wrong += _check(database, f"()-[x:{rel.value}]->()", rel.value, keys)
    assert wrong == []


def test_the_corpus_in_numbers(database) -> None:
    """Counts of the 13 plans as loaded (the node and relationship totals build_graph gives)."""
    rows = _rows(database, "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n")
    counts = {row["label"]: row["n"] for row in rows}
    assert counts["Plan"] == 13
    assert counts["Task"] == 540 and counts["Chapter"] == 95 and counts["Goal"] == 31


def test_a_span_resolves_in_cypher_against_the_stored_text(database, corpus) -> None:
    """Plan.text is the source verbatim: every chapter's and task's span, cut from it in
    Cypher, is what Python cuts from the file's text, and a chapter's opens with its heading;
    the largest plan (Shanghai, 82,357 characters) is stored whole."""
    rows = _rows(
        database,
        "MATCH (p:Plan)-[:HAS_CHAPTER]->(c:Chapter) "
        "RETURN p.id AS plan, c.number AS number, c.title AS title, "
        "substring(p.text, c.span_start, c.span_end - c.span_start) AS quoted",
    )
    assert len(rows) == 95
    texts = {plan.id: plan.text for plan in corpus}
    chapters = {(p.id, c.number): c for p in corpus for c in p.chapters}
    for row in rows:
        chapter = chapters[row["plan"], row["number"]]
        assert row["quoted"] == texts[row["plan"]][chapter.span.start : chapter.span.end]
        # the heading opens the span (a hard-wrapped heading across its line break)
        assert row["title"][:6] in row["quoted"].replace("\n", "")[:40], row
    tasks = _rows(
        database,
        "MATCH (p:Plan)-[:HAS_CHAPTER]->()-[:HAS_TASK]->(t:Task) RETURN p.id AS plan, "
        "t.number AS number, substring(p.text, t.span_start, t.span_end - t.span_start) AS quoted",
    )
    spans = {(p.id, t.number): t.span for p in corpus for t in p.tasks}
    assert len(tasks) == len(spans) == 540
    for row in tasks:
        span = spans[row["plan"], row["number"]]
        assert row["quoted"] == texts[row["plan"]][span.start : span.end]
    sizes = _rows(database, "MATCH (p:Plan) RETURN p.id AS plan, size(p.text) AS size")
    assert {row["plan"]: row["size"] for row in sizes} == {p.id: len(p.text) for p in corpus}
    assert {row["plan"]: row["size"] for row in sizes}["shanghai-guominjingji-2021-2025"] == 82357


def test_place_plans_are_the_plans_that_name_it(database) -> None:
    """`plans`: the plans with a MENTIONS of the place from a chapter, goal or task;
    `held_by`: those and the plans naming a place inside it. 中国 is named (as a place) in
    the RCEP plan, Shanghai's outline and the national farm-machinery plan, and held by
    every plan but the national 无废城市 one, which names no place in China."""
    differing = _rows(
        database,
        "MATCH (p:Place) "
        "WITH p, COLLECT { MATCH (s)-[:MENTIONS]->(p) RETURN DISTINCT s.plan ORDER BY s.plan } "
        "AS naming "
        "WHERE p.plans <> naming OR any(plan IN p.plans WHERE NOT plan IN p.held_by) "
        "RETURN p.id AS id",
    )
    assert differing == []
    (china,) = _rows(
        database, "MATCH (p:Place {id: 'china'}) RETURN p.plans AS plans, size(p.held_by) AS held"
    )
    assert china == {
        "plans": [
            "anhui-rcep-2022-2024",
            "quanguo-nongyejixie-2018-2025",
            "shanghai-guominjingji-2021-2025",
        ],
        "held": 12,
    }
    agencies = _rows(
        database,
        "MATCH (a:Agency) WHERE a.plans <> COLLECT { MATCH (a)-[:RESPONSIBLE_FOR]->(t) "
        "RETURN DISTINCT t.plan ORDER BY t.plan } RETURN a.id AS id",
    )
    themes = _rows(
        database,
        "MATCH (x:Theme) WHERE x.plans <> COLLECT { MATCH (t)-[:ABOUT]->(x) "
        "RETURN DISTINCT t.plan ORDER BY t.plan } RETURN x.id AS id",
    )
    assert agencies == [] and themes == []


def test_region_level_and_section_titles(database) -> None:
    levels = _rows(database, "MATCH (p:Plan) RETURN p.id AS id, p.region_level AS level")
    levels = {row["id"]: row["level"] for row in levels}
    assert None not in levels.values()
    assert levels["zhoushan-gongtongfuyu-2021-2025"] == "prefecture"
    assert levels["shanghai-guominjingji-2021-2025"] == "province"
    assert levels["beijing-guotukongjian-2021-2035"] == "province"
    assert levels["beijing-shujuzhuanqu-2022-2025"] == "province"
    assert levels["quanguo-zonghebaoshui"] == "national"
    sections = _rows(
        database,
        "MATCH (t:Task) WHERE t.number = 1 AND t.plan IN $plans RETURN t.plan AS plan, "
        "t.number_label AS label, t.section AS section, t.section_title AS title ORDER BY plan",
        plans=["anhui-rcep-2022-2024", "shanghai-guominjingji-2021-2025"],
    )
    assert sections == [
        {"plan": "anhui-rcep-2022-2024", "label": "1.", "section": 1, "title": "大力发展货物贸易"},
        {
            "plan": "shanghai-guominjingji-2021-2025",
            "label": "3.1.1",
            "section": 1,
            "title": "持续增强国际经济中心综合实力",
        },
    ]
    (zhoushan,) = _rows(
        database,
        "MATCH (t:Task {plan: 'zhoushan-gongtongfuyu-2021-2025'}) "
        "RETURN count(t.section_title) AS titled, count(t) AS tasks",
    )
    assert zhoushan == {"titled": 0, "tasks": 45}
