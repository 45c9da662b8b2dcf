from fastapi import APIRouter

from plankg.api.deps import Number, Pages, PlanParam, Store, in_thread, not_found, plan_of
from plankg.api.models import ChapterDetail, ChapterOut, Page

router = APIRouter(tags=["chapters"])


@router.get("/chapters", response_model=Page[ChapterOut], summary="The plan's chapters")
@in_thread
def list_chapters(store: Store, plan: PlanParam, paging: Pages) -> Page[ChapterOut]:
    return store.chapters(plan_of(store, plan), paging)


@router.get(
    "/chapters/{number}", response_model=ChapterDetail, summary="A chapter with its tasks and goals"
)
@in_thread
def get_chapter(number: Number, store: Store, plan: PlanParam) -> ChapterDetail:
    plan = plan_of(store, plan)
    found = store.chapter(plan, number)
    if found is None:
        raise not_found(store, plan, f"no chapter {number} in plan {plan!r}")
    return found
