from fastapi import APIRouter, HTTPException

from plankg.api.deps import Pages, Store
from plankg.api.models import Page, PlanOut
from plankg.api.problems import quote

router = APIRouter(tags=["plans"])


@router.get("/plans", response_model=Page[PlanOut], summary="The loaded plans")
def list_plans(store: Store, paging: Pages) -> dict:
    return paging.page(store.plans())


@router.get("/plans/{plan_id}", response_model=PlanOut, summary="One plan, with counts")
def get_plan(plan_id: str, store: Store) -> dict:
    found = next((p for p in store.plans() if p["id"] == plan_id), None)
    if found is None:
        raise HTTPException(404, f"no plan {quote(plan_id)}")
    return found
