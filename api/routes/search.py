import threading
import time
from typing import Annotated

from fastapi import APIRouter, Query, Request

from plankg.api.deps import MAX_TEXT, Pages, PlansParam, Store, in_thread, not_found, plans_of
from plankg.api.models import SearchPage
from plankg.api.problems import quote
from plankg.graph.records import ALL
from plankg.graph.search import GROUPS, TaskIndex, parse_query
from plankg.graph.search_entity import named_entity

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


@router.get(
    "/search",
    response_model=SearchPage,
    summary="Tasks ranked by relevance (zh or en): the named entity's, the phrase's, then "
    "the sub-words'",
)
@in_thread
def search(
    request: Request,
    store: Store,
    plan: PlansParam,
    paging: Pages,
    q: Annotated[
        str, Query(min_length=1, max_length=MAX_TEXT, description="Chinese, English or both")
    ],
) -> dict:
    """With plan=*, every loaded plan's tasks, ranked together."""
    plans = plans_of(store, plan)
    query = parse_query(q)
    entity = named_entity(store, q, plans)
    hits = []
    for one in plans:
        index = task_index(request, store, one)
        hits += index.search(query, entity.tasks if entity else None)
    if len(plans) > 1:  # each plan's hits are in order; merged as one plan's would be
        hits.sort(key=lambda h: (GROUPS.index(h["match"]), -h["score"], h["plan"], h["number"]))
    titles = _titles(store, plans)
    window = paging.slice(hits)
    return {
        "items": [hit | {"plan_title": titles[hit["plan"]]} for hit in window],
        "total": len(hits),
        "limit": paging.limit,
        "offset": paging.offset,
        "query": q,
        "terms": query.terms,
        "entity": entity.out() if entity else None,
        "groups": {g: sum(h["match"] == g for h in hits) for g in GROUPS},
    }


def _titles(store, plans: list[str]) -> dict[str, str]:
    if len(plans) == 1:
        found = store.plan(plans[0])
        if found is None:
            raise not_found(store, plans[0], f"no plan {quote(plans[0])}")
        return {found.id: found.title}
    return {p.id: p.title for p in store.plans(ALL).items}
