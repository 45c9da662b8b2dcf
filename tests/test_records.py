"""The records both stores answer with are read from the one schema declaration
(graph/schema.py): which fields come from the node, which from the relationship, and which
the store computes is fixed here, so renaming a property in the schema cannot silently turn
it into a field nobody fills."""

from __future__ import annotations

import pytest

from plankg.graph import records
from plankg.graph.records import (
    ALL,
    IndicatorOut,
    NodeRecord,
    Page,
    RelatedTask,
    TaskRef,
    Window,
    _link_fields,
    _node_fields,
)

EVIDENCE = {"evidence", "span", "match_span"}
# What each record's store computes or nests (everything else is read from the graph).
COMPUTED = {
    "PlanOut": {"chapters", "goals", "tasks", "indicators"},
    "TaskRef": set(),
    "GoalRef": set(),
    "ChapterOut": {"tasks", "goals"},
    "ChapterDetail": {"tasks", "goals", "task_list", "goal_list"},
    "IndicatorOut": {"evidence", "span"},  # the target's own sentence and its span
    "PlaceRef": set(),
    "PlaceMention": set(),
    "AgencyRef": set(),
    "AgencyLink": set(),
    "ThemeRef": set(),
    "ThemeLinkOut": set(),
    "RelatedTask": set(),
    "TaskDetail": {
        "span",
        "chapter_title",
        "places",
        "agencies",
        "indicators",
        "themes",
        "related",
    },
    "GoalDetail": {"span", "places", "indicators"},
    "PlaceOut": {"tasks"},
    "PlaceDetail": {"tasks", "parents", "parts"},
    "PlaceTask": {"mentions"},
    "AgencyOut": {
        "leads",
        "partners",
        "leads_stated",
        "leads_inferred",
        "partners_stated",
        "partners_inferred",
    },
    "AgencyTask": set(),
    "ThemeOut": {"tasks"},
    "ThemeTask": set(),
    "SearchDoc": {"start"},
    "Duty": {"agency", "evidence", "span_start", "span_end"},
    "TaskTarget": set(),
    "ResponsibilityRow": {
        "plan_title",
        "task",
        "chapter_title",
        "leads",
        "partners",
        "targets",
    },
    "FamilyOut": {"targets"},  # and `plans`, a count here, the node's list's length
    "FamilyTarget": {
        "plan_title",
        "region",
        "indicator",
        "value_converted",
        "value_max_converted",
        "unit_converted",
        "task",
        "task_label",
        "goal",
        "evidence",
        "score",
        "terms",
    },
}
RECORDS = [
    cls
    for cls in vars(records).values()
    if isinstance(cls, type) and issubclass(cls, NodeRecord) and cls is not NodeRecord
]


def test_every_record_is_accounted_for() -> None:
    assert sorted(cls.__name__ for cls in RECORDS) == sorted(COMPUTED)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_fields_are_declared_properties_or_computed(cls: type[NodeRecord]) -> None:
    from_graph = set(_node_fields(cls)) | set(_link_fields(cls))
    if cls.rel is not None and issubclass(cls, records.Evidence):
        from_graph |= EVIDENCE
    assert set(cls.model_fields) - from_graph == COMPUTED[cls.__name__]


def test_a_link_property_wins_over_the_node_property_of_its_name() -> None:
    # A related task's keywords are the ones it shares, not all of its own.
    task = {
        "id": "p-task-2",
        "plan": "p",
        "number": 2,
        "number_label": "2.",
        "title": "标题",
        "title_en": None,
        "chapter": 1,
        "keywords": ["港口", "海岛", "养老"],
    }
    link = {"score": 0.5, "places": [], "themes": ["ports"], "keywords": ["港口"]}
    related = RelatedTask.of(task, link)
    assert related.keywords == ["港口"] and related.number == 2


def test_an_absent_property_reads_as_none_and_no_unit_as_empty() -> None:
    # Neo4j stores no null: a unit-less target without a year has neither key.
    node = {
        "id": "p-indicator-1",
        "plan": "p",
        "number": 1,
        "name": "城镇化率",
        "value": 70.0,
        "comparator": ">=",
        "kind": "level",
        "text": "城镇化率达到70%以上。",
        "scope": "goal",
        "scope_number": 1,
        "span_start": 10,
        "span_end": 22,
    }
    target = IndicatorOut.of(node)
    assert (target.unit, target.year, target.value_max, target.nature) == ("", None, None, None)
    assert (target.evidence, target.span.start, target.span.end) == (node["text"], 10, 22)


def test_a_page_slices_and_counts() -> None:
    refs = [
        TaskRef(
            id=f"p-task-{n}",
            plan="p",
            number=n,
            number_label=f"{n}.",
            title="t",
            title_en=None,
            chapter=1,
        )
        for n in range(1, 8)
    ]
    page = Page.of(refs, Window(limit=3, offset=5))
    assert ([r.number for r in page.items], page.total, page.limit, page.offset) == (
        [6, 7],
        7,
        3,
        5,
    )
    assert Page.of(refs, ALL).total == 7 and len(Page.of(refs, ALL).items) == 7
    # A store that paged in its database gives the page and the total it counted.
    assert Page.of(refs[:2], Window(limit=2, offset=0), total=40).total == 40
