from fastapi import APIRouter

from plankg.api.deps import Number, Pages, PlanId, Store, not_found
from plankg.api.models import ChapterDetail, ChapterOut, Page

router = APIRouter(tags=["chapters"])


@router.get("/chapters", response_model=Page[ChapterOut], summary="The plan's chapters")
def list_chapters(store: Store, plan: PlanId, paging: Pages) -> Page[ChapterOut]:
    return store.chapters(plan, paging)


@router.get(
    "/chapters/{number}", response_model=ChapterDetail, summary="A chapter with its tasks and goals"
)
def get_chapter(number: Number, store: Store, plan: PlanId) -> ChapterDetail:
    found = store.chapter(plan, number)
    if found is None:
        raise not_found(store, plan, f"no chapter {number} in plan {plan!r}")
    return found
