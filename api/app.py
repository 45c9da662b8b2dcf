"""Wiring only: settings -> store -> FastAPI app with its routers."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from plankg.api import (
    caching,
    deps,
    editors,
    kept_corrections,
    openapi_ids,
    problems,
    security,
    web_page,
)
from plankg.api.routes import (
    agencies,
    chapters,
    corrections,
    documents,
    families,
    goals,
    graph,
    health,
    indicators,
    places,
    plans,
    responsibilities,
    search,
    tables,
    tasks,
    themes,
)
from plankg.config import Settings
from plankg.graph.store import GraphStore

GZIP_MIN_BYTES = 1024  # below about this, gzip's header and the CPU cost more than they save


def build_store(settings: Settings) -> GraphStore:
    """Neo4j when NEO4J_URI is set (filled by `plankg load`: the API never writes to it);
    otherwise the embedded store, loaded with the plans PLANKG_PLANS names."""
    # Imported here, not at the top: each store's libraries cost start-up time and
    # memory that the other store never needs (the Neo4j driver; the loaders and jieba).
    if settings.neo4j_uri:
        from plankg.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from plankg.graph.snapshot import load_store

    return load_store(
        settings.plan_files(), settings.plankg_snapshot_dir, settings.plankg_snapshot_key
    )


def tune_for_latency(store: GraphStore, settings: Settings) -> None:
    """Keep the event loop (and so /livez, /health and every kept answer) quick while heavy
    routes compute. The embedded store is pure Python: its routes share one GIL, so a
    second thread computes nothing more, and each one more makes the loop wait longer for
    the GIL (with 40 threads, /livez p99 was near a second under 200 mixed connections).
    Neo4j's routes mostly wait on the network, so they keep 40 threads. (Files, such as
    the page's, are read in anyio's own pool, which this leaves alone.)
    PLANKG_THREADS overrides either. The store's objects live as long as the process:
    frozen out of the garbage collector, a full collection no longer walks them all (a
    pause of 100 ms and more under load)."""
    threads = settings.plankg_threads or (1 if getattr(store, "in_memory", False) else 40)
    deps.ROUTE_THREADS.total_tokens = threads
    gc.freeze()


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = store or build_store(settings)
        app.state.search_indexes = {}
        app.state.editors = editors.Editors.from_file(settings.plankg_editors)
        app.state.corrections = kept_corrections.open_for(app.state.store, settings)
        tune_for_latency(app.state.store, settings)
        yield
        if app.state.corrections is not None:
            app.state.corrections.close()
        app.state.store.close()

    app = FastAPI(
        title="plankg",
        summary="A government plan's goals, tasks, targets, places and agencies as a graph.",
        version="0.1.0",
        lifespan=lifespan,
        responses=problems.PROBLEM_RESPONSES,
        # /docs and /redoc are web_page's: Swagger UI and ReDoc from local files.
        docs_url=None,
        redoc_url=None,
        # No 307 to the path with(out) its trailing slash: Starlette builds that Location
        # from the Host header, which a client chooses. /tasks/ is a 404.
        redirect_slashes=False,
    )
    problems.install(app)
    # Inside the ETag layer: an answer is gzipped once (a depth-3 graph: 505 KB of JSON,
    # 98 KB sent), then kept and tagged per encoding, and a HEAD says what its GET sends.
    # The page's assets come precompressed and are passed by (they carry a Content-Encoding).
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=6)
    app.add_middleware(caching.ETagMiddleware, max_bytes=settings.plankg_cache_mb * 2**20)
    app.add_middleware(kept_corrections.FollowCorrections)  # before the kept answers
    if settings.plankg_cors_origins:  # off unless asked for: the page is same-origin
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.plankg_cors_origins, allow_methods=["GET"]
        )
    app.add_middleware(security.BrowserHeaders)  # outermost: on every answer, /livez first
    for module in (
        health,
        plans,
        chapters,
        goals,
        tasks,
        indicators,
        places,
        agencies,
        responsibilities,
        tables,
        themes,
        families,
        search,
        graph,
        documents,
        corrections,
    ):
        app.include_router(module.router)
    openapi_ids.install(app)
    web_page.install(app)  # `/`, `/docs`, `/redoc`, `/assets/`: the page, Swagger UI, ReDoc
    return app
