"""Dependencies injected into routes (the store, the plan parameter, paging), and how a
route runs: its body in one worker thread (`in_thread`), resolving the plan there."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, get_type_hints

import anyio
from fastapi import Depends, HTTPException, Path, Query, Request

from plankg.api.problems import quote
from plankg.graph.records import Window
from plankg.graph.store import GraphStore

MAX_TEXT = 200  # characters: longer free-text parameters are refused with 422
# Numbers (task, chapter, goal, offset) above this are refused with 422: no plan comes
# near it, and every store (Neo4j's 64-bit integers too) can take it.
MAX_NUMBER = 1_000_000_000
EVERY_PLAN = "*"
CROSS_PLAN_ROUTES = (
    "/tasks, /indicators, /places/{p}/tasks, /agencies/{a}/tasks, /agencies/{a}/responsibilities, "
    "/themes/{t}/tasks, /families, /search"
)


# The threads that compute route answers (`in_thread`): their own pool, sized at start-up
# for the store (app.tune_for_latency), so that files and other blocking calls keep
# anyio's default pool and never queue behind heavy answers.
ROUTE_THREADS = anyio.CapacityLimiter(40)


async def get_store(request: Request) -> GraphStore:
    # async: a sync dependency would cost a thread-pool hop on every request
    return request.app.state.store


Store = Annotated[GraphStore, Depends(get_store)]

T = TypeVar("T")


def in_thread(route: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    """The route's body, run in one worker thread: a store may do I/O (Neo4j), and the
    event loop must stay free for other requests. One hop per request: a plain sync route
    costs one for the route, one for each sync dependency, and one more for FastAPI to
    validate its answer; here dependencies are async and never ask the store, the body
    (plan resolution included) runs in the one thread, and the answer is validated on the
    loop."""

    @functools.wraps(route)
    async def answer(**arguments: Any) -> T:
        return await anyio.to_thread.run_sync(
            functools.partial(route, **arguments), limiter=ROUTE_THREADS
        )

    # FastAPI reads parameters from the signature: give it the route's own, with its
    # annotations resolved in the route's module (the wrapper lives here).
    hints = get_type_hints(route, include_extras=True)
    signature = inspect.signature(route)
    answer.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            parameter.replace(annotation=hints.get(parameter.name, parameter.annotation))
            for parameter in signature.parameters.values()
        ],
        return_annotation=hints.get("return", signature.return_annotation),
    )
    return answer


async def plan_param(
    plan: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description="plan id; defaults to the only or first plan (* is not taken here: "
            "only the list routes that gather every plan take it)",
            # The contract says exactly what the route refuses (422 with a hint): a
            # generated client, or schemathesis, never sends * here as valid input.
            json_schema_extra={"not": {"const": EVERY_PLAN}},
        ),
    ] = None,
) -> str | None:
    return plan


async def plans_param(
    plan: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description="plan id, or * for every plan; defaults to the only or first plan",
        ),
    ] = None,
) -> str | None:
    return plan


# The `plan` query parameter as given: a route resolves it with plan_of or plans_of, in
# its thread (it may ask the store).
PlanParam = Annotated[str | None, Depends(plan_param)]
PlansParam = Annotated[str | None, Depends(plans_param)]


def plan_of(store: GraphStore, plan: str | None) -> str:
    """The plan a request is about: the one named, or the first loaded; 404 if none."""
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


def plans_of(store: GraphStore, plan: str | None) -> list[str]:
    """The plans a cross-plan request is about: every plan for *, else one."""
    if plan == EVERY_PLAN:
        return store.plan_ids()
    return [plan_of(store, plan)]


def no_such_plan(store: GraphStore, plan: str) -> HTTPException:
    if store.default_plan() is None:
        return HTTPException(404, "no plan is loaded")
    return HTTPException(404, f"no plan {quote(plan)} (GET /plans lists the loaded plans)")


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


async def get_paging(
    limit: Annotated[int, Query(ge=1, le=500, description="items per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_NUMBER, description="items to skip")] = 0,
) -> Window:
    return Window(limit, offset)


Pages = Annotated[Window, Depends(get_paging)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Number = Annotated[int, Path(ge=1, le=MAX_NUMBER)]  # a chapter, goal or task number


def number_query(description: str) -> Query:
    return Query(ge=1, le=MAX_NUMBER, description=description)


def resolve(
    store: GraphStore, label: str, key: str, what: str, plans: list[str] | None = None
) -> str:
    """A place, agency or theme named by id, Chinese name or English name; 404 if none.
    `plans`: the plans the request is about (a name several regions share goes to theirs);
    None for every plan."""
    found = store.resolve(label, key, plans or ())
    if found is None:
        raise HTTPException(
            404, f"no {what} named {quote(key)} (try its id, Chinese or English name)"
        )
    return found
