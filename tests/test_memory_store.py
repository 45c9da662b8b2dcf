"""The embedded store loaded one plan at a time holds exactly the graph built from all
plans at once (what the Neo4j loader writes), and says when its data changed."""

from __future__ import annotations

import pytest

from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.plans import graphs_of
from plankg.graph.records import ALL
from plankg.loaders import load_plan
from tests.conftest import FIXTURES, ZHOUSHAN

FILES = [ZHOUSHAN, FIXTURES / "plans" / "genre-a.txt", FIXTURES / "plans" / "genre-b.txt"]


def _contents(store: MemoryStore) -> tuple[dict, dict]:
    nodes = dict(store.graph.nodes(data=True))
    edges = {(s, t, k): d for s, t, k, d in store.graph.edges(keys=True, data=True)}
    return nodes, edges


def test_loading_plan_by_plan_gives_the_graph_of_all_plans_at_once():
    together = MemoryStore(build_graph([load_plan(f) for f in FILES]))
    one_by_one = MemoryStore()
    one_by_one.load_batches(graphs_of(FILES))
    nodes, edges = _contents(one_by_one)
    expected_nodes, expected_edges = _contents(together)
    assert nodes == expected_nodes
    assert edges == expected_edges
    assert list(nodes) == list(expected_nodes)  # the same order: first match wins in resolve
    shared = [n for n, d in nodes.items() if len(d.get("plans", [])) > 1]
    assert len(shared) > 10
    assert one_by_one.counts() == together.counts()
    for plan in together.plan_ids():
        for number in range(1, 50):
            assert one_by_one.task(plan, number) == together.task(plan, number)
        assert one_by_one.places(plan, ALL) == together.places(plan, ALL)
        assert one_by_one.place(plan, "zhoushan") == together.place(plan, "zhoushan")


def test_equal_strings_are_held_once():
    store = MemoryStore()
    store.load_batches(graphs_of([ZHOUSHAN]))
    evidence = [d["evidence"] for *_, d in store.graph.edges(data=True) if "evidence" in d]
    assert len(evidence) > len(set(evidence))  # sentences quoted by several links
    assert len({id(e) for e in evidence}) == len(set(evidence))


def test_two_files_of_one_plan_are_refused(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(ZHOUSHAN.read_bytes())
    store = MemoryStore()
    with pytest.raises(ValueError) as refused:
        store.load_batches(graphs_of([ZHOUSHAN, copy]))
    assert str(refused.value) == (
        "copy.txt and zhoushan-2021-2025.txt are both plan 'zhoushan-gongtongfuyu-2021-2025' "
        "(same region, topic and period): load one of them, or read one with --id to name it "
        "apart"
    )


def test_data_version_changes_on_every_load():
    store = MemoryStore()
    before = store.data_version
    store.load_batches(graphs_of([ZHOUSHAN]))
    assert store.data_version == before + 1
    store.load_batches(graphs_of([ZHOUSHAN]))
    assert store.data_version == before + 2
