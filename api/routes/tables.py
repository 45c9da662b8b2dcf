"""Tables people filter: a plan's tasks, places, agencies and targets as rows with facets
(graph/tables.py says how filters and facet counts read), as JSON pages or every filtered
row as one CSV file."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from plankg.api import table_files
from plankg.api.deps import MAX_NUMBER, MAX_TEXT, Pages, Store, in_thread, no_such_plan, resolve
from plankg.api.problems import MEDIA_TYPE, quote
from plankg.graph import tables
from plankg.graph.records import (
    ALL,
    AgencyTableRow,
    PlaceTableRow,
    TablePage,
    TargetTableRow,
    TaskTableRow,
    Window,
)
from plankg.graph.store import GraphStore

router = APIRouter(tags=["tables"])


Names = Annotated[
    list[Annotated[str, Query(max_length=MAX_TEXT)]] | None,
    Query(max_length=50, description="id, Chinese or English name; repeat for any of several"),
]
Chapters = Annotated[
    list[Annotated[int, Query(ge=1, le=MAX_NUMBER)]] | None,
    Query(max_length=50, description="chapter number; repeat for any of several"),
]
HasTarget = Annotated[bool | None, Query(description="whether the task states a target")]
Bases = Annotated[
    list[Literal["stated", "inferred", "none"]] | None,
    Query(
        max_length=3,
        description="stated: a clause or the text names the lead; inferred: the lead is "
        "inferred; none: no lead (for agencies: the agency's own link)",
    ),
]
Sort = Annotated[str | None, Query(max_length=MAX_TEXT, description="a column of the rows")]
Order = Annotated[Literal["asc", "desc"], Query(description="empty cells sort last either way")]
# A Literal, not an enum: the responsibility routes' TableFormat (json, csv, xlsx) keeps
# its name in the contract.
Format = Annotated[
    Literal["json", "csv"],
    Query(description="json: a page of rows; csv: every filtered row, a download"),
]
FILE = {"content": {"text/csv": {"schema": {"type": "string", "description": "UTF-8 with BOM"}}}}


# Query parameters every table takes besides its facets.
COMMON = {"sort", "order", "format", "limit", "offset"}


def _answer(
    request: Request,
    store: GraphStore,
    plan_id: str,
    kind: str,
    paging: Window,
    format: str,
    sort: str | None,
    order: str,
    chapter: list[int] | None = None,
    theme: list[str] | None = None,
    place: list[str] | None = None,
    agency: list[str] | None = None,
    has_target: bool | None = None,
    basis: list[str] | None = None,
) -> TablePage | Response:
    if not store.has_plan(plan_id):
        raise no_such_plan(store, plan_id)
    unknown = sorted(set(request.query_params) - COMMON - set(tables.FACETS[kind]))
    if unknown:
        # A filter this table does not take would otherwise be dropped without a word.
        facets = ", ".join(tables.FACETS[kind])
        raise HTTPException(400, f"the {kind} table has no filter {quote(unknown[0])}: {facets}")
    plans = [plan_id]

    def ids(label: str, keys: list[str] | None, what: str) -> list[str]:
        return [resolve(store, label, key, what, plans) for key in keys or ()]

    filters = {
        "chapter": [str(c) for c in chapter or ()],
        "theme": ids("Theme", theme, "theme"),
        "place": ids("Place", place, "place"),
        "agency": ids("Agency", agency, "agency"),
        "has_target": [] if has_target is None else [str(has_target).lower()],
        "basis": basis or [],
    }
    window = paging if format == "json" else ALL
    try:
        page = tables.table(store, plan_id, kind, filters, window, sort, order == "desc")
    except tables.TableError as error:
        raise HTTPException(400, str(error)) from None
    if format == "json":
        return page
    return Response(
        table_files.to_csv(kind, page.items),
        media_type=table_files.CSV_MEDIA,
        headers={
            "Content-Disposition": f'attachment; filename="{table_files.filename(plan_id, kind)}"'
        },
    )


def _summary(kind: str) -> str:
    return f"The plan's {kind} as a table: filtered, faceted, sorted; JSON pages or all rows as CSV"


RESPONSES = {
    200: FILE,
    400: {
        "description": "A sort column or a filter this table does not take",
        "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    },
}


@router.get(
    "/plans/{plan_id}/table/tasks",
    response_model=TablePage[TaskTableRow],
    responses=RESPONSES,
    summary=_summary("tasks"),
)
@in_thread
def tasks_table(
    plan_id: str,
    request: Request,
    store: Store,
    paging: Pages,
    chapter: Chapters = None,
    theme: Names = None,
    place: Names = None,
    agency: Names = None,
    has_target: HasTarget = None,
    basis: Bases = None,
    sort: Sort = None,
    order: Order = "asc",
    format: Format = "json",
) -> TablePage | Response:
    """Facets: chapter, theme, place, agency, has_target, basis (whether the task's lead is
    stated). Each facet's counts are over the rows every other filter keeps (its own filter
    left out, as Datasette's multi-select facets)."""
    return _answer(
        request, store, plan_id, "tasks", paging, format, sort, order,
        chapter, theme, place, agency, has_target, basis,
    )  # fmt: skip


@router.get(
    "/plans/{plan_id}/table/places",
    response_model=TablePage[PlaceTableRow],
    responses=RESPONSES,
    summary=_summary("places"),
)
@in_thread
def places_table(
    plan_id: str,
    request: Request,
    store: Store,
    paging: Pages,
    chapter: Chapters = None,
    theme: Names = None,
    agency: Names = None,
    has_target: HasTarget = None,
    basis: Bases = None,
    sort: Sort = None,
    order: Order = "asc",
    format: Format = "json",
) -> TablePage | Response:
    """A place is kept when one task naming it passes every filter; `tasks` and `chapters`
    count those tasks. Facet counts leave each facet's own filter out."""
    return _answer(
        request, store, plan_id, "places", paging, format, sort, order,
        chapter, theme, None, agency, has_target, basis,
    )  # fmt: skip


@router.get(
    "/plans/{plan_id}/table/agencies",
    response_model=TablePage[AgencyTableRow],
    responses=RESPONSES,
    summary=_summary("agencies"),
)
@in_thread
def agencies_table(
    plan_id: str,
    request: Request,
    store: Store,
    paging: Pages,
    chapter: Chapters = None,
    theme: Names = None,
    place: Names = None,
    has_target: HasTarget = None,
    basis: Bases = None,
    sort: Sort = None,
    order: Order = "asc",
    format: Format = "json",
) -> TablePage | Response:
    """An agency is kept when one of its tasks passes every filter (basis: that link's own,
    stated or inferred); its counts count those tasks. Facet counts leave each facet's own
    filter out."""
    return _answer(
        request, store, plan_id, "agencies", paging, format, sort, order,
        chapter, theme, place, None, has_target, basis,
    )  # fmt: skip


@router.get(
    "/plans/{plan_id}/table/targets",
    response_model=TablePage[TargetTableRow],
    responses=RESPONSES,
    summary=_summary("targets"),
)
@in_thread
def targets_table(
    plan_id: str,
    request: Request,
    store: Store,
    paging: Pages,
    chapter: Chapters = None,
    theme: Names = None,
    place: Names = None,
    agency: Names = None,
    basis: Bases = None,
    sort: Sort = None,
    order: Order = "asc",
    format: Format = "json",
) -> TablePage | Response:
    """A target is filtered by its task (a goal's target by its goal: its chapter and
    places; basis none). Facet counts leave each facet's own filter out."""
    return _answer(
        request, store, plan_id, "targets", paging, format, sort, order,
        chapter, theme, place, agency, None, basis,
    )  # fmt: skip


@router.get("/plans/{plan_id}/table/{kind}", include_in_schema=False)
async def no_such_table(plan_id: str, kind: str) -> None:
    raise HTTPException(404, f"no table {quote(kind)}: {', '.join(tables.KINDS)}")
