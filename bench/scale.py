"""`make bench-scale`: how load time, memory and latency grow with the corpus, on the
embedded store and on Neo4j, for N = 1, 10, 100, 1000 synthetic plans.

For each store and N: the wall time to load the corpus, the API process's peak RSS (and,
during start-up, the largest sum over the API and its children, such as the plan reader
of a first start, sampled every 50 ms), the time from starting the API to its first 200
/health, and p50/p99 of /tasks/1, /search and /themes/remote-islands/tasks for one
plan, plus the cross-plan theme question
(plan=*), whose answer itself grows with N, a plan's citations and cited-by (of the
corpus's first plan, which the synthetic corpus makes the most cited: bench/synth.citing),
and one indicator family across every plan (/families/forest-coverage?plan=*). Goals for
the last three, reported and never asserted: p50 <= 50 ms embedded, <= 100 ms on Neo4j at
1,000 plans. It writes bench/out/scale.csv and bench/out/scale.png (log-log) and prints
the fitted growth exponent of each curve: the slope of log(cost) against log(N).
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench.api import latencies, server
from bench.synth import generate

OUT = Path(__file__).resolve().parent / "out"
ROUTES = {
    "task": "/tasks/1?plan={plan}",
    "search": "/search?q=remote%20islands&plan={plan}",
    "theme": "/themes/remote-islands/tasks?plan={plan}",
    "theme_all_plans": "/themes/remote-islands/tasks?plan=*&limit=50",
    "citations": "/plans/{plan}/citations",
    "cited_by": "/plans/{cited}/cited-by?limit=50",
    # One indicator across every plan (issue 21: p50 <= 50 ms embedded, <= 100 ms Neo4j at
    # 1,000 plans): the synthetic plans state forest coverage as the genre does.
    "family_all_plans": "/families/forest-coverage?plan=*&limit=50",
}


def corpus(size: int, pool: list[Path], out: Path) -> Path:
    """A folder with the first `size` plans of the pool (symlinks)."""
    folder = out / f"corpus-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in pool[:size]:
        (folder / path.name).symlink_to(path.resolve())
    return folder


def peak_rss_mib(pid: int, field: str = "VmHWM") -> float:
    """Peak resident memory (VmHWM), or the current one (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return math.nan


class TreeMemory:
    """Samples this process's descendants (the API and any child it starts, such as the
    plan reader of a first start) every 50 ms: the largest sum of their resident memory
    at one moment, and the largest peak (VmHWM) of any descendant but the API itself.
    A child that lives less than a sample is missed; the API's own VmHWM is exact."""

    def __init__(self) -> None:
        self.tree_peak = self.child_peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            total = 0.0
            for pid, depth in _descendants(me):
                try:
                    now, peak = peak_rss_mib(pid, "VmRSS"), peak_rss_mib(pid)
                except (OSError, ValueError):
                    continue  # gone between listing and reading
                if math.isnan(now):
                    continue  # exited, not yet reaped: holds no memory
                total += now
                if depth > 1:  # not the API process (bench -> API -> its children)
                    self.child_peak = max(self.child_peak, peak)
            self.tree_peak = max(self.tree_peak, total)


def _descendants(pid: int, depth: int = 1) -> Iterator[tuple[int, int]]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return
    for child in map(int, children):
        yield child, depth
        yield from _descendants(child, depth + 1)


def measure_api(env: dict[str, str], plan: str, requests: int, cited: str = "") -> dict[str, float]:
    row: dict[str, float] = {}
    with TreeMemory() as tree, server(env) as (base, startup, pid):
        row["startup_s"] = startup
        row["startup_tree_peak_rss_mib"] = tree.tree_peak
        row["startup_child_peak_rss_mib"] = tree.child_peak
        with httpx.Client(base_url=base, timeout=60) as client:
            for name, route in ROUTES.items():
                url = route.format(plan=plan, cited=cited or plan)
                if client.get(url).status_code == 404:
                    # a small corpus may state no target of the family: nothing to time
                    row[f"{name}_p50_ms"] = row[f"{name}_p99_ms"] = math.nan
                    continue
                samples = latencies(client, url, requests, fresh=True)
                row[f"{name}_p50_ms"] = statistics.median(samples)
                row[f"{name}_p99_ms"] = statistics.quantiles(samples, n=100)[98]
        row["api_peak_rss_mib"] = peak_rss_mib(pid)
        row["api_rss_mib"] = peak_rss_mib(pid, "VmRSS")
    return row


def run_memory(folder: Path, plan: str, requests: int, cited: str = "") -> dict[str, float]:
    """The first start reads and links every plan (and saves a snapshot of the store);
    the second starts from the snapshot."""
    with tempfile.TemporaryDirectory() as snapshots:
        env = {"PLANKG_PLANS": str(folder), "PLANKG_SNAPSHOT_DIR": snapshots}
        row = measure_api(env, plan, requests, cited)
        row["load_s"] = row["startup_s"]  # the embedded store loads at start-up
        with server(env) as (_, startup, pid):
            row["snapshot_startup_s"] = startup
            row["snapshot_rss_mib"] = peak_rss_mib(pid, "VmRSS")
            row["snapshot_peak_rss_mib"] = peak_rss_mib(pid)
    return row


def run_neo4j(folder: Path, plan: str, requests: int, cited: str = "") -> dict[str, float]:
    from devtools.neo4j_server import start_server

    with start_server() as neo:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "plankg.cli",
                "load",
                *sorted(map(str, folder.glob("*.txt"))),
                "--neo4j-uri",
                neo.bolt_uri,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        load = time.perf_counter() - started
        row = measure_api({"NEO4J_URI": neo.bolt_uri}, plan, requests, cited)
        row["load_s"] = load
    return row


def exponent(sizes: list[int], values: list[float]) -> float:
    """Least-squares slope of log(value) on log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(v, 1e-9)) for v in values]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def plot(rows: list[dict], metrics: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(16, 5))
    groups = [
        ("load and start-up (s)", ["load_s", "startup_s"]),
        ("API peak RSS (MiB)", ["api_peak_rss_mib"]),
        ("p50 latency (ms)", [m for m in metrics if m.endswith("_p50_ms")]),
    ]
    for ax, (title, names) in zip(axes, groups, strict=True):
        for store in sorted({r["store"] for r in rows}):
            mine = [r for r in rows if r["store"] == store]
            for name in names:
                ax.plot(
                    [r["plans"] for r in mine],
                    [r[name] for r in mine],
                    marker="o",
                    label=f"{store} {name}",
                )
        ax.set(xscale="log", yscale="log", xlabel="plans in the corpus", title=title)
        ax.legend(fontsize=7)
        ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--stores", default="memory,neo4j")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--out", type=Path, default=OUT, help="where the CSV and plot go")
    parser.add_argument("--no-plot", action="store_true", help="CSV only (no matplotlib)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    stores = args.stores.split(",")

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pool = generate(max(sizes), out / "synthetic", seed=0)
    print(f"generated {len(pool)} plans in {time.perf_counter() - started:.1f} s", flush=True)
    rows: list[dict] = []
    from plankg.loaders import read_plan

    cited = read_plan(pool[0]).id  # plan 0: the one the corpus cites most
    for size in sizes:
        folder = corpus(size, pool, out)
        first = sorted(folder.glob("*.txt"))[0]
        plan = read_plan(first).id
        for store in stores:
            run = run_memory if store == "memory" else run_neo4j
            row = {"store": store, "plans": size} | run(folder, plan, args.requests, cited)
            rows.append(row)
            print(
                ", ".join(
                    f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()
                ),
                flush=True,
            )

    metrics = list(dict.fromkeys(k for r in rows for k in r if k not in ("store", "plans")))
    with (out / "scale.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["store", "plans", *metrics], restval="")
        writer.writeheader()
        writer.writerows(rows)
    if not args.no_plot:
        plot(rows, metrics, out / "scale.png")
    if len(sizes) > 1:
        print("\ngrowth exponents: slope of log cost on log N over all N, and between the two")
        print("largest N (fixed costs such as start-up weigh on the first, not the second):")
        for store in stores:
            mine = [r for r in rows if r["store"] == store]
            sizes_of = [r["plans"] for r in mine]
            fitted = {
                m: (
                    exponent(sizes_of, [r[m] for r in mine]),
                    exponent(sizes_of[-2:], [r[m] for r in mine[-2:]]),
                )
                for m in metrics
                if m in mine[0]
            }
            print(
                f"  {store}: " + ", ".join(f"{m} {a:.2f}/{b:.2f}" for m, (a, b) in fitted.items())
            )
    print(f"\nwrote the table and the plot to {out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
