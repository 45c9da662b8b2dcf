"""`make bench`: the speed targets the issues set, measured on this machine in one run.

Every number is reported next to its budget (or its baseline) as a ratio; nothing
here is asserted, and nothing here runs in `make test`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import httpx
from rich.console import Console
from rich.table import Table

from bench.api import latencies, server, throughput
from loaders import read_plan
from loaders.link import link_plan
from loaders.resources import REPO_DATA

PLAN = REPO_DATA / "plans" / "zhoushan-2021-2025.txt"
TASK_27 = "zhoushan-2021-2025-task-27"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call, after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    console = Console()
    table = Table(title="plankg benchmarks (this machine, one run)")
    for column in ("measure", "p50", "p99", "budget", "p50 / budget"):
        table.add_column(column, justify="left" if column == "measure" else "right")

    def row(name: str, samples: list[float], budget: float, unit: str = "ms") -> None:
        p50 = statistics.median(samples)
        p99 = statistics.quantiles(samples, n=100)[98] if len(samples) > 1 else p50
        table.add_row(
            name,
            f"{p50:.2f} {unit}",
            f"{p99:.2f} {unit}",
            f"{budget:g} {unit}",
            f"{p50 / budget:.2f}",
        )

    plan = read_plan(PLAN)
    row(
        "read the plan (decode, clean, outline, targets), warm",
        timed(lambda: read_plan(PLAN), 30),
        100,
    )
    row(
        "link the plan (places, agencies, themes, keywords), warm",
        timed(lambda: link_plan(plan), 20),
        200,
    )

    with server() as (base, startup, _):
        table.add_row("API start-up to first 200 /health", f"{startup:.2f} s", "", "", "")
        with httpx.Client(base_url=base) as client:
            for url, budget in (
                ("/tasks/27", 2),
                ("/search?q=remote islands", 10),
                (f"/graph?focus={TASK_27}&depth=2", 10),
            ):
                row(f"GET {url}", latencies(client, url, 300), budget)
            real = throughput(client, "/tasks/27", 3)
            trivial = throughput(client, "/livez", 3)
    console.print(table)
    console.print(
        f"throughput: /tasks/27 {real:.0f} req/s, /livez {trivial:.0f} req/s, "
        f"ratio {real / trivial:.2f} (goal >= 0.40)"
    )


if __name__ == "__main__":
    main()
