"""The graph contract researchers and frontends rely on: node labels, relationship types,
their properties, and the plain node/edge records both stores hold. The README's schema
tables are generated from this declaration (graph/schema_doc.py)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict


class Label(StrEnum):
    PLAN = "Plan"
    CHAPTER = "Chapter"
    GOAL = "Goal"
    TASK = "Task"
    INDICATOR = "Indicator"
    PLACE = "Place"
    AGENCY = "Agency"
    THEME = "Theme"
    DOCUMENT = "Document"
    FAMILY = "IndicatorFamily"


class Rel(StrEnum):
    HAS_CHAPTER = "HAS_CHAPTER"
    HAS_TASK = "HAS_TASK"
    HAS_GOAL = "HAS_GOAL"
    HAS_INDICATOR = "HAS_INDICATOR"
    MENTIONS = "MENTIONS"
    PART_OF = "PART_OF"
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"
    ABOUT = "ABOUT"
    RELATED_TO = "RELATED_TO"
    CITES = "CITES"
    SAME_AS = "SAME_AS"
    IN_FAMILY = "IN_FAMILY"


def document_id(key: str) -> str:
    """A cited document's node id: its key (/documents/{key}), apart from every other id."""
    return f"document:{key}"


def family_id(key: str) -> str:
    """An IndicatorFamily's node id: its key, kept apart from theme and place ids."""
    return f"family-{key}"


class Node(BaseModel):
    """Properties are Neo4j-storable: strings, numbers, booleans and lists of them."""

    model_config = ConfigDict(frozen=True)

    id: str
    label: Label
    properties: dict[str, Any]


class Edge(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    type: Rel
    properties: dict[str, Any] = {}


class GraphData(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


# The properties graph/build.py gives each label and relationship type, in its order: the
# one declaration the Neo4j store (key order, absent None values), the README's schema
# tables (`python -m plankg.graph.schema_doc`) and the schema test read. A property whose
# value is None is not stored in Neo4j (the marked ones below can be absent).
NODE_PROPERTIES: dict[Label, tuple[str, ...]] = {
    Label.PLAN: (
        "plan",
        "title",
        "title_en",
        "region",
        "region_level",
        "period_start",
        "period_end",
        "published",
        "source",
        "sha256",
        "task_level",
        "title_key",
    ),
    Label.CHAPTER: ("plan", "number", "numeral", "title", "title_en", "span_start", "span_end"),
    Label.GOAL: (
        "plan",
        "number",
        "title",
        "title_en",
        "text",
        "year",
        "chapter",
        "span_start",
        "span_end",
    ),
    Label.TASK: (
        "plan",
        "number",
        "number_label",
        "title",
        "title_en",
        "text",
        "keywords",
        "chapter",
        "section",
        "span_start",
        "span_end",
        "gaps",
    ),
    Label.INDICATOR: (
        "plan",
        "number",
        "name",
        "value",
        "value_max",
        "unit",
        "comparator",
        "year",
        "kind",
        "nature",
        "text",
        "scope",
        "scope_number",
        "span_start",
        "span_end",
    ),
    Label.PLACE: (
        "name",
        "name_en",
        "kind",
        "adcode",
        "remote",
        "aliases",
        "parent",
        "names",
        "plans",
    ),
    Label.AGENCY: (
        "name",
        "short_name",
        "name_en",
        "level",
        "kind",
        "body_kind",
        "aliases",
        "names",
        "plans",
    ),
    Label.THEME: ("name", "name_en", "terms", "plans"),
    Label.DOCUMENT: ("key", "title", "kind", "plans"),
    Label.FAMILY: ("key", "name", "name_en", "dimension", "unit", "source", "variants", "plans"),
}
_EVIDENCE = ("evidence", "span_start", "span_end", "match_start", "match_end")
EDGE_PROPERTIES: dict[Rel, tuple[str, ...]] = {
    Rel.HAS_CHAPTER: (),
    Rel.HAS_TASK: (),
    Rel.HAS_GOAL: (),
    Rel.HAS_INDICATOR: ("evidence", "span_start", "span_end"),
    Rel.MENTIONS: ("surface", *_EVIDENCE),
    Rel.PART_OF: (),
    Rel.RESPONSIBLE_FOR: (
        "role",
        "basis",
        "found_by",
        "clause_word",
        "score",
        "terms",
        *_EVIDENCE,
    ),
    Rel.ABOUT: ("score", "terms", *_EVIDENCE),
    Rel.RELATED_TO: ("score", "places", "themes", "keywords"),
    Rel.CITES: ("verb", "surface", "count", "evidence", "span_start", "span_end"),
    Rel.SAME_AS: (),
    Rel.IN_FAMILY: ("score", "terms", "value", "value_max", "unit"),
}
# (from, to) of each relationship type; "Goal|Task" is either, "Chapter|Goal|Task" any.
EDGE_ENDS: dict[Rel, tuple[str, str]] = {
    Rel.HAS_CHAPTER: ("Plan", "Chapter"),
    Rel.HAS_TASK: ("Chapter", "Task"),
    Rel.HAS_GOAL: ("Chapter", "Goal"),
    Rel.HAS_INDICATOR: ("Goal|Task", "Indicator"),
    Rel.MENTIONS: ("Chapter|Goal|Task", "Place"),
    Rel.PART_OF: ("Place", "Place"),
    Rel.RESPONSIBLE_FOR: ("Agency", "Task"),
    Rel.ABOUT: ("Task", "Theme"),
    Rel.RELATED_TO: ("Task", "Task"),
    Rel.CITES: ("Plan", "Document"),
    Rel.SAME_AS: ("Document", "Plan"),
    Rel.IN_FAMILY: ("Indicator", "IndicatorFamily"),
}
# Agency.kind's values: data/agencies.yaml's kind types, the region profiles' own (university,
# exchange) and the types of bodies taken from the text (text_body_types).
AGENCY_KINDS = (
    "government",
    "party",
    "people_congress",
    "cppcc",
    "mass_organization",
    "judicial",
    "commission",
    "university",
    "exchange",
    "enterprise",
    "working_group",
    "role",
    "other",
)
# What a property holds where its name does not say it; "absent" when it can be None (Neo4j
# stores no null, so such a key is missing on the node).
PROPERTY_NOTES: dict[str, str] = {
    "Plan.plan": "its own id, as on every node of the plan",
    "Plan.region_level": "national, province, prefecture, city, county, district; absent: unknown",
    "Plan.published": "a Cypher date; absent when the text gives none",
    "Plan.task_level": "the numbering read as tasks: 1. （一） 第X节 …",
    "Task.number_label": "its number as written: 27. （三） 14.6.3; '' when unnumbered",
    "Task.section": "the （一）/第X节 it sits under; absent when the chapter has none",
    "Task.gaps": "offsets in the plan text of the characters `text` leaves out (line breaks "
    "inside a paragraph, a page number of a hard-wrapped PDF); [] when none",
    "Indicator.value_max": "the upper end of a range (1~2所); absent otherwise",
    "Indicator.unit": "absent for a unit-less target",
    "Indicator.nature": "binding (约束性) or expected (预期性) where a table says; else absent",
    "Indicator.year": "absent when the target names none",
    "Place.adcode": "the GB/T 2260 code; absent below county level",
    "Place.names": "every Chinese and English form; full-text index `names`",
    "Agency.names": "every Chinese and English form; full-text index `names`",
    "Theme.terms": "Chinese and English",
    "RESPONSIBLE_FOR.role": "lead or partner",
    "Agency.kind": "the type of body: "
    + ", ".join(AGENCY_KINDS)
    + " (a body the text names that fits no kind of data/agencies.yaml is typed by how its "
    "name ends: 合肥海关 government, 省港航集团 enterprise, a 工作专班 working_group, "
    "…成员单位 role; else other)",
    "Agency.body_kind": "the genre kind of body it is one of (data/agencies.yaml ids: fgw "
    "发改委, jy 教育, sw 商务 …); absent for a body of no genre kind",
    "RESPONSIBLE_FOR.basis": "explicit (a clause or the task's text names it) or inferred",
    "RESPONSIBLE_FOR.found_by": "clause (a responsibility clause names it), text (the "
    "task's prose names it) or inferred (from remits)",
    "RESPONSIBLE_FOR.clause_word": "the clause's word as written: 牵头, 配合, 负责, 会同, "
    "牵头单位, 牵头考核单位, 责任单位, 指导, 参与 …; absent when not from a clause",
    "Plan.title_key": "its title as a cited document's key (no brackets, spaces, period): "
    "what SAME_AS matches",
    "Document.key": "the title without brackets, quotation marks, spaces, bracketed period "
    "（2021-2025年） or stage （试行）: one document however plans write it",
    "Document.title": "as the first plan loaded with it writes it, without 《》",
    "Document.kind": "法律, 条例, 规划, 纲要, 方案, 意见, 通知, 办法 … from the title's ending "
    "(data/citations.yaml); absent when it ends in none",
    "Document.plans": "ids of the plans citing it",
    "CITES.verb": "根据, 依据, 按照, 落实, 贯彻 … the verb before the title in its clause; "
    "absent when none",
    "CITES.surface": "the title as this plan writes it, without 《》",
    "CITES.count": "how often the plan names it",
    "IndicatorFamily.key": "ascii slug from data/indicator_families.yaml; the id is "
    "family-<key>",
    "IndicatorFamily.unit": "the unit its targets convert to; '' for a ratio (城乡居民收入倍差)",
    "IndicatorFamily.source": "where the canonical name comes from: plan-14 (the national "
    "14th five-year plan's main indicators), nbs, miit, moa, mofcom, mee",
    "IndicatorFamily.plans": "plans with a target in the family",
    "IN_FAMILY.terms": "the family's variants found in the target's name or clause",
    "IN_FAMILY.value": "the target's value in the family's unit; absent: the unit does not "
    "convert (个百分点 to %, 美元 to 元)",
    "IN_FAMILY.value_max": "a range's upper end in the family's unit; absent otherwise",
    "IN_FAMILY.unit": "the family's unit; absent when the value did not convert",
    "RELATED_TO.score": "stored once, from the lower task number to the higher: match "
    "undirected, `(a)-[:RELATED_TO]-(b)`",
}

# Properties a node or relationship may lack (their value can be None, which Neo4j does not
# store); every other declared property is on every node of its label.
OPTIONAL: frozenset[str] = frozenset(
    key for key, note in PROPERTY_NOTES.items() if "absent" in note
)
