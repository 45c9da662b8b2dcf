"""`make bench`: what the issues set as speed targets, measured on this machine now."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from loaders import load_plan
from loaders.resources import REPO_DATA

PLAN = REPO_DATA / "plans" / "zhoushan-2021-2025.txt"


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
    table = Table(title="plankg benchmarks (warm, this machine)")
    for column in ("measure", "p50 ms", "p99 ms", "budget ms", "p50 / budget"):
        table.add_column(column, justify="right" if column != "measure" else "left")

    def row(name: str, samples: list[float], budget: float) -> None:
        p50 = statistics.median(samples)
        p99 = statistics.quantiles(samples, n=100)[98] if len(samples) > 1 else p50
        table.add_row(name, f"{p50:.2f}", f"{p99:.2f}", f"{budget:g}", f"{p50 / budget:.2f}")

    row(
        "load the Zhoushan plan (read, clean, outline, targets)",
        timed(lambda: load_plan(PLAN), 30),
        100,
    )
    Console().print(table)


if __name__ == "__main__":
    main()
