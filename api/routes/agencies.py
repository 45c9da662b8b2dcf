from typing import Annotated, Literal

from fastapi import APIRouter, Query

from plankg.api.deps import Pages, PlanId, PlanIds, Store, not_found, resolve
from plankg.api.models import AgencyOut, AgencyTask, Page
from plankg.api.problems import quote

router = APIRouter(tags=["agencies"])


@router.get("/agencies", response_model=Page[AgencyOut], summary="Agencies responsible for tasks")
def list_agencies(store: Store, plan: PlanId, paging: Pages) -> Page[AgencyOut]:
    return store.agencies(plan, paging)


@router.get("/agencies/{agency}", response_model=AgencyOut, summary="An agency by id or name")
def get_agency(agency: str, store: Store, plan: PlanId) -> AgencyOut:
    agency_id = resolve(store, "Agency", agency, "agency")
    found = store.agency(plan, agency_id)
    if found is None:
        raise not_found(store, plan, f"agency {quote(agency)} has no task in plan {plan!r}")
    return found


@router.get(
    "/agencies/{agency}/tasks",
    response_model=Page[AgencyTask],
    summary="Tasks an agency leads or partners in, with the basis (explicit or inferred)",
)
def agency_tasks(
    agency: str,
    store: Store,
    plan: PlanIds,
    paging: Pages,
    role: Annotated[Literal["lead", "partner"] | None, Query()] = None,
) -> Page[AgencyTask]:
    agency_id = resolve(store, "Agency", agency, "agency")
    return store.agency_tasks(plan, agency_id, paging, role)
