import threading
import time
from typing import Annotated

from fastapi import APIRouter, Query, Request

from plankg.api.deps import MAX_TEXT, Pages, PlanParam, Store, in_thread, not_found, plan_of
from plankg.api.models import SearchPage
from plankg.api.problems import quote
from plankg.graph.search import TaskIndex, parse_query

router = APIRouter(tags=["search"])


_building = threading.Lock()
INDEX_TTL = 60.0  # seconds; as long as Cache-Control lets a client keep an answer


def task_index(request: Request, store, plan: str) -> TaskIndex:
    """One index per plan, built from what the store holds. The embedded store's data
    changes only with its data_version; Neo4j's may change underneath, so its index is
    rebuilt after INDEX_TTL (a reload shows up without restarting the API), and a plan
    that is gone (Neo4j restarted empty, a --replace) is not served from the index."""
    cache = request.app.state.search_indexes
    version = getattr(store, "data_version", None)
    seen = built = cache.get(plan)
    if built is not None and version is None:
        stale = time.monotonic() - built[0] > INDEX_TTL
        if stale or not _still_there(store, plan):
            built = None
    elif built is not None and built[1] != version:
        built = None
    if built is None:
        with _building:  # the first searches of a plan arrive together: one builds
            if cache.get(plan) is seen:
                index = TaskIndex(store.search_corpus(plan))
                cache[plan] = (time.monotonic(), version, index)
            built = cache[plan]
    return built[2]


def _still_there(store, plan: str) -> bool:
    forget = getattr(store, "forget_plan", None)
    if forget is None:
        return True
    forget(plan)
    if store.has_plan(plan):
        return True
    raise not_found(store, plan, f"no plan {quote(plan)}")


@router.get("/search", response_model=SearchPage, summary="Tasks ranked by relevance (zh or en)")
@in_thread
def search(
    request: Request,
    store: Store,
    plan: PlanParam,
    paging: Pages,
    q: Annotated[
        str, Query(min_length=1, max_length=MAX_TEXT, description="Chinese, English or both")
    ],
) -> dict:
    query = parse_query(q)
    hits = task_index(request, store, plan_of(store, plan)).search(query)
    return {
        "items": paging.slice(hits),
        "total": len(hits),
        "limit": paging.limit,
        "offset": paging.offset,
        "query": q,
        "terms": query.terms,
    }
