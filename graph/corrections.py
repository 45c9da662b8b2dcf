"""Corrections: a person's statement about one fact of one plan (confirm, reject or add a
link; correct a target's fields), and how a built graph takes them, in either store.

A fact is named by a key made of the plan's own numbers and the entities' ids
(`agency:task:27:<agency id>:lead`, `place:task:12:<place id>`, `theme:task:3:<theme id>`,
`target:task:14:<target name>`), never by an internal id a reload renumbers; a correction
belongs to the plan text it was made on (its sha256): once the text changes it is stale and
no longer applied.

Applying is one rule for both stores: a fact's state is the `after` of its newest live
correction, or, when every correction of it was withdrawn, the `before` of its first one
(the fact as the loader made it). A store hands over a `Graph` (the few reads and writes
this needs); `refresh` sets one fact, `apply_all` every corrected fact of a load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from plankg.errors import PlankgError
from plankg.graph.schema import Comparator, IndicatorKind, Rel, Role

Action = Literal["confirm", "reject", "add", "correct"]
Status = Literal["applied", "stale", "withdrawn"]
REVIEWED = "reviewed"
MAX_WHY = 2000  # characters of a reason: a sentence or a paragraph, never a document
Id = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Number = Annotated[int, Field(ge=1, le=1_000_000_000)]


class BadCorrection(PlankgError, ValueError):
    """A correction that cannot be made (no such fact, a span outside the text …): the
    API answers 422 with this sentence."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlaceFact(Strict):
    kind: Literal["place"]
    task: Number | None = None
    goal: Number | None = None
    place: Id


class AgencyFact(Strict):
    kind: Literal["agency"]
    task: Number
    agency: Id
    role: Role


class ThemeFact(Strict):
    kind: Literal["theme"]
    task: Number
    theme: Id


class TargetFields(Strict):
    value: float | None = Field(None, allow_inf_nan=False)
    value_max: float | None = Field(None, allow_inf_nan=False)
    unit: Annotated[str, StringConstraints(max_length=50)] | None = None
    comparator: Comparator | None = None
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    kind: IndicatorKind | None = None


class TargetFact(Strict):
    kind: Literal["target"]
    indicator: Number = Field(description="the target's number in the plan (/indicators)")
    fields: TargetFields | None = None


Fact = Annotated[PlaceFact | AgencyFact | ThemeFact | TargetFact, Field(discriminator="kind")]


class SpanIn(Strict):
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=1)]


class CorrectionIn(Strict):
    """What an editor sends: POST /plans/{id}/corrections."""

    action: Action
    fact: Fact
    why: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_WHY)]
    span: SpanIn | None = Field(
        None, description="add only: the words of the plan text that prove the fact"
    )


class Correction(Strict):
    """A correction as kept and served: the fact as it was (`before`) and as it is after
    (`after`; null: the link is gone), who made it, when and why."""

    id: str
    plan: str
    plan_sha256: str = Field(description="the plan text it was made on")
    key: str = Field(description="the fact's stable key")
    action: Action
    fact: dict[str, Any]
    span: dict[str, int] | None = None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    who: str
    when: str = Field(description="ISO 8601, UTC")
    why: str
    status: Status = Field(
        description="applied; stale: the plan text changed since (not applied); withdrawn"
    )


# -- where a fact lives in a graph ---------------------------------------------------------


class Graph(Protocol):
    """What applying a correction asks of a store's graph."""

    def node(self, node_id: str, label: str) -> Mapping[str, Any] | None:
        """The node's properties (with its `label`), or None when no `label` node has it."""
        ...

    def link(self, source: str, target: str, rel: Rel) -> Mapping[str, Any] | None: ...
    def set_link(
        self, source: str, target: str, rel: Rel, properties: Mapping[str, Any] | None
    ) -> None:
        """Replace the link's properties; None removes the link."""
        ...

    def set_node(self, node_id: str, label: str, properties: Mapping[str, Any]) -> None:
        """Replace these properties of the node (None removes one)."""
        ...


class Located(BaseModel):
    """A fact found in a graph: its key, and the link or the target node it is."""

    key: str
    source: str
    target: str | None = None  # None: a target (the Indicator node `source`)
    rel: Rel | None = None


TARGET_FIELDS = ("value", "value_max", "unit", "comparator", "year", "kind")
# The label of the place, agency or theme at a link's other end; and the ends' labels.
ENTITY_LABEL = {Rel.MENTIONS: "Place", Rel.RESPONSIBLE_FOR: "Agency", Rel.ABOUT: "Theme"}


def task_node(plan: str, number: int) -> str:
    return f"{plan}-task-{number}"  # loaders/plan.py's ids


def goal_node(plan: str, number: int) -> str:
    return f"{plan}-goal-{number}"


def locate(graph: Graph, plan: str, fact: Fact) -> Located:
    """Where the fact is (or would be, for an add); BadCorrection when its task, goal,
    place, agency, theme or target does not exist."""
    if isinstance(fact, TargetFact):
        found = graph.node(f"{plan}-indicator-{fact.indicator}", "Indicator")
        if found is None or found.get("plan") != plan:
            raise BadCorrection(f"plan {plan!r} has no target {fact.indicator}")
        return Located(key=target_key(found), source=f"{plan}-indicator-{fact.indicator}")
    if isinstance(fact, PlaceFact):
        if (fact.task is None) == (fact.goal is None):
            raise BadCorrection("a place fact names either a task or a goal")
        scope, number = ("task", fact.task) if fact.task else ("goal", fact.goal)
        scope_id = (task_node if scope == "task" else goal_node)(plan, number)
        _must(graph, scope_id, f"plan {plan!r} has no {scope} {number}", scope.title())
        _must(graph, fact.place, f"no place {fact.place!r}", "Place")
        return Located(
            key=f"place:{scope}:{number}:{fact.place}",
            source=scope_id,
            target=fact.place,
            rel=Rel.MENTIONS,
        )
    scope_id = task_node(plan, fact.task)
    _must(graph, scope_id, f"plan {plan!r} has no task {fact.task}", "Task")
    if isinstance(fact, AgencyFact):
        _must(graph, fact.agency, f"no agency {fact.agency!r}", "Agency")
        return Located(
            key=f"agency:task:{fact.task}:{fact.agency}:{fact.role}",
            source=fact.agency,
            target=scope_id,
            rel=Rel.RESPONSIBLE_FOR,
        )
    _must(graph, fact.theme, f"no theme {fact.theme!r}", "Theme")
    return Located(
        key=f"theme:task:{fact.task}:{fact.theme}",
        source=scope_id,
        target=fact.theme,
        rel=Rel.ABOUT,
    )


def target_key(indicator: Mapping[str, Any]) -> str:
    """A target by where it is stated and its name: adding a target elsewhere in the plan
    renumbers the targets, not this."""
    return f"target:{indicator['scope']}:{indicator['scope_number']}:{indicator['name']}"


def _must(graph: Graph, node_id: str, message: str, label: str) -> None:
    if graph.node(node_id, label) is None:
        raise BadCorrection(message)


def state(graph: Graph, where: Located) -> dict[str, Any] | None:
    """The fact as the graph holds it now: the link's properties (None: no link), or the
    target's fields with its basis and correction."""
    if where.rel is None:
        node = graph.node(where.source, "Indicator") or {}
        return {k: node.get(k) for k in (*TARGET_FIELDS, "basis", "correction")}
    found = graph.link(where.source, where.target, where.rel)
    # Without its absent (None) properties: Neo4j stores none, and both stores keep the same
    return {k: v for k, v in found.items() if v is not None} if found is not None else None


def _set(graph: Graph, where: Located, value: Mapping[str, Any] | None) -> None:
    if where.rel is None:
        graph.set_node(where.source, "Indicator", value or {"basis": None, "correction": None})
        return
    graph.set_link(where.source, where.target, where.rel, value)
    if value is not None:  # an added link: its place, agency or theme is now the plan's too
        scope, entity = (
            (where.target, where.source)
            if where.rel == Rel.RESPONSIBLE_FOR
            else (where.source, where.target)
        )
        plan = scope.rsplit("-task-", 1)[0].rsplit("-goal-", 1)[0]  # task_node, goal_node
        label = ENTITY_LABEL[where.rel]
        node = graph.node(entity, label) or {}
        keys = ("plans", "held_by") if label == "Place" else ("plans",)
        grown = {k: sorted({*node.get(k, []), plan}) for k in keys if plan not in node.get(k, [])}
        if grown:
            graph.set_node(entity, label, grown)


# -- what a correction does --------------------------------------------------------------

SENTENCE_END = re.compile(r"[。！？；\n]")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end]: from after the previous 。！？； or line
    break to the next one (kept), leading spaces left out."""
    before = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    after = SENTENCE_END.search(text, end)
    stop = (
        after.end() if after and after.group() != "\n" else (after.start() if after else len(text))
    )
    while before < start and text[before].isspace():
        before += 1
    return before, max(stop, end)


def after_of(
    graph: Graph,
    plan_text: str,
    where: Located,
    request: CorrectionIn,
    correction_id: str,
    plan: str,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(before, after) of the fact for this correction, or BadCorrection: confirm and reject
    need the fact to be there, add needs it absent and a span in the text, correct is for
    targets only."""
    before = state(graph, where)
    fact = request.fact
    is_target = where.rel is None
    mark = {"basis": REVIEWED, "correction": correction_id}
    if request.action == "correct":
        if not is_target:
            raise BadCorrection(
                "correct changes a target's fields; a link is confirmed, rejected or added"
            )
        if request.fact.fields is None or not request.fact.fields.model_fields_set:
            raise BadCorrection(
                "correct needs fact.fields: value, value_max, unit, comparator, year or kind"
            )
        changed = request.fact.fields.model_dump(exclude_unset=True)
        return before, {**before, **changed, **mark}
    if is_target:
        if request.action == "confirm":
            return before, {**before, **mark}
        raise BadCorrection(f"a target is confirmed or corrected, not {request.action}ed")
    if request.action in ("confirm", "reject"):
        if before is None or (isinstance(fact, AgencyFact) and before.get("role") != fact.role):
            raise BadCorrection(f"no such link to {request.action}: {where.key}")
        return before, ({**before, **mark} if request.action == "confirm" else None)
    # add
    if before is not None and (not isinstance(fact, AgencyFact) or before.get("role") == fact.role):
        raise BadCorrection(f"the link is there already ({where.key}): confirm it instead")
    if before is not None:
        raise BadCorrection(
            f"the agency is {before.get('role')} of the task already: reject that link first"
        )
    if request.span is None:
        raise BadCorrection("add needs span: {start, end}, the words of the text proving it")
    start, end = request.span.start, request.span.end
    if not 0 <= start < end <= len(plan_text):
        raise BadCorrection(
            f"span {start}..{end} is not inside the plan text (0..{len(plan_text)})"
        )
    surface = plan_text[start:end]
    if isinstance(fact, PlaceFact | AgencyFact):
        entity = (
            graph.node(fact.place, "Place")
            if isinstance(fact, PlaceFact)
            else graph.node(fact.agency, "Agency")
        ) or {}
        forms = {*entity.get("names", []), entity.get("name"), entity.get("short_name")}
        if surface not in forms:
            raise BadCorrection(
                f"span {start}..{end} reads {surface!r}, which is not a name of "
                f"{entity.get('name')!r}"
            )
    sentence = sentence_around(plan_text, start, end)
    evidence = {
        "evidence": plan_text[sentence[0] : sentence[1]],
        "span_start": sentence[0],
        "span_end": sentence[1],
        "match_start": start,
        "match_end": end,
    }
    if isinstance(fact, PlaceFact):
        return before, {"surface": surface, **evidence, **mark}
    if isinstance(fact, AgencyFact):
        return before, {
            "role": fact.role,
            "basis": REVIEWED,
            "found_by": "text",
            "clause_word": None,
            "score": 1.0,
            "terms": [surface],
            **evidence,
            "correction": correction_id,
        }
    return before, {"score": 1.0, "terms": [surface], **evidence, **mark}


# -- applying kept corrections -------------------------------------------------------------


def ends(source: str, rel: Rel) -> tuple[str, str]:
    """The labels at a link's two ends (a MENTIONS starts at a goal or a task: which one
    its id says, as task_node and goal_node make them)."""
    if rel == Rel.MENTIONS:
        return ("Goal" if "-goal-" in source else "Task"), "Place"
    return {Rel.RESPONSIBLE_FOR: ("Agency", "Task"), Rel.ABOUT: ("Task", "Theme")}[rel]


def _there(graph: Graph, where: Located) -> bool:
    """Whether the fact's nodes are in the graph (a place or agency a newer gazetteer or
    catalogue no longer has is not: its corrections wait, unapplied)."""
    if where.rel is None:
        return graph.node(where.source, "Indicator") is not None
    first, second = ends(where.source, where.rel)
    return graph.node(where.source, first) is not None and (
        graph.node(where.target, second) is not None
    )


def refresh(graph: Graph, where: Located, corrections: list[Correction]) -> None:
    """Set the fact from its corrections (all of one fact, oldest first): the newest live
    one's `after`, else, every one withdrawn, the first one's `before`."""
    if not _there(graph, where):
        return
    live = [c for c in corrections if c.status == "applied"]
    if live:
        _set(graph, where, live[-1].after)
    elif corrections:
        _set(graph, where, corrections[0].before)


def located(correction: Correction) -> Located:
    """Where a kept correction's fact lives, from its plan and fact alone (no graph)."""
    fact = correction.fact
    plan = correction.plan
    kind = fact["kind"]
    if kind == "target":
        return Located(key=correction.key, source=f"{plan}-indicator-{fact['indicator']}")
    if kind == "place":
        scope_id = (
            task_node(plan, fact["task"]) if fact.get("task") else goal_node(plan, fact["goal"])
        )
        return Located(key=correction.key, source=scope_id, target=fact["place"], rel=Rel.MENTIONS)
    if kind == "agency":
        return Located(
            key=correction.key,
            source=fact["agency"],
            target=task_node(plan, fact["task"]),
            rel=Rel.RESPONSIBLE_FOR,
        )
    return Located(
        key=correction.key,
        source=task_node(plan, fact["task"]),
        target=fact["theme"],
        rel=Rel.ABOUT,
    )


def by_fact(corrections: Iterable[Correction]) -> dict[tuple[str, str], list[Correction]]:
    """Corrections grouped by (plan, fact key), oldest first in each group."""
    groups: dict[tuple[str, str], list[Correction]] = {}
    for c in sorted(corrections, key=lambda c: c.when):
        groups.setdefault((c.plan, c.key), []).append(c)
    return groups


def apply_all(graph: Graph, corrections: Iterable[Correction], sha256_of: Mapping[str, str]) -> int:
    """Apply every kept correction of the loaded plans (`sha256_of`: plan id -> the loaded
    text's sha256). Stale ones are not applied (their text changed), withdrawn ones only
    restore what they changed. The number of facts set."""
    count = 0
    for (plan, _), group in by_fact(corrections).items():
        current = [c for c in group if c.plan_sha256 == sha256_of.get(plan)]
        if not current:
            continue
        where = located(current[0])
        target = graph.node(where.source, "Indicator") if where.rel is None else None
        if where.rel is None and target_key(target or _NO_TARGET) != where.key:
            continue  # the target's number now names another target: leave it alone
        refresh(graph, where, current)
        count += 1
    return count


_NO_TARGET = {"scope": "", "scope_number": 0, "name": ""}


def with_status(correction: Correction, sha256: str | None) -> Correction:
    """The correction as served: stale when the loaded plan's text is not the one it was
    made on (withdrawn stays withdrawn)."""
    if correction.status == "applied" and sha256 != correction.plan_sha256:
        return correction.model_copy(update={"status": "stale"})
    return correction
