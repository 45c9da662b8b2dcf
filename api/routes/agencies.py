from typing import Annotated, Literal

from fastapi import APIRouter, Query

from plankg.api.deps import (
    Pages,
    PlanParam,
    PlansParam,
    Store,
    in_thread,
    not_found,
    plan_of,
    plans_of,
    resolve,
)
from plankg.api.models import AgencyOut, AgencyTask, Page
from plankg.api.problems import quote

router = APIRouter(tags=["agencies"])


@router.get("/agencies", response_model=Page[AgencyOut], summary="Agencies responsible for tasks")
@in_thread
def list_agencies(store: Store, plan: PlanParam, paging: Pages) -> Page[AgencyOut]:
    return store.agencies(plan_of(store, plan), paging)


@router.get("/agencies/{agency}", response_model=AgencyOut, summary="An agency by id or name")
@in_thread
def get_agency(agency: str, store: Store, plan: PlanParam) -> AgencyOut:
    plan = plan_of(store, plan)
    agency_id = resolve(store, "Agency", agency, "agency", [plan])
    found = store.agency(plan, agency_id)
    if found is None:
        raise not_found(store, plan, f"agency {quote(agency)} has no task in plan {plan!r}")
    return found


@router.get(
    "/agencies/{agency}/tasks",
    response_model=Page[AgencyTask],
    summary="Tasks an agency leads or partners in, with the basis (explicit or inferred)",
)
@in_thread
def agency_tasks(
    agency: str,
    store: Store,
    plan: PlansParam,
    paging: Pages,
    role: Annotated[Literal["lead", "partner"] | None, Query()] = None,
) -> Page[AgencyTask]:
    plans = plans_of(store, plan)
    agency_id = resolve(store, "Agency", agency, "agency", plans)
    return store.agency_tasks(plans, agency_id, paging, role)
