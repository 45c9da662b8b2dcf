"""The graph contract researchers and frontends rely on: node labels, relationship types,
their properties, and the plain node/edge records both stores hold. The README's schema
tables are generated from this declaration (graph/schema_doc.py)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, get_args

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
        "text",
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
        "section_title",
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
        *("basis", "correction"),  # only on a target a person reviewed (REVIEW_ONLY)
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
        "held_by",
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
    Rel.MENTIONS: ("surface", *_EVIDENCE, "basis", "correction"),
    Rel.PART_OF: (),
    Rel.RESPONSIBLE_FOR: (
        "role",
        "basis",
        "found_by",
        "clause_word",
        "score",
        "terms",
        *_EVIDENCE,
        "correction",
    ),
    Rel.ABOUT: ("score", "terms", *_EVIDENCE, "basis", "correction"),
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
# The allowed values of every enumerated property: the one list the README, the data
# dictionary (docs/data-dictionary.*), the API's records (graph/records.py) and the database
# test read. The loader's own Literals (loaders/model.py, which may not import the graph)
# are held equal to these by tests/test_data_dictionary.py.
RegionLevel = Literal["national", "province", "prefecture", "city", "county", "district"]
PlaceKind = Literal[
    "country",
    "province",
    "city",
    "district",
    "county",
    "town",
    "island",
    "archipelago",
    "zone",
    "region",
]
# data/agencies.yaml's `type`s, the kinds a region profile adds (university, exchange) and
# the types of bodies the text names that fit no kind (text_body_types: enterprise …)
AgencyKind = Literal[
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
]
AgencyLevel = Literal["national", "provincial", "municipal", "county", "other"]
Comparator = Literal[">=", "<=", ">", "<", "=", "~"]
IndicatorKind = Literal["level", "increment", "cumulative"]
IndicatorNature = Literal["binding", "expected"]
IndicatorScope = Literal["goal", "task"]
Role = Literal["lead", "partner"]
# reviewed: a person confirmed, added or corrected it (graph/corrections.py)
Basis = Literal["explicit", "inferred", "reviewed"]
FoundBy = Literal["clause", "text", "inferred"]
# the numbering styles of loaders/outline.py; '' when the plan has no tasks
TaskLevel = Literal[
    "第X部分",
    "第X章",
    "第X节",
    "第X条",
    "一、",
    "(一)",
    "N.N",
    "N.N.N",
    "1.",
    "(1)",
    "paragraphs",
    "",
]

ALLOWED_VALUES: dict[str, tuple[str, ...]] = {
    "Plan.region_level": get_args(RegionLevel),
    "Plan.task_level": get_args(TaskLevel),
    "Place.kind": get_args(PlaceKind),
    "Agency.kind": get_args(AgencyKind),
    "Agency.level": get_args(AgencyLevel),
    "Indicator.comparator": get_args(Comparator),
    "Indicator.kind": get_args(IndicatorKind),
    "Indicator.nature": get_args(IndicatorNature),
    "Indicator.scope": get_args(IndicatorScope),
    "RESPONSIBLE_FOR.role": get_args(Role),
    "RESPONSIBLE_FOR.basis": get_args(Basis),
    "MENTIONS.basis": get_args(Basis),
    "ABOUT.basis": get_args(Basis),
    "Indicator.basis": get_args(Basis),
    "RESPONSIBLE_FOR.found_by": get_args(FoundBy),
}

# What a property holds where its name does not say it; "absent" when it can be None (Neo4j
# stores no null, so such a key is missing on the node), and when.
PROPERTY_NOTES: dict[str, str] = {
    "Plan.plan": "its own id, as on every node of the plan",
    "Plan.title_en": "absent: no English translation ships for the plan "
    "(data/plans/<file>.en.yaml)",
    "Plan.region_level": "absent only when the text names no region",
    "Plan.period_start": "absent when the text states no start year",
    "Plan.period_end": "absent when the text states no end year",
    "Plan.published": "the date the plan was issued, a Cypher date; absent when the text "
    "gives none",
    "Plan.task_level": "the numbering read as tasks; '' when the plan has no tasks",
    "Plan.text": "the source, verbatim: every span_start/span_end of the plan's nodes and "
    "relationships is substring(p.text, start, end - start); not in /plans answers",
    "Chapter.title_en": "absent: no English translation ships for the plan",
    "Goal.title_en": "absent: no English translation ships for the plan",
    "Goal.year": "absent when the goal names no target year",
    "Task.title_en": "absent: no English translation ships for the plan",
    "Task.number_label": "its number as written: 27. （三） 14.6.3; '' when unnumbered",
    "Task.section": "the number of the （一）/第X节 it sits under; absent when the chapter has "
    "none",
    "Task.section_title": "the heading of that （一）/第X节, as written; absent when the chapter "
    "has none",
    "Task.gaps": "offsets in the plan text of the characters `text` leaves out (line breaks "
    "inside a paragraph, a page number of a hard-wrapped PDF); [] when none",
    "Indicator.value_max": "the upper end of a range (1~2所); absent otherwise",
    "Indicator.unit": "absent for a unit-less target",
    "Indicator.nature": "binding (约束性) or expected (预期性) where a table says; else absent",
    "Indicator.year": "absent when the target names none",
    "Place.adcode": "the GB/T 2260 code; absent below county level and outside China",
    "Place.parent": "the id of the place containing it; absent for a country and a "
    "region the gazetteer places nowhere",
    "Place.names": "every Chinese and English form; full-text index `names`",
    "Place.plans": "the plans that name it (a MENTIONS from their chapters, goals or tasks)",
    "Place.held_by": "the plans whose graph holds it: those naming it or a place inside it",
    "Agency.names": "every Chinese and English form; full-text index `names`",
    "Agency.plans": "the plans with a task it is RESPONSIBLE_FOR",
    "Theme.terms": "the theme's lexicon terms, Chinese and English",
    "Theme.plans": "the plans with a task ABOUT it",
    "RESPONSIBLE_FOR.role": "lead or partner",
    "Agency.kind": "the type of body; a body the text names that fits no kind of "
    "data/agencies.yaml is typed by how its name ends: 合肥海关 government, 省港航集团 "
    "enterprise, a 工作专班 working_group, "
    "…成员单位 role; else other",
    "Agency.body_kind": "the genre kind of body it is one of (data/agencies.yaml ids: fgw "
    "发改委, jy 教育, sw 商务 …); absent for a body of no genre kind",
    "RESPONSIBLE_FOR.basis": "explicit (a clause or the task's text names it), inferred, or "
    "reviewed (a person confirmed or added it: a correction)",
    "RESPONSIBLE_FOR.correction": "the id of the correction that confirmed or added it; "
    "absent when nobody reviewed it",
    "MENTIONS.basis": "reviewed when a person confirmed or added it; absent otherwise (as "
    "read from the text)",
    "MENTIONS.correction": "the id of the correction that confirmed or added it; absent "
    "otherwise",
    "ABOUT.basis": "reviewed when a person confirmed or added it; absent otherwise (as read "
    "by the theme lexicon)",
    "ABOUT.correction": "the id of the correction that confirmed or added it; absent otherwise",
    "Indicator.basis": "reviewed when a person confirmed or corrected it; absent otherwise",
    "Indicator.correction": "the id of the correction that confirmed or corrected it; absent "
    "otherwise",
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
    "RELATED_TO.score": "how related, 0 to 1; stored once, from the lower task number to the "
    "higher: match "
    "undirected, `(a)-[:RELATED_TO]-(b)`",
}

# Properties only a correction sets (graph/corrections.py): a graph as built lacks them, and
# a snapshot need not hold them (a correction is applied after every load, never saved).
REVIEW_ONLY: frozenset[str] = frozenset(
    {
        "Indicator.basis",
        "Indicator.correction",
        "MENTIONS.basis",
        "MENTIONS.correction",
        "ABOUT.basis",
        "ABOUT.correction",
        "RESPONSIBLE_FOR.correction",
    }
)

# Properties a node or relationship may lack (their value can be None, which Neo4j does not
# store); every other declared property is on every node of its label.
OPTIONAL: frozenset[str] = frozenset(
    key for key, note in PROPERTY_NOTES.items() if "absent" in note
)

# The type of each property as stored (Neo4j's names: STRING, INTEGER, FLOAT, BOOLEAN, DATE
# and LIST<…>), by name, with the owners where one name holds another type; and what each
# name means where no note above says more. The data dictionary lists both for every
# declared property, and tests/test_data_dictionary.py checks a loaded database against them.
TYPE_BY_NAME: dict[str, str] = {
    "id": "STRING",
    "plan": "STRING",
    "title": "STRING",
    "title_en": "STRING",
    "region": "STRING",
    "region_level": "STRING",
    "period_start": "INTEGER",
    "period_end": "INTEGER",
    "published": "DATE",
    "source": "STRING",
    "sha256": "STRING",
    "task_level": "STRING",
    "text": "STRING",
    "number": "INTEGER",
    "numeral": "STRING",
    "span_start": "INTEGER",
    "span_end": "INTEGER",
    "match_start": "INTEGER",
    "match_end": "INTEGER",
    "year": "INTEGER",
    "chapter": "INTEGER",
    "number_label": "STRING",
    "keywords": "LIST<STRING>",
    "section": "INTEGER",
    "section_title": "STRING",
    "gaps": "LIST<INTEGER>",
    "name": "STRING",
    "value": "FLOAT",
    "value_max": "FLOAT",
    "unit": "STRING",
    "comparator": "STRING",
    "kind": "STRING",
    "nature": "STRING",
    "scope": "STRING",
    "scope_number": "INTEGER",
    "name_en": "STRING",
    "adcode": "STRING",
    "remote": "BOOLEAN",
    "aliases": "LIST<STRING>",
    "parent": "STRING",
    "names": "LIST<STRING>",
    "plans": "LIST<STRING>",
    "held_by": "LIST<STRING>",
    "short_name": "STRING",
    "level": "STRING",
    "terms": "LIST<STRING>",
    "evidence": "STRING",
    "surface": "STRING",
    "role": "STRING",
    "basis": "STRING",
    "score": "FLOAT",
    "places": "LIST<STRING>",
    "themes": "LIST<STRING>",
    "body_kind": "STRING",
    "found_by": "STRING",
    "clause_word": "STRING",
    "key": "STRING",
    "dimension": "STRING",
    "variants": "LIST<STRING>",
    "title_key": "STRING",
    "verb": "STRING",
    "count": "INTEGER",
    "correction": "STRING",
}
TYPE_OF: dict[str, str] = {}  # "Owner.property" -> type, where it is not TYPE_BY_NAME's

MEANING_BY_NAME: dict[str, str] = {
    "id": "the node's key, unique across the graph",
    "plan": "the id of the plan the node belongs to",
    "title": "the heading or first sentence, as written",
    "title_en": "the English title",
    "region": "the region the plan is of (安徽, 舟山) or 全国",
    "region_level": "the level of the plan's region",
    "period_start": "the first year of the plan's period",
    "period_end": "the last year of the plan's period",
    "published": "the date the plan was issued",
    "source": "the file name the plan was read from",
    "sha256": "SHA-256 of the decoded text (UTF-8, LF line ends)",
    "task_level": "the numbering read as tasks",
    "text": "the full text, as written",
    "number": "its number within the plan, from 1",
    "numeral": "the chapter heading's numeral: 一, 二 …",
    "span_start": "where the node's text (or the evidence sentence) starts in Plan.text",
    "span_end": "where it ends (exclusive)",
    "match_start": "where the words that made the link start in Plan.text",
    "match_end": "where they end (exclusive)",
    "year": "the target year",
    "chapter": "the number of the chapter it is in",
    "keywords": "jieba TF-IDF keywords, best first (RELATED_TO: the ones both tasks share)",
    "number_label": "its number as written",
    "gaps": "offsets of the characters `text` leaves out",
    "section": "the number of its section",
    "section_title": "the heading of its section",
    "name": "the name, as written or as the gazetteer/catalogue gives it",
    "value": "the target's number",
    "value_max": "the upper end of a range",
    "unit": "the unit as written",
    "comparator": "how the value bounds the target: >= (不低于, 以上), <= (以内), = …",
    "kind": "the kind",
    "nature": "binding or expected",
    "scope": "whether a goal or a task states it",
    "scope_number": "the number of that goal or task",
    "name_en": "the English name",
    "adcode": "the GB/T 2260 code",
    "remote": "true when outside the plan's region",
    "aliases": "other Chinese forms",
    "parent": "the containing node's id",
    "names": "every form it goes by",
    "plans": "the plans that name it",
    "held_by": "the plans whose graph holds it",
    "short_name": "the short form plans write (市发改委)",
    "level": "the level of government of the body",
    "terms": "the words found (name, remit or theme terms)",
    "evidence": "the sentence the link was read from, verbatim",
    "surface": "the form in the text",
    "role": "lead or partner",
    "basis": "how the link was made",
    "score": "how strong the link is, 0 to 1",
    "places": "the places both tasks name",
    "themes": "the themes both tasks are about",
    "body_kind": "the genre kind of body (data/agencies.yaml id)",
    "found_by": "where the text names the body: a clause, the prose, or nowhere (inferred)",
    "clause_word": "the responsibility clause's own word",
    "key": "a stable ascii key",
    "dimension": "what the family's units measure: percent, money, count …",
    "variants": "the names plans give it",
    "title_key": "the title as a cited document's key",
    "verb": "the word that introduces a citation",
    "count": "how many times",
    "correction": "the id of the correction (a person's review) behind it",
}


def property_type(owner: str, key: str) -> str | None:
    """The declared type of `owner.key` (owner a label or a relationship type); None when
    nothing declares one (tests/test_data_dictionary.py requires one for every property)."""
    return TYPE_OF.get(f"{owner}.{key}") or TYPE_BY_NAME.get(key)
