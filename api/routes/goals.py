from fastapi import APIRouter

from plankg.api.deps import Number, Pages, PlanParam, Store, in_thread, not_found, plan_of
from plankg.api.models import GoalDetail, GoalRef, Page

router = APIRouter(tags=["goals"])


@router.get("/goals", response_model=Page[GoalRef], summary="The plan's goals (2025 and 2035)")
@in_thread
def list_goals(store: Store, plan: PlanParam, paging: Pages) -> Page[GoalRef]:
    return store.goals(plan_of(store, plan), paging)


@router.get(
    "/goals/{number}", response_model=GoalDetail, summary="A goal with its targets and places"
)
@in_thread
def get_goal(number: Number, store: Store, plan: PlanParam) -> GoalDetail:
    plan = plan_of(store, plan)
    found = store.goal(plan, number)
    if found is None:
        raise not_found(store, plan, f"no goal {number} in plan {plan!r}")
    return found
