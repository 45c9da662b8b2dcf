from typing import Annotated

from fastapi import APIRouter

from plankg.api.deps import (
    Number,
    Pages,
    PlanParam,
    PlansParam,
    Store,
    Text,
    in_thread,
    not_found,
    number_query,
    plan_of,
    plans_of,
    resolve,
)
from plankg.api.models import Page, TaskDetail, TaskRef
from plankg.graph.records import TaskFilter

router = APIRouter(tags=["tasks"])


@router.get("/tasks", response_model=Page[TaskRef], summary="Tasks, filtered")
@in_thread
def list_tasks(
    store: Store,
    plan: PlansParam,
    paging: Pages,
    chapter: Annotated[int | None, number_query("chapter number")] = None,
    place: Text = None,
    agency: Text = None,
    theme: Text = None,
    q: Text = None,
) -> Page[TaskRef]:
    """Filters combine. `place`, `agency` and `theme` take an id, a Chinese name or an
    English name; `q` is a case-insensitive substring of the title, English title or text."""
    plans = plans_of(store, plan)
    where = TaskFilter(
        chapter=chapter,
        place=resolve(store, "Place", place, "place", plans) if place else None,
        agency=resolve(store, "Agency", agency, "agency", plans) if agency else None,
        theme=resolve(store, "Theme", theme, "theme", plans) if theme else None,
        q=q,
    )
    return store.tasks(plans, paging, where)


@router.get(
    "/tasks/{number}",
    response_model=TaskDetail,
    summary="A task with its places, agencies, targets, themes and related tasks",
)
@in_thread
def get_task(number: Number, store: Store, plan: PlanParam) -> TaskDetail:
    plan = plan_of(store, plan)
    found = store.task(plan, number)
    if found is None:
        raise not_found(store, plan, f"no task {number} in plan {plan!r}")
    return found
