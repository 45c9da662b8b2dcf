"""A table (graph/tables.py) as a CSV file: every filtered row in the table's order, its
columns named as the JSON's keys, UTF-8 with a BOM (Excel then reads the Chinese right),
CRLF lines, as the responsibility table's CSV (api/responsibility_files.py)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

from plankg.graph.records import Out, TableRef
from plankg.graph.tables import ROWS

CSV_MEDIA = "text/csv; charset=utf-8"
JOIN = "、"


def _cell(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value == int(value) else repr(value)
    if isinstance(value, TableRef):
        return value.name
    if isinstance(value, list):
        return JOIN.join(str(_cell(v)) for v in value)
    return value


def to_csv(kind: str, rows: Sequence[Out]) -> bytes:
    """The rows, a header of the row's keys first; a list cell's names joined with 、."""
    columns = list(ROWS[kind].model_fields)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(getattr(row, c)) for c in columns] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def filename(plan: str, kind: str) -> str:
    """zhoushan-gongtongfuyu-2021-2025-tasks.csv: the plan id with any other character than
    A-Z a-z 0-9 . _ - made a dash, so the header stays plain ASCII."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plan).strip("-") + f"-{kind}.csv"
