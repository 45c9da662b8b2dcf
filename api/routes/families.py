"""Indicator families: the same indicator across plans (/families/forest-coverage)."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query

from plankg.api.deps import EVERY_PLAN, MAX_TEXT, Pages, Store, in_thread, plans_of
from plankg.api.models import FamilyOut, FamilyTarget, Page
from plankg.api.problems import quote

router = APIRouter(tags=["families"])


async def every_plan_param(
    plan: Annotated[
        str,
        Query(max_length=MAX_TEXT, description="plan id, or * for every plan (the default)"),
    ] = EVERY_PLAN,
) -> str:
    return plan


EveryPlanParam = Annotated[str, Depends(every_plan_param)]


def _plans(store, plan: str) -> list[str] | None:
    """None for every plan: the store answers that without a list of every plan id."""
    return None if plan == EVERY_PLAN else plans_of(store, plan)


@router.get(
    "/families",
    response_model=Page[FamilyOut],
    summary="Indicator families with targets in the plans (every plan by default)",
)
@in_thread
def list_families(store: Store, plan: EveryPlanParam, paging: Pages) -> Page[FamilyOut]:
    """The kinds of indicator plans state again and again (森林覆盖率, 城镇调查失业率,
    5G基站 …), each with its national name and unit, and how many targets and plans join it."""
    return store.families(_plans(store, plan), paging)


@router.get(
    "/families/{key}",
    response_model=Page[FamilyTarget],
    summary="One indicator across plans: /families/forest-coverage",
)
@in_thread
def family_targets(
    key: str, store: Store, plan: EveryPlanParam, paging: Pages
) -> Page[FamilyTarget]:
    """Every target of the family, by plan: as stated, converted to the family's unit, and
    the sentence stating it."""
    found = store.family_targets(key, _plans(store, plan), paging)
    if found is None:
        raise HTTPException(
            404, f"no loaded plan has a target in family {quote(key)} (GET /families lists them)"
        )
    return found
