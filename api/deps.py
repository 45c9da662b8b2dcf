"""Dependencies injected into routes: the store the app was built with."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.store import GraphStore


def get_store(request: Request) -> GraphStore:
    return request.app.state.store


Store = Annotated[GraphStore, Depends(get_store)]
