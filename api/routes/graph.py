"""The graph itself: a node's neighbourhood for drawing, and the whole graph for tools."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from plankg.api.deps import MAX_TEXT, PlanParam, Store, in_thread, plan_of
from plankg.api.models import GraphOut
from plankg.api.problems import quote
from plankg.graph.exports import graphml, node_link_json
from plankg.graph.schema import Label

router = APIRouter(tags=["graph"])

Lang = Literal["zh", "en"]
MAX_NODES = 2_000  # a whole plan is about 250 nodes; a shared theme across 1,000 plans is not


def _numbered(task: dict) -> str:
    """The task's number as written, then a space, except after a closing full-width mark
    (（三）整体提升…, as plans print it)."""
    label = task.get("number_label") or f"{task.get('number')}."
    return label if label.endswith(("）", "、")) else f"{label} "


def display(label: str, node: dict, lang: Lang) -> str:
    """A short name to draw: 27. 构建… for a task, 岱山县 (or Daishan County) for a place."""
    en = lang == "en"
    if label in ("Task", "Chapter", "Goal", "Plan"):
        title = (node.get("title_en") if en else None) or node["title"]
        prefix = {
            # the number as the plan writes it (3.1.1, (三)), so a drawing can be cited
            "Task": _numbered(node),
            "Chapter": f"{node.get('numeral')}、",
            "Goal": f"goal {node.get('number')}: " if en else f"目标{node.get('number')}:",
        }.get(label, "")
        return prefix + title
    if label == "Indicator":
        return f"{node['name']} {node['value']:g}{node['unit']}"
    if label == "Document":  # a cited title: in 《》 as plans write it
        return f"《{node['title']}》"
    if label == "Agency" and not en:
        return node["short_name"]
    return (node.get("name_en") if en else None) or node["name"]


@router.get("/graph", response_model=GraphOut, summary="A node's neighbourhood, ready to draw")
@in_thread
def neighbourhood(
    store: Store,
    focus: Annotated[
        str,
        Query(
            max_length=MAX_TEXT,
            description="a node id",
            examples=["zhoushan-gongtongfuyu-2021-2025-task-27", "daishan", "remote-islands"],
        ),
    ],
    depth: Annotated[int, Query(ge=1, le=3)] = 1,
    type: Annotated[
        list[Label] | None, Query(description="keep only these node types (the focus stays)")
    ] = None,
    lang: Lang = "zh",
) -> dict:
    """Nodes within `depth` hops of `focus` (in either direction) and the edges among
    them, as {nodes, edges} for Cytoscape.js, vis-network or D3. A neighbourhood of more
    than 2,000 nodes is refused (422): ask for a smaller depth."""
    nodes, edges = store.neighbourhood(focus, depth, limit=MAX_NODES)
    if not nodes:
        raise HTTPException(404, f"no node with id {quote(focus)}")
    if len(nodes) > MAX_NODES:
        # Bounds what one request may cost: drawing it would take longer than reading it.
        raise HTTPException(
            422,
            f"the neighbourhood of {quote(focus)} at depth {depth} has more than "
            f"{MAX_NODES:,} nodes, the most one answer holds: ask for a smaller depth",
        )
    wanted = {t.value for t in type} if type else None
    nodes = [n for n in nodes if wanted is None or n.label in wanted or n.id == focus]
    kept = {n.id for n in nodes}
    nodes.sort(key=lambda n: (n.distance, n.label, n.id))
    out_edges = sorted(
        (
            {
                "id": f"{e.source}|{e.type}|{e.target}",
                "source": e.source,
                "target": e.target,
                "type": e.type,
                "properties": e.properties,
            }
            for e in edges
            if e.source in kept and e.target in kept
        ),
        key=lambda e: e["id"],
    )
    return {
        "focus": focus,
        "depth": depth,
        "nodes": [
            {
                "id": n.id,
                "type": n.label,
                "label": display(n.label, n.properties, lang),
                "properties": _drawn(n.label, n.properties) | {"distance": n.distance},
            }
            for n in nodes
        ],
        "edges": out_edges,
    }


def _drawn(label: str, properties: dict) -> dict:
    """A node's properties for drawing: a plan's text (the whole document, up to 20 MB)
    stays out of the answer; /graph/export carries it."""
    if label == "Plan" and "text" in properties:
        return {k: v for k, v in properties.items() if k != "text"}
    return properties


class ExportFormat(StrEnum):
    graphml = "graphml"
    json = "json"


@router.get(
    "/graph/export",
    summary="The plan's whole graph as GraphML (Gephi, yEd) or node-link JSON",
    responses={200: {"content": {"application/graphml+xml": {}, "application/json": {}}}},
)
@in_thread
def export(
    store: Store, plan: PlanParam, format: ExportFormat = ExportFormat.graphml
) -> Response:
    graph = store.export(plan_of(store, plan))
    if format == ExportFormat.json:
        return Response(node_link_json(graph), media_type="application/json")
    return Response(graphml(graph), media_type="application/graphml+xml")
