from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import MAX_TEXT, Pages, PlanId, Store
from api.models import SearchPage
from graph.search import TaskIndex, parse_query

router = APIRouter(tags=["search"])


def task_index(request: Request, store, plan: str) -> TaskIndex:
    """One index per plan, built on first use from what the store holds."""
    cache = request.app.state.search_indexes
    if plan not in cache:
        cache[plan] = TaskIndex(store.search_corpus(plan))
    return cache[plan]


@router.get("/search", response_model=SearchPage, summary="Tasks ranked by relevance (zh or en)")
def search(
    request: Request,
    store: Store,
    plan: PlanId,
    paging: Pages,
    q: Annotated[
        str, Query(min_length=1, max_length=MAX_TEXT, description="Chinese, English or both")
    ],
) -> dict:
    query = parse_query(q)
    hits = task_index(request, store, plan).search(query)
    return paging.page(hits) | {"query": q, "terms": query.terms}
