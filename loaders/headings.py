"""The numbered headings of the genre, and the rule that tells a heading from prose.

A plan is a tree of numbered headings. Each numbering style has a fixed rank, higher
levels first:

    第一部分 > 第一章 > 第一节 > 第一条 > 一、 > （一） > 1.1 > 1.1.1 > 1. > （1）

A document uses some of these, in this order. A line that looks like a heading is one
only if its number continues the numbering of its style: the next number (numbering may
run on across chapters: tasks 1.–45. in nine chapters, measures （三）–（二十） in seven), or
1 again after a heading of a higher rank (numbering restarts inside each 节). So
"11.121项…" is item 11 whose title starts with 121 when 11 is expected, and a line that
starts with "2.69 万亿元" in wrapped PDF text is prose.

All patterns run on folded text (loaders.clean.fold): （一） is (一), １． and ﹒ are '.'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMERALS = "一二三四五六七八九十"
_CN = "[一二三四五六七八九十百零〇两]{1,4}"
# 第X章 / 第X条 numbers: Chinese, or Arabic with optional spaces around them (第1章, 第 1 条)
_DI = rf"第\s*({_CN}|\d{{1,3}})\s*"


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    pattern: re.Pattern[str]
    # how the style's own numbers are written in the document, e.g. "（{}）"
    display: str


# Measure words and units: a number run into one of these is a quantity (2025年, 3岁, 10个),
# never an item number written without its separator. Words that open titles as well
# (支持, 人才, 项目, 家庭, 多元, 天然气, 分类, 户籍 …) are not here.
MEASURES = "年月日时秒个万亿千百十岁米吨倍份辆株亩届栋余"
_CJK_TITLE = rf"(?=[\u4e00-\u9fff“\"])(?![{MEASURES}])"

STYLES = [
    Style("part", 0, re.compile(rf"^{_DI}部分\s*"), "第{}部分"),
    Style("chapter", 1, re.compile(rf"^{_DI}章\s*"), "第{}章"),
    Style("jie", 2, re.compile(rf"^{_DI}节\s*"), "第{}节"),
    # the articles of a regulation or 办法: 第一条 为了规范…, 第1条, 第 1 条
    Style("tiao", 3, re.compile(rf"^{_DI}条(?:\s+|\s*(?=\S))"), "第{}条"),
    # 一、 and the odd separators of real texts: 一. / 一、、 / a space (一 总体要求)
    Style("cn", 4, re.compile(rf"^({_CN})(?:\s*[、.]{{1,2}}|[ \u3000]+{_CJK_TITLE})\s*"), "{}、"),
    Style("pcn", 5, re.compile(rf"^\(({_CN})\)\s*[、.]?\s*"), "({})"),
    Style("dec2", 6, re.compile(r"^(\d{1,2})\.(\d{1,2})(?![\d.%])\s*(?=\D)"), "{}"),
    Style("dec3", 7, re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{1,2})(?![\d.%])\s*(?=\D)"), "{}"),
    # 1. 1、 1．、 and, loosely (not in wrapped PDF text), 1 推进… / 1推进… before a title
    Style(
        "ar",
        8,
        re.compile(rf"^(\d{{1,5}})(?:\s*[.、](?!\.)[、]?|[ \u3000]*{_CJK_TITLE})\s*"),
        "{}.",
    ),
    Style("par", 9, re.compile(r"^\((\d{1,3})\)\s*"), "({})"),
]
STYLE_BY_NAME = {s.name: s for s in STYLES}
# Styles whose numbers are Chinese numerals.
CHINESE = {"part", "chapter", "jie", "tiao", "cn", "pcn"}
# A heading of these styles stands on a line of its own (a title, no body after it);
# the item styles carry their body in the same paragraph ("1.扩大出口。建立…").
BLOCK_STYLES = {"part", "chapter", "jie", "cn", "dec2"}


def numeral_value(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23, 一百零五 -> 105; 12 -> 12."""
    if numeral.isdigit():
        return int(numeral)
    digits = {c: i + 1 for i, c in enumerate(NUMERALS)} | {"零": 0, "〇": 0, "两": 2}
    total, current = 0, 0
    for char in numeral:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = digits[char]
    return total + current


def numeral_of(value: int) -> str:
    """1 -> 一, 12 -> 十二, 23 -> 二十三 (up to 99)."""
    tens, ones = divmod(value, 10)
    if value <= 0:
        return "〇"
    if not tens:
        return NUMERALS[ones - 1]
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Marker:
    """A heading's number as read from the start of a line."""

    style: str
    number: int  # the last component: 3 for (三), 2 for 1.2
    path: tuple[int, ...]  # every component: (1, 2) for 1.2, (3,) for (三)
    length: int  # characters of the line the marker takes, with the spaces after it
    loose: bool = False  # no separator after the number (1推进…, 一 总体要求)
    arabic: bool = False  # a 第X章/第X条 style written with Arabic numbers (第1条)

    @property
    def rank(self) -> int:
        return STYLE_BY_NAME[self.style].rank

    @property
    def label(self) -> str:
        """The number as the document writes it: 一、, (三), 1., 2.3.1, 第四节."""
        if self.style in CHINESE:
            number = self.number if self.arabic else numeral_of(self.number)
            return STYLE_BY_NAME[self.style].display.format(number)
        if self.style in ("dec2", "dec3"):
            return ".".join(map(str, self.path))
        return STYLE_BY_NAME[self.style].display.format(self.number)


def read_markers(line: str) -> list[Marker]:
    """Every numbering a folded line may start with ("2.3" is 2.3 or item 2), whatever
    the sequence; the caller keeps the first one the numbering accepts."""
    found = []
    for style in STYLES:
        m = style.pattern.match(line)
        if not m or m.end() >= len(line):
            continue
        if style.name in CHINESE:
            path = (numeral_value(m.group(1)),)
        else:
            path = tuple(int(g) for g in m.groups())
        loose = style.name in ("cn", "ar") and not re.search(r"[.、]", m.group(0))
        arabic = style.name in CHINESE and m.group(1).isdigit()
        found.append(Marker(style.name, path[-1], path, m.end(), loose, arabic))
    return found


@dataclass
class Numbering:
    """The numbering seen so far, to tell a heading that continues it from prose."""

    last: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # styles that may restart at 1: a heading of a higher rank came since their last item
    may_restart: set[str] = field(default_factory=set)

    def accepts(self, marker: Marker) -> bool:
        last = self.last.get(marker.style)
        if marker.style == "dec2":
            if last is None:
                return marker.path[1] == 1
            return marker.path in ((last[0], last[1] + 1), (last[0] + 1, 1)) or (
                marker.path[1] == 1 and marker.path[0] == self._chapter_number()
            )
        if marker.style == "dec3":
            parent = self.last.get("dec2")
            if parent is None or marker.path[:2] != parent:
                return False
            if last is None or last[:2] != parent:
                return marker.path[2] == 1
            return marker.path[2] == last[2] + 1
        if last is None:
            return marker.number == 1
        if marker.number == last[0] + 1:
            return True
        return marker.number == 1 and marker.style in self.may_restart

    def skips_one(self, marker: Marker) -> bool:
        """One number left out (or repeated just before): taken, with a warning."""
        last = self.last.get(marker.style)
        return (
            last is not None
            and marker.style not in ("dec2", "dec3")
            and marker.number == last[0] + 2
        )

    def _chapter_number(self) -> int | None:
        cn = self.last.get("cn")
        return cn[0] if cn else None

    def take(self, marker: Marker) -> None:
        self.last[marker.style] = marker.path
        self.may_restart.discard(marker.style)
        for style in STYLES:
            if style.rank > marker.rank:
                self.may_restart.add(style.name)

    def expected(self, style: str) -> str:
        last = self.last.get(style)
        number = (last[0] + 1) if last else 1
        if style in CHINESE:
            return STYLE_BY_NAME[style].display.format(numeral_of(number))
        return STYLE_BY_NAME[style].display.format(number)
