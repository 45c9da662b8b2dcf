"""The place, agency or theme a search query names, and its tasks.

A query that is an entity's name (its id, Chinese name, alias, short name such as 市发改委,
or English name, as the entity pages resolve them), a body's after the plan's region name
(舟山市发改委), or an English phrase the lexicon reads as a place's or body's Chinese name
("Daishan" -> 岱山), answers with that entity's tasks: asked of
the store exactly as its own page asks (`/places/{id}/tasks`, `/agencies/{id}/tasks`,
`/themes/{id}/tasks`), so search and the page cannot disagree, and both stores answer
alike. An entity with no task in the plans searched is no answer: the query is searched
as words.
"""

from __future__ import annotations

from dataclasses import dataclass

from plankg.graph.records import ALL
from plankg.graph.search import EntityTasks, english_names
from plankg.graph.store import GraphStore

KINDS = (("place", "Place"), ("agency", "Agency"), ("theme", "Theme"))  # tried in this order


@dataclass(frozen=True)
class NamedEntity:
    kind: str
    id: str
    name: str
    name_en: str
    tasks: EntityTasks

    def out(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "tasks": len(self.tasks.task_ids),
        }


def named_entity(store: GraphStore, query: str, plans: list[str]) -> NamedEntity | None:
    asked = " ".join(query.split())
    # A theme is named by its name or English name only: the lexicon's English terms of a
    # theme ("ports" for 港口航运) are synonyms, searched as words, not the theme's name.
    names = [asked, *english_names(query), *_without_region(store, asked, plans)]
    keys = {
        "Place": list(dict.fromkeys(names)),
        "Agency": list(dict.fromkeys(names)),
        "Theme": [asked],
    }
    for kind, label in KINDS:
        for key in keys[label]:
            found = store.resolve(label, key, plans)
            if found is None:
                continue
            entity = _with_tasks(store, kind, found, plans)
            if entity is not None:
                return entity
    return None


def _without_region(store: GraphStore, asked: str, plans: list[str]) -> list[str]:
    """舟山市发改委 as 市发改委, 安徽省商务厅 as 省商务厅: a plan's own bodies go by their
    short names, the level after the region's name (省, 市, 县, 区) and the body. Only for
    one plan: with plan=* no one region is the plan's."""
    if len(plans) != 1:
        return []
    plan = store.plan(plans[0])
    region = plan.region if plan else ""
    rest = asked[len(region) :] if region and asked.startswith(region) else ""
    return [rest] if len(rest) > 1 and rest[0] in "省市县区" else []


def _with_tasks(
    store: GraphStore, kind: str, entity_id: str, plans: list[str]
) -> NamedEntity | None:
    if kind == "place":
        tasks = store.place_tasks(plans, entity_id, ALL).items
        describe = store.place
    elif kind == "agency":
        tasks = store.agency_tasks(plans, entity_id, ALL).items
        describe = store.agency
    else:
        tasks = store.theme_tasks(plans, entity_id, ALL).items
        describe = store.theme
    if not tasks:
        return None
    node = next(n for n in (describe(p, entity_id) for p in plans) if n is not None)
    names = [node.name, getattr(node, "short_name", ""), *getattr(node, "aliases", [])]
    names += getattr(node, "terms", [])  # a theme's words
    for task in tasks:  # a place as the text writes it (岱山 for 岱山县)
        names += [m.surface for m in getattr(task, "mentions", []) if m.id == entity_id]
    return NamedEntity(
        kind=kind,
        id=entity_id,
        name=node.name,
        name_en=node.name_en,
        tasks=EntityTasks(
            task_ids=frozenset(t.id for t in tasks),
            names=tuple(dict.fromkeys(n for n in names if n)),
        ),
    )
