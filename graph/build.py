"""Plan -> nodes and relationships of the schema (graph/schema.py), in a deterministic order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from plankg.errors import PlankgError
from plankg.graph.schema import Edge, GraphData, Label, Node, Rel, document_id, family_id
from plankg.loaders.citations import document_key
from plankg.loaders.model import Plan
from plankg.loaders.unwrap import text_gaps


def _span(span) -> dict[str, int]:
    return {"span_start": span.start, "span_end": span.end}


SHARED = {Label.PLACE, Label.AGENCY, Label.THEME, Label.DOCUMENT, Label.FAMILY}


class DuplicatePlan(PlankgError, ValueError):
    """Two files read to one plan id."""


def _names(*forms: str) -> list[str]:
    """Every form a place or agency goes by, once each, in order: what `names` holds, so one
    lookup (or the `names` full-text index) finds it by any of them."""
    return list(dict.fromkeys(form for form in forms if form))


class Named(Protocol):
    """A plan, or what stands for one (graph/neo4j_load.PlanRows)."""

    id: str
    source: str


def check_unique_ids(plans: Sequence[Named]) -> None:
    """Two plans with one id would merge silently: refuse them, naming both files."""
    sources: dict[str, str] = {}
    for plan in plans:
        if plan.id in sources:
            raise DuplicatePlan(
                f"{plan.source} and {sources[plan.id]} are both plan {plan.id!r} (same region, "
                "topic and period): load one of them, or read one with --id to name it apart"
            )
        sources[plan.id] = plan.source


def build_graph(plans: list[Plan]) -> GraphData:
    """Nodes and edges for these plans. Places, agencies and themes are shared between
    plans; their `plans` property lists the plans that name them (a place's `held_by` also
    those that name a place inside it)."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    members: dict[str, list[str]] = {}
    plan_id = ""

    def add(node_id: str, label: Label, **properties) -> None:
        # A shared node is added by every plan that names it: built (validated) only the
        # first time, and its plans kept in order without scanning them (a plan's own
        # additions come together, so it is the last one if it is there).
        if node_id not in nodes:
            nodes[node_id] = Node(id=node_id, label=label, properties=properties)
        if label in SHARED:
            plans_of = members.setdefault(node_id, [])
            if not plans_of or plans_of[-1] != plan_id:
                plans_of.append(plan_id)

    check_unique_ids(plans)
    for plan in plans:
        plan_id = plan.id
        add(
            plan.id,
            Label.PLAN,
            plan=plan.id,
            title=plan.title,
            title_en=plan.title_en,
            region=plan.region,
            region_level=plan.region_level,
            period_start=plan.period_start,
            period_end=plan.period_end,
            published=plan.published.isoformat() if plan.published else None,
            source=plan.source,
            sha256=plan.sha256,
            task_level=plan.task_level,
            title_key=document_key(plan.title),
            text=plan.text,  # verbatim: every span resolves in Cypher with substring()
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
        section_title = {(c.number, s.number): s.title for c in plan.chapters for s in c.sections}
        scope_id: dict[tuple[str, int], str] = {("chapter", n): i for n, i in chapter_id.items()}
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
                number_label=task.label,  # `label` is the node label in the stores
                title=task.title,
                title_en=task.title_en,
                text=task.text,
                keywords=task.keywords,
                chapter=task.chapter,
                section=task.section,
                section_title=section_title.get((task.chapter, task.section)),
                **_span(task.span),
                gaps=text_gaps(plan.text, task.span.start, task.span.end, task.text),
            )
            edges.append(Edge(source=chapter_id[task.chapter], target=task.id, type=Rel.HAS_TASK))
            scope_id["task", task.number] = task.id
        for number, indicator in enumerate(plan.indicators, start=1):
            add(
                indicator.id,
                Label.INDICATOR,
                plan=plan.id,
                number=number,
                name=indicator.name,
                value=indicator.value,
                value_max=indicator.value_max,
                unit=indicator.unit or None,  # no unit: no property, not ''
                comparator=indicator.comparator,
                year=indicator.year,
                kind=indicator.kind,
                nature=indicator.nature,
                text=indicator.text,
                scope=indicator.scope,
                scope_number=indicator.scope_number,
                **_span(indicator.span),
            )
            edges.append(
                Edge(
                    source=scope_id[indicator.scope, indicator.scope_number],
                    target=indicator.id,
                    type=Rel.HAS_INDICATOR,
                    properties={"evidence": indicator.text, **_span(indicator.span)},
                )
            )
        _add_links(plan, add, edges, scope_id)
        _add_citations(plan, add, edges)
    # A place is held by the plans that name it and by those naming a place inside it (its
    # PART_OF chain comes along); `plans` counts only the first, `held_by` both.
    naming: dict[str, set[str]] = {}
    for plan in plans:
        for mention in plan.mentions:
            naming.setdefault(mention.place, set()).add(plan.id)
    for node_id, plan_ids in members.items():
        properties = nodes[node_id].properties
        if nodes[node_id].label == Label.PLACE:
            properties["plans"] = sorted(naming.get(node_id, ()))
            properties["held_by"] = sorted(plan_ids)
        else:
            properties["plans"] = sorted(plan_ids)
    # PART_OF once per place, however many plans name it.
    edges.extend(
        Edge(source=node.id, target=node.properties["parent"], type=Rel.PART_OF)
        for node in nodes.values()
        if node.label == Label.PLACE and node.properties["parent"] in nodes
    )
    return GraphData(nodes=list(nodes.values()), edges=edges)


def _add_citations(plan: Plan, add, edges: list[Edge]) -> None:
    """A cited document is shared by the plans citing it. Which loaded plan it is (SAME_AS)
    depends on every plan loaded, in whatever order: the stores link it once they hold
    them all (MemoryStore.load_batches, load/link_same_as.cypher)."""
    for citation in plan.citations:
        document = document_id(citation.document)
        add(
            document,
            Label.DOCUMENT,
            key=citation.document,
            title=citation.title,
            kind=citation.kind,
        )
        edges.append(
            Edge(
                source=plan.id,
                target=document,
                type=Rel.CITES,
                properties={
                    "verb": citation.verb,
                    "surface": citation.title,
                    "count": citation.count,
                    "evidence": citation.evidence,
                    **_span(citation.span),
                },
            )
        )


def _evidence(link) -> dict:
    return {
        "evidence": link.evidence,
        **_span(link.span),
        "match_start": link.match_span.start,
        "match_end": link.match_span.end,
    }


def _add_links(plan: Plan, add, edges: list[Edge], scope_id: dict) -> None:
    """Places, agencies and themes are shared by every plan that names them."""
    for place in plan.places:
        add(
            place.id,
            Label.PLACE,
            name=place.name,
            name_en=place.name_en,
            kind=place.kind,
            adcode=place.adcode,
            remote=place.remote,
            aliases=place.aliases,
            parent=place.parent,
            names=_names(place.name, place.name_en, *place.aliases),
        )
    for agency in plan.agencies:
        add(
            agency.id,
            Label.AGENCY,
            name=agency.name,
            short_name=agency.short_name,
            name_en=agency.name_en,
            level=agency.level,
            kind=agency.kind,
            body_kind=agency.body_kind,
            aliases=agency.aliases,
            names=_names(agency.name, agency.short_name, agency.name_en, *agency.aliases),
        )
    for theme in plan.themes:
        add(
            theme.id,
            Label.THEME,
            name=theme.name,
            name_en=theme.name_en,
            terms=[*theme.terms, *theme.terms_en],
        )
    for family in plan.families:
        add(
            family_id(family.key),
            Label.FAMILY,
            key=family.key,
            name=family.name,
            name_en=family.name_en,
            dimension=family.dimension,
            unit=family.unit,
            source=family.source,
            variants=family.variants,
        )
    for link in plan.family_links:
        edges.append(
            Edge(
                source=link.indicator,
                target=family_id(link.family),
                type=Rel.IN_FAMILY,
                properties={
                    "score": link.score,
                    "terms": link.terms,
                    "value": link.value,
                    "value_max": link.value_max,
                    "unit": link.unit,
                },
            )
        )
    task_id = {t.number: t.id for t in plan.tasks}
    for mention in plan.mentions:
        edges.append(
            Edge(
                source=scope_id[mention.scope, mention.scope_number],
                target=mention.place,
                type=Rel.MENTIONS,
                properties={"surface": mention.surface, **_evidence(mention)},
            )
        )
    for r in plan.responsibilities:
        edges.append(
            Edge(
                source=r.agency,
                target=task_id[r.task],
                type=Rel.RESPONSIBLE_FOR,
                properties={
                    "role": r.role,
                    "basis": r.basis,
                    "found_by": r.found_by,
                    "clause_word": r.clause_word,
                    "score": r.score,
                    "terms": r.terms,
                    **_evidence(r),
                },
            )
        )
    for link in plan.theme_links:
        edges.append(
            Edge(
                source=task_id[link.task],
                target=link.theme,
                type=Rel.ABOUT,
                properties={"score": link.score, "terms": link.terms, **_evidence(link)},
            )
        )
    for relation in plan.relations:
        edges.append(
            Edge(
                source=task_id[relation.source],
                target=task_id[relation.target],
                type=Rel.RELATED_TO,
                properties={
                    "score": relation.score,
                    "places": relation.places,
                    "themes": relation.themes,
                    "keywords": relation.keywords,
                },
            )
        )
