"""Targets in an indicator table flattened to text, one cell per line.

Plans list their main indicators in a table (表3 “十四五”…主要指标) with the columns
序号 / 类别 / 指标 (单位) / 2020年现状 / 2025年目标 / 指标属性. Copied out of a .docx, each cell
becomes a line of its own:

    城市防洪达标率（%）
    80
    95
    约束性

A row starts at a cell that names an indicator with its unit in brackets; the cells after
it up to 约束性/预期性 are its values, the baseline first when the table has a 现状 column,
then the target(s) for the year in the header's "2025年目标". A target cell may carry a
qualifier and a comparator (重点城市≥30). "——" is no value. Tables laid out row by row on
one line, with broken cells (PDF text), are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME_UNIT_RE = re.compile(r"^(?P<name>[^()]{2,40}?)\s*\((?P<unit>[^()]{1,12})\)$")
TARGET_YEAR_RE = re.compile(r"(\d{4})\s*年\s*(?:目标|预期|规划)")
BASELINE_RE = re.compile(r"现状|基期|基准|\d{4}\s*年\s*(?:实际|基数)")
VALUE_RE = re.compile(r"^(?P<qualifier>\D*?)\s*(?P<symbol>[≥≤<>]?)\s*(?P<num>\d+(?:\.\d+)?)$")
NATURE = {"约束性": "binding", "预期性": "expected"}
SYMBOLS = {"≥": ">=", "≤": "<=", "<": "<", ">": ">", "": "="}


@dataclass(frozen=True)
class Cell:
    start: int  # reading offsets
    end: int
    text: str  # folded


@dataclass(frozen=True)
class TableTarget:
    name: str
    value: float
    unit: str
    comparator: str
    year: int | None
    nature: str | None  # binding (约束性) or expected (预期性)
    row: tuple[int, int]  # reading span of the row, name cell to nature cell
    match: tuple[int, int]  # the value's cell


def read_table(cells: list[Cell]) -> list[TableTarget]:
    """The targets of one table; `cells` start with its title (表3 …主要指标)."""
    header_end = next((i for i, c in enumerate(cells) if NAME_UNIT_RE.match(c.text)), None)
    if header_end is None:
        return []
    header = " ".join(c.text for c in cells[:header_end])
    year_match = TARGET_YEAR_RE.search(header)
    if not year_match:
        return []
    year = int(year_match.group(1))
    has_baseline = bool(BASELINE_RE.search(header))
    found: list[TableTarget] = []
    i = header_end
    while i < len(cells):
        m = NAME_UNIT_RE.match(cells[i].text)
        if not m:
            i += 1
            continue
        j = i + 1
        values: list[Cell] = []
        while j < len(cells) and cells[j].text not in NATURE and not NAME_UNIT_RE.match(
            cells[j].text
        ):
            values.append(cells[j])
            j += 1
        nature = NATURE.get(cells[j].text) if j < len(cells) else None
        end = cells[j].end if nature else (values[-1].end if values else cells[i].end)
        targets = values
        if has_baseline and len(values) > 1 and not VALUE_RE.match(values[0].text or "-"):
            targets = values[1:]  # 现状 not stated (——)
        elif has_baseline and len(values) > 1 and not VALUE_RE.match(values[0].text).group(
            "symbol"
        ):
            targets = values[1:]  # the baseline is a plain value; the targets follow
        for cell in targets:
            v = VALUE_RE.match(cell.text)
            if not v:
                continue
            qualifier = v.group("qualifier").strip()
            found.append(
                TableTarget(
                    name=(qualifier + m.group("name")) if qualifier else m.group("name"),
                    value=float(v.group("num")),
                    unit=m.group("unit").strip(),
                    comparator=SYMBOLS[v.group("symbol")],
                    year=year,
                    nature=nature,
                    row=(cells[i].start, end),
                    match=(cell.start, cell.end),
                )
            )
        i = j + 1 if nature else j
    return found
