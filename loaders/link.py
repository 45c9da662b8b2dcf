"""Entity linking: places, agencies and themes in the plan's sentences, with evidence.

- Places and agencies are names: they count only as whole words (jieba boundaries, with
  the project's user dictionary), and a place name inside a longer known name
  (上海期货交易所, 浙江大学) is not a mention of the place.
- Agencies: a body the task names is `explicit`; otherwise the agency whose remit terms
  best cover the task's words is the `inferred` lead (terms weighted by how rare they are
  across the plan's tasks), with close runners-up as partners.
- Themes: the lexicon's terms found in the task, scored by how often they occur.
- Keywords: jieba TF-IDF; RELATED_TO from shared places, themes and keywords.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import accumulate

from plankg.loaders import gazetteer
from plankg.loaders.agencies import (
    BodyForm,
    body_forms,
    named_division_body,
    resolve,
    taken_from_text,
)
from plankg.loaders.catalogue import Catalogue, catalogue_for, plan_catalogue
from plankg.loaders.clauses import find_clauses, rule_from
from plankg.loaders.clean import fold
from plankg.loaders.families import link_families
from plankg.loaders.model import (
    Agency,
    Mention,
    Place,
    Plan,
    Relation,
    Responsibility,
    Span,
    ThemeLink,
)
from plankg.loaders.places import (
    WORD,
    Candidate,
    choose,
    division_of,
    join_short_zones,
    names_no_place,
    pattern_candidates,
    score_division,
)
from plankg.loaders.segment import Hit, Matcher, keywords, words_of
from plankg.loaders.targets import SENTENCE_RE
from plankg.loaders.unwrap import Unwrapped

LEAD_KINDS = {"government", "party", "commission"}  # bodies that can lead a task
PARTNER_SHARE = 0.5  # a partner's remit score is at least this share of the lead's
MAX_PARTNERS = 3
RELATED_PER_TASK = 5
RELATED_MIN_SCORE = 0.1
# A task is scored against at most this many of the tasks after it that share a place, theme
# or keyword with it, the nearest (_relations): linear in the tasks, not quadratic.
RELATED_CANDIDATES = 200


@dataclass(frozen=True)
class Matchers:
    names: Matcher  # places, compounds, not-mentions and bodies together
    place_ids: dict[str, tuple[str, ...]]
    bodies: dict[str, BodyForm]
    candidates: dict[str, Agency]  # the bodies whose remit may make them a task's lead
    themes: Matcher
    theme_ids: dict[str, tuple[str, ...]]
    remit: Matcher
    remit_ids: dict[str, tuple[str, ...]]
    unresolved: frozenset[str]  # division names ambiguous outside the plan's region
    word_forms: frozenset[str]  # own divisions' short forms that are ordinary words too


_MATCHERS: dict[int, Matchers] = {}  # by catalogue, until forget_regions()


def matchers(cat: Catalogue) -> Matchers:
    if id(cat) not in _MATCHERS:
        _MATCHERS[id(cat)] = _build_matchers(cat)
    return _MATCHERS[id(cat)]


def forget_regions() -> None:
    """Empty the per-region caches: the catalogues and the matchers built for them (rebuilt,
    the same, when a region comes again). They go together: the matchers are keyed by the
    catalogue's id(), and a catalogue freed alone could leave its id to a new one of another
    region, whose matchers would then be found for it. (Body forms are kept: they are keyed
    by profile, a handful at most.)"""
    catalogue_for.cache_clear()
    _MATCHERS.clear()
    _NAMES.clear()  # by division: one per county of a county corpus


@dataclass(frozen=True)
class _Names:
    """The part of the matchers that depends only on the plan's division and its profile
    (catalogue_for takes places, compounds, not-mentions, bodies and theme terms from the
    profile alone): built once for the many regions that share them, and shared read-only."""

    names: Matcher
    place_ids: dict[str, tuple[str, ...]]
    unresolved: frozenset[str]
    word_forms: frozenset[str]
    themes: Matcher
    theme_ids: dict[str, tuple[str, ...]]


_NAMES: dict[tuple[str | None, str | None], _Names] = {}


def _names(cat: Catalogue) -> _Names:
    key = (cat.region_code, cat.profile.key if cat.profile else None)
    if key not in _NAMES:
        _NAMES[key] = _build_names(cat)
    return _NAMES[key]


def _build_names(cat: Catalogue) -> _Names:
    place_ids: dict[str, tuple[str, ...]] = {}
    unresolved: set[str] = set()
    for form in gazetteer.surfaces():
        code = gazetteer.resolve(form, cat.region_code)
        if code:
            place_ids[form] = (cat.division_ids[code],)
        else:
            unresolved.add(form)
    word_forms: set[str] = set()
    if cat.region_code:  # 宝山 in a Shanghai plan: a candidate that needs evidence
        for form, codes in gazetteer.word_forms().items():
            own = [c for c in codes if c[:2] == cat.region_code[:2]]
            if len(own) == 1 and form not in place_ids:
                place_ids[form] = (cat.division_ids[own[0]],)
                word_forms.add(form)
    national = {p.id for p in cat.places.values() if p.adcode and len(p.adcode) == 6}
    for place in cat.places.values():
        if place.id in national:
            continue  # divisions: by the gazetteer's forms, resolved within the region
        for surface in (place.name, *place.aliases):
            place_ids[surface] = (place.id,)
    if cat.profile:  # local aliases of divisions (岱山岛)
        for code, aliases in cat.profile.division_aliases.items():
            for alias in aliases:
                place_ids[alias] = (cat.division_ids[code],)
    for compound in cat.compounds:
        place_ids[compound.text] = compound.places
    bodies = body_forms(cat)
    theme_ids: dict[str, list[str]] = defaultdict(list)
    for theme in cat.themes.values():
        for term in (*theme.terms, *cat.local_theme_terms.get(theme.id, ())):
            theme_ids[term].append(theme.id)
    return _Names(
        names=Matcher.of([*place_ids, *bodies, *cat.not_mentions, *unresolved]),
        place_ids=place_ids,
        unresolved=frozenset(unresolved),
        word_forms=frozenset(word_forms),
        themes=Matcher.of(theme_ids),
        theme_ids={k: tuple(v) for k, v in theme_ids.items()},
    )


def _build_matchers(cat: Catalogue) -> Matchers:
    shared = _names(cat)
    if cat.profile:
        candidates = dict(cat.agencies)
    else:  # one body of each kind at the plan's level
        candidates = {}
        for kind in cat.kinds.values():
            agency = resolve(BodyForm(kind.id, None), kind.name, cat)
            candidates[agency.id] = agency
    remit_ids: dict[str, list[str]] = defaultdict(list)
    for agency in candidates.values():
        for term in agency.remit:
            remit_ids[term].append(agency.id)
    return Matchers(
        names=shared.names,
        place_ids=shared.place_ids,
        bodies=body_forms(cat),
        candidates=candidates,
        themes=shared.themes,
        theme_ids=shared.theme_ids,
        remit=Matcher.of(remit_ids),
        remit_ids={k: tuple(v) for k, v in remit_ids.items()},
        unresolved=shared.unresolved,
        word_forms=shared.word_forms,
    )


@dataclass
class Sentence:
    start: int
    end: int
    names: list[Hit]
    themes: list[Hit]
    remit: list[Hit]
    edges: list[int] = field(default_factory=list)  # its word boundaries


@dataclass
class ScopeReading:
    """What one goal or task says, sentence by sentence, and its words."""

    sentences: list[Sentence] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


def read_scope(text: str, span: Span, m: Matchers) -> ScopeReading:
    reading = ScopeReading()
    for s in SENTENCE_RE.finditer(text, span.start, span.end):
        start, end = s.span()
        cut = words_of(text[start:end])
        reading.words += cut
        edges = list(accumulate(map(len, cut), initial=start))  # words follow each other
        reading.sentences.append(
            Sentence(
                start,
                end,
                names=list(m.names.find_words(text, edges)),
                themes=list(m.themes.find(text, start, end)),
                remit=list(m.remit.find(text, start, end)),
                edges=edges,
            )
        )
    return reading


def _evidence(text: str, sentence: Sentence, hit: Hit) -> dict:
    return {
        "evidence": text[sentence.start : sentence.end],
        "span": Span(start=sentence.start, end=sentence.end),
        "match_span": Span(start=hit.start, end=hit.end),
    }


def link_plan(plan: Plan) -> Plan:
    """The plan with its places, agencies, themes, keywords and related tasks.

    Names and clauses are matched in the folded text (full-width forms half-width, the
    same length), so （牵头单位：…） and (牵头单位:…) read alike; evidence and surfaces are
    then quoted from the plan's own text at the same spans."""
    source = plan.text
    # A hard-wrapped plan is read without its wrap breaks (loaders/unwrap.py): a sentence,
    # name or clause a break cuts is read whole; spans are mapped back to the plan's text.
    unwrapped = Unwrapped.of(plan)
    view = unwrapped.plan if unwrapped else plan
    linked = _link(view.model_copy(update={"text": fold(view.text)}))

    def requote(link):
        # Only what folding changed is copied (most evidence of a half-width plan is not);
        # quoted from the view: the plan's own characters, less wrap breaks.
        update = {}
        evidence = view.text[link.span.start : link.span.end]
        if evidence != link.evidence:
            update["evidence"] = evidence
        if hasattr(link, "surface"):
            surface = view.text[link.match_span.start : link.match_span.end]
            if surface != link.surface:
                update["surface"] = surface
        if unwrapped:
            update |= {
                "span": unwrapped.back(link.span),
                "match_span": unwrapped.back(link.match_span),
            }
        return link.model_copy(update=update) if update else link

    update = {
        "text": source,
        "mentions": [requote(x) for x in linked.mentions],
        "responsibilities": [requote(x) for x in linked.responsibilities],
        "theme_links": [requote(x) for x in linked.theme_links],
    }
    if unwrapped:  # the goals and tasks as read, with what linking added (keywords)
        update["goals"] = plan.goals
        update["chapters"] = plan.chapters
        update["tasks"] = [
            t.model_copy(update={"keywords": read.keywords})
            for t, read in zip(plan.tasks, linked.tasks, strict=True)
        ]
    # Families read the targets and their sentences only: from the plan as read.
    return link_families(linked.model_copy(update=update))


def _link(plan: Plan) -> Plan:
    cat = plan_catalogue(plan)
    m, text = matchers(cat), plan.text
    mentions: list[Mention] = []
    unresolved: set[str] = set()
    scopes = [("goal", g.number, g.span) for g in plan.goals] + [
        ("task", t.number, t.span) for t in plan.tasks
    ]
    scopes += _chapter_scopes(plan)
    readings: dict[int, ScopeReading] = {}
    # Places: every candidate reading first (loaders/places.py), then the choice among
    # them with the evidence of the whole plan, then the mentions.
    found: list[list[Candidate]] = []
    where: list[tuple[str, int, Sentence]] = []
    for scope, number, span in scopes:
        reading = read_scope(text, span, m)
        if scope == "task":
            readings[number] = reading
        # A responsibility clause holds bodies and role words: a place inside a body it
        # lists (合肥海关) is part of a name, and 会同 (X会同Y负责) is no county.
        listed = [(c.start, c.end) for c in find_clauses(text, span.start, span.end)]
        for sentence in reading.sentences:
            here: list[Candidate] = []
            for hit in sentence.names:
                if any(a <= hit.start and hit.end <= b for a, b in listed):
                    continue
                if hit.surface in m.unresolved and hit.surface not in m.place_ids:
                    unresolved.add(hit.surface)
                ids = m.place_ids.get(hit.surface, ())
                if not ids or names_no_place(
                    text,
                    hit.start,
                    hit.end,
                    getattr(cat.places.get(ids[0]), "kind", "") == "country",
                ):
                    continue
                candidate = Candidate(hit.start, hit.end, hit.surface, ids, len(found))
                code = division_of(cat, ids[0]) if len(ids) == 1 else None
                if code:
                    candidate.code = code
                    score_division(cat, text, candidate)
                    if hit.surface in m.word_forms:
                        candidate.score, candidate.reasons = WORD, ["an ordinary word too"]
                        candidate.local = True
                here.append(candidate)
            here += [  # not 青龙镇 of 青龙镇遗址 (a site); a zone may precede 浦东机场
                c
                for c in pattern_candidates(
                    cat, text, sentence.start, sentence.end, set(sentence.edges), here, len(found)
                )
                if not (
                    c.new
                    and c.new[0].kind in ("town", "island")
                    and names_no_place(text, c.start, c.end, False)
                )
            ]
            found.append(sorted(here, key=lambda c: (c.start, -c.end)))
            where.append((scope, number, sentence))
    choose(cat, text, found)
    join_short_zones(found)
    made: dict[str, Place] = {}
    seen: set[tuple[str, int, str]] = set()
    for (scope, number, sentence), here in zip(where, found, strict=True):
        for candidate in here:
            if not candidate.kept:
                continue
            for new in candidate.new:
                made.setdefault(new.id, new)
            hit = Hit(candidate.start, candidate.end, candidate.surface)
            for place in candidate.places:
                if (scope, number, place) not in seen:
                    seen.add((scope, number, place))
                    mentions.append(
                        Mention(
                            place=place,
                            surface=candidate.surface,
                            scope=scope,
                            scope_number=number,
                            **_evidence(text, sentence, hit),
                        )
                    )

    bodies: dict[str, Agency] = dict(m.candidates)
    responsibilities = _responsibilities(plan, readings, cat, m, bodies)
    theme_links = _theme_links(plan, readings, m, cat)
    tasks = [
        t.model_copy(update={"keywords": keywords(readings[t.number].words)}) for t in plan.tasks
    ]
    region = cat.division_ids.get(cat.region_code) if cat.region_code else None
    relations = _relations(tasks, mentions, theme_links, region)

    mentioned = {x.place for x in mentions}

    def ancestors(place: str) -> list[str]:
        if place in made:
            parent = made[place].parent
            return [parent, *cat.ancestors(parent)] if parent else []
        return cat.ancestors(place)

    wanted = mentioned | {a for p in mentioned for a in ancestors(p)}
    warnings = list(plan.warnings)
    led = {r.task for r in responsibilities if r.role == "lead"}
    leaderless = [t.number for t in plan.tasks if t.number not in led]
    if leaderless:
        warnings.append(
            f"no body named and no remit term matched tasks {leaderless}: no lead inferred"
        )
    if unresolved:
        warnings.append(
            f"{UNRESOLVED} {'、'.join(sorted(unresolved))} (several divisions have the name, "
            "none in the plan's region)"
        )
    used = list(dict.fromkeys(r.agency for r in responsibilities))
    themes = {t.theme for t in theme_links}
    return plan.model_copy(
        update={
            "tasks": tasks,
            "places": [p for p in cat.places.values() if p.id in wanted]
            + [p for p in made.values() if p.id not in cat.places],
            "agencies": [bodies[a] for a in used],
            "themes": [t for t in cat.themes.values() if t.id in themes],
            "mentions": mentions,
            "responsibilities": responsibilities,
            "theme_links": theme_links,
            "relations": relations,
            "warnings": warnings,
        }
    )


def _chapter_scopes(plan: Plan) -> list[tuple[str, int, Span]]:
    """The text of each chapter outside its goals and tasks (a preamble, the situation,
    principles, boxes, safeguards), as pieces between them: places named there are the
    chapter's mentions."""
    inside = sorted((x.span.start, x.span.end) for x in (*plan.goals, *plan.tasks))
    out = []
    for chapter in plan.chapters:
        at = chapter.span.start
        for a, b in inside:
            if b <= at or a >= chapter.span.end:
                continue
            if a > at:
                out.append(("chapter", chapter.number, Span(start=at, end=a)))
            at = max(at, b)
        if at < chapter.span.end:
            out.append(("chapter", chapter.number, Span(start=at, end=chapter.span.end)))
    return out


UNRESOLVED = "places not resolved:"


def profile_report(plan: Plan) -> str:
    """Which region profile a plan used and what it could not resolve (plankg inspect)."""
    cat = plan_catalogue(plan)
    used = (
        f"region profile {cat.profile.key} (data/regions/{cat.profile.key}/)"
        if cat.profile
        else "no region profile (genre data and the national gazetteer only)"
    )
    where = cat.division_ids.get(cat.region_code, "national") if cat.region_code else "national"
    missing = [
        w.removeprefix(UNRESOLVED).strip() for w in plan.warnings if w.startswith(UNRESOLVED)
    ]
    taken = sorted({a.name for a in plan.agencies if a.body_kind is None and not a.profile})
    parts = [f"{used}; region {plan.region or '?'} = {where} ({cat.level})"]
    parts.append(f"unresolved places: {missing[0] if missing else 'none'}")
    if taken:
        parts.append(f"bodies of no known kind, taken from the text: {'、'.join(taken)}")
    return "\n".join(parts)


def _responsibilities(
    plan: Plan,
    readings: dict[int, ScopeReading],
    cat: Catalogue,
    m: Matchers,
    bodies: dict[str, Agency],
) -> list[Responsibility]:
    # A remit term's weight: rarer across this plan's tasks means more telling.
    document_frequency: Counter[str] = Counter()
    for reading in readings.values():
        document_frequency.update({h.surface for s in reading.sentences for h in s.remit})
    n = len(readings)
    weight = {t: math.log((n + 1) / (df + 1)) + 1 for t, df in document_frequency.items()}
    out: list[Responsibility] = []
    # A standing lead rule (列第一位者为牵头单位，下同) holds from the clause that states it,
    # or for the whole plan when a note outside the clauses states it.
    rule_start = rule_from(plan.text)
    for task in plan.tasks:
        clauses = find_clauses(plan.text, task.span.start, task.span.end)
        if clauses:
            out += _clause_responsibilities(
                task.number, clauses, rule_start, cat, m, plan.text, bodies
            )
        else:
            out += _task_responsibilities(
                task.number, readings[task.number], weight, cat, m, plan.text, bodies
            )
    return out


def _body(name: str, cat: Catalogue, m: Matchers, bodies: dict[str, Agency]) -> Agency:
    # 各区（县级市）政府 is read as 各区政府: the bracket only widens the level; a PDF's
    # space inside a name (省发展 改革委) is no part of it.
    name = re.sub(r"\s+", "", name) or name
    form = m.bodies.get(name) or m.bodies.get(re.sub(r"[（(][^（()）]*[）)]", "", name))
    if form:
        agency = resolve(form, name, cat)
    else:  # 合肥市人民政府: a division's body; else as the text names it (合肥海关)
        agency = named_division_body(name, cat) or taken_from_text(name, cat)
    bodies.setdefault(agency.id, agency)
    return bodies[agency.id]


def _clause_responsibilities(
    task: int, clauses, rule_start: int | None, cat, m, text: str, bodies
) -> list[Responsibility]:
    """Explicit leads and partners, as the task's clauses list them."""
    out: dict[str, Responsibility] = {}
    for clause in clauses:
        rule_in_force = rule_start is not None and clause.start >= rule_start
        for listed, role in clause.roles(rule_in_force):
            agency = _body(listed.name, cat, m, bodies)
            if agency.id in out and (out[agency.id].role == "lead" or role == "partner"):
                continue
            out[agency.id] = Responsibility(
                agency=agency.id,
                task=task,
                role=role,
                basis="explicit",
                score=1.0,
                terms=[listed.name],
                duty=listed.duty,
                found_by="clause",
                clause_word=listed.word,
                evidence=text[clause.start : clause.end],
                span=Span(start=clause.start, end=clause.end),
                match_span=Span(start=listed.start, end=listed.end),
            )
    leads = [r for r in out.values() if r.role == "lead"]
    return leads + [r for r in out.values() if r.role == "partner"]


def _task_responsibilities(
    task: int,
    reading: ScopeReading,
    weight: dict[str, float],
    cat: Catalogue,
    m: Matchers,
    text: str,
    bodies: dict[str, Agency],
) -> list[Responsibility]:
    """One lead (explicit if the task names a body that can lead, else the best remit
    score) and the partners. A task no body's name or remit term touches has no lead: a
    lead with nothing behind it (once the region's default, score 0, no terms) would
    be shown and counted as a finding."""
    raw: dict[str, float] = defaultdict(float)
    terms: dict[str, list[str]] = defaultdict(list)
    best_sentence: dict[str, tuple[int, Sentence, Hit]] = {}
    for sentence in reading.sentences:
        per_agency: dict[str, list[Hit]] = defaultdict(list)
        for hit in sentence.remit:
            for agency in m.remit_ids[hit.surface]:
                per_agency[agency].append(hit)
                if hit.surface not in terms[agency]:
                    terms[agency].append(hit.surface)
                    raw[agency] += weight[hit.surface]
        for agency, hits in per_agency.items():
            if agency not in best_sentence or len(hits) > best_sentence[agency][0]:
                best_sentence[agency] = (len(hits), sentence, hits[0])
    named: dict[str, tuple[Sentence, Hit]] = {}
    for sentence in reading.sentences:
        for hit in sentence.names:
            if hit.surface in m.bodies:
                agency = _body(hit.surface, cat, m, bodies).id
                # A national body a local plan names in its prose is one it asks or
                # follows (支持人民银行在沪设立…, 把握国家药监局…机遇), no partner of its own.
                # (A region profile's own external bodies stay: 浙江大学海洋学院.)
                body = bodies[agency]
                if cat.level != "national" and body.level == "national" and not body.profile:
                    continue
                if agency not in named:
                    named[agency] = (sentence, hit)
    total = sum(raw.values()) or 1.0
    order = {a: i for i, a in enumerate(m.candidates)}
    can_lead = [a for a in named if bodies[a].level == cat.level and bodies[a].kind in LEAD_KINDS]
    ranked = sorted(raw, key=lambda a: (-raw[a], order.get(a, len(order))))
    if can_lead:
        lead = max(can_lead, key=lambda a: (raw.get(a, 0.0), -can_lead.index(a)))
    else:
        lead = ranked[0] if ranked else None
    partners = [a for a in named if a != lead] + [
        a
        for a in ranked
        if a != lead
        and a not in named
        and len(terms[a]) >= 2
        and raw[a] >= PARTNER_SHARE * raw.get(lead or "", 0.0)
    ][:MAX_PARTNERS]

    def link(agency: str, role: str) -> Responsibility:
        if agency in named:
            sentence, hit = named[agency]
            basis, score, found = "explicit", 1.0, [hit.surface]
            found_by = "text"
        else:  # ranked: at least one of its remit terms is in the task
            _, sentence, hit = best_sentence[agency]
            basis, score, found = "inferred", round(raw[agency] / total, 4), terms[agency]
            found_by = "inferred"
        return Responsibility(
            agency=agency,
            task=task,
            role=role,
            basis=basis,
            found_by=found_by,
            score=score,
            terms=found,
            **_evidence(text, sentence, hit),
        )

    leads = [link(lead, "lead")] if lead else []
    return leads + [link(a, "partner") for a in partners]


def _theme_links(
    plan: Plan, readings: dict[int, ScopeReading], m: Matchers, cat: Catalogue
) -> list[ThemeLink]:
    out: list[ThemeLink] = []
    order = {theme: i for i, theme in enumerate(cat.themes)}
    for task in plan.tasks:
        occurrences: Counter[str] = Counter()
        terms: dict[str, list[str]] = defaultdict(list)
        best: dict[str, tuple[int, Sentence, Hit]] = {}
        for sentence in readings[task.number].sentences:
            per_theme: dict[str, list[Hit]] = defaultdict(list)
            for hit in sentence.themes:
                for theme in m.theme_ids[hit.surface]:
                    per_theme[theme].append(hit)
                    occurrences[theme] += 1
                    if hit.surface not in terms[theme]:
                        terms[theme].append(hit.surface)
            for theme, hits in per_theme.items():
                if theme not in best or len(hits) > best[theme][0]:
                    best[theme] = (len(hits), sentence, hits[0])
        for theme in sorted(occurrences, key=order.__getitem__):
            _, sentence, hit = best[theme]
            count = occurrences[theme]
            out.append(
                ThemeLink(
                    theme=theme,
                    task=task.number,
                    score=round(count / (count + 2), 4),
                    terms=terms[theme],
                    **_evidence(plan.text, sentence, hit),
                )
            )
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)  # |a ∪ b| = |a| + |b| - |a ∩ b|, without building the union
    return shared / (len(a) + len(b) - shared) if shared else 0.0


def _relations(tasks, mentions, theme_links, region: str | None) -> list[Relation]:
    """Each task's closest tasks by shared places (the plan's own region aside), themes
    and keywords; one relation per pair, from the lower task number to the higher.

    A pair that shares nothing scores 0, so a task is scored only against the tasks after
    it that share something with it, found through an inverted index (place, theme or
    keyword -> its tasks), and at most the RELATED_CANDIDATES nearest of those; each task
    keeps its best RELATED_PER_TASK in a heap of that size. Time and memory grow with the
    tasks, not with their pairs. On a plan of up to RELATED_CANDIDATES + 1 tasks (every
    real plan read so far: the longest has 152) that is every pair that shares something,
    so the relations are those of scoring all pairs."""
    places: dict[int, set[str]] = defaultdict(set)
    for x in mentions:
        if x.scope == "task" and x.place != region:
            places[x.scope_number].add(x.place)
    themes: dict[int, set[str]] = defaultdict(set)
    for link in theme_links:
        themes[link.task].add(link.theme)
    words = {t.number: set(t.keywords) for t in tasks}
    numbers = sorted(words)
    # The inverted index, each posting in task order, and where each task is in each.
    postings: dict[tuple[int, str], list[int]] = defaultdict(list)
    features: dict[int, list[tuple[list[int], int]]] = {}
    for number in numbers:
        mine = features[number] = []
        for kind, names in enumerate((themes[number], places[number], words[number])):
            for name in names:
                posting = postings[kind, name]
                mine.append((posting, len(posting)))
                posting.append(number)
    # Each task's best pairs, the worst on top of a heap of at most RELATED_PER_TASK:
    # ranked by score, then by the pair (the lower pair first), as sorting all would.
    best: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    size = RELATED_PER_TASK
    push, replace = heapq.heappush, heapq.heapreplace
    for a in numbers:
        after: set[int] = set()
        for posting, at in features.pop(a):
            after.update(posting[at + 1 : at + 1 + RELATED_CANDIDATES])
        if len(after) > RELATED_CANDIDATES:
            after = set(sorted(after)[:RELATED_CANDIDATES])
        themes_a, places_a, words_a = themes[a], places[a], words[a]
        for b in sorted(after):
            score = (
                0.4 * _jaccard(themes_a, themes[b])
                + 0.4 * _jaccard(places_a, places[b])
                + 0.2 * _jaccard(words_a, words[b])
            )
            if score < RELATED_MIN_SCORE:
                continue
            entry = (round(score, 4), -a, -b)
            for heap in (best[a], best[b]):
                if len(heap) < size:
                    push(heap, entry)
                elif entry > heap[0]:
                    replace(heap, entry)
    keep = {(-a, -b): score for heap in best.values() for score, a, b in heap}
    return [
        Relation(
            source=a,
            target=b,
            score=keep[a, b],
            places=sorted(places[a] & places[b]),
            themes=sorted(themes[a] & themes[b]),
            keywords=sorted(words[a] & words[b]),
        )
        for a, b in sorted(keep)
    ]
