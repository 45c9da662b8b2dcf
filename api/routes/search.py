import time
from typing import Annotated

from fastapi import APIRouter, Query, Request

from api.deps import MAX_TEXT, Pages, PlanId, Store
from api.models import SearchPage
from graph.search import TaskIndex, parse_query

router = APIRouter(tags=["search"])


INDEX_TTL = 60.0  # seconds; as long as Cache-Control lets a client keep an answer


def task_index(request: Request, store, plan: str) -> TaskIndex:
    """One index per plan, built from what the store holds, rebuilt after INDEX_TTL so a
    reload of a shared Neo4j shows up without restarting the API."""
    cache = request.app.state.search_indexes
    built = cache.get(plan)
    if built is None or time.monotonic() - built[0] > INDEX_TTL:
        built = cache[plan] = (time.monotonic(), TaskIndex(store.search_corpus(plan)))
    return built[1]


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
