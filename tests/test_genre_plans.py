"""Two plans of the same genre written for these tests (tests/fixtures/plans): they
differ from the Zhoushan text the way real plans do (full-width forms and sections,
a wrapping notice, CRLF, a period line, 分别…和…, other units). The expected readings
were written by hand beside them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plankg.loaders import load_plan, read_plan
from plankg.loaders.clean import fold

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plans"
NAMES = ["genre-a", "genre-b"]


def _expected(name: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=NAMES)
def case(request):
    return read_plan(FIXTURES / f"{request.param}.txt"), _expected(request.param)


def test_metadata(case):
    plan, expected = case
    assert plan.title == expected["title"]  # verbatim: the document's own characters
    assert str(plan.published) == str(expected["published"])
    assert (plan.period_start, plan.period_end) == (
        expected["period_start"],
        expected["period_end"],
    )
    assert plan.region == expected["region"]
    assert plan.warnings == []


def test_structure(case):
    plan, expected = case
    assert [[c.number, c.title] for c in plan.chapters] == [
        [n, t] for n, t in expected["chapters"]
    ]
    sections = [
        [
            c.number,
            s.number,
            s.title,
            [t.number for t in plan.tasks if (t.chapter, t.section) == (c.number, s.number)],
        ]
        for c in plan.chapters
        for s in c.sections
    ]
    assert sections == [[c, n, t, tasks] for c, n, t, tasks in expected["sections"]]
    assert [[t.number, t.chapter, t.title] for t in plan.tasks] == [
        [n, c, t] for n, c, t in expected["tasks"]
    ]
    assert [[g.number, g.year, g.title] for g in plan.goals] == [
        [n, y, t] for n, y, t in expected["goals"]
    ]


def test_every_target_exactly(case):
    plan, expected = case
    got = [
        (f"{i.scope}-{i.scope_number}", i.name, i.value, i.unit, i.comparator, i.year, i.kind)
        for i in plan.indicators
    ]
    want = [
        (t["scope"], t["name"], float(t["value"]), t["unit"], t["comparator"], t["year"], t["kind"])
        for t in expected["targets"]
    ]
    assert got == want


def test_non_targets_are_not_read_as_targets(case):
    plan, expected = case
    matched = [fold(plan.text[i.match_span.start : i.match_span.end]) for i in plan.indicators]
    for planted in expected["non_targets"]:
        planted = fold(planted)
        assert not any(m.endswith(planted) for m in matched), planted


def test_spans_point_at_their_text(case):
    plan, _ = case
    for item in [*plan.goals, *plan.tasks]:
        assert plan.text[item.span.start : item.span.end] == item.text
    for indicator in plan.indicators:
        assert plan.text[indicator.span.start : indicator.span.end] == indicator.text


def test_genre_b_has_crlf_and_still_loads_like_lf(tmp_path):
    raw = (FIXTURES / "genre-b.txt").read_bytes()
    assert b"\r\n" in raw
    lf = tmp_path / "genre-b.txt"
    lf.write_bytes(raw.replace(b"\r\n", b"\n"))
    assert read_plan(lf) == read_plan(FIXTURES / "genre-b.txt")


def test_genre_a_as_gb18030(tmp_path):
    text = (FIXTURES / "genre-a.txt").read_text(encoding="utf-8")
    copy = tmp_path / "genre-a.txt"
    copy.write_bytes(text.encode("gb18030"))
    assert read_plan(copy) == read_plan(FIXTURES / "genre-a.txt")


def test_other_plans_link_without_errors():
    """Linking works on plans for other places: no Zhoushan agency is named, so every
    lead is inferred, and each task still has exactly one."""
    plan = load_plan(FIXTURES / "genre-b.txt")
    leads = [r for r in plan.responsibilities if r.role == "lead"]
    assert sorted(r.task for r in leads) == list(range(1, 19))
    assert plan.id == "chengzhou-zhongbudiqu-2023-2027"
