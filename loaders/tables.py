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
from dataclasses import dataclass, field

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


# ----------------------------------------------------------------- tables laid out by line

# PDF text lays a table out one row a line, its long cells wrapped onto the lines above and
# below the row's own line:
#
#     14上海市“十四五”规划《纲要》主要指标          (the title, a page number glued)
#     序 “十四五”目标 / 指 标 单位 属性 / 号 / 2025年 年均[累计]
#     1 全市生产总值年均增长率 % 预期性 - 5左右
#     万元/
#     2 全员劳动生产率 预期性 36左右 -
#     人
#
# A row line is its number, name, unit, 约束性/预期性 and one cell per value column ("-" for
# none). The lines between two rows belong to the row that lacks a name or a unit (both
# lack: the first half to the first); a fragment line holds name, unit and value parts.
ROW_LINE_RE = re.compile(
    r"^\s*(?P<seq>\d{1,2})\s+(?P<body>.*?)\s*(?P<nature>约束性|预期性)\s*(?P<values>.*)$"
)
LINE_VALUE_RE = re.compile(
    r"(?P<bound>累计达到|达到|不低于|不超过|约|[≥≤<>])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<about>左右)?"
)
BOUNDS = {"累计达到": ">=", "达到": ">=", "不低于": ">=", "不超过": "<=", "约": "~", "≥": ">=",
          "≤": "<=", "<": "<", ">": ">", "": "="}  # fmt: skip


@dataclass
class _Row:
    seq: int
    line: tuple[int, int]
    name: str
    unit: str
    values: list[tuple[str, int, int]]  # cell text and its offsets
    nature: str
    above: list[tuple[str, int, int]] = field(default_factory=list)  # fragment lines
    below: list[tuple[str, int, int]] = field(default_factory=list)


def find_line_tables(
    text: str, start: int, end: int, default_year: int | None, is_unit
) -> list[tuple[tuple[int, int], list[TableTarget]]]:
    """Indicator tables laid out one row a line in text[start:end]: each table's extent
    and its targets (offsets into `text`). `is_unit(s)` says whether s is a unit."""
    lines: list[tuple[str, int, int]] = []
    at = start
    for raw in text[start:end].split("\n"):
        lines.append((raw, at, at + len(raw)))
        at += len(raw) + 1
    found = []
    i = 0
    while i < len(lines):
        title = lines[i][0].strip()
        if not ("指标" in title and len(title) <= 40 and not re.search(r"[。,;，；]", title)):
            i += 1
            continue
        first = next(
            (
                j
                for j in range(i + 1, min(i + 10, len(lines)))
                if (m := ROW_LINE_RE.match(lines[j][0])) and m.group("seq") == "1"
            ),
            None,
        )
        header = " ".join(line[0] for line in lines[i + 1 : first or i + 1])
        if first is None or "单位" not in header.replace(" ", ""):
            i += 1
            continue
        year_match = re.search(r"(\d{4})\s*年", header)
        year = int(year_match.group(1)) if year_match else default_year
        rows, fragments, j = [], [], first
        while j < len(lines):
            raw, a, b = lines[j]
            m = ROW_LINE_RE.match(raw)
            if m and int(m.group("seq")) == (rows[-1].seq + 1 if rows else 1):
                rows.append(_row_of(m, a, is_unit))
                rows[-1].above = fragments
                fragments = []
            elif re.match(r"^\s*\d{1,2}\s", raw) or len(raw.strip()) > 40 or len(fragments) > 3:
                break  # a footnote (1 指…) or prose: the table has ended
            elif raw.strip():
                fragments.append((raw, a, b))
            j += 1
        if len(rows) < 3:
            i += 1
            continue
        trailing = [f for f in fragments if len(f[0].strip()) <= 4][:1]
        _share_fragments(rows, trailing)
        targets = [t for row in rows for t in _row_targets(row, year, is_unit)]
        extent_end = trailing[-1][2] if trailing else rows[-1].line[1]
        # Its footnotes (1 指…, 2 暂用…) define its indicators: they are part of it.
        note = 1
        while j < len(lines):
            raw = lines[j][0]
            numbered = re.match(r"^\s*(\d{1,2})\s", raw)
            if numbered and int(numbered.group(1)) == note:
                note += 1
            elif numbered or re.match(r"^\s*\d", raw) or note == 1:
                break
            extent_end = lines[j][2]
            j += 1
        found.append(((lines[i][1], extent_end), targets))
        i = j
    return found


def _row_of(m: re.Match[str], line_start: int, is_unit) -> _Row:
    body = m.group("body").strip()
    name, _, last = body.rpartition(" ")
    if not is_unit(last):
        name, last = body, ""
    values = []
    offset = line_start + m.start("values")
    for cell in re.finditer(r"\S+", m.group("values")):
        values.append((cell.group(), offset + cell.start(), offset + cell.end()))
    return _Row(int(m.group("seq")), (line_start, line_start + m.end()), name.strip(), last,
                values, m.group("nature"))  # fmt: skip


def _incomplete(row: _Row) -> bool:
    return not row.name or not row.unit


def _share_fragments(rows: list[_Row], trailing: list) -> None:
    """Give the lines between two rows to the row that lacks a name or unit."""
    for row in rows:
        row.below = []
    for k in range(1, len(rows)):
        between = rows[k].above
        before, after = rows[k - 1], rows[k]
        if _incomplete(before) and _incomplete(after):
            half = (len(between) + 1) // 2
            before.below, after.above = between[:half], between[half:]
        elif _incomplete(before):
            before.below, after.above = between, []
    rows[0].above = [] if not _incomplete(rows[0]) else rows[0].above
    rows[-1].below = trailing


def _row_targets(row: _Row, year: int | None, is_unit) -> list[TableTarget]:
    names, units = [], []
    values = list(row.values)
    for where in (row.above, [("", 0, 0)], row.below):
        for raw, a, _b in where:
            if not raw:
                names.append(row.name)
                units.append(row.unit)
                continue
            tokens = list(re.finditer(r"\S+", raw))
            for k, tok in enumerate(tokens):
                t = tok.group()
                if re.search(r"\d", t) and re.search(r"[\[\]约左右]", t):
                    values.append((t, a + tok.start(), a + tok.end()))
                elif t.endswith("/") or "/" in t or (
                    not re.search(r"\d", t) and (len(t) <= 2 or (k == 1 and len(t) <= 3))
                ) or is_unit(t):
                    units.append(t)
                elif k == 0:
                    names.append(t)
    name = re.sub(r"\d+$", "", "".join(names))  # a footnote mark: …拥有量1
    unit = "".join(units)
    found = []
    for cell, a, b in values:
        v = LINE_VALUE_RE.search(cell.replace("[", "").replace("]", ""))
        if not v or not name or not unit or unit == "/":
            continue
        comparator = "~" if v.group("about") else BOUNDS[v.group("bound") or ""]
        found.append(
            TableTarget(
                name=name, value=float(v.group("num")), unit=unit, comparator=comparator,
                year=year, nature=NATURE[row.nature], row=row.line, match=(a, b),
            )  # fmt: skip
        )
    return found
