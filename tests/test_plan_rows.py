"""`plankg load` builds each plan's Neo4j rows in the process that read it (PlanRows) and
merges a group's rows in the parent (issue 13: 1,000 plans in <= 90 s). The merge must give
exactly the rows the builder gives for the whole group: shared places, agencies and themes
once, listing every plan of the group that names them, and PART_OF between the group's
places, even when the child place and its parent are named by different plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg.graph.build import build_graph
from plankg.graph.neo4j_load import PlanRows, _merge, _rows_of, plan_rows
from plankg.graph.schema import Label, Rel
from plankg.loaders import load_plan
from plankg.loaders.batch import PARALLEL_FROM, load_plans
from tests.corpus import PLANS as CORPUS
from tests.corpus import require_corpus

HERE = Path(__file__).resolve().parent

GENRE = HERE / "fixtures" / "plans"


@pytest.fixture(scope="module")
def group(zhoushan):
    require_corpus()
    files = sorted(CORPUS.glob("*.txt"))
    return [zhoushan, *(load_plan(f) for f in files), load_plan(GENRE / "genre-a.txt")]


def test_merged_plan_rows_are_the_groups_rows(group) -> None:
    expected = _rows_of(build_graph(group))
    expected.plans = [plan.id for plan in group]
    merged = _merge([plan_rows(plan) for plan in group])
    assert merged == expected
    # Not trivially: the group shares nodes between plans, and PART_OF crosses plans.
    shared = [row for _, row in merged.by_label[Label.PLACE] if len(row["plans"]) > 1]
    assert shared, "no place is named by two plans of the group"
    assert merged.by_type[Rel.PART_OF]
    alone = _merge([plan_rows(group[0])])
    assert len(alone.by_type[Rel.PART_OF]) < len(merged.by_type[Rel.PART_OF])


def test_zhoushan_alone_counts(zhoushan) -> None:
    rows = plan_rows(zhoushan)
    assert (rows.id, rows.tasks) == (zhoushan.id, 45)
    assert len(rows.own[Label.TASK]) == 45 and len(rows.own[Label.INDICATOR]) == 70
    assert Rel.PART_OF not in rows.edges
    merged = _merge([rows])
    data = build_graph([zhoushan])
    assert (merged.nodes, merged.relationships) == (len(data.nodes), len(data.edges))


def test_the_batch_reader_builds_rows_in_its_workers(tmp_path) -> None:
    """Enough files for the worker pool: what comes back is each plan's rows, in order."""
    plan = GENRE / "genre-a.txt"
    paths = []
    for n in range(PARALLEL_FROM + 1):
        path = tmp_path / f"{n:02d}-{plan.name}"
        path.write_bytes(plan.read_bytes())
        paths.append(path)
    got = load_plans(paths, then=plan_rows)
    assert all(isinstance(rows, PlanRows) for rows in got)
    assert [rows.source for rows in got] == [p.name for p in paths]
    assert got[0].tasks == len(load_plan(plan).tasks) > 0
