"""Wiring only: settings -> store -> FastAPI app with its routers."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.routes import health
from api.settings import Settings
from graph.build import build_graph
from graph.memory import MemoryStore
from graph.store import GraphStore
from loaders import load_plan


def build_store(settings: Settings) -> GraphStore:
    """The embedded store, loaded with the plans PLANKG_PLANS names."""
    plans = [load_plan(path) for path in settings.plan_files()]
    return MemoryStore(build_graph(plans))


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.store = store or build_store(settings)
        yield
        app.state.store.close()

    app = FastAPI(
        title="plankg",
        summary="A government plan's goals, tasks, targets, places and agencies as a graph.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(health.router)
    return app
