"""Dependencies injected into routes: the store, the plan a request is about, paging."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query, Request

from plankg.api.problems import quote
from plankg.graph.records import Window
from plankg.graph.store import GraphStore

MAX_TEXT = 200  # characters: longer free-text parameters are refused with 422
# Numbers (task, chapter, goal, offset) above this are refused with 422: no plan comes
# near it, and every store (Neo4j's 64-bit integers too) can take it.
MAX_NUMBER = 1_000_000_000
EVERY_PLAN = "*"
CROSS_PLAN_ROUTES = "/tasks, /indicators, /places/{p}/tasks, /agencies/{a}/tasks, /themes/{t}/tasks"


async def get_store(request: Request) -> GraphStore:
    # async: a sync dependency would cost a thread-pool hop on every request
    return request.app.state.store


Store = Annotated[GraphStore, Depends(get_store)]


def get_plan(
    store: Store,
    plan: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="plan id; defaults to the only or first plan"),
    ] = None,
) -> str:
    # One index lookup per request, never the list of every plan: a corpus of thousands
    # of plans must not make each request slower.
    if plan == EVERY_PLAN:
        raise HTTPException(
            422, f"plan=* (every plan) works on {CROSS_PLAN_ROUTES}; name one plan here"
        )
    if plan is None:
        default = store.default_plan()
        if default is None:
            raise HTTPException(404, "no plan is loaded")
        return default
    if not store.has_plan(plan):
        raise no_such_plan(store, plan)
    return plan


def no_such_plan(store: GraphStore, plan: str) -> HTTPException:
    if store.default_plan() is None:
        return HTTPException(404, "no plan is loaded")
    return HTTPException(404, f"no plan {quote(plan)} (GET /plans lists the loaded plans)")


PlanId = Annotated[str, Depends(get_plan)]


def not_found(store: GraphStore, plan: str, detail: str) -> HTTPException:
    """A 404 for something the plan does not hold; but when the store only remembers
    that the plan exists (Neo4j, reloaded underneath), the plan itself may be gone, and
    that is what the answer must say."""
    forget = getattr(store, "forget_plan", None)
    if forget is not None:
        forget(plan)
        if not store.has_plan(plan):
            return no_such_plan(store, plan)
    return HTTPException(404, detail)


def get_plans(
    store: Store,
    plan: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description="plan id, or * for every plan; defaults to the only or first plan",
        ),
    ] = None,
) -> list[str]:
    if plan == EVERY_PLAN:
        return store.plan_ids()
    return [get_plan(store, plan)]


PlanIds = Annotated[list[str], Depends(get_plans)]


def get_paging(
    limit: Annotated[int, Query(ge=1, le=500, description="items per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_NUMBER, description="items to skip")] = 0,
) -> Window:
    return Window(limit, offset)


Pages = Annotated[Window, Depends(get_paging)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Number = Annotated[int, Path(ge=1, le=MAX_NUMBER)]  # a chapter, goal or task number


def number_query(description: str) -> Query:
    return Query(ge=1, le=MAX_NUMBER, description=description)


def resolve(store: GraphStore, label: str, key: str, what: str) -> str:
    """A place, agency or theme named by id, Chinese name or English name; 404 if none."""
    found = store.resolve(label, key)
    if found is None:
        raise HTTPException(
            404, f"no {what} named {quote(key)} (try its id, Chinese or English name)"
        )
    return found
