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
    long_zone: tuple[str, ...]
    named_zone: frozenset[str]


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
        long_zone=tuple(raw.get("long_zone_suffixes") or []),
        named_zone=frozenset(raw.get("industry_zone_suffixes") or []),
    )


# a named reservoir, site, port or airport that opens with a place's name: a reservoir or
# a site named after it (怀柔水库, 青龙镇遗址), or a port or airport in it with a name of
# its own (上海洋山港, 合肥新桥机场; not 舟山港, the division's own port, nor 宁波舟山港,
# read as both cities)
FEATURE = re.compile(  # across a line break the plan's wrapping left (怀柔\n水库)
    r"\s*(?:[\u4e00-\u9fff]{0,2}水库|遗址|[\u4e00-\u9fff]{2,3}(?:港(?![口区湾城务])|机场))"
)
NAME_RUN = re.compile(r"[\u4e00-\u9fff]{0,12}")


def names_no_place(text: str, start: int, end: int, country: bool) -> bool:
    """The place name at text[start:end] stands in another name and does not name the
    place: a named reservoir, port or airport (FEATURE), a country opening a law's title
    (《中华人民共和国森林法》; a division opening a document's title, 《四川省…实施细则》,
    is read: the gold readings count it), or an institution's name it heads, in one run
    of characters (中国信息通信研究院)."""
    if country and start and text[start - 1] == "《":
        return True
    feature = FEATURE.match(text, end)
    if feature:  # 怀柔水库, 上海洋山港: the reservoir, the port (not 舟山建成自贸港)
        middle = re.sub(r"\s+|水库|遗址|港|机场", "", feature.group(0))
        if not FUNCTION_CHARACTERS & set(middle) and (_tag(middle[:2]) or "")[:1] != "v":
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


_known = cache(gazetteer.in_jieba_dictionary)
_tag = gazetteer.jieba_tag

PLACE_WORD_TAGS = {"f", "m", "r", "q"}  # jieba's words of position, numbers, pronouns


def division_of(cat: Catalogue, place_id: str) -> str | None:
    place = cat.places.get(place_id)
    return place.adcode if place and place.adcode and len(place.adcode) == 6 else None


def _own(cat: Catalogue, code: str) -> bool:
    """Inside the plan's own province (a national plan has none)."""
    return bool(cat.region_code) and code[:2] == cat.region_code[:2]


def _suspect_full(text: str, start: int, end: int) -> bool:
    """The full name's first or last character belongs to a word with its neighbours
    (市和县级: 县级; 湖滨区域: 区域; 科学城北区: 科学城), or its last is a level word of a
    list of levels (州级政务部门和县（市）: the counties and cities, not 和县)."""
    if re.match(r"[（(][市区县旗]", text[end : end + 2]):
        return True
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
                if not word and suffix in p.named_zone:
                    word = _noun_before(text, at, edges, start)
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
    for c in _long_zones(text, start, end, edges, hits, covered, sentence):
        pid = f"{cat.region_id}-{_slug(c.surface)}"
        c.places, c.new = (pid,), (_zone(pid, c.surface, region or "china"),)
        out.append(c)
        covered.append((c.start, c.end))
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
            name = re.sub(r"\s+", "", m.group(0))  # G60 科创走廊
            if name.endswith("区域"):
                name = name.removesuffix("区域") + "地区"
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
    out += _listed_divisions_region(text, hits, covered, sentence)
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


DASHES = ("-", "—", "－")


def _listed_divisions_region(
    text: str, hits: list[Candidate], covered: list[tuple[int, int]], sentence: int
) -> list[Candidate]:
    """A region named by its divisions joined by dashes, then 地区 or 区域 (嘉定-昆山-太仓
    地区): the divisions stay mentions of their own."""
    out: list[Candidate] = []
    divisions = sorted((h for h in hits if h.code), key=lambda h: h.start)
    i = 0
    while i < len(divisions):
        j = i
        while j + 1 < len(divisions) and text[divisions[j].end : divisions[j + 1].start] in DASHES:
            j += 1
        last = divisions[j]
        word = next((w for w in ("地区", "区域") if text.startswith(w, last.end)), None)
        if j > i and word:
            a, b = divisions[i].start, last.end + len(word)
            if not any(x <= a and b <= y for x, y in covered):
                name = text[a : last.end] + "地区"
                pid = f"region-{_slug(name)}"
                place = Place(id=pid, name=name, name_en=name, kind="region", parent="china")
                out.append(
                    Candidate(
                        a,
                        b,
                        text[a:b],
                        (pid,),
                        sentence,
                        new=(place,),
                        reasons=["divisions joined by dashes"],
                    )
                )
                covered.append((a, b))
        i = j + 1
    return out


FUNCTION_CHARACTERS = set("的地在和与及或等将是为了对向从把被其之各")

# Words between a zone's proper name and its zone word (虹桥临空经济示范区, 马桥人工智能创新
# 发展试验区, 东平森林旅游度假区): nouns and the few verbs such names are made of, never
# the verbs of a sentence (建设, 推进 … 示范区 is a task, not a name).
DESCRIPTOR_TAGS = {"n", "vn", "nz", "b", "l", "an", "ns", "j"}
DESCRIPTOR_VERBS = {"创新", "联动", "集聚", "开放", "合作", "融合", "协同", "示范"}
NOT_DESCRIPTORS = frozenset(
    "建设 创建 申报 推进 实施 开展 管理 支持 推动 打造 重点 有关 相关 全市 全省 全国".split()
)
MAX_DESCRIPTORS = 5


def _descriptor(word: str) -> bool:
    if not 2 <= len(word) <= 5 or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return False
    if word in NOT_DESCRIPTORS or FUNCTION_CHARACTERS & set(word):
        return False
    if word in DESCRIPTOR_VERBS or word.startswith("第"):
        return True
    tag = _tag(word)
    return tag in DESCRIPTOR_TAGS or not (_known(word) or _ordinary(word))


# Common nouns of geography that jieba tags ns like a place name: they open no zone's name
# (打造海洋特色数字经济发展示范区 is a goal, not a named zone).
GENERIC_PLACES = {
    "城镇", "城市", "城乡", "乡村", "农村", "中心城",
    "湖区", "山区", "海岛", "海洋", "平原", "湾区",
}  # fmt: skip


def _unknown(word: str) -> bool:
    """A word jieba does not know (佘山, 中以, 科创): a name or a new word of the genre."""
    return (
        2 <= len(word) <= 4
        and re.fullmatch(r"[\u4e00-\u9fff]+", word) is not None
        and not FUNCTION_CHARACTERS & set(word)
        and not (_known(word) or _ordinary(word))
    )


def _head(word: str) -> bool:
    """A word that can open a zone's name besides a place the matcher found: a place name
    jieba knows (ns; not 城镇, 城市: jieba tags them ns), or a province's
    one-character abbreviation (沪苏大丰). Not a word jieba does not know: those are as
    often new words of the genre (科创, 医企) as names."""
    if len(word) == 1:
        return word in patterns().provinces
    if not 2 <= len(word) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return False
    if FUNCTION_CHARACTERS & set(word) or word in NOT_DESCRIPTORS | GENERIC_PLACES:
        return False
    return _tag(word) == "ns"


@cache
def _zone_words() -> tuple[list[str], list]:
    """The words that end a zone's name, longest first, and a compiled search for each
    (compiled once: thousands of scopes per plan would otherwise churn re's cache)."""
    p = patterns()
    suffixes = [s for s in p.zone_suffixes if s not in p.division_only] + list(p.long_zone)
    suffixes.sort(key=len, reverse=True)
    return suffixes, [re.compile(re.escape(x)).finditer for x in suffixes]


def _long_zones(
    text: str,
    start: int,
    end: int,
    edges: set[int],
    hits: list[Candidate],
    covered: list[tuple[int, int]],
    sentence: int,
) -> list[Candidate]:
    """Zones whose proper name and zone word have words between them: a place or a proper
    name, then up to five words that describe the zone, then the zone word, on word
    boundaries (长三角生态绿色一体化发展示范区, 中国-东盟经贸创新发展示范区, 金山第二工业区,
    外高桥 is no head: jieba knows it as a noun). The candidates' ids are their slugs (the
    caller puts them under the plan's region). A hit used as the head of such a name that
    is weak on its own (a distant division's short form, 东平) is part of the name only."""
    out: list[Candidate] = []
    ends = {h.end: h for h in hits}
    ordered = sorted(e for e in edges if start <= e <= end)
    suffixes, searches = _zone_words()
    # Only a suffix ending inside the scope can hold one found here; reading from the plan's
    # start each time made a plan's cost grow with its size squared.
    low = max(0, start - len(suffixes[0])) if suffixes else start
    spans = sorted({m.span() for search in searches for m in search(text, low, end)})
    for suffix in suffixes:
        at = text.find(suffix, start, end)
        while at >= 0:
            b = at + len(suffix)
            if (
                not any(x < at and y == b for x, y in spans)  # 试验区 of 自由贸易试验区
                and at in edges
                and b in edges
                and not any(x < b and at < y for x, y in covered + [(c.start, c.end) for c in out])
            ):
                pos, head, described, weak, unknown = at, None, [], [], None
                for _ in range(MAX_DESCRIPTORS + 3):
                    hit = ends.get(pos)
                    if hit is not None and hit.start >= start:
                        head, pos = hit.start, hit.start
                        if not hit.kept and not hit.local:
                            weak.append(hit)
                        continue
                    prev = max((e for e in ordered if e < pos), default=None)
                    if prev is None:
                        break
                    word = text[prev:pos]
                    if any(x < pos <= y for x, y in covered):
                        break  # another name before it
                    if word in {"-", "—", "－"} and head == pos:
                        pos = prev  # 中国-东盟: two heads joined
                        continue
                    if _head(word):
                        head, pos = prev, prev
                        continue
                    if _descriptor(word) and len(described) < MAX_DESCRIPTORS:
                        described.append(prev)
                        if _unknown(word):
                            unknown = prev
                        pos = prev
                        continue
                    break
                if head is None and unknown is not None:  # 佘山国家旅游度假区, 中以创新园
                    name = text[unknown:b]
                    out.append(
                        Candidate(
                            unknown,
                            b,
                            name,
                            (),
                            sentence,
                            score=WEAK,
                            reasons=["zone by a long name, a word jieba does not know first"],
                        )
                    )
                elif head is not None and any(d >= head for d in described):
                    name = text[head:b]
                    for h in weak:
                        if h.start >= head:
                            h.score, h.reasons = -1.0, [*h.reasons, "inside a zone's name"]
                    out.append(
                        Candidate(head, b, name, (), sentence, reasons=["zone by a long name"])
                    )
            at = text.find(suffix, b, end)
    return out


PROPER_TAGS = {"ns", "nz", "nr", "nt", "nrt", "nrfg"}  # jieba's tags of names (陈家: nrfg)


ZONE_QUALIFIERS = frozenset("国家 国家级 省级 市级 县级 区级 各类 现有 全市 全省 重点 园区".split())


def _word_before(text: str, at: int, edges: set[int], start: int) -> str | None:
    """The word that ends at `at` (from the word edge before it, not before `start`) if it
    could be part of a name: 2-4 Chinese characters, no function character (的, 在 …)."""
    before = max((e for e in edges if start <= e < at), default=None)
    if before is None:
        return None
    word = text[before:at]
    if not 2 <= len(word) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", word):
        return None
    return None if FUNCTION_CHARACTERS & set(word) else word


def _noun_before(text: str, at: int, edges: set[int], start: int) -> str | None:
    """A noun that names a 高新区 or 经开区 by its industry (稀土高新区): the word before
    it, a noun jieba knows, not a qualifier (国家高新区, 省级经开区)."""
    word = _word_before(text, at, edges, start)
    if word is None or word in ZONE_QUALIFIERS:
        return None
    return word if _tag(word) == "n" else None


def _name_before(
    text: str, at: int, edges: set[int], start: int, places_only: bool = False
) -> str | None:
    """The proper name that ends at `at`: the token before it, 2-4 Chinese characters, a
    name jieba knows (a place name, tagged ns: 漕河泾, 虹桥) or a word it does not know
    at all (it found it as a new word), holding no function character (的, 在 …): not
    推进, 各类, 国家级, 条件的. With `places_only`, only a known place name will do."""
    word = _word_before(text, at, edges, start)
    if word is None:
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
                o.new
                and o.start <= c.start
                and c.end <= o.end
                and o is not c
                and "divisions joined by dashes" not in o.reasons  # 嘉定-昆山-太仓地区
                for o in sent
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
            if (
                text[c.start - 1 : c.start] in ("(", "（")
                and text[c.end : c.end + 1] in (")", "）")
                and any(o.end == c.start - 1 and o is not c for o in ordered)
            ):  # 长三角（东台）康养小镇, 信用中国（内蒙古）: a place's place
                c.score += EVIDENCE
                c.reasons.append("in brackets after a place")
    for sent in found:  # a zone whose name opens with an unknown word, listed with a zone
        for c in sent:
            if c.kept or c.code or not c.new or c.new[0].kind != "zone":
                continue
            for o in sent:
                gap = text[o.end : c.start] if o.end <= c.start else text[c.end : o.start]
                if (
                    o is not c
                    and o.kept
                    and o.new
                    and o.new[0].kind == "zone"
                    and gap in LIST_JOINS
                ):
                    c.score += EVIDENCE
                    c.reasons.append(f"listed with {o.surface}")
                    break
    kept = {c.code for sent in found for c in sent if c.code and c.kept}
    for c in weak:
        if not c.kept and c.score >= 0 and not c.local and c.code in kept:
            c.score += EVIDENCE
            c.reasons.append("the same place is named elsewhere in the plan")


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def join_short_zones(found: list[list[Candidate]]) -> None:
    """A zone the plan names by a short form of a longer name it also writes (长三角一体化
    示范区 for 长三角生态绿色一体化发展示范区: the same opening and zone word, the short
    form's characters in order in the long one) is that zone."""
    zones = {n.id: n for sent in found for c in sent if c.kept for n in c.new if n.kind == "zone"}
    for sent in found:
        for c in sent:
            if not c.kept or len(c.new) != 1 or c.new[0].kind != "zone":
                continue
            short = c.new[0].name
            longer = [
                z
                for z in zones.values()
                if len(z.name) > len(short) + 1
                and z.name[:2] == short[:2]
                and z.name[-3:] == short[-3:]
                and _subsequence(short, z.name)
            ]
            if len(longer) == 1:
                c.places, c.new = (longer[0].id,), (longer[0],)
                c.reasons.append(f"a short form of {longer[0].name}")
