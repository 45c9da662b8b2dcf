from fastapi import APIRouter

from plankg.api.deps import Pages, PlanId, PlanIds, Store, not_found, resolve
from plankg.api.models import Page, ThemeOut, ThemeTask
from plankg.api.problems import quote

router = APIRouter(tags=["themes"])


@router.get("/themes", response_model=Page[ThemeOut], summary="Themes the plan's tasks are about")
def list_themes(store: Store, plan: PlanId, paging: Pages) -> Page[ThemeOut]:
    return store.themes(plan, paging)


@router.get("/themes/{theme}", response_model=ThemeOut, summary="A theme by id or name")
def get_theme(theme: str, store: Store, plan: PlanId) -> ThemeOut:
    theme_id = resolve(store, "Theme", theme, "theme")
    found = store.theme(plan, theme_id)
    if found is None:
        raise not_found(store, plan, f"no task of plan {plan!r} is about {quote(theme)}")
    return found


@router.get(
    "/themes/{theme}/tasks",
    response_model=Page[ThemeTask],
    summary="Tasks about a theme, best first: /themes/remote-islands/tasks",
)
def theme_tasks(theme: str, store: Store, plan: PlanIds, paging: Pages) -> Page[ThemeTask]:
    """With plan=*, tasks of every plan, best first: "tasks in any plan that touch
    remote islands"."""
    theme_id = resolve(store, "Theme", theme, "theme")
    return store.theme_tasks(plan, theme_id, paging)
