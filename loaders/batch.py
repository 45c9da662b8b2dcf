"""Loading many plan files: a progress bar on a terminal, a one-line summary otherwise."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from loaders.model import Plan
from loaders.plan import load_plan


def load_plans(paths: Sequence[Path], console: Console | None = None) -> list[Plan]:
    """Every plan, in the order given; the first bad file stops the batch (PlanError)."""
    console = console or Console(stderr=True)
    started = time.perf_counter()
    plans: list[Plan] = []
    if console.is_terminal and len(paths) > 1:
        columns = (
            TextColumn("reading plans"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            for path in progress.track(paths):
                plans.append(load_plan(path))
    else:
        plans = [load_plan(path) for path in paths]
    tasks = sum(len(p.tasks) for p in plans)
    seconds = time.perf_counter() - started
    if len(paths) > 1 or console.is_terminal:
        console.print(
            f"read {len(plans)} plan{'s' if len(plans) != 1 else ''}: {tasks} tasks, "
            f"{sum(len(p.indicators) for p in plans)} targets in {seconds:.1f} s",
            highlight=False,
        )
    return plans
