"""Places in a plan's sentences: candidates found first, then chosen with a score.

Finding (`candidates`) proposes every reading of the text as a place: a name of the
national gazetteer, a genre place, a country, a region profile's place (the linker's
names matcher), and the genre's naming patterns (data/places.yaml `patterns`):

- a zone: a division's name followed by a zone word (合肥经开区, 合肥市高新区), a proper
  name jieba does not know as an ordinary word followed by one (漕河泾开发区), or the
  pattern 中国（安徽）自由贸易试验区; it lies under that division, else the plan's region;
- a run of province abbreviations (沪苏浙, 苏浙皖): a multi-province region.

Choosing (`choose`) scores each candidate. Most readings are sure (score 1): a full
name (安徽省), a province, a division inside the plan's own province, a genre, country or
profile place, a pattern. A short form of a division outside the plan's province (沿河,
会同, 南港, 平原; in a national plan every one below province level) is weak: such a form
is most often an ordinary word (生态环境部会同…, 沿江沿河, 南港码头, 平原地区). It is kept
only with evidence, each adding to its score:

- its full form elsewhere in the plan (青岛市 … 青岛);
- a place word right after it (苏州等地, 嘉兴一带), or a zone word (大丰开发区);
- an ancestor or a child named in the same sentence (嘉兴嘉善, 南通海永);
- a list: another place next to it, joined by 、 - 和 与 及 (上海、青岛、深圳);
- the same division kept elsewhere in the plan (one reading per document).

A full name whose characters run into a longer word (和县 in 市和县级, 湖滨区 in 湖滨区域)
is weak too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from plankg.loaders import gazetteer
from plankg.loaders.catalogue import Catalogue, _slug
from plankg.loaders.model import Place
from plankg.loaders.resources import load_yaml

SURE = 1.0
WEAK = 0.3  # a short form of a division outside the plan's province, on its own
EVIDENCE = 0.7  # each piece of evidence
KEEP = 0.5  # a candidate is kept at this score or above
WORD = 0.0  # a short form that is an ordinary word too (宝山): evidence in its sentence only
LIST_JOINS = {"、", "-", "—", "－", "和", "与", "及", "/"}


@dataclass
class Candidate:
    """One reading of text[start:end] as places."""

    start: int
    end: int
    surface: str
    places: tuple[str, ...]
    sentence: int  # the index of its sentence in the plan's reading order
    code: str | None = None  # a division's GB/T 2260 code
    new: tuple[Place, ...] = ()  # places a pattern made (zones, regions)
    score: float = SURE
    reasons: list[str] = field(default_factory=list)
    local: bool = False  # kept only by evidence in its own sentence, not elsewhere

    @property
    def kept(self) -> bool:
        return self.score >= KEEP


@dataclass(frozen=True)
class Patterns:
    zone_suffixes: tuple[str, ...]
    suffix_kinds: dict[str, str]  # every naming suffix -> the kind of place (zone, town, island)
    pilot_zone: re.Pattern[str]
    abbreviations: re.Pattern[str] | None
    provinces: dict[str, str]  # abbreviation -> the province's code
    place_words: tuple[str, ...]
    division_only: frozenset[str]
    regions: tuple[re.Pattern[str], ...]
    body_words: tuple[str, ...]


@cache
def patterns() -> Patterns:
    raw = load_yaml("places.yaml").get("patterns") or {}
    provinces = {
        str(a): gazetteer.region_division(str(name)) or ""
        for a, name in (raw.get("province_abbreviations") or {}).items()
    }
    abbr = "".join(provinces)
    return Patterns(
        zone_suffixes=tuple(sorted(raw.get("zone_suffixes") or [], key=len, reverse=True)),
        suffix_kinds=dict(
            sorted(
                {
                    **{s: "zone" for s in raw.get("zone_suffixes") or []},
                    **{s: "town" for s in raw.get("town_suffixes") or []},
                    **{s: "island" for s in raw.get("island_suffixes") or []},
                }.items(),
                key=lambda x: -len(x[0]),
            )
        ),
        pilot_zone=re.compile(raw.get("pilot_zone") or r"(?!x)x"),
        abbreviations=re.compile(f"[{re.escape(abbr)}]{{2,4}}") if abbr else None,
        place_words=tuple(raw.get("place_words") or []),
        division_only=frozenset(raw.get("division_only_suffixes") or []),
        regions=tuple(re.compile(r) for r in raw.get("region_patterns") or []),
        provinces=provinces,
        body_words=tuple(raw.get("body_words") or []),
    )


NAME_RUN = re.compile(r"[\u4e00-\u9fff]{0,12}")


def names_no_place(text: str, start: int, end: int, country: bool) -> bool:
    """The place name at text[start:end] stands in another name and does not name the
    place: a country opening a law's title (《中华人民共和国森林法》; a division opening a
    document's title, 《四川省…实施细则》, is read: the gold readings count it), or an
    institution's name it heads, in one run of characters (中国信息通信研究院)."""
    if country and start and text[start - 1] == "《":
        return True
    run = NAME_RUN.match(text, end)
    tail = text[end : run.end()] if run else ""
    for word in patterns().body_words:
        at = tail.find(word)
        if at >= 0 and not FUNCTION_CHARACTERS & set(tail[:at]):
            return True  # 中国工业互联网研究院等单位: the name ends at 研究院
    return False


def _is_word(text: str) -> bool:
    from plankg.loaders.segment import is_word

    return len(text) > 1 and is_word(text)


@cache
def _ordinary(word: str) -> bool:
    """A word jieba knows as an ordinary word (a verb, a frequent noun …)."""
    common = frozenset(load_yaml("gazetteer.yaml").get("common_words") or [])
    return gazetteer._is_common_word(word, common)


@cache
def _known(word: str) -> bool:
    import jieba

    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(word))


PLACE_WORD_TAGS = {"f", "m", "r", "q"}  # jieba's words of position, numbers, pronouns


def _tag(word: str) -> str | None:
    import jieba.posseg

    jieba.dt.check_initialized()
    return jieba.posseg.dt.word_tag_tab.get(word)


def division_of(cat: Catalogue, place_id: str) -> str | None:
    place = cat.places.get(place_id)
    return place.adcode if place and place.adcode and len(place.adcode) == 6 else None


def _own(cat: Catalogue, code: str) -> bool:
    """Inside the plan's own province (a national plan has none)."""
    return bool(cat.region_code) and code[:2] == cat.region_code[:2]


def _suspect_full(text: str, start: int, end: int) -> bool:
    """The full name's first or last character belongs to a word with its neighbours
    (市和县级: 县级; 湖滨区域: 区域; 科学城北区: 科学城)."""
    for i in range(max(start - 3, 0), start):  # words running into its first character
        if any(_is_word(text[i:j]) for j in range(start + 1, min(start + 3, end) + 1)):
            return True
    return any(
        _is_word(text[i:j])
        for i in range(max(end - 2, start), end)
        for j in range(end + 1, end + 3)
    )


def score_division(cat: Catalogue, text: str, c: Candidate) -> None:
    d = gazetteer.divisions()[c.code]
    full = c.surface == d.name
    if d.level == "province":
        c.score, c.reasons = SURE, ["a province"]
    elif _own(cat, c.code):
        c.score, c.reasons = SURE, ["inside the plan's province"]
    elif full and not _suspect_full(text, c.start, c.end):
        c.score, c.reasons = SURE, ["full name"]
    else:
        c.score, c.reasons = WEAK, ["full name in a longer word" if full else "short form"]


def zone_after(text: str, end: int) -> str | None:
    return next((s for s in patterns().zone_suffixes if text.startswith(s, end)), None)


def _zone(place_id: str, name: str, parent: str | None, kind: str = "zone") -> Place:
    return Place(id=place_id, name=name, name_en=name, kind=kind, parent=parent)


def named_after(text: str, end: int) -> tuple[str, str] | None:
    """(suffix, kind) of a naming suffix at `end`: 经开区 (zone), 镇 (town), 岛 (island)."""
    return next(
        ((s, k) for s, k in patterns().suffix_kinds.items() if text.startswith(s, end)), None
    )


def pattern_candidates(
    cat: Catalogue,
    text: str,
    start: int,
    end: int,
    edges: set[int],
    hits: list[Candidate],
    sentence: int,
) -> list[Candidate]:
    """Zones and multi-province regions the genre's naming patterns find in
    text[start:end], besides the names the matcher found (`hits`)."""
    out: list[Candidate] = []
    p = patterns()
    region = cat.division_ids.get(cat.region_code) if cat.region_code else None
    taken: list[tuple[int, int]] = []
    for m in p.pilot_zone.finditer(text, start, end):
        code = gazetteer.region_division(m.group(1))
        if not code:
            continue
        short = gazetteer.divisions()[code].short_forms
        name = f"中国（{short[0] if short else m.group(1)}）自由贸易试验区"
        pid = f"{cat.division_ids[code]}-ftz"
        out.append(
            Candidate(
                m.start(),
                m.end(),
                m.group(0),
                (pid,),
                sentence,
                new=(_zone(pid, name, cat.division_ids[code]),),
                reasons=["pilot free trade zone"],
            )
        )
        taken.append(m.span())
    for h in hits:  # a division followed by a zone word (合肥经开区), 岛 (崇明岛), 镇
        if not h.code or any(a <= h.start < b for a, b in taken):
            continue
        found = named_after(text, h.end)
        if not found:
            continue
        suffix, kind = found
        b = h.end + len(suffix)
        if kind != "zone" and b not in edges:
            continue  # 岛屿, 镇村: the suffix starts a word of its own
        if h.kept:  # the division's zone, island, town
            d = gazetteer.divisions()[h.code]
            short = d.short_forms[0] if d.short_forms else d.name
            parent = cat.division_ids[h.code]
            pid, name = f"{parent}-{_slug(suffix)}", short + suffix
        else:  # a distant division's name is part of a local one (长兴岛 in Shanghai)
            h.score, h.reasons = -1.0, [*h.reasons, "inside a longer name"]
            name = text[h.start : b]
            parent = region or "china"
            pid = f"{cat.region_id}-{_slug(name)}"
        out.append(
            Candidate(
                h.start,
                b,
                text[h.start : b],
                (pid,),
                sentence,
                new=(_zone(pid, name, parent, kind),),
                reasons=[f"{kind} of a division"],
            )
        )
        taken.append((h.start, b))
    covered = [(h.start, h.end) for h in hits] + taken
    for suffix, kind in p.suffix_kinds.items():  # a proper name followed by a naming word
        at = text.find(suffix, start, end)
        while at >= 0:
            if (
                at in edges
                and (kind == "zone" or at + len(suffix) in edges)
                and not any(a < at + len(suffix) and at < b for a, b in covered)
            ):
                word = _name_before(text, at, edges, start, suffix in p.division_only)
                before = at - len(word) if word else at
                if word and not any(a < at and before < b for a, b in covered):
                    name = word + suffix
                    pid = f"{cat.region_id}-{_slug(name)}"
                    out.append(
                        Candidate(
                            before,
                            at + len(suffix),
                            name,
                            (pid,),
                            sentence,
                            new=(_zone(pid, name, region or "china", kind),),
                            reasons=[f"{kind} by name"],
                        )
                    )
                    covered.append((before, at + len(suffix)))
            elif (
                kind != "zone"
                and at not in edges
                and at + len(suffix) in edges
                and not any(a < at + len(suffix) and at < b for a, b in covered)
            ):  # one word with its suffix: 崇明岛, 长兴岛
                out += _one_word(cat, text, at, suffix, kind, edges, start, sentence, region)
                if out and out[-1].end == at + len(suffix):
                    covered.append((out[-1].start, out[-1].end))
            at = text.find(suffix, at + len(suffix), end)
    own = next(
        (
            a
            for a, code in p.provinces.items()
            if cat.region_code and code[:2] == cat.region_code[:2]
        ),
        None,
    )
    for pattern in p.regions:
        for m in pattern.finditer(text, start, end):
            a, b = m.span()
            if any(x <= a and b <= y for x, y in covered):
                continue  # inside a known name (环太湖地区 of the profile, say)
            if text[a] == "环" and (
                _is_word(text[a : a + 2]) or _tag(text[a + 1 : b - 2]) in PLACE_WORD_TAGS
            ):
                continue  # 环境敏感区域; 环周边区域 (周边, 两侧: words of position)
            name = (
                m.group(0).removesuffix("区域") + "地区"
                if m.group(0).endswith("区域")
                else m.group(0)
            )
            pid = f"region-{_slug(name)}"
            place = Place(id=pid, name=name, name_en=name, kind="region", parent="china")
            out.append(
                Candidate(
                    a,
                    b,
                    m.group(0),
                    (pid,),
                    sentence,
                    new=(place,),
                    reasons=["region by its shape"],
                )
            )
            covered.append((a, b))
    if p.abbreviations:
        for m in p.abbreviations.finditer(text, start, end):
            a, b = m.span()
            if any(x < b and a < y for x, y in covered) or a not in edges and b not in edges:
                continue
            run = m.group(0)
            if _ordinary(run) or run in gazetteer.surfaces():
                continue
            if len(run) == 2 and own and own in run:
                continue  # 沪苏 in a Shanghai plan: the plan's own province and another
            pid = f"region-{_slug(run)}"
            place = Place(id=pid, name=run, name_en=run, kind="region", parent="china")
            out.append(
                Candidate(
                    a, b, run, (pid,), sentence, new=(place,), reasons=["province abbreviations"]
                )
            )
    return out


FUNCTION_CHARACTERS = set("的地在和与及或等将是为了对向从把被其之各")


PROPER_TAGS = {"ns", "nz", "nr", "nt"}  # jieba's tags of names: places, others, people


def _name_before(
    text: str, at: int, edges: set[int], start: int, places_only: bool = False
) -> str | None:
    """The proper name that ends at `at`: the token before it, 2-4 Chinese characters, a
    name jieba knows (a place name, tagged ns: 漕河泾, 虹桥) or a word it does not know
    at all (it found it as a new word), holding no function character (的, 在 …): not
    推进, 各类, 国家级, 条件的. With `places_only`, only a known place name will do."""
    before = max((e for e in edges if start <= e < at), default=None)
    if before is None:
        return None
    word = text[before:at]
    if not 2 <= len(word) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return None
    if FUNCTION_CHARACTERS & set(word):
        return None
    tag = _tag(word)
    if places_only:
        return word if tag == "ns" else None
    if tag in PROPER_TAGS:
        return word
    if _known(word) or _ordinary(word):
        return None
    return word


def _one_word(
    cat: Catalogue,
    text: str,
    at: int,
    suffix: str,
    kind: str,
    edges: set[int],
    start: int,
    sentence: int,
    region: str | None,
) -> list[Candidate]:
    """An island or town jieba keeps as one word (崇明岛, 长兴岛): its stem is a division's
    name (the island lies in that division if it is the plan's own, else in the plan's
    region) or a place name jieba knows."""
    first = max((e for e in edges if start <= e < at), default=None)
    if first is None or not 2 <= at - first <= 4:
        return []
    stem, end = text[first:at], at + len(suffix)
    codes = [c for c in gazetteer.surfaces().get(stem, ()) if _own(cat, c)]
    if len(codes) == 1:
        parent = cat.division_ids[codes[0]]
        pid = f"{parent}-{_slug(suffix)}"
    elif stem in gazetteer.surfaces() or _tag(stem) == "ns":
        parent, pid = region or "china", f"{cat.region_id}-{_slug(stem + suffix)}"
    else:
        return []
    name = stem + suffix
    return [
        Candidate(
            first,
            end,
            name,
            (pid,),
            sentence,
            new=(_zone(pid, name, parent, kind),),
            reasons=[f"{kind} in one word"],
        )
    ]


def choose(cat: Catalogue, text: str, found: list[list[Candidate]]) -> None:
    """Score the weak candidates of a plan (`found`: candidates per sentence, in order)
    with the evidence the whole plan gives; `kept` then says which to link."""
    p = patterns()
    weak = [c for sent in found for c in sent if not c.kept]
    if not weak:
        return
    for sent in found:  # a weak reading inside a longer name a pattern found (浙北平原)
        for c in sent:
            if not c.kept and any(
                o.new and o.start <= c.start and c.end <= o.end and o is not c for o in sent
            ):
                c.score, c.reasons = -1.0, [*c.reasons, "inside a longer name"]
    for sent in found:
        ordered = sorted(sent, key=lambda c: c.start)
        for c in ordered:
            if c.kept or not c.code or c.score < 0:
                continue
            d = gazetteer.divisions()[c.code]
            if text.find(d.name) >= 0 and c.surface != d.name and not c.local:
                at = text.find(d.name)
                while at >= 0 and _suspect_full(text, at, at + len(d.name)):
                    at = text.find(d.name, at + 1)
                if at >= 0:
                    c.score += EVIDENCE
                    c.reasons.append("full name in the plan")
            if any(text.startswith(w, c.end) for w in p.place_words) or zone_after(text, c.end):
                c.score += EVIDENCE
                c.reasons.append("a place word after it")
            family = set(gazetteer.ancestors(c.code))
            for other in ordered:
                if other is c or not other.code:
                    continue
                if other.code in family or c.code in gazetteer.ancestors(other.code):
                    c.score += EVIDENCE
                    c.reasons.append(f"{other.surface} named with it")
                    break
            for other in ordered:
                if other is c:
                    continue
                gap = (
                    text[other.end : c.start] if other.end <= c.start else text[c.end : other.start]
                )
                if gap in LIST_JOINS and (other.kept or other.code or other.new):
                    c.score += EVIDENCE
                    c.reasons.append(f"listed with {other.surface}")
                    break
    kept = {c.code for sent in found for c in sent if c.code and c.kept}
    for c in weak:
        if not c.kept and c.score >= 0 and not c.local and c.code in kept:
            c.score += EVIDENCE
            c.reasons.append("the same place is named elsewhere in the plan")
