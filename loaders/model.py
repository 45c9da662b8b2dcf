"""The Plan: a typed, JSON-serialisable model of one plan and everything read from it.

`Plan.text` is the decoded source (UTF-8, LF line ends), the document's own characters.
Every extracted thing carries its `span` (character offsets into `Plan.text`), so
`plan.text[span.start:span.end]` is exactly what it came from; titles, texts and
evidence quote it verbatim (in hard-wrapped PDF text, less the line breaks inside a
paragraph).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Comparator = Literal[">=", "<=", ">", "<", "=", "~"]
IndicatorKind = Literal["level", "increment", "cumulative"]


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Model):
    """Half-open character offsets [start, end) into the plan's source text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Heading(Model):
    """A heading of the plan's outline, as `plankg inspect` shows the tree."""

    level: int = Field(
        description="rank of its numbering: 第X章 1, 第X条 3, 一、 4, (一) 5, 1. 8 …"
    )
    label: str = Field(description="its number as written: 一、 (三) 1. 2.3.1; '' if named")
    title: str
    line: int = Field(description="1-based line of the source it starts on")
    span: Span = Field(description="the heading and everything under it")


class Section(Model):
    """A sub-heading between a chapter and its tasks: （一）, 第X节, N.N."""

    number: int
    numeral: str
    title: str
    title_en: str | None = None
    span: Span


class Chapter(Model):
    id: str
    number: int = Field(description="1-based, from the Chinese numeral of the heading")
    numeral: str = Field(description="the heading's numeral: 一, 二, …")
    title: str
    title_en: str | None = None
    span: Span = Field(description="the whole chapter, heading included")
    sections: list[Section] = []


class Goal(Model):
    id: str
    number: int
    title: str = Field(description="the goal's first sentence")
    title_en: str | None = None
    text: str
    year: int | None
    chapter: int
    path: list[str] = Field(description="ids from the plan down to this goal")
    span: Span


class Task(Model):
    id: str
    number: int = Field(
        description="the document's number where it numbers its tasks 1..N "
        "(or (三)..(二十)) in one run; else the task's place in order"
    )
    label: str = Field(
        "",
        description="the task's number as written: 27. (三) 14.6.3; '' for an unnumbered measure",
    )
    title: str = Field(description="the sentence after the task's number")
    title_en: str | None = None
    text: str = Field(description="the task's full text, without its number")
    keywords: list[str] = Field([], description="jieba TF-IDF keywords, best first")
    chapter: int
    section: int | None = None
    path: list[str]
    span: Span


class Indicator(Model):
    """A numeric target stated in a goal or a task."""

    id: str
    name: str
    value: float
    value_max: float | None = Field(None, description="the upper end of a range (1~2所)")
    unit: str
    comparator: Comparator
    year: int | None
    kind: IndicatorKind
    nature: Literal["binding", "expected"] | None = Field(
        None, description="约束性 (binding) or 预期性 (expected), where an indicator table says"
    )
    scope: Literal["goal", "task"]
    scope_number: int
    chapter: int
    path: list[str]
    text: str = Field(description="the evidence: the sentence stating the target, verbatim")
    span: Span = Field(description="the evidence sentence")
    match_span: Span = Field(description="the target itself: name, value, unit, comparator")


PlaceKind = Literal[
    "province",
    "city",
    "district",
    "county",
    "town",
    "island",
    "archipelago",
    "zone",
    "region",
    "country",
]


class Place(Model):
    """A place: a division of the national gazetteer, a genre place (data/places.yaml) or
    a region profile's place (data/regions/<region>/places.yaml)."""

    id: str
    name: str
    name_en: str
    kind: PlaceKind
    adcode: str | None = None
    parent: str | None = None
    aliases: list[str] = []
    remote: bool = False
    profile: str | None = Field(
        None, description="the region profile it comes from; none: national gazetteer, genre"
    )


class Agency(Model):
    """A body: a region's body of a genre kind (data/agencies.yaml), a region profile's
    own body (data/regions/<region>/agencies.yaml), or one taken from a plan's text."""

    id: str
    name: str
    short_name: str
    name_en: str
    level: str
    kind: str
    aliases: list[str] = []
    remit: list[str] = []
    body_kind: str | None = Field(None, description="the genre kind: fgw, jy …; none: other")
    region: str | None = Field(None, description="whose body: a place id; none: national")
    profile: str | None = Field(None, description="the region profile it comes from")


class Theme(Model):
    """A theme of the bilingual lexicon (data/themes.yaml)."""

    id: str
    name: str
    name_en: str
    terms: list[str] = []
    terms_en: list[str] = []


class Evidence(Model):
    """Where a link was read: the sentence, verbatim, and spans into Plan.text."""

    evidence: str
    span: Span = Field(description="the evidence sentence")
    match_span: Span = Field(description="the words that made the link")


class Mention(Evidence):
    """(Chapter|Goal|Task)-[:MENTIONS]->(Place): the place is named in the text; a chapter
    mentions what its text outside its goals and tasks names (its preamble, the situation,
    the principles, the safeguards)."""

    place: str
    surface: str = Field(description="the form in the text: 岱山, 舟岱大桥, 融沪接甬 …")
    scope: Literal["chapter", "goal", "task"]
    scope_number: int


class Responsibility(Evidence):
    """(Agency)-[:RESPONSIBLE_FOR]->(Task)."""

    agency: str
    task: int
    role: Literal["lead", "partner"]
    basis: Literal["explicit", "inferred"] = Field(
        description="explicit: the text names the body; inferred: from the agency's remit"
    )
    score: float
    terms: list[str] = Field(description="the name or remit terms found in the task")
    duty: str | None = Field(
        None,
        description="the clause's word: 牵头, 配合, 负责, 责任单位, 指导, 参与; none outside one",
    )
    found_by: Literal["clause", "text", "inferred"] = Field(
        "inferred",
        description="clause: a responsibility clause names it; text: the task's prose names "
        "the body (basis explicit as well); inferred: from the agencies' remits",
    )
    clause_word: str | None = Field(
        None,
        description="the clause's word as written (牵头, 配合, 负责, 负责落实, 会同, 牵头单位, "
        "牵头考核单位, 责任单位 …); none outside a clause",
    )


class ThemeLink(Evidence):
    """(Task)-[:ABOUT]->(Theme)."""

    theme: str
    task: int
    score: float
    terms: list[str]


class IndicatorFamily(Model):
    """A kind of indicator plans of every level state (data/indicator_families.yaml)."""

    key: str
    name: str
    name_en: str
    dimension: str
    unit: str = Field(description="the canonical unit its targets convert to; '' for a ratio")
    source: str = Field(description="where the canonical name comes from: plan-14, nbs …")
    variants: list[str]


class FamilyLink(Model):
    """(Indicator)-[:IN_FAMILY]->(IndicatorFamily): the target's value in the family's unit."""

    indicator: str = Field(description="the Indicator's id")
    family: str = Field(description="the family's key")
    score: float
    terms: list[str] = Field(description="the variants found, in the name or before the value")
    value: float | None = Field(description="the value in the family's unit; None: no conversion")
    value_max: float | None
    unit: str | None = Field(description="the family's unit, None when the value did not convert")


class Relation(Model):
    """(Task)-[:RELATED_TO]->(Task): what two tasks share, and how much."""

    source: int
    target: int
    score: float
    places: list[str] = []
    themes: list[str] = []
    keywords: list[str] = []


class Citation(Model):
    """A document the plan names in 《…》 (loaders/citations.py): one per document."""

    document: str = Field(description="the key mentions share: no brackets, spaces, period")
    title: str = Field(description="as written at the mention shown, without the outer 《》")
    kind: str | None = Field(description="法律, 条例, 规划 … from the title's ending; None")
    verb: str | None = Field(description="根据, 落实 … before it in its clause; None")
    evidence: str = Field(description="the sentence of the mention shown (the first with a verb)")
    span: Span = Field(description="the sentence's offsets in the plan text")
    count: int = Field(description="how often the plan names it")
    mentions: list[Span] = Field(description="every 《…》 naming it, brackets included")


class Plan(Model):
    id: str
    title: str
    title_en: str | None = None
    region: str = Field(
        description="a division of the national gazetteer by its short form (安徽, 舟山) or "
        "全国; '' when the text names none (the plan then warns)"
    )
    region_level: str | None = Field(
        None,
        description="national, province (the four municipalities too), prefecture, county; "
        "city or district for a division the gazetteer lacks",
    )
    period_start: int | None = Field(description="None: the text states no start")
    period_end: int | None = Field(description="None: the text states no end")
    published: dt.date | None
    source: str = Field(description="the file name the plan was read from")
    sha256: str = Field(description="SHA-256 of the decoded source text (UTF-8, LF line ends)")
    text: str = Field(description="the decoded source text that every span points into")
    body: Span | None = Field(
        None,
        description="the plan itself, title to last paragraph: "
        "what lies outside is page chrome or a covering notice",
    )
    task_level: str = Field("", description="the numbering taken as tasks: 1. (一) 第X节 …")
    headings: list[Heading] = Field([], description="the outline, in document order")
    chapters: list[Chapter]
    goals: list[Goal]
    tasks: list[Task]
    indicators: list[Indicator]
    places: list[Place] = Field([], description="places mentioned, with their ancestors")
    agencies: list[Agency] = Field([], description="agencies linked to a task")
    themes: list[Theme] = Field([], description="themes linked to a task")
    mentions: list[Mention] = []
    responsibilities: list[Responsibility] = []
    theme_links: list[ThemeLink] = []
    relations: list[Relation] = []
    citations: list[Citation] = Field([], description="documents named in 《…》, not itself")
    families: list[IndicatorFamily] = Field([], description="families its targets joined")
    family_links: list[FamilyLink] = []
    warnings: list[str] = []
