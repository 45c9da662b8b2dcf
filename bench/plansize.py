"""What one plan costs to read and link, against its size (issue 20, item 2).

    .venv/bin/python -m bench.plansize                  # 1k, 10k, 100k tasks, the worst accepted
    .venv/bin/python -m bench.plansize --sizes 1000,2000,4000,10000 --unlimited

Each plan is a chapter heading `一、重点任务` and N numbered tasks (`1.推进…。…。`), one
line each, their titles and sentences taken from the Zhoushan plan's tasks (places,
themes, keywords and targets as a real plan has them), as the hostile probe wrote them;
`worst` is the worst plan the limits accept: PLANKG_MAX_TASKS tasks over
PLANKG_MAX_LINES lines, the file just under the 20 MB file limit. Each is read and
linked (`load_plan`: decode, outline, targets, places, agencies, themes, related tasks)
in a fresh child process, which reports its peak RSS (ru_maxrss), the seconds of the read
and link alone, and the RSS after its imports (jieba, the gazetteer, the matchers: the
same for any plan), or the refusal: its one line and what it cost. `--unlimited` lifts
the limits, to show what reading costs past them.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from plankg.config import DEFAULT_PLAN, plan_limits
from plankg.loaders.files import MAX_PLAN_BYTES

# The child: imports first (measured apart), then one read and link, timed.
CHILD = r"""
import json, resource, sys, time
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from plankg.errors import PlankgError
from plankg.loaders import load_plan
from plankg.loaders.segment import tokenizer
tokenizer()
base = rss()
wall, cpu = time.perf_counter(), time.process_time()
try:
    plan = load_plan(sys.argv[1])
    outcome = {"tasks": len(plan.tasks), "relations": len(plan.relations)}
except PlankgError as error:
    outcome = {"refused": str(error)}
outcome |= {
    "seconds": time.perf_counter() - wall,
    "cpu": time.process_time() - cpu,
    "rss_imports_mib": base,
    "rss_peak_mib": rss(),
}
print(json.dumps(outcome))
"""


def _sentences() -> tuple[list[str], list[str]]:
    """Task titles and sentences of the Zhoushan plan's numbered tasks."""
    titles, sentences = [], []
    for line in DEFAULT_PLAN.read_text("utf-8").splitlines():
        match = re.match(r"\s*\d+\.(.*)", line)
        if match:
            parts = [p for p in match.group(1).split("。") if p]
            titles.append(parts[0][:14])
            sentences += [p for p in parts[1:] if len(p) >= 6]
    return titles, sentences


HEAD = ["舟山市推进高质量发展实施方案", "(2021-2025年)", "", "一、重点任务"]


def numbered_plan(tasks: int) -> str:
    """N numbered tasks of one line each (about 100 bytes a task)."""
    titles, sentences = _sentences()
    short = [s for s in sentences if len(s) <= 30]
    lines = [*HEAD]
    for i in range(1, tasks + 1):
        lines.append(f"{i}.{titles[i % len(titles)]}。{short[(i * 7) % len(short)]}。")
    return "\n".join(lines) + "\n"


def worst_plan(tasks: int, lines: int, size: int) -> str:
    """`tasks` numbered tasks over `lines` lines of text (a task line, then paragraphs of
    its sentences), about `size` bytes of UTF-8: the largest plan the limits accept."""
    titles, sentences = _sentences()
    per_task = (lines - len(HEAD)) // tasks - 1
    per_line = size // (tasks * (per_task + 1))  # bytes a line
    out = [*HEAD]
    k = 0
    for i in range(1, tasks + 1):
        out.append(f"{i}.{titles[i % len(titles)]}。{sentences[(i * 7) % len(sentences)]}。")
        for _ in range(per_task):
            line = ""
            while len(line.encode()) < per_line - 100:
                k += 1
                line += sentences[(k * 13) % len(sentences)] + "。"
            out.append(line)
    return "\n".join(out) + "\n"


def measure(path: Path, unlimited: bool = False) -> dict:
    """Read and link the plan in a fresh child; its outcome and cost."""
    env = dict(os.environ)
    if unlimited:
        env |= {"PLANKG_MAX_TASKS": str(10**9), "PLANKG_MAX_LINES": str(10**9)}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if child.returncode != 0:
        return {"failed": child.stderr.strip().splitlines()[-1:] or [f"exit {child.returncode}"]}
    return json.loads(child.stdout.strip().splitlines()[-1])


def run(sizes: list[int], worst: bool, unlimited: bool) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        cases: list[tuple[str, str]] = [(f"{n:,} tasks", numbered_plan(n)) for n in sizes]
        if worst:
            lines, tasks = plan_limits()
            cases.append(
                (
                    f"worst accepted: {tasks:,} tasks, {lines:,} lines",
                    worst_plan(tasks, lines, MAX_PLAN_BYTES - 200_000),
                )
            )
        for name, text in cases:
            path = Path(folder) / "plan.txt"
            path.write_text(text, "utf-8")
            result = measure(path, unlimited)
            result |= {"plan": name, "bytes": path.stat().st_size, "unlimited": unlimited}
            rows.append(result)
    return rows


def render(rows: list[dict], console: Console) -> None:
    lines, tasks = plan_limits()
    table = Table(
        title=f"one plan read and linked, in a fresh process (limits: {tasks:,} tasks, "
        f"{lines:,} lines; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    for column in ("plan", "file", "outcome", "seconds", "CPU s", "peak RSS", "after imports"):
        table.add_column(column, justify="left" if column in ("plan", "outcome") else "right")
    for row in rows:
        if "failed" in row:
            table.add_row(row["plan"], f"{row['bytes'] / 1e6:.1f} MB", f"failed: {row['failed']}")
            continue
        outcome = (
            f"refused: {row['refused'].split(': ', 1)[-1]}"
            if "refused" in row
            else f"read: {row['tasks']:,} tasks, {row['relations']:,} related pairs"
        )
        table.add_row(
            row["plan"] + (" (limits lifted)" if row["unlimited"] else ""),
            f"{row['bytes'] / 1e6:.1f} MB",
            outcome,
            f"{row['seconds']:.2f}",
            f"{row['cpu']:.2f}",
            f"{row['rss_peak_mib']:,.0f} MiB",
            f"{row['rss_imports_mib']:,.0f} MiB",
        )
    console.print(table)


def main(
    console: Console | None = None,
    sizes: list[int] = (1_000, 10_000, 100_000),
    worst: bool = True,
    unlimited: bool = False,
    json_out: Path | None = None,
) -> list[dict]:
    console = console or Console(width=max(Console().width, 160))
    rows = run(list(sizes), worst, unlimited)
    render(rows, console)
    if json_out is not None:
        meta = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "python": platform.python_version(),
            "load average": os.getloadavg(),
        }
        json_out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n", "utf-8")
    return rows


def cli(
    sizes: Annotated[str, typer.Option(help="task counts, comma-separated")] = "1000,10000,100000",
    worst: Annotated[bool, typer.Option(help="also the worst plan the limits accept")] = True,
    unlimited: Annotated[bool, typer.Option(help="lift the limits (cost past them)")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="write the rows here")] = None,
) -> None:
    main(
        sizes=[int(s) for s in sizes.split(",") if s.strip()],
        worst=worst,
        unlimited=unlimited,
        json_out=json_out,
    )


if __name__ == "__main__":
    typer.run(cli)
