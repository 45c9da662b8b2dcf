from typing import Annotated

from fastapi import APIRouter

from plankg.api.deps import (
    Number,
    Pages,
    PlanId,
    PlanIds,
    Store,
    Text,
    not_found,
    number_query,
    resolve,
)
from plankg.api.models import Page, TaskDetail, TaskRef
from plankg.graph.records import TaskFilter

router = APIRouter(tags=["tasks"])


@router.get("/tasks", response_model=Page[TaskRef], summary="Tasks, filtered")
def list_tasks(
    store: Store,
    plan: PlanIds,
    paging: Pages,
    chapter: Annotated[int | None, number_query("chapter number")] = None,
    place: Text = None,
    agency: Text = None,
    theme: Text = None,
    q: Text = None,
) -> Page[TaskRef]:
    """Filters combine. `place`, `agency` and `theme` take an id, a Chinese name or an
    English name; `q` is a case-insensitive substring of the title, English title or text."""
    where = TaskFilter(
        chapter=chapter,
        place=resolve(store, "Place", place, "place") if place else None,
        agency=resolve(store, "Agency", agency, "agency") if agency else None,
        theme=resolve(store, "Theme", theme, "theme") if theme else None,
        q=q,
    )
    return store.tasks(plan, paging, where)


@router.get(
    "/tasks/{number}",
    response_model=TaskDetail,
    summary="A task with its places, agencies, targets, themes and related tasks",
)
def get_task(number: Number, store: Store, plan: PlanId) -> TaskDetail:
    found = store.task(plan, number)
    if found is None:
        raise not_found(store, plan, f"no task {number} in plan {plan!r}")
    return found
