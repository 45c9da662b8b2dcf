"""`plankg eval`: the scorer on plans whose right answers are known, and the loader held to
the figures recorded in docs/eval-record.json (`make eval-record` rewrites them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plankg.evaluation import (
    Count,
    evaluate,
    pair_files,
    regressions,
    score_plan,
    titles_agree,
)
from tests.conftest import ZHOUSHAN
from tests.corpus import GOLD, PLANS, require_corpus

RECORD = Path(__file__).resolve().parent.parent / "docs" / "eval-record.json"


def gold_of(plan) -> dict:
    """A gold reading that says exactly what the loader read: what a perfect loader scores."""
    forms = {a.id: a.short_name for a in plan.agencies}
    places = {p.id: p for p in plan.places}
    named = {m.place for m in plan.mentions}
    kinds = {"city": "prefecture", "district": "county"}
    return {
        "region": plan.region,
        "period": [plan.period_start, plan.period_end],
        "chapters": [c.title for c in plan.chapters],
        "tasks": [
            {
                "number": t.number,
                "title": t.title,
                "leads": [
                    forms[r.agency]
                    for r in plan.responsibilities
                    if r.task == t.number and r.role == "lead" and r.basis == "explicit"
                ],
                "partners": [
                    forms[r.agency]
                    for r in plan.responsibilities
                    if r.task == t.number and r.role == "partner" and r.basis == "explicit"
                ],
            }
            for t in plan.tasks
        ],
        "places": [
            {"name": places[p].name, "kind": kinds.get(places[p].kind, places[p].kind)}
            for p in sorted(named)
        ],
        "targets": [
            {
                "value": i.value,
                "value_max": i.value_max,
                "unit": i.unit,
                "comparator": i.comparator,
                "year": i.year,
                "quote": i.text,
                "name": i.name,
            }
            for i in plan.indicators
        ],
    }


def test_a_reading_of_exactly_what_was_loaded_scores_one_everywhere(zhoushan):
    score = score_plan(zhoushan, gold_of(zhoushan), "zhoushan")
    assert {k: (c.fp, c.fn) for k, c in score.counts.items()} == {
        k: (0, 0) for k in score.counts
    }
    # 9 chapters and 45 tasks; 70 targets; every comparator and year agrees
    assert score.counts["structure"].tp == 9 + 45
    assert score.counts["targets"].tp == 70
    assert score.accuracies["comparator"].accuracy == score.accuracies["year"].accuracy == 1.0


def test_each_difference_from_the_reading_is_one_miss_or_one_extra(zhoushan):
    gold = gold_of(zhoushan)
    task_27 = next(t for t in gold["tasks"] if t["number"] == 27)
    gold["tasks"].remove(task_27)  # the loader's task 27 is now an extra
    gold["places"].append({"name": "宁波", "kind": "prefecture"})  # a place it missed
    gold["targets"][0]["value"] += 1  # its first target is now both a miss and an extra
    gold["period"] = [2021, 2035]
    score = score_plan(zhoushan, gold, "zhoushan")
    counts = {k: (c.tp, c.fp, c.fn) for k, c in score.counts.items()}
    leads_27 = len(task_27["leads"])
    assert counts["structure"] == (9 + 44, 1, 0)
    assert counts["places"][2] == 1
    assert counts["targets"] == (69, 1, 1)
    assert counts["period"] == (0, 1, 1)
    assert counts["leads"][1] == leads_27  # the links of a task the reader has not
    assert score.misses["period"] == ["gold [2021, 2035], loaded [2021, 2025]"]


def test_count_arithmetic():
    count = Count(tp=8, fp=2, fn=8)
    assert (count.precision, count.recall) == (0.8, 0.5)
    assert round(count.f1, 4) == round(2 * 0.8 * 0.5 / 1.3, 4)
    assert Count().f1 is None


def test_titles_agree_on_folded_forms_and_prefixes_only():
    assert titles_agree("扩大优势产品出口", "扩大优势产品出口。")
    assert titles_agree("推进 5G 建设", "推进５Ｇ建设")
    assert titles_agree("加强风险应对", "加强风险应对，健全预警机制")
    assert not titles_agree("加强风险应对", "加强风险防控")
    assert not titles_agree("加强", "加强风险防控")  # too short to stand for a title


def test_the_loader_keeps_every_recorded_figure():
    require_corpus()
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    report = evaluate(pair_files([PLANS], GOLD))
    assert [s.name for s in report.plans] == sorted(p.stem for p in PLANS.glob("*.txt"))
    assert regressions(report, record) == []


def run_eval(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "plankg.cli", "eval", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (None, "expected a folder of *.gold.json files"),
        ('{"region": "x",\n "period": [2021, 2025],\n oops}', ".gold.json:3: expected JSON"),
        ('{"region": "x"}', "expected the field 'period'"),
    ],
)
def test_a_bad_gold_folder_is_one_line_and_exit_2(tmp_path, write, expected):
    zhoushan_path = ZHOUSHAN
    gold = tmp_path / "gold"
    if write is not None:
        gold.mkdir()
        (gold / f"{zhoushan_path.stem}.gold.json").write_text(write, encoding="utf-8")
    result = run_eval(str(zhoushan_path), "--gold", str(gold))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
