"""The responsibility table (任务分工表) as files: CSV (UTF-8 with a BOM, so Excel reads the
Chinese right) and XLSX (openpyxl: a title row, a header row, frozen panes below it, an
auto-filter, column widths and wrapped cells). One row per task, from the same
ResponsibilityRow records the JSON pages carry; a cell lists bodies joined with 、, an
inferred one marked （推断）.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from plankg.graph.records import Duty, ResponsibilityRow, TaskTarget

CSV_MEDIA = "text/csv; charset=utf-8"
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INFERRED_MARK = "（推断）"
JOIN = "、"
FIXED_TIME = datetime.datetime(1980, 1, 1)
COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "", "~": "约"}


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def duty_names(duties: Sequence[Duty]) -> str:
    """市发改委、市财政局（推断）: the bodies of a cell, an inferred one marked."""
    return JOIN.join(d.name + (INFERRED_MARK if d.basis == "inferred" else "") for d in duties)


def duty_basis(duty: Duty) -> str:
    """How one body was found: the clause's word, the text, or the inference's score."""
    if duty.found_by == "clause":
        return f"{duty.name}：{duty.clause_word}"
    if duty.found_by == "text":
        return f"{duty.name}：文中点名"
    return f"{duty.name}：推断 {duty.score:g}（{JOIN.join(duty.terms)}）"


def target_text(t: TaskTarget) -> str:
    """新增高新技术企业 ≥200家（2025年）"""
    value = _number(t.value) + (f"~{_number(t.value_max)}" if t.value_max is not None else "")
    year = f"（{t.year}年）" if t.year is not None else ""
    return f"{t.name} {COMPARATORS[t.comparator]}{value}{t.unit}{year}"


# (header, width in characters, the cell of a row): the one list of columns both files use.
COLUMNS: list[tuple[str, int, Callable[[ResponsibilityRow], str | int]]] = [
    ("规划编号", 18, lambda r: r.plan),
    ("规划", 30, lambda r: r.plan_title),
    ("任务号", 7, lambda r: r.task),
    ("编号", 8, lambda r: r.number_label),
    ("任务", 36, lambda r: r.title),
    ("章", 24, lambda r: r.chapter_title),
    ("牵头单位", 30, lambda r: duty_names(r.leads)),
    ("配合单位", 30, lambda r: duty_names(r.partners)),
    ("分工依据", 40, lambda r: "；".join(duty_basis(d) for d in [*r.leads, *r.partners])),
    ("目标", 40, lambda r: "；".join(target_text(t) for t in r.targets)),
    (
        "年份",
        10,
        lambda r: JOIN.join(str(y) for y in sorted({t.year for t in r.targets if t.year})),
    ),
]
HEADERS = [header for header, _, _ in COLUMNS]


def cells(row: ResponsibilityRow) -> list[str | int]:
    return [cell(row) for _, _, cell in COLUMNS]


def to_csv(rows: Sequence[ResponsibilityRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(cells(r) for r in rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Sequence[ResponsibilityRow], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分工表"
    last = get_column_letter(len(COLUMNS))
    sheet.append([title])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(cells(row))
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
    for index, (_, width, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"  # the title and the header stay in view
    sheet.auto_filter.ref = f"A2:{last}{len(rows) + 2}"
    return _same_bytes(book)


def _same_bytes(book: Workbook) -> bytes:
    """The workbook's file, the same bytes for the same rows (so its ETag holds and both
    stores give one file): its properties' creation and save times, and its zip members'
    dates, are a fixed time (the zip format's first day) rather than now, which openpyxl's
    save stamps."""
    book.properties.created = book.properties.modified = FIXED_TIME
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(fixed, source.read(member))
    return out.getvalue()


def filename(name: str, extension: str) -> str:
    """An attachment's name from an id (plan ids are ASCII; an agency id holds ':')."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") + f"-responsibilities.{extension}"
