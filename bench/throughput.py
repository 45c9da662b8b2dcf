"""Per-request cost, start-up and memory against the smallest FastAPI app, in one run.

Both servers run as separate processes under the same uvicorn; wrk (one thread, 16
connections, a separate process) drives each route for a few seconds. Every figure is
printed as a ratio to the reference app measured in the same run, so a slower or busier
machine moves both sides alike.
"""

from __future__ import annotations

import statistics
import subprocess

from rich.console import Console
from rich.table import Table

from bench.load import latency_under_load, minimal_app, p, plankg, process, rss_mib, wrk

TASK_27 = "zhoushan-2021-2025-task-27"
# route -> the ratio to the reference app the issue asks for
ROUTES = {
    "/livez": 0.9,
    "/tasks/27": 0.6,
    "/search?q=%E5%81%8F%E8%BF%9C%E6%B5%B7%E5%B2%9B": 0.5,  # 偏远海岛
    "/themes/remote-islands/tasks": 0.6,
    f"/graph?focus={TASK_27}&depth=2": 0.3,
}
SECONDS = 5


def main(console: Console | None = None) -> None:
    console = console or Console()
    with process(minimal_app(), "/livez") as (base, start_ref, _):
        wrk(base + "/livez", 1)  # warm-up
        reference = wrk(base + "/livez", SECONDS)

    table = Table(title="throughput: wrk -t1 -c16, req/s as a ratio to a minimal FastAPI app")
    for column in ("route", "workers", "req/s", "ratio", "goal"):
        table.add_column(column, justify="left" if column == "route" else "right")
    table.add_row("minimal FastAPI app /livez", "1", f"{reference:,.0f}", "1.00", "")

    with process(plankg(), "/health") as (base, start, pid):
        for route, goal in ROUTES.items():
            wrk(base + route, 1)
            rate = wrk(base + route, SECONDS)
            table.add_row(route, "1", f"{rate:,.0f}", f"{rate / reference:.2f}", f">= {goal}")
        rss = rss_mib(pid)
        probes = {}
        for probe in ("/livez", "/health"):
            probes[probe] = latency_under_load(base, f"/graph?focus={TASK_27}&depth=3", probe)
    try:
        with process(plankg("--workers", "2"), "/health") as (base, _, pid):
            for route in ("/tasks/27", "/search?q=%E5%81%8F%E8%BF%9C%E6%B5%B7%E5%B2%9B"):
                wrk(base + route, 1, connections=32, threads=2)
                rate = wrk(base + route, SECONDS, connections=32, threads=2)
                table.add_row(route, "2", f"{rate:,.0f}", f"{rate / reference:.2f}", "")
            rss2 = rss_mib(pid)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        console.print(f"[yellow]--workers 2 skipped:[/] {str(error).splitlines()[0]}")
        rss2 = None
    console.print(table)
    console.print(
        f"start-up to the first 200: plankg /health {start:.2f} s, minimal app /livez "
        f"{start_ref:.2f} s, ratio {start / start_ref:.1f} (goal <= 3)"
    )
    console.print(
        f"RSS after the routes above, one plan: {rss:.0f} MiB (goal <= 200)"
        + (f"; with --workers 2, all processes: {rss2:.0f} MiB" if rss2 else "")
    )
    for probe, (samples, heavy) in probes.items():
        console.print(
            f"{probe} while wrk -c64 keeps /graph?depth=3 busy ({heavy:,.0f} req/s): "
            f"p50 {statistics.median(samples):.1f} ms, p99 {p(samples, 99):.1f} ms, "
            f"max {max(samples):.1f} ms over {len(samples)} requests"
        )


if __name__ == "__main__":
    main()
