"""Which indicator family (data/indicator_families.yaml) each target belongs to, and its
value in the family's unit, so targets of different plans compare.

As spaCy's entity linker does: candidates first (`find_candidates`: every variant of every
family found in the target's name, or, for a target the reader gave no name, in its clause
before the value), then a scored choice
(`score` and `choose`): where the words were found and how much of the name they cover, or
how close to the value; the target's unit agreeing with the family's dimension. The best
family over THRESHOLD wins; a target no family fits joins none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plankg.loaders.clean import fold
from plankg.loaders.model import FamilyLink, Indicator, IndicatorFamily, Plan
from plankg.loaders.resources import DataError, load_yaml

FILE = "indicator_families.yaml"
THRESHOLD = 0.6
CLAUSE_BREAKS = ",;:。"
GAP = "…"  # in a variant: a few characters of the writer's own (全市, (R&D))
GAP_RE = r"[^,;:。]{0,8}?"
QUALIFIER_REACH = 3  # a qualifier this close before a variant makes it another measure
NEAR = 30  # characters between the words and the value beyond which a clause match is weak


@dataclass(frozen=True)
class Dimension:
    key: str
    unit: str
    bases: dict[str, float]
    related: tuple[str, ...]  # dimensions a family takes unconverted (个百分点 for a %)


@dataclass(frozen=True)
class Family:
    spec: IndicatorFamily
    patterns: tuple[tuple[str, re.Pattern], ...]  # (the literal to look for first, variant)


@dataclass(frozen=True)
class Genre:
    magnitudes: tuple[tuple[str, float], ...]  # longest first
    dimensions: dict[str, Dimension]
    families: tuple[Family, ...]
    qualifiers: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A family's variant found for a target: in its name, or in its clause before the
    value (`distance` characters from it)."""

    family: str
    term: str  # as written in the plan
    where: str  # "name" or "clause"
    coverage: float  # share of the name the term covers (name matches)
    distance: int  # characters from the term to the value (clause matches)
    qualified: bool  # a qualifier (占, 单位, 人均 …) just before it: a measure of another


def _pattern(variant: str) -> tuple[str, re.Pattern]:
    parts = fold(variant).split(GAP)
    return max(parts, key=len), re.compile(GAP_RE.join(map(re.escape, parts)))


@cache
def genre() -> Genre:
    data = load_yaml(FILE)
    dimensions = {
        key: Dimension(
            key,
            str(d["unit"]),
            {str(u): float(f) for u, f in d["bases"].items()},
            tuple(d.get("related", ())),
        )
        for key, d in data["dimensions"].items()
    }
    families = []
    seen: set[str] = set()
    for entry in data["families"]:
        spec = IndicatorFamily(
            key=entry["key"],
            name=entry["name"],
            name_en=entry["name_en"],
            dimension=entry["dimension"],
            unit=str(entry["unit"]),
            source=entry["source"],
            variants=[str(v) for v in entry["variants"]],
        )
        where = getattr(entry, "path", FILE), getattr(entry, "line", 1)
        if spec.dimension not in dimensions:
            raise DataError(*where, f"dimension {spec.dimension!r}: expected one of dimensions")
        if _factor(spec.unit, dimensions[spec.dimension], _magnitudes(data)) is None:
            raise DataError(*where, f"unit {spec.unit!r}: expected a unit of {spec.dimension}")
        if spec.key in seen:
            raise DataError(*where, f"key {spec.key!r} twice: expected each family once")
        seen.add(spec.key)
        families.append(Family(spec, tuple(_pattern(v) for v in spec.variants)))
    return Genre(_magnitudes(data), dimensions, tuple(families), tuple(data["qualifiers"]))


def _magnitudes(data) -> tuple[tuple[str, float], ...]:
    pairs = ((str(k), float(v)) for k, v in data["magnitudes"].items())
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def convert(
    value: float,
    unit: str,
    to: str,
    dimension: Dimension,
    magnitudes: tuple[tuple[str, float], ...],
) -> float | None:
    """`value` in `unit` expressed in unit `to`, or None when either is not one of the
    dimension's units (a base, or a magnitude then a base: 万元, 亿吨). Rounded to 9
    significant digits, so 0.1 + 0.2 reads 0.3 and both stores give the same figure."""
    factor = _factor(unit, dimension, magnitudes)
    target = _factor(to, dimension, magnitudes)
    if factor is None or target is None:
        return None
    return float(f"{value * factor / target:.9g}")


def _factor(unit: str, dimension: Dimension, magnitudes) -> float | None:
    if unit in dimension.bases:
        return dimension.bases[unit]
    for prefix, factor in magnitudes:
        base = unit.removeprefix(prefix)
        if base != unit and base and base in dimension.bases:
            return factor * dimension.bases[base]
    return None


def dimension_of(unit: str, g: Genre) -> str | None:
    """The dimension a unit belongs to, or None (番, a bare 亿, km)."""
    return next(
        (d.key for d in g.dimensions.values() if _factor(unit, d, g.magnitudes) is not None),
        None,
    )


# -- candidates --------------------------------------------------------------------------


def find_candidates(indicator: Indicator, folded_text: str, g: Genre) -> list[Candidate]:
    """Every variant of every family in the target's name; for a target without a name, in
    its clause up to the value. A named target's clause is not searched: its name says what
    it measures, and a list (二级以上、普惠性幼儿园占比分别达到80%、90%) names others
    beside it."""
    name = fold(indicator.name)
    match = indicator.match_span
    sentence_start = indicator.span.start
    clause_start = max(
        max(folded_text.rfind(c, sentence_start, match.start) for c in CLAUSE_BREAKS) + 1,
        sentence_start,
    )
    clause = folded_text[clause_start : match.end]
    found = []
    for family in g.families:
        for literal, pattern in family.patterns:
            if literal in name:
                for m in pattern.finditer(name):
                    found.append(
                        Candidate(
                            family.spec.key,
                            indicator.name[m.start() : m.end()],
                            "name",
                            (m.end() - m.start()) / len(name),
                            0,
                            _qualified(name, m.start(), g),
                        )
                    )
            if not name.strip() and literal in clause:
                for m in pattern.finditer(clause):
                    found.append(
                        Candidate(
                            family.spec.key,
                            clause[m.start() : m.end()],
                            "clause",
                            0.0,
                            max(0, len(clause) - m.end() - len(indicator.unit)),
                            _qualified(clause, m.start(), g),
                        )
                    )
    return found


def _qualified(text: str, start: int, g: Genre) -> bool:
    before = text[max(0, start - QUALIFIER_REACH - 3) : start]
    return any(
        (at := before.rfind(q)) >= 0 and len(before) - at - len(q) <= QUALIFIER_REACH
        for q in g.qualifiers
    )


# -- the choice ----------------------------------------------------------------------------


def score(candidate: Candidate, indicator: Indicator, family: IndicatorFamily, g: Genre) -> float:
    """0 when the candidate cannot be the target's family; else where the words were found
    (name 0.5, clause 0.3), how much of the name they cover or how near the value they are
    (up to 0.2), and the unit: the family's dimension 0.3, a related one 0.15."""
    if candidate.qualified:
        return 0.0
    unit_dimension = dimension_of(indicator.unit, g)
    own = g.dimensions[family.dimension]
    if unit_dimension == own.key:
        unit_score = 0.3
    elif unit_dimension in own.related:
        unit_score = 0.15
    else:  # another dimension's unit (a share of GDP is no GDP), or none known
        return 0.0
    if candidate.where == "name":
        place = 0.5 + 0.2 * candidate.coverage
    else:
        place = 0.3 + 0.2 * max(0.0, 1 - candidate.distance / NEAR)
    return round(place + unit_score, 3)


def choose(
    indicator: Indicator, candidates: list[Candidate], g: Genre
) -> tuple[IndicatorFamily, float, list[str]] | None:
    """The best-scoring family over THRESHOLD, with its score and the words found; ties go to
    the longer words, then to the family listed first."""
    specs = {f.spec.key: f.spec for f in g.families}
    order = {f.spec.key: n for n, f in enumerate(g.families)}
    best: dict[str, tuple[float, int]] = {}
    terms: dict[str, list[str]] = {}
    for c in candidates:
        s = score(c, indicator, specs[c.family], g)
        if s <= 0:
            continue
        terms.setdefault(c.family, [])
        if c.term not in terms[c.family]:
            terms[c.family].append(c.term)
        best[c.family] = max(best.get(c.family, (0.0, 0)), (s, len(c.term)))
    ranked = sorted(best, key=lambda k: (-best[k][0], -best[k][1], order[k]))
    if not ranked or best[ranked[0]][0] < THRESHOLD:
        return None
    key = ranked[0]
    return specs[key], best[key][0], terms[key]


def link_families(plan: Plan) -> Plan:
    """The plan with the families its targets join and a FamilyLink for each join."""
    g = genre()
    folded = fold(plan.text)
    links: list[FamilyLink] = []
    joined: dict[str, IndicatorFamily] = {}
    for indicator in plan.indicators:
        chosen = choose(indicator, find_candidates(indicator, folded, g), g)
        if chosen is None:
            continue
        family, s, terms = chosen
        dimension = g.dimensions[family.dimension]
        value = convert(indicator.value, indicator.unit, family.unit, dimension, g.magnitudes)
        value_max = (
            convert(indicator.value_max, indicator.unit, family.unit, dimension, g.magnitudes)
            if indicator.value_max is not None and value is not None
            else None
        )
        links.append(
            FamilyLink(
                indicator=indicator.id,
                family=family.key,
                score=s,
                terms=terms,
                value=value,
                value_max=value_max,
                unit=family.unit if value is not None else None,
            )
        )
        joined.setdefault(family.key, family)
    return plan.model_copy(update={"families": list(joined.values()), "family_links": links})
