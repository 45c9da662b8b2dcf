"""One export of many plans (issue 21, part 4): `plankg export` of Zhoushan and the corpus
folder as GraphML, node-link JSON and neo4j-admin CSV files, each read back with the tool
it is for and compared with the embedded store's graph; `plankg load` of a folder; and bad
input, which writes nothing."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from devtools.neo4j_server import NEO4J_DIR
from plankg.api.app import create_app
from plankg.cli import app as cli
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.loaders import load_plan
from tests.bad_inputs import assert_one_line_exit_2, plankg
from tests.conftest import ZHOUSHAN
from tests.corpus import PLANS, require_corpus

NODE_FILES = {f"nodes-{label}.csv" for label in ("Plan", "Chapter", "Goal", "Task")} | {
    f"nodes-{label}.csv"
    for label in ("Indicator", "Place", "Agency", "Theme", "Document", "IndicatorFamily")
}


@pytest.fixture(scope="module")
def corpus_graph(zhoushan) -> nx.MultiDiGraph:
    """The embedded store's graph of Zhoushan and the 12 corpus plans."""
    require_corpus()
    plans = [zhoushan, *(load_plan(path) for path in sorted(PLANS.glob("*.txt")))]
    return MemoryStore(build_graph(plans)).export()


@pytest.fixture(scope="module")
def exported(tmp_path_factory, corpus_graph) -> dict[str, Path]:
    """The corpus exported once in each format, as a person would: the file, then the
    folder (whose .source.md notes are skipped)."""
    out = tmp_path_factory.mktemp("export")
    runner = CliRunner()
    paths = {"graphml": out / "corpus.graphml", "node-link": out / "corpus.json"}
    paths["neo4j-csv"] = out / "csv"
    for format, path in paths.items():
        args = ["export", "-f", format, "-o", str(path), str(ZHOUSHAN), str(PLANS)]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "01-anhui-rcep.source.md: skipped (not a plan text" in result.stderr
    return paths


def test_the_corpus_graph_has_the_plans_and_their_links(corpus_graph) -> None:
    labels = [attrs["label"] for _, attrs in corpus_graph.nodes(data=True)]
    assert labels.count("Plan") == 13 and labels.count("Task") == 540
    # 54 cited documents (Zhoushan 1, the corpus 53), 46 indicator families with a target
    assert labels.count("Document") == 54 and labels.count("IndicatorFamily") == 46
    # 42 leads fewer than before issue 22 (no lead is inferred with no term behind it), and
    # with them the one body that only such leads named
    assert corpus_graph.number_of_nodes() == 1481
    assert corpus_graph.number_of_edges() == 5465


def test_graphml_reads_back_with_networkx(exported, corpus_graph, zhoushan) -> None:
    graph = nx.read_graphml(exported["graphml"], force_multigraph=True)
    assert graph.number_of_nodes() == corpus_graph.number_of_nodes()
    assert graph.number_of_edges() == corpus_graph.number_of_edges()
    plan = graph.nodes[zhoushan.id]
    assert plan["text"] == zhoushan.text  # the whole plan, verbatim
    assert json.loads(graph.nodes["china"]["plans"]) == corpus_graph.nodes["china"]["plans"]
    types = {attrs["type"] for *_, attrs in graph.edges(data=True)}
    assert types == {"HAS_CHAPTER", "HAS_TASK", "HAS_GOAL", "HAS_INDICATOR", "MENTIONS"} | {
        "PART_OF",
        "RESPONSIBLE_FOR",
        "ABOUT",
        "RELATED_TO",
        "CITES",
        "SAME_AS",  # 03's notice cites 02's title
        "IN_FAMILY",
    }


def test_graphml_of_a_plan_with_a_form_feed_is_well_formed(tmp_path) -> None:
    """A PDF's page break (U+000C) stays in Plan.text, but XML 1.0 cannot hold it: GraphML
    carries U+FFFD in its place, one for one, so the spans still fit."""
    text = ZHOUSHAN.read_text(encoding="utf-8")
    cut = text.index("\n", 2000) + 1
    plan = tmp_path / "paged.txt"
    plan.write_text(text[:cut] + "\x0c" + text[cut:], encoding="utf-8")
    out = tmp_path / "paged.graphml"
    result = CliRunner().invoke(cli, ["export", "-f", "graphml", "-o", str(out), str(plan)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out, force_multigraph=True)
    (stored,) = [d["text"] for _, d in graph.nodes(data=True) if d["label"] == "Plan"]
    assert stored == text[:cut] + "\ufffd" + text[cut:]


def test_node_link_reads_back_with_networkx(exported, corpus_graph, zhoushan) -> None:
    data = json.loads(exported["node-link"].read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.number_of_nodes() == corpus_graph.number_of_nodes()
    assert graph.number_of_edges() == corpus_graph.number_of_edges()
    assert graph.nodes[zhoushan.id]["text"] == zhoushan.text
    assert graph.nodes["china"]["held_by"] == corpus_graph.nodes["china"]["held_by"]


def _csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        header, *rows = csv.reader(f)
    return header, rows


def test_neo4j_csv_has_one_typed_file_per_label_and_type(exported, corpus_graph) -> None:
    folder = exported["neo4j-csv"]
    names = {path.name for path in folder.iterdir()}
    assert {name for name in names if name.startswith("nodes-")} == NODE_FILES
    assert len([name for name in names if name.startswith("relationships-")]) == 12
    assert {"import.args", "after-import.cypher"} <= names
    header, rows = _csv_rows(folder / "nodes-Place.csv")
    assert header[:3] == ["id:ID", ":LABEL", "name:string"]
    assert "names:string[]" in header and "remote:boolean" in header
    nodes = sum(len(_csv_rows(folder / name)[1]) for name in NODE_FILES)
    assert nodes == corpus_graph.number_of_nodes()
    edges = 0
    for path in folder.glob("relationships-*.csv"):
        header, rows = _csv_rows(path)
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        edges += len(rows)
    assert edges == corpus_graph.number_of_edges()
    plan_header, plans = _csv_rows(folder / "nodes-Plan.csv")
    assert "published:date" in plan_header and "period_start:long" in plan_header
    shanghai = next(row for row in plans if row[0] == "shanghai-guominjingji-2021-2025")
    assert len(shanghai[plan_header.index("text:string")]) == 82357
    china = next(row for row in rows_of(folder, "Place") if row[0] == "china")
    place_header = _csv_rows(folder / "nodes-Place.csv")[0]
    assert china[place_header.index("plans:string[]")] == "|".join(
        corpus_graph.nodes["china"]["plans"]
    )


def rows_of(folder: Path, label: str) -> list[list[str]]:
    return _csv_rows(folder / f"nodes-{label}.csv")[1]


def test_neo4j_admin_imports_the_folder_into_a_fresh_database(
    exported, corpus_graph, tmp_path
) -> None:
    """With the harness's jars (devtools/neo4j/lib, neo4j-import-tool among them) and Java:
    `neo4j-admin database import full @import.args` into an empty NEO4J_HOME imports every
    node and relationship, and every property but the empty lists (after-import.cypher puts
    those back)."""
    lib = NEO4J_DIR / "lib"
    if shutil.which("java") is None or not any(lib.glob("neo4j-import-tool-*.jar")):
        pytest.skip("no Java or no Neo4j jars (make neo4j-jars) to run neo4j-admin with")
    home = tmp_path / "neo4j"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("", encoding="utf-8")
    result = subprocess.run(
        ["java", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool"]
        + ["database", "import", "full", "@import.args"],
        cwd=exported["neo4j-csv"],
        env={"NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    imported = re.search(
        r"Imported:\s+(\d+) nodes\s+(\d+) relationships\s+(\d+) properties", result.stdout
    )
    assert imported is not None, result.stdout[-2000:]
    nodes, relationships, properties = map(int, imported.groups())
    assert nodes == corpus_graph.number_of_nodes()
    assert relationships == corpus_graph.number_of_edges()
    values = [
        v for _, attrs in corpus_graph.nodes(data=True) for k, v in attrs.items() if k != "label"
    ]
    values += [v for *_, attrs in corpus_graph.edges(data=True) for v in attrs.values()]
    stored = [v for v in values if v is not None]
    ids = corpus_graph.number_of_nodes()  # id:ID is stored as the id property
    assert properties == ids + len(stored) - sum(1 for v in stored if v == [])


def test_the_api_lists_plans_without_their_text_and_exports_it(zhoushan) -> None:
    """The text can be megabytes: /plans, /plans/{id} and a drawn neighbourhood leave it out;
    the export carries it (both stores: tests/test_parity.py asks the same routes)."""
    with TestClient(create_app()) as client:
        (listed,) = client.get("/plans").json()["items"]
        assert listed["id"] == zhoushan.id and "text" not in listed
        assert "text" not in client.get(f"/plans/{zhoushan.id}").json()
        drawn = client.get("/graph", params={"focus": zhoushan.id, "depth": 1}).json()
        (plan,) = [n for n in drawn["nodes"] if n["id"] == zhoushan.id]
        assert "text" not in plan["properties"] and plan["properties"]["title"] == zhoushan.title
        exported = client.get("/graph/export", params={"plan": zhoushan.id, "format": "json"})
        (node,) = [n for n in exported.json()["nodes"] if n["id"] == zhoushan.id]
        assert node["text"] == zhoushan.text


# -- bad input: one line, exit 2, nothing written ------------------------------------------


def test_several_plans_need_a_graph_format(tmp_path) -> None:
    result = plankg("export", str(ZHOUSHAN), str(ZHOUSHAN), "-o", str(tmp_path / "x.json"))
    assert_one_line_exit_2(result, "--format json is one plan's model, and 2 plans were given")
    assert list(tmp_path.iterdir()) == []


def test_neo4j_csv_needs_a_new_folder(tmp_path) -> None:
    assert_one_line_exit_2(
        plankg("export", "-f", "neo4j-csv", str(ZHOUSHAN)),
        "--format neo4j-csv writes a folder of files: expected -o FOLDER",
    )
    assert_one_line_exit_2(
        plankg("export", "-f", "neo4j-csv", "-o", str(tmp_path), str(ZHOUSHAN)),
        f"{tmp_path}: already exists: expected the name of a new folder",
    )


def test_a_bad_plan_in_a_folder_writes_no_export(tmp_path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(ZHOUSHAN, plans / "a-zhoushan.txt")
    (plans / "b-bad.txt").write_bytes(b"\x00\x01 not a plan")
    out = tmp_path / "out"
    out.mkdir()
    for format, target in [("neo4j-csv", out / "csv"), ("graphml", out / "all.graphml")]:
        result = plankg("export", "-f", format, "-o", str(target), str(plans))
        assert result.returncode == 2, result.stderr
        assert f"{plans / 'b-bad.txt'}:" in result.stderr
        assert list(out.iterdir()) == []  # no file, no folder, no hidden partial one


def test_an_empty_folder_is_one_line_and_exit_2(tmp_path) -> None:
    (tmp_path / "notes.md").write_text("# not a plan\n", encoding="utf-8")
    expected = f"error: {tmp_path}: no plan files in this folder: expected *.txt files\n"
    for command in (
        ["export", "-f", "graphml", str(tmp_path)],
        ["load", str(tmp_path), "--neo4j-uri", "bolt://127.0.0.1:1"],
    ):
        result = plankg(*command)
        assert_one_line_exit_2(result)
        assert result.stderr == expected


def test_plankg_load_reads_a_folder(neo4j_server, tmp_path) -> None:
    """A folder's plan files in name order; a note beside them skipped with its reason."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(ZHOUSHAN, plans / "zhoushan.txt")
    (plans / "zhoushan.source.md").write_text("where it came from\n", encoding="utf-8")
    (plans / "drafts").mkdir()
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        result = CliRunner().invoke(
            cli, ["load", str(plans)], env={"NEO4J_URI": neo4j_server.bolt_uri}
        )
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("loaded 1 plan: 45 tasks, ")
        assert result.stderr.splitlines() == [
            f"{plans / 'drafts'}: skipped (a folder: only the folder's own files are read)",
            f"{plans / 'zhoushan.source.md'}: skipped (not a plan text: expected a .txt file)",
        ]
        records, _, _ = driver.execute_query("MATCH (p:Plan) RETURN p.id AS id")
        assert [r["id"] for r in records] == ["zhoushan-gongtongfuyu-2021-2025"]
        driver.execute_query("MATCH (n) DETACH DELETE n")
