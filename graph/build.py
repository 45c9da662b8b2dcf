"""Plan -> nodes and relationships of the DESIGN.md schema, in a deterministic order."""

from __future__ import annotations

from graph.schema import Edge, GraphData, Label, Node, Rel
from loaders.model import Plan


def _span(span) -> dict[str, int]:
    return {"span_start": span.start, "span_end": span.end}


def build_graph(plans: list[Plan]) -> GraphData:
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []

    def add(node_id: str, label: Label, **properties) -> None:
        nodes.setdefault(node_id, Node(id=node_id, label=label, properties=properties))

    for plan in plans:
        add(
            plan.id,
            Label.PLAN,
            plan=plan.id,
            title=plan.title,
            title_en=plan.title_en,
            region=plan.region,
            period_start=plan.period_start,
            period_end=plan.period_end,
            published=plan.published.isoformat() if plan.published else None,
            source=plan.source,
            sha256=plan.sha256,
        )
        for chapter in plan.chapters:
            add(
                chapter.id,
                Label.CHAPTER,
                plan=plan.id,
                number=chapter.number,
                numeral=chapter.numeral,
                title=chapter.title,
                title_en=chapter.title_en,
                **_span(chapter.span),
            )
            edges.append(Edge(source=plan.id, target=chapter.id, type=Rel.HAS_CHAPTER))
        chapter_id = {c.number: c.id for c in plan.chapters}
        scope_id: dict[tuple[str, int], str] = {}
        for goal in plan.goals:
            add(
                goal.id,
                Label.GOAL,
                plan=plan.id,
                number=goal.number,
                title=goal.title,
                title_en=goal.title_en,
                text=goal.text,
                year=goal.year,
                chapter=goal.chapter,
                **_span(goal.span),
            )
            edges.append(Edge(source=chapter_id[goal.chapter], target=goal.id, type=Rel.HAS_GOAL))
            scope_id["goal", goal.number] = goal.id
        for task in plan.tasks:
            add(
                task.id,
                Label.TASK,
                plan=plan.id,
                number=task.number,
                title=task.title,
                title_en=task.title_en,
                text=task.text,
                chapter=task.chapter,
                section=task.section,
                **_span(task.span),
            )
            edges.append(Edge(source=chapter_id[task.chapter], target=task.id, type=Rel.HAS_TASK))
            scope_id["task", task.number] = task.id
        for indicator in plan.indicators:
            add(
                indicator.id,
                Label.INDICATOR,
                plan=plan.id,
                name=indicator.name,
                value=indicator.value,
                unit=indicator.unit,
                comparator=indicator.comparator,
                year=indicator.year,
                kind=indicator.kind,
                text=indicator.text,
                scope=indicator.scope,
                scope_number=indicator.scope_number,
            )
            edges.append(
                Edge(
                    source=scope_id[indicator.scope, indicator.scope_number],
                    target=indicator.id,
                    type=Rel.HAS_INDICATOR,
                    properties={"evidence": indicator.text, **_span(indicator.span)},
                )
            )
    return GraphData(nodes=list(nodes.values()), edges=edges)
