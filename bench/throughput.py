"""Per-request cost, start-up and memory against the smallest FastAPI app, in one run.

Both servers run as separate processes under the same uvicorn; wrk (one thread, 16
connections, a separate process) drives each route for a few seconds. Every figure is
printed as a ratio to the reference app measured in the same run, so a slower or busier
machine moves both sides alike.
"""

from __future__ import annotations

import statistics
import tempfile

from rich.console import Console
from rich.table import Table

from bench.load import latency_under_load, minimal_app, p, plankg, process, rss_mib, wrk

TASK_27 = "zhoushan-gongtongfuyu-2021-2025-task-27"
# route -> the ratio to the reference app the issue asks for
ROUTES = {
    "/livez": 0.9,
    "/tasks/27": 0.6,
    "/search?q=%E5%81%8F%E8%BF%9C%E6%B5%B7%E5%B2%9B": 0.5,  # 偏远海岛
    "/themes/remote-islands/tasks": 0.6,
    f"/graph?focus={TASK_27}&depth=2": 0.3,
}
# 1 worker against 2: answers computed every time (a new query string each request)
SCALING = ["/tasks/27?plan=zhoushan-gongtongfuyu-2021-2025", f"/graph?focus={TASK_27}&depth=2"]
SECONDS = 5


def main(console: Console | None = None) -> None:
    console = console or Console()
    with process(minimal_app(), "/livez") as (base, start_ref, _):
        wrk(base + "/livez", 1)  # warm-up
        reference = wrk(base + "/livez", SECONDS)

    table = Table(title="throughput: wrk, req/s as a ratio to a minimal FastAPI app")
    for column in ("route", "workers", "wrk", "req/s", "ratio", "goal"):
        table.add_column(column, justify="left" if column == "route" else "right")
    table.add_row("minimal FastAPI app /livez", "1", "-t1 -c16", f"{reference:,.0f}", "1.00", "")

    def measure(base: str, route: str, workers: int, goal: float | None, **load) -> None:
        wrk(base + route, 1, **load)
        rate = wrk(base + route, SECONDS, **load)
        flags = f"-t{load.get('threads', 1)} -c{load.get('connections', 16)}"
        if load.get("uncached"):
            flags += " new query each"
        table.add_row(
            route,
            str(workers),
            flags,
            f"{rate:,.0f}",
            f"{rate / reference:.2f}",
            f">= {goal}" if goal else "",
        )

    with tempfile.TemporaryDirectory() as snapshots:
        env = {"PLANKG_SNAPSHOT_DIR": snapshots}
        with process(plankg(), "/health", env) as (_, cold, cold_pid):
            cold_rss = rss_mib(cold_pid)
        with process(plankg(), "/health", env) as (base, start, pid):
            start_rss = rss_mib(pid)
            for route, goal in ROUTES.items():
                measure(base, route, 1, goal)
            rss = rss_mib(pid)
            probes = {
                probe: latency_under_load(base, f"/graph?focus={TASK_27}&depth=3", probe)
                for probe in ("/livez", "/health")
            }
            for route in SCALING:
                measure(base, route, 1, None, connections=32, threads=2, uncached=True)
        with process(plankg("--workers", "2"), "/health", env) as (base, _, pid):
            for route in SCALING:
                measure(base, route, 2, None, connections=32, threads=2, uncached=True)
            rss2 = rss_mib(pid)
    console.print(table)
    console.print(
        f"start-up to the first 200: plankg /health {start:.2f} s from its snapshot "
        f"({cold:.2f} s the first time, building it), minimal app /livez {start_ref:.2f} s: "
        f"ratio {start / start_ref:.1f} (first time {cold / start_ref:.1f}; goal <= 3)"
    )
    console.print(
        f"RSS, one plan: {start_rss:.0f} MiB at start, {rss:.0f} MiB after the routes above "
        f"(goal <= 200); {cold_rss:.0f} MiB when it built the store itself; "
        f"--workers 2, every process: {rss2:.0f} MiB"
    )
    for probe, (samples, heavy) in probes.items():
        console.print(
            f"{probe} while wrk -c64 keeps /graph?depth=3 busy ({heavy:,.0f} req/s): "
            f"p50 {statistics.median(samples):.1f} ms, p99 {p(samples, 99):.1f} ms, "
            f"max {max(samples):.1f} ms over {len(samples)} requests"
        )


if __name__ == "__main__":
    main()
