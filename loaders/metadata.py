"""Who a plan is for and when: region (with its level), period, and a readable id.

- Region: a division of the national gazetteer (by its short form) or 全国, never a word
  of the title that only looks like one. The title's division before 省/市/县/区 (安徽省关于…
  -> 安徽, province; 杭州市余杭区… -> 余杭, county); a national issuer (国务院关于…, a
  ministry: …部, …总局) -> 全国; else the issuer's (the 印发 notice's "X关于印发…", or a
  line of chrome such as 安徽省人民政府办公厅); else the title prefix the body repeats most,
  if a division (舟山高质量发展… -> 舟山); else the division the body names most; else ""
  (unknown: the plan warns) or the caller's --region. A name the gazetteer lacks counts
  only with evidence: its government or a body of it named (临澜市人民政府), or a name no
  dictionary knows before 市/县/区 at the title's start that the body repeats alone.
  Level: national, province (the four municipalities too), prefecture, county.
- Period: the title's (2021-2025年) or its bracketed lines; "十四五" / "第十四个五年" in the
  title (2021-2025); one year the title is for; else a range the preamble states; else
  from the year it takes effect (自2022年1月1日起施行) or was issued (published date, else
  the document number's year): 有效期N年 / 有效期至YYYY年, the years the goals (or the
  body) aim at (到2024年), "5年内", "用2-3年时间". Either end may be None: 本政策自2021年
  开始执行 with no end is (2021, None); 到2025年 with no year of issue (None, 2025).
- Id: region pinyin, topic, period (zhoushan-gongtongfuyu-2021-2025, anhui-rcep-2022-2024),
  from the text alone, so the same text always gets the same id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from pypinyin import lazy_pinyin

from plankg.loaders.clean import fold
from plankg.loaders.resources import load_yaml

PERIOD_RE = re.compile(r"(\d{4})\s*年?\s*[-—–~至到－]+\s*(\d{4})\s*年")
TO_YEAR_RE = re.compile(r"(?:到|至|截至)\s*(\d{4})\s*年")
# One year the title is for (包头市2022年数字政府建设考评办法, 2023年工作要点), not a horizon.
YEAR_OF_RE = re.compile(r"(?<![\d到至止\-—–~－])(\d{4})\s*年(?!\s*[-—–~至到－\d])")
WITHIN_YEARS_RE = re.compile(r"(?:(\d{4})\s*年起\s*)?(\d{1,2})\s*年内")
SPAN_OF_YEARS_RE = re.compile(
    r"用\s*(?:(?:\d{1,2}|[一二三两四五])\s*[-~至到－]\s*)?(\d{1,2}|[一二三两四五六七八九十])\s*年"
    r"(?:左右)?(?:的)?时间"
)
# 十四五, “十四五”: the numeral of a five-year plan (its years: five_year_plan)
FIVE_YEAR_NAME = r"(?:“|\")?(十[一二三四五六七八九]?|[二三四五六七八九])五(?:”|\")?"
FIVE_YEAR_RE = re.compile(FIVE_YEAR_NAME + r"|第([十一二三四五六七八九]+)个五年")
# A bracketed range in the title without 年: (2021-2023), （2021—2025）.
BARE_RANGE_RE = re.compile(r"\(\s*(\d{4})\s*[-—–~至到－]+\s*(\d{4})\s*年?\s*\)")
# The day a policy takes effect: 自2021年开始执行, 自2022年3月1日起施行.
EFFECTIVE_RE = re.compile(
    r"自\s*(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?\s*(?:起|开始)?\s*"
    r"(?:施行|执行|实施|生效)"
)
FROM_ISSUE_RE = re.compile(r"自(?:印发|发布|公布|颁布)之日起\s*(?:施行|执行|实施|生效)")
VALID_UNTIL_RE = re.compile(r"有效期(?:至|到|截至)\s*(\d{4})\s*年")
VALID_FOR_RE = re.compile(r"有效期(?:为)?\s*(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*年")
CJK = r"[\u4e00-\u9fff]"


def five_year_plan(numeral: str) -> tuple[int, int] | None:
    """The years of the Nth five-year plan (十四 → 2021-2025); None before the 3rd."""
    from plankg.loaders.headings import numeral_value

    n = numeral_value(numeral)
    if n < 3:  # 1963-1965 were years of readjustment, between the 2nd and the 3rd
        return None
    start = 1966 + 5 * (n - 3)
    return start, start + 4


@dataclass(frozen=True)
class Metadata:
    region: str
    region_level: str | None  # national, province, prefecture, city, county, district
    period: tuple[int | None, int | None] | None  # either end may be unknown
    id: str


def slug(text: str) -> str:
    """舟山 -> zhoushan; ASCII letters and digits are kept, everything else dropped."""
    words = lazy_pinyin(text, errors=lambda s: [c for c in s if c.isascii() and c.isalnum()])
    return "".join(words).lower()


def read_metadata(
    title: str,
    issuer: str,
    period_hint: str,
    preamble: str,
    goals_text: list[str],
    body: str,
    published: dt.date | None,
    region: str | None = None,
    issue_year: int | None = None,
    chrome: str = "",
) -> Metadata:
    genre = load_yaml("genre.yaml")
    title = fold(title)
    found_region, level, prefix = _region(title, issuer, body, genre, fold(chrome))
    if not prefix and found_region and title.startswith(found_region):
        prefix = found_region  # named by the issuer, and the title starts with it too
        for suffix in genre["region_suffixes"]:
            if title.startswith(suffix, len(prefix)):
                prefix += suffix
                break
    if region:
        found_region, level = region, level if region == found_region else None
    period = _period(period_hint, preamble, goals_text, body, published, issue_year)
    topic = topic_slug(title[len(prefix) :], found_region)
    parts = [slug(found_region), topic]
    if period:
        parts += [str(year) for year in period if year is not None]
    plan_id = "-".join(part for part in parts if part) or "plan"
    return Metadata(found_region, level, period, plan_id)


def _region(
    title: str, issuer: str, body: str, genre: dict, chrome: str = ""
) -> tuple[str, str | None, str]:
    """(region, level, the title prefix that names it or its issuer). A region is a
    division of the national gazetteer (by its short form: 安徽, 舟山) or 全国, never a
    word of the title that only looks like one (城乡区域…); a name the gazetteer lacks (a
    new division) only where the text names its government (临澜市人民政府); "" when
    nothing names one."""
    suffixes: dict[str, str] = genre["region_suffixes"]
    evidence = "\n".join([issuer, chrome, body])
    national = tuple(genre["national_issuers"])
    if title.startswith(national):
        issuer_prefix = next(n for n in national if title.startswith(n))
        return genre["national_region"], "national", _before_guanyu(title, issuer_prefix)
    named = _named_region(title, suffixes, evidence)
    if named:
        name, level, length = named
        return name, level, _before_guanyu(title, title[:length])
    if title.startswith("关于") and (inner := _region_in(title, suffixes, genre, evidence)):
        return inner[0], inner[1], ""
    bare_issuer = re.sub(r"\s+", "", issuer).removeprefix("中共")  # 中共XX市委宣传部
    if bare_issuer.startswith(national):
        return genre["national_region"], "national", ""
    if named := _named_region(bare_issuer, suffixes, evidence):
        return named[0], named[1], ""
    if bare_issuer.endswith(tuple(genre["national_body_endings"])):
        return genre["national_region"], "national", ""  # 生态环境部, 国家市场监督管理总局
    # 舟山高质量发展…: the leading prefix the body repeats most (longer ones win ties),
    # if it is a division's name.
    scored = [(k * body.count(title[:k]), k) for k in range(2, 5) if body.count(title[:k]) >= 3]
    if scored and re.fullmatch(f"{CJK}+", title[: max(scored)[1]]):
        k = max(scored)[1]
        if found := _division(title[:k]):
            return title[:k], found[1], title[:k]
        for suffix, level in suffixes.items():
            if _government_named(title[:k] + suffix, evidence):
                return title[:k], level, title[:k]
    # A name no dictionary knows, before an administrative suffix at the title's start,
    # that the body repeats alone (槐宁市… / 平安槐宁 …): a division the gazetteer lacks, not a
    # word of the title (城乡区域…, 数字政府…: words; 无废城市…: no suffix).
    for k in (2, 3):
        after = next((x for x in suffixes if title.startswith(x, k)), None)
        name = title[:k]
        alone = len(re.findall(re.escape(name) + f"(?!{re.escape(after or '')})", body))
        if after and re.fullmatch(f"{CJK}+", name) and alone >= 3 and not _a_word(name):
            return name, suffixes[after], _before_guanyu(title, title[: k + len(after)])
    if named := _most_named_division(body):
        return named[0], named[1], ""
    return "", None, ""


def _division(name: str) -> tuple[str, str] | None:
    """(short form, level) of the division a name is (its full or short form in the
    national gazetteer: 安徽省, 舟山), preferring the higher level (吉林 the province);
    the four municipalities are province-level. None for a word that is no division."""
    from plankg.loaders.gazetteer import MUNICIPALITIES, _strip, divisions, surfaces

    codes = surfaces().get(name, ())
    if not codes:
        return None
    rank = {"province": 0, "prefecture": 1, "county": 2}
    division = divisions()[min(codes, key=lambda c: (rank[divisions()[c].level], c))]
    short = _strip(division.name)[0]  # 包头市 -> 包头, though 包头 alone is also a word
    level = "province" if division.code[:2] in MUNICIPALITIES else division.level
    return short, level


# The levels a short form with a suffix may name: 阿坝州 (阿坝藏族羌族自治州), 恩施州,
# 延边州; 锡林郭勒盟; 余杭区; 安吉县.
SUFFIX_LEVELS = {
    "省": {"province"},
    "自治区": {"province"},
    "特别行政区": {"province"},
    "州": {"prefecture"},
    "自治州": {"prefecture"},
    "盟": {"prefecture"},
    "市": {"prefecture", "county"},
    "区": {"county", "prefecture"},
    "县": {"county"},
    "旗": {"county"},
}


def _short_division(name: str, suffix: str) -> tuple[str, str] | None:
    """A division named by its short form and a shorter suffix than its full name's
    (阿坝州 for 阿坝藏族羌族自治州), if a division of that level has the short form."""
    from plankg.loaders.gazetteer import MUNICIPALITIES, divisions

    levels = SUFFIX_LEVELS.get(suffix, set())
    found = [c for c in _stems().get(name, ()) if divisions()[c].level in levels]
    if len(found) != 1:
        return None
    level = "province" if found[0][:2] in MUNICIPALITIES and found[0][2:] == "0000" else None
    return name, level or divisions()[found[0]].level


@cache
def _stems() -> dict[str, tuple[str, ...]]:
    """Every division's name less its suffix (恩施土家族苗族自治州 -> 恩施), even where that
    is also a word and so not a form the linker matches alone."""
    from plankg.loaders.gazetteer import _strip, divisions

    out: dict[str, list[str]] = {}
    for code, d in divisions().items():
        out.setdefault(_strip(d.name)[0], []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def _a_word(text: str) -> bool:
    """jieba's dictionary knows it (城乡, 数字, 长三角, 舟山): no proof of a new division."""
    from plankg.loaders.gazetteer import in_jieba_dictionary

    return in_jieba_dictionary(text)


# What follows a division's name when the text names its government or a body of it;
# compiled once (a pattern built per name cost a compile, and its character class's
# optimisation, for every name tried).
_GOVERNMENT_AFTER = re.compile(
    r"(?:人民)?政府|[\u4e00-\u9fff]{0,10}?(?:委员会|办公室|办公厅|局|厅|委)(?![\u4e00-\u9fff])"
)


def _government_named(name: str, evidence: str) -> bool:
    """The text names the government of `name` or a body of it (澄州市人民政府, 临澜市政府,
    棠泽市发展和改革委员会)."""
    if not name:
        return bool(_GOVERNMENT_AFTER.search(evidence))
    at = evidence.find(name)
    while at >= 0:
        if _GOVERNMENT_AFTER.match(evidence, at + len(name)):
            return True
        at = evidence.find(name, at + 1)
    return False


def _region_in(
    title: str, suffixes: dict[str, str], genre: dict, evidence: str = ""
) -> tuple[str, str] | None:
    """关于推进北京市数据专区建设的指导意见 -> 北京: a division's name before 省/市 after
    the title's generic opening words."""
    rest = title.removeprefix("关于")
    for word in sorted(genre["generic_title_words"], key=len, reverse=True):
        rest = rest.removeprefix(word)
    named = _named_region(rest, suffixes, evidence)
    return (named[0], named[1]) if named else None


def _most_named_division(body: str) -> tuple[str, str] | None:
    """The province or prefecture the body names most (广州, 12 times), by the national
    gazetteer, for plans whose title and issuer name no region."""
    from plankg.loaders.gazetteer import divisions, surfaces

    counts: Counter[str] = Counter()
    for form, codes in surfaces().items():
        ranked = [c for c in codes if divisions()[c].level in ("province", "prefecture")]
        if len(ranked) == 1 and len(form) >= 2 and (n := body.count(form)):
            counts[ranked[0]] += n
    if not counts:
        return None
    division = divisions()[counts.most_common(1)[0][0]]
    return _division(division.name)


def _named_region(
    text: str, suffixes: dict[str, str], evidence: str = ""
) -> tuple[str, str, int] | None:
    """安徽省… -> (安徽, province, 3): a division's name with its administrative suffix at
    the start of the text, by the national gazetteer (城市 in 浙江省城市… is no suffix;
    城乡区域… names no division); 杭州市余杭区… -> the deeper one, (余杭, county, 6)."""
    pattern = "|".join(map(re.escape, suffixes))
    found = None
    at = 0
    while m := re.compile(rf"({CJK}{{2,7}}?)({pattern})").match(text, at):
        if "关于" in m.group(1):
            break
        division = _division(m.group(1) + m.group(2)) or _short_division(
            m.group(1), m.group(2)
        )
        if division is None and _government_named(m.group(0), evidence):
            division = (m.group(1), suffixes[m.group(2)])  # a division the gazetteer lacks
        if division is None:
            break
        found = (m.group(1), division[1], m.end())
        at = m.end()
    return found


def _before_guanyu(title: str, prefix: str) -> str:
    """The issuer part of a title: "国务院关于" or "安徽省关于" or the region's name."""
    rest = title[len(prefix) :]
    return prefix + ("关于" if rest.startswith("关于") else "")


def _period(
    hint: str,
    preamble: str,
    goals: list[str],
    body: str,
    published: dt.date | None,
    issue_year: int | None = None,
) -> tuple[int | None, int | None] | None:
    """[start, end] years, or None where nothing says; an end may be None (本政策自2021年
    开始执行 and no end), a start too (到2025年 in a text with no date of issue)."""
    hint = fold(hint)
    if m := PERIOD_RE.search(hint) or BARE_RANGE_RE.search(hint):
        return int(m.group(1)), int(m.group(2))
    if m := FIVE_YEAR_RE.search(hint):

        if years := five_year_plan(m.group(1) or m.group(2)):
            return years
    if len(years_of := {int(y) for y in YEAR_OF_RE.findall(hint)}) == 1:
        (year,) = years_of
        return year, year
    # A range the preamble states, not one of a document it cites (《…（2020-2022年）》)
    if m := PERIOD_RE.search(re.sub(r"《[^《》]*》", "", fold(preamble))):
        return int(m.group(1)), int(m.group(2))
    text = fold(preamble + "\n" + body)
    # The year it takes effect (自2021年…起施行/开始执行), else the year it was issued.
    effective = EFFECTIVE_RE.search(text)
    from_issue = bool(FROM_ISSUE_RE.search(text))  # 自印发之日起施行
    issued = published or None
    start = int(effective.group(1)) if effective else None
    start_day = (
        (int(effective.group(2) or 1), int(effective.group(3) or 1)) if effective else None
    )
    if start is None:
        if issued is not None:
            start, start_day = issued.year, (issued.month, issued.day)
        elif issue_year is not None:
            start, start_day = issue_year, None
    # 有效期至2025年12月31日 / 有效期5年 (from the day it takes effect or is issued)
    if m := VALID_UNTIL_RE.search(text):
        return start, int(m.group(1))
    if (m := VALID_FOR_RE.search(text)) and start is not None:
        from plankg.loaders.headings import numeral_value

        years = int(m.group(1)) if m.group(1).isdigit() else numeral_value(m.group(1))
        from_new_year = start_day in (None, (1, 1))
        return start, start + years - (1 if from_new_year else 0)
    years = [int(y) for text in goals for y in TO_YEAR_RE.findall(fold(text))]
    if not years:
        years = [int(y) for y in TO_YEAR_RE.findall(fold(body))]
        years = [y for y, _ in Counter(years).most_common(1)]
    if start is not None:
        years = [y for y in years if start <= y <= start + 15]
    if years:
        end = max(years) if goals else years[0]
        if start is None:
            return None, end  # no date of issue: the start is not a guess
        return min(start, end), end
    # 2012年起5年内 / 5年内 (from the published year) / 用2-3年时间 / 利用三年时间
    if m := WITHIN_YEARS_RE.search(text):
        first = int(m.group(1)) if m.group(1) else start
        if first is not None:
            return first, first + int(m.group(2)) - 1
    if start is not None and (m := SPAN_OF_YEARS_RE.search(text)):
        from plankg.loaders.headings import numeral_value

        span = int(m.group(1)) if m.group(1).isdigit() else numeral_value(m.group(1))
        return start, start + span
    if effective or (from_issue and start is not None):
        return start, None  # 本政策自2021年开始执行: a start, no end stated
    return None


def topic_slug(rest: str, region: str = "") -> str:
    """The first words of the title's topic (the title after its region), in pinyin: an
    ASCII name if it has one (RCEP), else up to four characters after the generic words."""
    genre = load_yaml("genre.yaml")
    rest = fold(rest)
    suffixes = sorted(genre["title_suffixes"], key=len, reverse=True)
    rest = re.sub(r"\([^()]*\)\s*$", "", rest).strip()
    for suffix in suffixes:
        if rest.endswith(suffix):
            rest = rest[: -len(suffix)]
            break
    rest = rest.removesuffix("的")
    rest = re.sub(r"^(?:\d{4}\s*年\s*(?:[-—–~至到]\s*\d{4}\s*年)?)", "", rest)  # 2022年…
    if ascii_name := re.search(r"[A-Za-z][A-Za-z0-9]{1,11}", rest):
        return ascii_name.group(0).lower()
    chars = re.sub(r"[^\u4e00-\u9fff]", "", rest)
    generic = sorted(genre["generic_title_words"], key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        if region and chars.startswith(region) and len(chars) > len(region) + 1:
            chars = chars[len(region) :]  # 关于推进北京市数据专区…: the region is not the topic
            changed = True
        for word in generic:
            if chars.startswith(word) and len(chars) > len(word):
                chars = chars[len(word) :]
                changed = True
    return slug(chars[:4])
