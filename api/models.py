"""Response models: the JSON contract of the REST API (rendered at /openapi.json)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(description="ok, or unavailable when the store cannot answer")
    backend: str = Field(description="memory or neo4j")
    plans: int
    tasks: int
    indicators: int
    places: int
    agencies: int
