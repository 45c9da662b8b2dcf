import asyncio

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from plankg.api.deps import Store
from plankg.api.models import Health
from plankg.graph.store import GraphStore, StoreUnavailable

router = APIRouter(tags=["health"])
# Threads of its own for a store that does I/O: the shared pool may be full of heavy
# requests, and /health must not wait behind them.
_HEALTH_THREADS = anyio.CapacityLimiter(2)


async def _counts(request: Request, store: GraphStore) -> dict[str, int]:
    """The store's counts, asked once for every /health that comes while they are being
    asked: a store that does I/O answers within its timeout (Neo4j: NEO4J_TIMEOUT), so each
    /health does too, however many come at once (one after another on two threads, the
    tenth would wait five timeouts)."""
    state = request.app.state
    loop = asyncio.get_running_loop()
    asking: asyncio.Task | None = getattr(state, "health_counts", None)
    if asking is None or asking.done() or asking.get_loop() is not loop:
        asking = loop.create_task(anyio.to_thread.run_sync(store.counts, limiter=_HEALTH_THREADS))
        state.health_counts = asking
    # Shielded: a client that goes away does not cancel the others' answer.
    return await asyncio.shield(asking)


@router.get(
    "/health",
    response_model=Health,
    summary="Is the API up, and what does it hold?",
    responses={503: {"model": Health, "description": "The graph store is unavailable"}},
)
async def health(request: Request, store: Store) -> Health | JSONResponse:
    # On the event loop, not the thread pool, so it answers while heavy routes fill the
    # pool; only a store that does I/O (Neo4j) is asked from a thread.
    try:
        if getattr(store, "in_memory", False):
            counts = store.counts()
        else:
            counts = await _counts(request, store)
    except StoreUnavailable as exc:
        down = Health(
            status="unavailable",
            backend=store.backend,
            plans=0,
            tasks=0,
            indicators=0,
            places=0,
            agencies=0,
            detail=str(exc),
        )
        return JSONResponse(down.model_dump(), status_code=503)
    return Health(
        status="ok",
        backend=store.backend,
        plans=counts["Plan"],
        tasks=counts["Task"],
        indicators=counts["Indicator"],
        places=counts["Place"],
        agencies=counts["Agency"],
    )


@router.get("/livez", summary="Liveness: the process answers (it does not ask the store)")
async def livez() -> dict[str, str]:
    return {"status": "ok"}
