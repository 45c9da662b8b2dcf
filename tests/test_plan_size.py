"""What one plan may cost (issue 20, item 2): a plan past PLANKG_MAX_TASKS tasks or
PLANKG_MAX_LINES lines is refused in one line, exit 2, at a bounded cost, by every command
that reads plans; a plan of a few thousand tasks reads within a memory bound; and related
tasks, no longer scored over every pair, are those of scoring every pair."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from bench.plansize import numbered_plan
from devtools.ports import free_port
from plankg.config import DEFAULT_MAX_LINES, DEFAULT_MAX_TASKS
from plankg.loaders import link
from plankg.loaders.model import Mention, Span, Task, ThemeLink
from tests.bad_inputs import ZHOUSHAN, assert_one_line_exit_2, plankg


@pytest.fixture(scope="module")
def over_the_cap(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "tasks.txt"
    path.write_text(numbered_plan(DEFAULT_MAX_TASKS + 1), "utf-8")
    return path


def _refusal(path: Path) -> str:
    # The line of the first task past the limit: four lines of title and chapter before it.
    return (
        f"error: {path}:{DEFAULT_MAX_TASKS + 5}: {DEFAULT_MAX_TASKS + 1:,} tasks: expected a "
        f"plan of at most {DEFAULT_MAX_TASKS:,} tasks (PLANKG_MAX_TASKS)"
    )


def test_inspect_refuses_a_plan_over_the_task_limit(over_the_cap) -> None:
    assert_one_line_exit_2(plankg("inspect", str(over_the_cap)), _refusal(over_the_cap))


def test_export_refuses_it_and_writes_nothing(over_the_cap, tmp_path) -> None:
    out = tmp_path / "plan.json"
    result = plankg("export", str(over_the_cap), "-o", str(out))
    assert_one_line_exit_2(result, _refusal(over_the_cap))
    assert list(tmp_path.iterdir()) == []


def test_load_refuses_it_before_connecting(over_the_cap) -> None:
    # Nothing listens on port 1: the plan is refused before Neo4j is asked.
    result = plankg("load", str(over_the_cap), "--neo4j-uri", "bolt://127.0.0.1:1")
    assert_one_line_exit_2(result, _refusal(over_the_cap))


def test_serve_refuses_it_in_the_reader_child(over_the_cap, tmp_path) -> None:
    result = plankg(
        "serve",
        "--port",
        str(free_port()),
        env={
            "PLANKG_PLANS": str(over_the_cap),
            "PLANKG_SNAPSHOT_DIR": str(tmp_path / "snapshots"),
            "PLANKG_SNAPSHOT_KEY": str(tmp_path / "config" / "snapshot.key"),
        },
    )
    assert_one_line_exit_2(result, _refusal(over_the_cap))


def test_the_limits_are_settings(tmp_path) -> None:
    result = plankg("inspect", str(ZHOUSHAN), env={"PLANKG_MAX_TASKS": "44"})
    assert_one_line_exit_2(
        result, f"error: {ZHOUSHAN}:", "45 tasks: expected a plan of at most 44 tasks"
    )
    result = plankg("inspect", str(ZHOUSHAN), env={"PLANKG_MAX_LINES": "20"})
    assert_one_line_exit_2(
        result, f"error: {ZHOUSHAN}:", "more than 20 lines of text: expected a plan of at most 20"
    )
    result = plankg("inspect", str(ZHOUSHAN), env={"PLANKG_MAX_TASKS": "many"})
    assert_one_line_exit_2(result, "error: PLANKG_MAX_TASKS='many': expected a whole number")
    result = plankg("serve", env={"PLANKG_MAX_LINES": "0"})
    assert_one_line_exit_2(result, "error: PLANKG_MAX_LINES=")


def _peak_rss_mib(*args: str) -> tuple[int, float, str]:
    """`plankg ARGS` run by a child Python that reports the command's exit, peak RSS (MiB,
    ru_maxrss of its one child) and standard error: pytest's own children do not count."""
    script = (
        "import json, resource, subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-m', 'plankg.cli', *sys.argv[1:]],"
        " capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([r.returncode, peak, r.stderr]))\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=300
    )
    code, peak, stderr = json.loads(child.stdout)
    return code, peak, stderr


def test_a_100000_task_file_is_refused_at_a_bounded_cost(tmp_path) -> None:
    # The hostile probe's file (100,000 numbered tasks, under the 20 MB file limit) grew
    # `plankg inspect` past 21 GB. Now its lines are counted before the outline is read:
    # refused at about the cost of the imports (~250 MiB here).
    path = tmp_path / "tasks.txt"
    path.write_text(numbered_plan(100_000), "utf-8")
    code, peak, stderr = _peak_rss_mib("inspect", str(path))
    assert code == 2, stderr
    assert f"more than {DEFAULT_MAX_LINES:,} lines of text" in stderr
    assert peak < 700, f"refusing it took {peak:.0f} MiB"


def test_a_plan_of_a_few_thousand_tasks_reads_within_a_memory_bound(tmp_path) -> None:
    # 3,000 tasks: ~370 MiB here (~250 of it the imports); before, the pairs of related
    # tasks alone grew quadratically (4,000 tasks: 1.5 GB in the probe).
    path = tmp_path / "tasks.txt"
    path.write_text(numbered_plan(3_000), "utf-8")
    code, peak, stderr = _peak_rss_mib("export", str(path), "-o", str(tmp_path / "plan.json"))
    assert code == 0, stderr
    assert peak < 900, f"reading 3,000 tasks took {peak:.0f} MiB"
    assert len(json.loads((tmp_path / "plan.json").read_text("utf-8"))["tasks"]) == 3_000


def _all_pairs(tasks, mentions, theme_links, region):
    """The relations as they were computed before: every pair scored, each task's best
    RELATED_PER_TASK kept (the reference _relations must agree with)."""
    places, themes = defaultdict(set), defaultdict(set)
    for x in mentions:
        if x.scope == "task" and x.place != region:
            places[x.scope_number].add(x.place)
    for t in theme_links:
        themes[t.task].add(t.theme)
    words = {t.number: set(t.keywords) for t in tasks}
    scored = {}
    for a, b in combinations([t.number for t in tasks], 2):
        score = (
            0.4 * link._jaccard(themes[a], themes[b])
            + 0.4 * link._jaccard(places[a], places[b])
            + 0.2 * link._jaccard(words[a], words[b])
        )
        if score >= link.RELATED_MIN_SCORE:
            scored[a, b] = round(score, 4)
    mine = defaultdict(list)
    for pair in scored:
        mine[pair[0]].append(pair)
        mine[pair[1]].append(pair)
    keep = set()
    for pairs in mine.values():
        pairs.sort(key=lambda pair: (-scored[pair], pair))
        keep.update(pairs[: link.RELATED_PER_TASK])
    return [(a, b, scored[a, b]) for a, b in sorted(keep)]


def _random_links(seed: int, count: int):
    rng = random.Random(seed)
    span = Span(start=0, end=1)
    evidence = {"evidence": "x", "span": span, "match_span": span}
    vocabulary = [f"w{i}" for i in range(rng.choice([5, 30, 200]))]
    tasks = [
        Task(
            id=f"t-{n}",
            number=n,
            chapter=1,
            path=[],
            title="t",
            text="t",
            span=span,
            keywords=rng.sample(vocabulary, rng.randint(0, min(8, len(vocabulary)))),
        )
        for n in range(1, count + 1)
    ]
    mentions = [
        Mention(place=f"p{rng.randrange(6)}", surface="p", scope="task", scope_number=n, **evidence)
        for n in range(1, count + 1)
        for _ in range(rng.randint(0, 3))
    ]
    theme_links = [
        ThemeLink(theme=theme, task=n, score=0.5, terms=["x"], **evidence)
        for n in range(1, count + 1)
        for theme in rng.sample([f"t{i}" for i in range(8)], rng.randint(0, 3))
    ]
    return tasks, mentions, theme_links


@pytest.mark.parametrize("seed", range(12))
def test_related_tasks_are_those_of_scoring_every_pair(seed) -> None:
    # Plans up to RELATED_CANDIDATES + 1 tasks (every real plan): the same pairs and scores.
    tasks, mentions, theme_links = _random_links(seed, random.Random(seed).choice([2, 40, 201]))
    found = link._relations(tasks, mentions, theme_links, "p0")
    assert [(r.source, r.target, r.score) for r in found] == _all_pairs(
        tasks, mentions, theme_links, "p0"
    )


def test_related_tasks_of_a_long_plan_are_bounded_per_task(monkeypatch) -> None:
    # Past RELATED_CANDIDATES, a task is scored against the nearest tasks that share
    # something with it; each task still keeps at most RELATED_PER_TASK of its own.
    monkeypatch.setattr(link, "RELATED_CANDIDATES", 10)
    tasks, mentions, theme_links = _random_links(3, 300)
    found = link._relations(tasks, mentions, theme_links, None)
    assert found
    assert all(r.source < r.target for r in found)
