"""The GraphStore protocol: what the API asks of a store, whichever backs it."""

from __future__ import annotations

from typing import Protocol

from graph.schema import GraphData


class StoreUnavailable(RuntimeError):
    """The store cannot answer now (e.g. Neo4j is down); the API answers 503."""


class GraphStore(Protocol):
    backend: str

    def counts(self) -> dict[str, int]:
        """Number of nodes per label, every label present (0 when none)."""
        ...

    def load(self, data: GraphData) -> None:
        """Replace the stored graph with `data`."""
        ...

    def close(self) -> None: ...
