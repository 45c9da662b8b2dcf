"""The embedded default store: the whole graph in memory, in a networkx MultiDiGraph."""

from __future__ import annotations

import networkx as nx

from graph.schema import GraphData, Label


class MemoryStore:
    backend = "memory"

    def __init__(self, data: GraphData | None = None) -> None:
        self.graph = nx.MultiDiGraph()
        if data is not None:
            self.load(data)

    def load(self, data: GraphData) -> None:
        graph = nx.MultiDiGraph()
        for node in data.nodes:
            graph.add_node(node.id, label=node.label.value, **node.properties)
        for edge in data.edges:
            graph.add_edge(edge.source, edge.target, key=edge.type.value, **edge.properties)
        self.graph = graph

    def counts(self) -> dict[str, int]:
        counts = {label.value: 0 for label in Label}
        for _, label in self.graph.nodes(data="label"):
            counts[label] += 1
        return counts

    def close(self) -> None:
        pass
