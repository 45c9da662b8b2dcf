"""The graph in the formats other tools read: GraphML (Gephi, yEd, networkx), node-link JSON
(networkx, D3) and a folder of CSV files for `neo4j-admin database import full`.

One graph in, one document (or folder) out, the same bytes whichever store the graph came
from: `/graph/export` serves the first two for one plan, `plankg export` writes all three
for any number of plans.

    neo4j-admin database import full --array-delimiter='|' --multiline-fields=true \\
        --nodes=nodes-Plan.csv … --relationships=relationships-HAS_CHAPTER.csv … neo4j

(every nodes-*.csv and relationships-*.csv of the folder; `import.args` in it lists them,
for `neo4j-admin database import full @import.args` run in the folder). The import leaves
out empty lists (`gaps: []`, `aliases: []`): `after-import.cypher` puts them back.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from plankg.errors import PlankgError
from plankg.graph.schema import (
    EDGE_PROPERTIES,
    NODE_PROPERTIES,
    OPTIONAL,
    Label,
    Rel,
    property_type,
)

# neo4j-admin's array delimiter: '|' is in no name, alias, keyword or term of the genre (a
# value holding it is refused rather than split, see _field); ';', the tool's default, is
# a character some names carry.
ARRAY_DELIMITER = "|"
# The import tool's names for the dictionary's types (graph/schema.py TYPE_BY_NAME).
CSV_TYPES = {
    "STRING": "string",
    "INTEGER": "long",
    "FLOAT": "double",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "LIST<STRING>": "string[]",
    "LIST<INTEGER>": "long[]",
}


class ExportError(PlankgError, ValueError):
    """A value the chosen format cannot carry."""


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx's node-link form (`nx.node_link_graph(data, edges="edges")` reads it back),
    nodes by id, edges by source, target and type, whatever order the store gave."""
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"].sort(key=lambda n: n["id"])
    data["edges"].sort(key=lambda e: (e["source"], e["target"], e["key"]))
    return data


def node_link_json(graph: nx.MultiDiGraph) -> bytes:
    return json.dumps(node_link(graph), ensure_ascii=False, sort_keys=True).encode("utf-8")


# What XML 1.0 cannot hold at all (a PDF's form feed, other control characters): replaced
# one for one by U+FFFD in GraphML, so every span still points at the same offset.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML holds only scalars: a list is stored as its JSON string (json.loads reads it
    back), a missing value is left out; each edge's `type` is its relationship type. A
    character XML cannot hold is U+FFFD (NOT_XML)."""
    flat = nx.MultiDiGraph()
    for node, attrs in sorted(graph.nodes(data=True)):
        flat.add_node(node, **_scalars(attrs))
    for source, target, key, attrs in sorted(
        graph.edges(keys=True, data=True), key=lambda e: e[:3]
    ):
        flat.add_edge(source, target, key=key, type=key, **_scalars(attrs))
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer)
    return buffer.getvalue()


def _scalars(attrs: dict) -> dict:
    return {k: _xml(v) for k, v in attrs.items() if v is not None}


def _xml(value: Any) -> Any:
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    return NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def write_neo4j_csv(graph: nx.MultiDiGraph, folder: Path) -> list[Path]:
    """One nodes-<Label>.csv per label and one relationships-<TYPE>.csv per type into
    `folder` (which exists and is empty), with typed headers (`id:ID`, `:LABEL`,
    `names:string[]`, `:START_ID`, `:END_ID`, `:TYPE`), and import.args naming them with
    the options they need. Returns the files written."""
    written = []
    by_label: dict[str, list[tuple[str, dict]]] = {}
    for node, attrs in sorted(graph.nodes(data=True)):
        by_label.setdefault(attrs["label"], []).append((node, attrs))
    arguments = [f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true"]
    for label in Label:
        nodes = by_label.pop(label.value, [])
        if not nodes:
            continue
        keys = NODE_PROPERTIES[label]
        header = ["id:ID", ":LABEL", *(_column(label.value, key) for key in keys)]
        rows = (
            [_field(node), _field(label.value), *(_field(attrs.get(k), k) for k in keys)]
            for node, attrs in nodes
        )
        written.append(_write_csv(folder / f"nodes-{label.value}.csv", header, rows))
        arguments.append(f"--nodes={written[-1].name}")
    if by_label:
        raise ExportError(f"labels the schema does not declare: {sorted(by_label)}")
    by_type: dict[str, list[tuple[str, str, dict]]] = {}
    for source, target, key, attrs in sorted(
        graph.edges(keys=True, data=True), key=lambda e: e[:3]
    ):
        by_type.setdefault(key, []).append((source, target, attrs))
    for rel in Rel:
        edges = by_type.pop(rel.value, [])
        if not edges:
            continue
        keys = EDGE_PROPERTIES[rel]
        header = [":START_ID", ":END_ID", ":TYPE", *(_column(rel.value, key) for key in keys)]
        rows = (
            [_field(s), _field(t), _field(rel.value), *(_field(a.get(k), k) for k in keys)]
            for s, t, a in edges
        )
        written.append(_write_csv(folder / f"relationships-{rel.value}.csv", header, rows))
        arguments.append(f"--relationships={written[-1].name}")
    if by_type:
        raise ExportError(f"relationship types the schema does not declare: {sorted(by_type)}")
    args = folder / "import.args"
    args.write_text("\n".join(arguments) + "\n", encoding="utf-8")
    after = folder / "after-import.cypher"
    after.write_text(_empty_lists_back(), encoding="utf-8")
    return [*written, args, after]


def _empty_lists_back() -> str:
    """neo4j-admin import leaves an empty list out (an empty array field is no property):
    the statements that put back the ones the data dictionary says are always present."""
    lines = [
        "// Run once after `neo4j-admin database import full`: the import leaves out a",
        "// property whose value is an empty list; the data dictionary has these always present.",
    ]
    for owner, keys, match in [
        *((label.value, keys, f"(n:{label.value})") for label, keys in NODE_PROPERTIES.items()),
        *((rel.value, keys, f"()-[n:{rel.value}]->()") for rel, keys in EDGE_PROPERTIES.items()),
    ]:
        for key in keys:
            if (property_type(owner, key) or "").startswith("LIST<") and (
                f"{owner}.{key}" not in OPTIONAL
            ):
                lines.append(f"MATCH {match} WHERE n.{key} IS NULL SET n.{key} = [];")
    return "\n".join(lines) + "\n"


def _column(owner: str, key: str) -> str:
    kind = property_type(owner, key)
    if kind is None:
        raise ExportError(f"{owner}.{key}: no type declared in graph/schema.py")
    return f"{key}:{CSV_TYPES[kind]}"


def _field(value: Any, key: str = "") -> str:
    """One CSV field: nothing for None (the import leaves the property out, as Neo4j stores
    no null), a quoted string (\"\" for '', kept as an empty string), numbers and booleans
    bare, a list joined by ARRAY_DELIMITER in quotes."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        items = [str(item) for item in value]
        if any(ARRAY_DELIMITER in item for item in items):
            raise ExportError(
                f"{key}: a value holds {ARRAY_DELIMITER!r}, the array delimiter: {items}"
            )
        value = ARRAY_DELIMITER.join(items)
    return '"' + str(value).replace('"', '""') + '"'


def _write_csv(path: Path, header: list[str], rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")
    return path
