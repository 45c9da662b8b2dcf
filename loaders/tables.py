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
REVIEW_RE = re.compile(r"完成情况|实现情况|回顾|成效")
UNIT_HEADER = "单位"
TARGET_COLUMN_RE = re.compile(r"目标|任务|预期|规划")
SEQUENCE_RE = re.compile(r"^\d{1,2}$")
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


def read_table(cells: list[Cell], default_year: int | None = None) -> list[TableTarget]:
    """The targets of one table; `cells` start with its title (表3 …主要指标).
    `default_year` is the year of a target column that names none (计划任务: the plan's end)."""
    if REVIEW_RE.search(cells[0].text):
        return []  # 表1 “十三五”…主要指标完成情况: the last plan's outcome
    header_end = next((i for i, c in enumerate(cells) if NAME_UNIT_RE.match(c.text)), None)
    if header_end is None:
        return _read_unit_column(cells, default_year)
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
        qualified = [VALUE_RE.match(c.text) for c in values]
        if (
            has_baseline
            and len(values) >= 4
            and len(values) % 2 == 0
            and all(q and q.group("qualifier").strip() for q in qualified)
        ):
            # 设区市≥25 县级市≥20 | 设市城市≥55 其他县城≥25: the baseline's cells, then the target's
            targets = values[len(values) // 2 :]
        elif has_baseline and len(values) > 1 and not VALUE_RE.match(values[0].text or "-"):
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


def _read_unit_column(cells: list[Cell], default_year: int | None) -> list[TableTarget]:
    """A table with a 单位 column, each row 序号 / indicator / unit / one value per target
    column / 约束性|预期性 (表4 …主要指标: 计划任务, 其中：2021年任务). A target column's year is
    the one it names, else `default_year`; a 现状 column is the baseline, no target."""
    texts = [c.text.replace(" ", "") for c in cells]
    if UNIT_HEADER not in texts:
        return []
    at = texts.index(UNIT_HEADER)
    first_row = next((i for i in range(at + 1, len(cells)) if SEQUENCE_RE.match(texts[i])), None)
    if first_row is None:
        return []
    columns: list[int | None] = []  # per value column: its year, or None for a baseline
    for text in texts[at + 1 : first_row]:
        if text in ("指标属性", "属性", "指标") or text in NATURE:
            continue
        if BASELINE_RE.search(text) or not TARGET_COLUMN_RE.search(text):
            columns.append(None)
            continue
        year = re.search(r"(\d{4})\s*年", text)
        columns.append(int(year.group(1)) if year else default_year)
    if not any(y is not None for y in columns):
        return []
    found: list[TableTarget] = []
    row: list[Cell] = []
    for cell in cells[first_row:]:
        if cell.text not in NATURE:
            row.append(cell)
            continue
        nature = NATURE[cell.text]
        if row and SEQUENCE_RE.match(row[0].text):
            row = row[1:]
        if len(row) >= 2 + len(columns):
            name, unit, values = row[0], row[1], row[2:]
            for cell_value, year in zip(values, columns, strict=False):
                v = VALUE_RE.match(cell_value.text)
                if year is None or not v:
                    continue
                qualifier = v.group("qualifier").strip()
                found.append(
                    TableTarget(
                        name=qualifier + name.text,
                        value=float(v.group("num")),
                        unit=unit.text.strip(),
                        comparator=SYMBOLS[v.group("symbol")],
                        year=year,
                        nature=nature,
                        row=(name.start, cell.end),
                        match=(cell_value.start, cell_value.end),
                    )
                )
        row = []
    return found
