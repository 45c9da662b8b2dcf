"""Numeric targets (indicators) in goal and task sentences.

A target is a number with a unit (or a comparator suffix such as 以内) that ends a
clause: "城镇登记失业率控制在3%以内," is one; "3岁以下婴幼儿" and "220千伏线路" are not,
because there the number qualifies the noun after it. The target's name is the clause
before the number, less the verb that gives its comparator. One clause can hold several
targets joined by 、 ("新增高新技术企业200家、科技型中小企业660家"), and "A、B…分别达到
x、y" gives one target per name. The word lists are in data/indicators.yaml.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cache

from plankg.loaders.metadata import FIVE_YEAR_NAME, five_year_plan
from plankg.loaders.resources import load_yaml
from plankg.loaders.segment import cut, is_word

SENTENCE_RE = re.compile(r"[^。;!?\n]+[。;!?]?")
CLAUSE_BREAK = ",:;"
LIST_JOINERS = "、和及与"  # between parallel items: "城镇和农村…", "6.2万元和3.1万元"
YEAR_RE = re.compile(r"(?:到|至|截至)\s*(\d{4})\s*年")
DIGIT_RE = re.compile(r"\d|翻.番|[〇零两二三四五六七八九十百千万]")  # what the patterns start with
# A number in Chinese numerals (十五, 两, 千, 二〇二五): a value only where a digit would be
# one (十五个工作日内, 千座以上); never after 第 (an ordinal: 第十二条), 每 (a rate: 每十万人)
# or 翻 (翻两番, a doubling read apart). 万 and 亿 are magnitudes that stay in the unit, as
# they do after digits.
CN_NUM = r"(?<![第每翻〇零两一二三四五六七八九十百千])[〇零两一二三四五六七八九十百千]+"
NUM = r"(?:\d+(?:\.\d+)?|" + CN_NUM + ")"
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_POWERS = {"十": 10, "百": 100, "千": 1000}
DOUBLING_RE = re.compile(r"翻([一两二三四])番")
DOUBLINGS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}
# “十四五”期间, 十四五时期, 十四五末: a horizon, the last year of that five-year plan.
FIVE_YEAR_SPAN_RE = re.compile(FIVE_YEAR_NAME + "(?:期间|时期|末)")
PER_YEAR_RE = re.compile(r"每\d*年")  # 每年, 每2年: a rate per period, no horizon
# What links a procedure's subject to its time limit: 应当自…之日起, 应当在, 并在.
LIMIT_CONNECTIVE_RE = re.compile(r"(?:应当|应|须|必须)?(?:自.*?起|并?在|于)$")
OPENING_YEAR_RE = re.compile(r"\s*(?:到|至)\s*(\d{4})\s*年(?:底|末)?\s*,")
TASK_LABEL_RE = re.compile(r"^\s*(?:\d{1,3}\s*[.、]|\(\d{1,3}\))?\s*")  # 21.完成… -> 完成…
LEADING_YEAR_RE = re.compile(r"^(?:(?:到|至|截至)?\s*\d{4}\s*年(?:底|末)?)")


def number(text: str) -> float | None:
    """The value of a number as written: digits (2.5), or Chinese numerals (十五 15, 两 2,
    千 1000, 三百二十 320, 二〇二五 2025). A lone 一 is an article (一批, 一次), no value."""
    if text[0].isdigit():
        return float(text)
    if text == "一":
        return None
    if not any(c in CN_POWERS for c in text):  # digit by digit: 二〇二五
        return float("".join(str(CN_DIGITS[c]) for c in text))
    total, digit, last_power = 0, None, 10_000
    for c in text:
        if c in "〇零" and digit is None and last_power < 10_000:
            continue  # 一百零五: the 零 marks a skipped place
        if c in CN_DIGITS:
            if digit is not None:
                return None  # 十四五: two digits in a row, a name, not a number
            digit = CN_DIGITS[c]
        else:
            power = CN_POWERS[c]
            if power >= last_power:
                return None  # 十百: no number
            total += (1 if digit is None else digit) * power
            digit, last_power = None, power
    return float(total + (digit or 0))


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    unit: str
    comparator: str
    year: int | None
    kind: str
    sentence: tuple[int, int]  # span of the evidence sentence
    match: tuple[int, int]  # span of name .. value, unit, suffix
    value_max: float | None = None  # the upper end of a range: 1~2所, 5%-10%


@cache
def _rules() -> tuple[re.Pattern[str], dict]:
    rules = load_yaml("indicators.yaml")
    unit = _unit_pattern(rules)
    suffixes = sorted(rules["suffix_comparators"], key=len, reverse=True)
    pattern = re.compile(
        r"(?P<symbol>[≤≥<>]\s*)?"
        r"(?<![A-Za-z0-9.\-/])(?P<num>" + NUM + r")(?!\s*/\s*\d)"  # not a fraction: 1/3
        # A range is one target: 1~2所, 5%-10%, 3至5个.
        r"(?:\s*" + unit + r"?\s*[~\-－—至到]\s*(?P<max>" + NUM + r"))?"
        r"\s*(?P<unit>" + unit + r")?"
        r"(?P<suffix>" + "|".join(map(re.escape, suffixes)) + r")?"
        # It must end its clause; 和/及/与 may join it to a next value ("6.2万元和3.1万元");
        # after a floor or cap verb (不低于50年一遇的暴雨) it may qualify a noun with 的.
        r"(?P<end>(?=[,、;:。)!?\s”’」』》]|[和及与](?=\d)|$)|(?=的))"
    )
    return pattern, rules


def _unit_pattern(rules: dict) -> str:
    """A unit by its shape: magnitude? base (/ magnitude? base)?, or a Latin unit."""
    listed = sorted(rules["units"], key=len, reverse=True)
    bases = sorted(set(rules["more_units"]) | set(rules["units"]), key=len, reverse=True)
    magnitude = "(?:" + "|".join(map(re.escape, rules["magnitudes"])) + ")"
    base = "(?:" + "|".join(map(re.escape, bases)) + r"|[a-z]{2,3}[³²]?(?![A-Za-z])|[a-z][³²])"
    shaped = magnitude + "?" + base + r"(?:/" + magnitude + "?" + base + ")?"
    return "(?:" + "|".join(map(re.escape, listed)) + "|" + shaped + ")"


def is_unit(text: str) -> bool:
    """Whether text is a unit by its shape (万元, 人/亿元, 万m³/小时, %)."""
    return bool(_unit_regex().fullmatch(text)) or text == "/"


@cache
def _unit_regex() -> re.Pattern[str]:
    return re.compile(_unit_pattern(_rules()[1]))


@cache
def _count_pattern() -> re.Pattern[str]:
    """A count before its noun: 建成100个…, 培育3家左右在国内…平台, 面向3万名…."""
    rules = _rules()[1]
    units = "|".join(map(re.escape, sorted(rules["count_units"], key=len, reverse=True)))
    return re.compile(
        r"(?<![A-Za-z0-9.\-])(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>(?:万|千)?(?:" + units + r"))"
        r"(?P<suffix>以上|左右)?"
        # the noun, maybe after an aside: 新增2400户（累计约3600户）大中型餐饮单位
        r"(?=(?:\([^()]{1,20}\))?[\u4e00-\u9fff“\"《A-Za-z])(?!级|以下|类|次)"
    )


@cache
def _limit_pattern() -> re.Pattern[str]:
    """A procedural limit: 48小时内放行, 10个工作日内办结."""
    units = "|".join(map(re.escape, sorted(_rules()[1]["limit_units"], key=len, reverse=True)))
    return re.compile(
        r"(?<![A-Za-z0-9.\-])(?P<num>\d+|" + CN_NUM + r")\s*(?P<unit>" + units + r")内"
    )


def _five_year_end(sentence: str) -> int | None:
    if m := FIVE_YEAR_SPAN_RE.search(sentence):
        years = five_year_plan(m.group(1))
        return years[1] if years else None
    return None


def find_targets(text: str, start: int, end: int, default_year: int | None) -> list[Target]:
    """Targets stated in text[start:end]; spans are offsets into `text`."""
    pattern, rules = _rules()
    found: list[Target] = []
    # 到2025年，建设用地土壤环境安全得到合理保障…。再开发利用的污染地块安全利用率达到92%以上:
    # a dated sentence with no number of its own is the horizon of the rest of its paragraph.
    opening_year = None
    for sentence in SENTENCE_RE.finditer(text, start, end):
        s_start, s_end = sentence.span()
        body = text[s_start:s_end]
        if s_start == start or text[s_start - 1] == "\n":
            opening_year = None
        opening = OPENING_YEAR_RE.match(body)
        if opening and not re.search(r"\d", body[opening.end() :]):
            opening_year = int(opening.group(1))
        if not DIGIT_RE.search(body):
            continue  # no number, no target (most sentences): skip the long pattern
        year_match = YEAR_RE.search(body)
        stated_year = int(year_match.group(1)) if year_match else _five_year_end(body)
        if stated_year is None:
            stated_year = opening_year
        year = stated_year if stated_year is not None else default_year
        years = [(y.start(), int(y.group(1))) for y in YEAR_RE.finditer(body)]
        cumulative_sentence = any(w in body for w in rules["cumulative_periods"])
        previous_end = 0
        shared_verb = ""
        names: list[str] = []
        for m in pattern.finditer(body):
            unit, suffix = m.group("unit") or "", m.group("suffix") or ""
            value = number(m.group("num"))
            value_max = number(m.group("max")) if m.group("max") else None
            if value is None or (m.group("max") and value_max is None):
                continue  # 一次, 十四五: no number
            if not math.isfinite(value) or not math.isfinite(value_max or 0.0):
                continue  # a run of thousands of digits is no target
            if not unit and not suffix and not m.group("symbol"):
                continue  # a bare number ("海上120") is not a target; "倍差≤1.6" is
            if unit == "年" and value.is_integer() and 1900 <= value <= 2100:
                continue  # a year
            opened = body.rfind("(", 0, m.start())
            if (
                opened > body.rfind(")", 0, m.start())
                and not _bound_verb(body[opened : m.start()], rules)
                and not _strip_verb(body[opened + 1 : m.start()], rules)[1]
            ) or re.search(
                r"[=+×]\s*\(?\s*$", body[: m.start()]
            ):
                continue  # a share in brackets or a term of a formula: 日常监测(60%)+…
            clause_start = max(body.rfind(c, 0, m.start()) for c in CLAUSE_BREAK) + 1
            if opened > body.rfind(")", 0, m.start()):
                clause_start = max(clause_start, opened + 1)  # a bracket's own clause
            left_start = max(clause_start, previous_end)
            left = body[left_start : m.start()]
            clause_left = body[clause_start : m.start()]
            if clause_left.rstrip().endswith(tuple(rules["validity_words"])):
                continue  # 有效期2年: the document's term, which gives its period
            if previous_end <= clause_start:
                names = _split_respectively(clause_left)
                shared_verb = ""
            name, verb = _strip_verb(left, rules)
            if "分别" in clause_left and names:
                name = names.pop(0)
                verb = verb or shared_verb
                shared_verb = verb
            standing = False
            match_end = m.end()
            if body.startswith("的", m.end()) and unit == "%" and _opens(clause_left, rules):
                # 全市90%的重点领域市场主体纳入…平台: the share of a population that is to
                # do something, when the clause states no value of its own for it (全市65%以上
                # 的村年经营性收入达50万元以上 is a target of 50万元 for that share).
                stop = re.search(r"[,;:。]", body[m.end() :])
                match_end = m.end() + (stop.start() if stop else len(body) - m.end())
                rest = body[m.end() + 1 : match_end]
                if DIGIT_RE.search(rest):
                    continue
                name = rest.strip()
            elif body.startswith("的", m.end()):
                # 不低于50年一遇的暴雨: a floor or cap verb before it makes it a target.
                bound = _bound_verb(clause_left, rules)
                at = clause_left.rfind(bound) if bound else -1
                if not bound or clause_left[at - 1 : at] in ("和", "及", "与", "、"):
                    continue  # …所有权和不低于10年的长期使用权: one of a list of nouns
                verb = verb or bound
                standing = True  # a standard to meet (…的标准), not a horizon
            elif not verb and not suffix:
                verb = _bound_verb(clause_left, rules)
            symbol = (m.group("symbol") or "").strip()
            comparator = (
                rules["symbol_comparators"][symbol]
                if symbol
                else rules["suffix_comparators"][suffix]
                if suffix
                else "~"
                if value_max is not None
                else rules["verb_comparators"].get(verb, "=")
            )
            at_year = next((y for at, y in reversed(years) if at < m.start()), None)
            if at_year is not None and at_year != stated_year:
                # 到2035年…75%, 到2050年提高到80%以上: the nearest year before the value
                match_year = at_year
            else:
                match_year = None
            if not m.group("num")[0].isdigit() and not (
                symbol or suffix or rules["verb_comparators"].get(verb, "=") != "="
            ):
                # Quantities are written in digits; a Chinese numeral is one only where the
                # text bounds it (千座以上, 不超过七个工作日), not in 扩至…的两倍 or “六个千亿”.
                continue
            if _fixed_award(body[: m.start()], clause_left, unit, comparator, rules):
                continue
            kind = _kind(clause_left, cumulative_sentence, rules)
            name = _clean_name(name, clause_left, kind, rules)
            found.append(
                Target(
                    name=name,
                    value=value,
                    unit=unit,
                    comparator=comparator,
                    year=match_year
                    or (stated_year if standing else _year(clause_left, year, stated_year)),
                    kind=kind,
                    sentence=(s_start, s_end),
                    value_max=value_max,
                    match=(s_start + left_start + _lead_trim(left), s_start + match_end),
                )
            )
            previous_end = match_end + (1 if body[match_end : match_end + 1] in LIST_JOINERS else 0)
        found += _counts_and_limits(body, s_start, s_end, year, stated_year, found, rules)
    return found


def _year(clause_left: str, year: int | None, stated_year: int | None) -> int | None:
    """A target stated per year (每年…) has no horizon unless the sentence names one."""
    if stated_year is None and PER_YEAR_RE.search(clause_left):
        return None
    return year


def _bound_verb(clause_left: str, rules: dict) -> str:
    """A floor or cap verb (不低于, 不超过, 最高) in the clause, if any: its comparator
    holds for the value even with a noun between (不超过项目投资额30%)."""
    for verb in sorted(rules["verb_comparators"], key=len, reverse=True):
        if (verb.startswith("不") or verb.startswith("最")) and verb in clause_left:
            return verb
    return ""


def _fixed_award(before: str, clause_left: str, unit: str, comparator: str, rules: dict) -> bool:
    """给予一次性奖补100万元 is a fixed award and 按…的30% a rate: no target, unless capped."""
    if comparator in ("<=", "<"):
        return False
    if unit.endswith("元") and any(w in before for w in rules["award_words"]):
        return True
    return unit == "%" and clause_left.rstrip().endswith("的") and any(
        w in clause_left for w in rules["rate_words"]
    )


def _counts_and_limits(
    body: str,
    s_start: int,
    s_end: int,
    year: int | None,
    stated_year: int | None,
    found: list[Target],
    rules: dict,
) -> list[Target]:
    """Counts before their noun (建成100个…) and procedural limits (48小时内放行)."""
    taken = [
        (t.match[0] - s_start, t.match[1] - s_start) for t in found if t.sentence[0] == s_start
    ]
    more: list[Target] = []
    last_noun_end = -1

    def free(a: int, b: int) -> bool:
        return not any(a < e and b > s for s, e in taken)

    for m in _count_pattern().finditer(body):
        if not free(m.start(), m.end()):
            continue
        clause_start = max(body.rfind(c, 0, m.start()) for c in CLAUSE_BREAK + "。") + 1
        left = body[clause_start : m.start()]
        # A list of counts goes on after 、 or a comma: 培育3家…平台,20家…平台,100家….
        continued = last_noun_end >= 0 and body[last_noun_end : m.start()].strip() in (
            "、", "和", "及", ",", ";"
        )
        head = left.rstrip()
        stripped = True
        while stripped:
            stripped = False
            for filler in rules["count_fillers"]:
                if head.endswith(filler):
                    head, stripped = head[: -len(filler)], True
        verb = next((v for v in rules["count_verbs"] if head.endswith(v)), None)
        if verb is None and not continued:
            verb = _bound_before(head, rules) or _opening_verb(left, rules)
        if verb is None and not continued:
            continue
        stop = re.search(r"[,;:。]|[、和及](?=\d)", body[m.end() :])
        noun_end = m.end() + (stop.start() if stop else len(body) - m.end())
        aside = re.match(r"\([^()]*\)", body[m.end() : noun_end])
        noun = body[m.end() + (aside.end() if aside else 0) : noun_end].strip("“”\" ")
        if aside:
            # （累计约3600户）: the aside's own target counts the same noun.
            for k, t in enumerate(found):
                inside = s_start + m.end() <= t.match[0] < s_start + m.end() + aside.end()
                if inside and t.sentence[0] == s_start and not t.name:
                    found[k] = replace(t, name=noun)
        suffix = m.group("suffix") or ""
        if suffix:
            comparator = rules["suffix_comparators"][suffix]
        elif any(w in left for w in ("力争", "争取", "至少", "不少于")):
            comparator = ">="
        else:
            comparator = rules["verb_comparators"].get(verb or "", "=")
        kind = _kind(left, False, rules)
        more.append(
            Target(
                name=noun,
                value=float(m.group("num")),
                unit=m.group("unit"),
                comparator=comparator,
                year=_year(left, year, stated_year),
                kind=kind,
                sentence=(s_start, s_end),
                match=(s_start + m.start(), s_start + noun_end),
            )
        )
        taken.append((m.start(), noun_end))
        last_noun_end = noun_end
    for m in DOUBLING_RE.finditer(body):  # 翻两番: 2 doublings (×4), unit 番
        clause_start = max(body.rfind(c, 0, m.start()) for c in CLAUSE_BREAK + "。") + 1
        left = body[clause_start : m.start()]
        name, _ = _strip_verb(left, rules)
        name = re.sub(r"(?:在|较|比).*?(?:基础上|期末|水平)$", "", name)
        more.append(
            Target(
                name=_clean_name(name, left, "level", rules),
                value=float(DOUBLINGS[m.group(1)]),
                unit="番",
                comparator=">=" if any(w in left for w in ("力争", "争取")) else "=",
                year=_year(left, year, stated_year),
                kind="level",
                sentence=(s_start, s_end),
                match=(s_start + clause_start, s_start + m.end()),
            )
        )
    for m in _limit_pattern().finditer(body):
        if not free(m.start(), m.end()) or number(m.group("num")) is None:
            continue
        clause_start = max(body.rfind(c, 0, m.start()) for c in CLAUSE_BREAK + "。") + 1
        name = body[clause_start : m.start()].strip(" ,、")
        for word in ("对", "在", "于"):
            name = name.removeprefix(word)
        name = name.removesuffix("的")
        # 政务部门应当自收到申请之日起7个工作日内答复: the limit is on who does what
        # (政务部门答复), not on the procedure's connective; a bare verb (实行) names nothing.
        stop = re.search(r"[,;:。]", body[m.end() :])
        action = body[m.end() : m.end() + stop.start() if stop else len(body)].strip()
        subject = LIMIT_CONNECTIVE_RE.sub("", name)
        if action and (subject != name or len(name) <= 2):
            name = (subject if subject != name else "") + action
        more.append(
            Target(
                name=name,
                value=number(m.group("num")),
                unit=m.group("unit"),
                comparator="<=",
                year=stated_year,  # a standing rule of procedure, not a horizon
                kind="level",
                sentence=(s_start, s_end),
                match=(s_start + clause_start, s_start + m.end()),
            )
        )
    more += _rates(body, s_start, s_end, year, stated_year, free, rules)
    return more


@cache
def _rate_pattern() -> re.Pattern[str]:
    """A data rate: 20兆, 千兆 (1000 兆), 万兆 (1 万兆, 万 staying in the unit), 5G, 100Mbps."""
    return re.compile(
        r"(?<![A-Za-z0-9.\-/])(?P<num>\d+(?:\.\d+)?|" + CN_NUM + r")?(?P<unit>(?P<mag>万)?兆"
        r"(?!瓦|赫|帕|焦|字节)|Gbps|Mbps|G|M)(?![A-Za-z0-9])"
    )


def _rates(body, s_start, s_end, year, stated_year, free, rules) -> list[Target]:
    """Bandwidths: a rate that reaches a tier (万兆到旗县区、千兆到苏木乡镇、20兆进牧户), or
    ends a clause about capacity after 至/到 (推进IPV6互联网出口扩容至5G). Without either it
    is a class or a standard (分批次实现千兆升级, 5G基站): no target."""
    more: list[Target] = []
    for m in _rate_pattern().finditer(body):
        if not m.group("num") and not m.group("mag"):
            continue
        value = number(m.group("num")) if m.group("num") else 1.0
        if value is None or not free(m.start(), m.end()):
            continue
        clause_start = max(body.rfind(c, 0, m.start()) for c in CLAUSE_BREAK + "。") + 1
        left = body[clause_start : m.start()]
        after = body[m.end() :]
        tier = re.match(r"[到进入][\u4e00-\u9fff][^,;:。、的]*", after)
        if tier and m.group("unit").endswith("兆"):
            name, end = tier.group(), m.end() + tier.end()
        elif (
            re.search(r"(?:至|到)$", left)
            and re.match(r"[,;:。、]|$", after)
            and any(w in body[clause_start:] for w in rules["capacity_words"])
        ):
            name = re.sub(r"(?:扩容|提速|提升|提高|升级)?(?:至|到)$", "", left).strip()
            end = m.end()
        else:
            continue
        verbs = [v for v in rules["verb_comparators"] if len(v) > 1 and v in left]
        bound = max(verbs, key=len) if verbs else ""
        comparator = (
            ">="
            if any(w in left for w in ("力争", "争取"))
            else rules["verb_comparators"].get(bound, "=")
        )
        more.append(
            Target(
                name=name,
                value=value,
                unit=m.group("unit"),
                comparator=comparator,
                year=_year(left, year, stated_year),
                kind="level",
                sentence=(s_start, s_end),
                match=(s_start + m.start(), s_start + end),
            )
        )
    return more


def _bound_before(head: str, rules: dict) -> str | None:
    """A floor or cap just before a count: 组织发布不少于100场…, 超过50家…."""
    bound = next(
        (v for v in sorted(rules["verb_comparators"], key=len, reverse=True) if head.endswith(v)),
        None,
    )
    return bound if bound and len(bound) > 1 and rules["verb_comparators"][bound] != "=" else None


def _opens(clause_left: str, rules: dict) -> bool:
    """Whether nothing but a task's number, a year and fillers (全市, 力争) stands before."""
    return not _after_fillers(LEADING_YEAR_RE.sub("", TASK_LABEL_RE.sub("", clause_left)), rules)


def _after_fillers(head: str, rules: dict) -> str:
    """head less a task's number and the fillers it opens with (全市, 力争, 每年 …)."""
    head = TASK_LABEL_RE.sub("", head)
    stripped = True
    while stripped:
        stripped = False
        for filler in rules["count_fillers"]:
            if head.startswith(filler):
                head, stripped = head[len(filler) :].lstrip(), True
    return head.strip()


def _opening_verb(left: str, rules: dict) -> str | None:
    """The verb of making or reaching that opens the count's clause, where only a short
    modifier stands between (联通市本级50个部门, 完成信息平台上线前15项…) or the count opens
    an item of its list (涵盖话务、业务和可视化3大平台、19类功能模块). The count after an
    enumeration in its own item (建设A、B和C3个平台) counts that list, no target."""
    head = _after_fillers(left, rules)
    verb = next((v for v in rules["count_verbs"] if head.startswith(v)), None)
    if verb is None:
        return None
    between = head[len(verb) :]
    if between[-1:] in ("、", "和", "及"):
        return verb  # the count opens an item of the verb's list
    if len(between) > 10 or re.search(r"[的、和及与\d“\"(]", between):
        return None
    return verb


def _lead_trim(left: str) -> int:
    return len(left) - len(left.lstrip(LIST_JOINERS + " "))


def _strip_verb(left: str, rules: dict) -> tuple[str, str]:
    """Split 'X达到' into ('X', '达到'); the longest comparator verb wins."""
    name = left.strip(LIST_JOINERS + " ")
    if "分别" in name:
        name, _, after = name.partition("分别")
        return name, _measure_and_verb(after.strip(), rules)[1]
    for verb in sorted(rules["verb_comparators"], key=len, reverse=True):
        if name.endswith(verb):
            return name[: -len(verb)], verb
    return name, ""


def _measure_and_verb(after: str, rules: dict) -> tuple[str, str]:
    """What follows 分别: '占比达' -> ('占比', '达'); '达到' -> ('', '达到')."""
    for verb in sorted(rules["verb_comparators"], key=len, reverse=True):
        if after.endswith(verb):
            return after[: -len(verb)], verb
    return after, ""


def _split_respectively(clause_left: str) -> list[str]:
    """'二级以上、普惠性幼儿园占比分别达到' -> ['二级以上幼儿园占比', '普惠性幼儿园占比']:
    the modifiers before 分别 share the last item's head noun. With the measure after
    分别 ('货物贸易、对外投资分别占比达'), each item is whole and takes the measure:
    ['货物贸易占比', '对外投资占比']."""
    if "分别" not in clause_left:
        return []
    before, _, after = clause_left.partition("分别")
    # 与 joins inside an item (全省与其他国家货物贸易), so items split on 、和及 only.
    items = re.split("[、和及]", before)
    if len(items) < 2:
        return []
    measure, _ = _measure_and_verb(after.strip(), _rules()[1])
    if measure:
        return [item + measure for item in items]
    last = items[-1]
    # Parallel modifiers of one length (城镇、农村…) cut the last item at that length when
    # that is a word; otherwise the last item's first jieba word is its modifier.
    widths = {len(item) for item in items[:-1]}
    width = widths.pop() if len(widths) == 1 else 0
    if width and is_word(last[:width]):
        modifier = last[:width]
    else:
        modifier = cut(last)[0]
    head = last[len(modifier) :]
    return [item + head for item in items[:-1]] + [last]


def _kind(clause_left: str, cumulative_sentence: bool, rules: dict) -> str:
    if cumulative_sentence or any(w in clause_left for w in rules["cumulative_words"]):
        return "cumulative"
    for word in rules["increment_words"]:
        at = clause_left.find(word)
        if at >= 0 and not clause_left.startswith("到", at + len(word)):
            return "increment"
    return "level"


def _clean_name(name: str, clause_left: str, kind: str, rules: dict) -> str:
    name = LEADING_YEAR_RE.sub("", name).strip(",、 “”‘’\"")
    for word in rules["cumulative_words"]:
        name = name.removesuffix(word).removeprefix(word)
    for verb in sorted(rules["name_leading_verbs"], key=len, reverse=True):
        if name.startswith(verb) and len(name) > len(verb) + 1:
            name = name[len(verb) :].lstrip("“‘\"")  # 实现“重点引进… -> 重点引进…
            break
    if kind == "increment":
        # "新增A200家、B660家": B is also 新增.
        word = next((w for w in rules["increment_words"] if clause_left.startswith(w)), None)
        if word and word not in name:
            name = word + name
    return name
