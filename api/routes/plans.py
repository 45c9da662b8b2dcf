from fastapi import APIRouter, HTTPException

from plankg.api.deps import Pages, Store, in_thread
from plankg.api.models import Page, PlanOut
from plankg.api.problems import quote

router = APIRouter(tags=["plans"])


@router.get("/plans", response_model=Page[PlanOut], summary="The loaded plans")
@in_thread
def list_plans(store: Store, paging: Pages) -> Page[PlanOut]:
    return store.plans(paging)


@router.get("/plans/{plan_id}", response_model=PlanOut, summary="One plan, with counts")
@in_thread
def get_plan(plan_id: str, store: Store) -> PlanOut:
    found = store.plan(plan_id)
    if found is None:
        raise HTTPException(404, f"no plan {quote(plan_id)}")
    return found
