from typing import Annotated

from fastapi import APIRouter, Query

from plankg.api.deps import Pages, PlansParam, Store, Text, in_thread, number_query, plans_of
from plankg.api.models import IndicatorOut, Page
from plankg.graph.records import IndicatorFilter

router = APIRouter(tags=["indicators"])


@router.get("/indicators", response_model=Page[IndicatorOut], summary="Numeric targets, filtered")
@in_thread
def list_indicators(
    store: Store,
    plan: PlansParam,
    paging: Pages,
    task: Annotated[int | None, number_query("stated in this task")] = None,
    goal: Annotated[int | None, number_query("stated in this goal")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    unit: Text = None,
    name: Annotated[str | None, Query(max_length=200, description="in the target's name")] = None,
    q: Text = None,
) -> Page[IndicatorOut]:
    """`name` is a substring of the target's name (plan=* with name=城镇化率 gives that
    target across every plan); `q` a substring of the name or the evidence sentence."""
    where = IndicatorFilter(task=task, goal=goal, year=year, unit=unit, name=name, q=q)
    return store.indicators(plans_of(store, plan), paging, where)
