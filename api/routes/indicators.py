from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Pages, PlanId, Store, Text
from api.models import IndicatorOut, Page

router = APIRouter(tags=["indicators"])


@router.get("/indicators", response_model=Page[IndicatorOut], summary="Numeric targets, filtered")
def list_indicators(
    store: Store,
    plan: PlanId,
    paging: Pages,
    task: Annotated[int | None, Query(ge=1, description="stated in this task")] = None,
    goal: Annotated[int | None, Query(ge=1, description="stated in this goal")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    unit: Text = None,
    q: Text = None,
) -> dict:
    """`q` is a substring of the target's name or evidence sentence."""
    found = [
        i
        for i in store.indicators(plan)
        if (task is None or (i["scope"], i["scope_number"]) == ("task", task))
        and (goal is None or (i["scope"], i["scope_number"]) == ("goal", goal))
        and (year is None or i["year"] == year)
        and (unit is None or i["unit"] == unit)
        and (q is None or q in i["name"] or q in i["evidence"])
    ]
    return paging.page(found)
