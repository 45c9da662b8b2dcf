from typing import Annotated

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
from plankg.api.models import Page, PlaceDetail, PlaceOut, PlaceTask
from plankg.api.problems import quote

router = APIRouter(tags=["places"])


@router.get("/places", response_model=Page[PlaceOut], summary="Places the plan names")
@in_thread
def list_places(
    store: Store,
    plan: PlanParam,
    paging: Pages,
    remote: Annotated[bool | None, Query(description="only remote (or non-remote) places")] = None,
) -> Page[PlaceOut]:
    return store.places(plan_of(store, plan), paging, remote)


@router.get(
    "/places/{place}",
    response_model=PlaceDetail,
    summary="A place by id, Chinese or English name: what contains it, what it contains",
)
@in_thread
def get_place(place: str, store: Store, plan: PlanParam) -> PlaceDetail:
    plan = plan_of(store, plan)
    place_id = resolve(store, "Place", place, "place", [plan])
    found = store.place(plan, place_id)
    if found is None:
        raise not_found(store, plan, f"plan {plan!r} does not name {quote(place)}")
    return found


@router.get(
    "/places/{place}/tasks",
    response_model=Page[PlaceTask],
    summary="Tasks that name a place (with include_parts, or any place inside it)",
)
@in_thread
def place_tasks(
    place: str,
    store: Store,
    plan: PlansParam,
    paging: Pages,
    include_parts: Annotated[
        bool, Query(description="count places inside this one too: 衢山 is inside 岱山")
    ] = False,
) -> Page[PlaceTask]:
    plans = plans_of(store, plan)
    place_id = resolve(store, "Place", place, "place", plans)
    return store.place_tasks(plans, place_id, paging, include_parts)
