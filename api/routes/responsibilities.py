"""The responsibility table (任务分工表): a plan's, and one agency's across plans, as JSON
pages or as a CSV or XLSX file of every row (api/responsibility_files.py)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from plankg.api import responsibility_files as files
from plankg.api.deps import (
    EVERY_PLAN,
    Pages,
    PlansParam,
    Store,
    in_thread,
    no_such_plan,
    plans_of,
    resolve,
)
from plankg.api.models import Page, ResponsibilityRow
from plankg.graph.records import ALL, Window
from plankg.graph.store import GraphStore

router = APIRouter(tags=["responsibilities"])


class TableFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


Format = Annotated[
    TableFormat,
    Query(description="json: a page of rows; csv, xlsx: every row, as a download"),
]

# The downloads in the contract beside the JSON page (a generated client knows all three).
FILES = {
    "content": {
        "text/csv": {"schema": {"type": "string", "description": "every row, UTF-8 with BOM"}},
        files.XLSX_MEDIA: {"schema": {"type": "string", "format": "binary"}},
    }
}


def _answer(
    store: GraphStore,
    plans: list[str],
    agency: str | None,
    paging: Window,
    format: TableFormat,
    name: str,
    title: Callable[[list[ResponsibilityRow]], str],
) -> Page[ResponsibilityRow] | Response:
    if format == TableFormat.json:
        return store.responsibilities(plans, paging, agency)
    rows = store.responsibilities(plans, ALL, agency).items
    if format == TableFormat.csv:
        body, media = files.to_csv(rows), files.CSV_MEDIA
    else:
        body, media = files.to_xlsx(rows, title(rows)), files.XLSX_MEDIA
    disposition = f'attachment; filename="{files.filename(name, format.value)}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


@router.get(
    "/plans/{plan_id}/responsibilities",
    response_model=Page[ResponsibilityRow],
    responses={200: FILES},
    summary="The plan's responsibility table (任务分工表): JSON pages, or every row as CSV or XLSX",
)
@in_thread
def plan_responsibilities(
    plan_id: str, store: Store, paging: Pages, format: Format = TableFormat.json
) -> Page[ResponsibilityRow] | Response:
    plan = store.plan(plan_id)
    if plan is None:
        raise no_such_plan(store, plan_id)
    title = f"{plan.title}：任务分工表"
    return _answer(store, [plan_id], None, paging, format, plan_id, lambda _: title)


@router.get(
    "/agencies/{agency}/responsibilities",
    response_model=Page[ResponsibilityRow],
    responses={200: FILES},
    summary="The tasks an agency leads or partners in, as rows of the responsibility table",
)
@in_thread
def agency_responsibilities(
    agency: str,
    store: Store,
    plan: PlansParam,
    paging: Pages,
    format: Format = TableFormat.json,
) -> Page[ResponsibilityRow] | Response:
    plans = plans_of(store, plan)
    agency_id = resolve(store, "Agency", agency, "agency", plans)

    def title(rows: list[ResponsibilityRow]) -> str:
        # The agency's name as its rows carry it (every row has it as a lead or partner).
        names = [d.name for r in rows[:1] for d in [*r.leads, *r.partners] if d.agency == agency_id]
        return f"{names[0] if names else agency_id}：任务分工表"

    where = "all" if plan == EVERY_PLAN else plans[0]
    return _answer(store, plans, agency_id, paging, format, f"{agency_id}-{where}", title)
