from fastapi import APIRouter

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
from plankg.api.models import Page, ThemeOut, ThemeTask
from plankg.api.problems import quote

router = APIRouter(tags=["themes"])


@router.get("/themes", response_model=Page[ThemeOut], summary="Themes the plan's tasks are about")
@in_thread
def list_themes(store: Store, plan: PlanParam, paging: Pages) -> Page[ThemeOut]:
    return store.themes(plan_of(store, plan), paging)


@router.get("/themes/{theme}", response_model=ThemeOut, summary="A theme by id or name")
@in_thread
def get_theme(theme: str, store: Store, plan: PlanParam) -> ThemeOut:
    plan = plan_of(store, plan)
    theme_id = resolve(store, "Theme", theme, "theme", [plan])
    found = store.theme(plan, theme_id)
    if found is None:
        raise not_found(store, plan, f"no task of plan {plan!r} is about {quote(theme)}")
    return found


@router.get(
    "/themes/{theme}/tasks",
    response_model=Page[ThemeTask],
    summary="Tasks about a theme, best first: /themes/remote-islands/tasks",
)
@in_thread
def theme_tasks(theme: str, store: Store, plan: PlansParam, paging: Pages) -> Page[ThemeTask]:
    """With plan=*, tasks of every plan, best first: "tasks in any plan that touch
    remote islands"."""
    plans = plans_of(store, plan)
    theme_id = resolve(store, "Theme", theme, "theme", plans)
    return store.theme_tasks(plans, theme_id, paging)
