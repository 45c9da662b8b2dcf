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
from dataclasses import dataclass
from functools import cache

from plankg.loaders.resources import load_yaml
from plankg.loaders.segment import cut, is_word

SENTENCE_RE = re.compile(r"[^。;!?\n]+[。;!?]?")
CLAUSE_BREAK = ",:;"
LIST_JOINERS = "、和及与"  # between parallel items: "城镇和农村…", "6.2万元和3.1万元"
YEAR_RE = re.compile(r"(?:到|至|截至)\s*(\d{4})\s*年")
DIGIT_RE = re.compile(r"\d")  # what the pattern's numbers start with
LEADING_YEAR_RE = re.compile(r"^(?:(?:到|至|截至)?\s*\d{4}\s*年(?:底|末)?)")


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
    units = sorted(rules["units"], key=len, reverse=True)
    suffixes = sorted(rules["suffix_comparators"], key=len, reverse=True)
    unit = "(?:" + "|".join(map(re.escape, units)) + ")"
    pattern = re.compile(
        r"(?P<symbol>[≤≥<>]\s*)?"
        r"(?<![A-Za-z0-9.\-])(?P<num>\d+(?:\.\d+)?)"
        # A range is one target: 1~2所, 5%-10%, 3至5个.
        r"(?:" + unit + r"?\s*[~\-－—至到]\s*(?P<max>\d+(?:\.\d+)?))?"
        r"(?P<unit>" + unit[3:-1] + r")?"
        r"(?P<suffix>" + "|".join(map(re.escape, suffixes)) + r")?"
        # It must end its clause; 和/及/与 may join it to a next value ("6.2万元和3.1万元").
        r"(?=[,、;:。)!?\s”’」』》]|[和及与](?=\d)|$)"
    )
    return pattern, rules


def find_targets(text: str, start: int, end: int, default_year: int | None) -> list[Target]:
    """Targets stated in text[start:end]; spans are offsets into `text`."""
    pattern, rules = _rules()
    found: list[Target] = []
    for sentence in SENTENCE_RE.finditer(text, start, end):
        s_start, s_end = sentence.span()
        body = text[s_start:s_end]
        if not DIGIT_RE.search(body):
            continue  # no number, no target (most sentences): skip the long pattern
        year_match = YEAR_RE.search(body)
        year = int(year_match.group(1)) if year_match else default_year
        cumulative_sentence = any(w in body for w in rules["cumulative_periods"])
        previous_end = 0
        shared_verb = ""
        names: list[str] = []
        for m in pattern.finditer(body):
            unit, suffix = m.group("unit") or "", m.group("suffix") or ""
            value = float(m.group("num"))
            value_max = float(m.group("max")) if m.group("max") else None
            if not math.isfinite(value) or not math.isfinite(value_max or 0.0):
                continue  # a run of thousands of digits is no target
            if not unit and not suffix and not m.group("symbol"):
                continue  # a bare number ("海上120") is not a target; "倍差≤1.6" is
            if unit == "年" and value.is_integer() and 1900 <= value <= 2100:
                continue  # a year
            if body[: m.start()].rstrip().endswith("(") or re.search(
                r"[=+×]\s*\(?\s*$", body[: m.start()]
            ):
                continue  # a share in brackets or a term of a formula: 日常监测(60%)+…
            clause_start = max(body.rfind(c, 0, m.start()) for c in CLAUSE_BREAK) + 1
            left_start = max(clause_start, previous_end)
            left = body[left_start : m.start()]
            clause_left = body[clause_start : m.start()]
            if previous_end <= clause_start:
                names = _split_respectively(clause_left)
                shared_verb = ""
            name, verb = _strip_verb(left, rules)
            if "分别" in clause_left and names:
                name = names.pop(0)
                verb = verb or shared_verb
                shared_verb = verb
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
            kind = _kind(clause_left, cumulative_sentence, rules)
            name = _clean_name(name, clause_left, kind, rules)
            found.append(
                Target(
                    name=name,
                    value=value,
                    unit=unit,
                    comparator=comparator,
                    year=year,
                    kind=kind,
                    sentence=(s_start, s_end),
                    value_max=value_max,
                    match=(s_start + left_start + _lead_trim(left), s_start + m.end()),
                )
            )
            previous_end = m.end() + (1 if body[m.end() : m.end() + 1] in LIST_JOINERS else 0)
    return found


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
