"""Loading many plan files: in parallel on every core, a progress bar on a terminal, a
one-line summary otherwise."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from plankg.loaders.errors import PlanError
from plankg.loaders.model import Plan
from plankg.loaders.plan import load_plan

# Below this many files a pool costs more (starting workers) than it saves.
PARALLEL_FROM = 8


def load_plans(paths: Sequence[Path], console: Console | None = None) -> list[Plan]:
    """Every plan, in the order given; the first bad file in that order stops the batch
    (PlanError), as if they had been read one by one."""
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
            task = progress.add_task("read", total=len(paths))
            for plan in _read_all(paths):
                plans.append(plan)
                progress.advance(task)
    else:
        plans = list(_read_all(paths))
    tasks = sum(len(p.tasks) for p in plans)
    seconds = time.perf_counter() - started
    if len(paths) > 1 or console.is_terminal:
        console.print(
            f"read {len(plans)} plan{'s' if len(plans) != 1 else ''}: {tasks} tasks, "
            f"{sum(len(p.indicators) for p in plans)} targets in {seconds:.1f} s",
            highlight=False,
        )
    return plans


def _read_all(paths: Sequence[Path]) -> Iterator[Plan]:
    """The plans in order; reading (cleaning, outline, targets, linking) is CPU-bound and
    each file is independent, so many files are spread over the cores."""
    workers = min(os.cpu_count() or 1, len(paths))
    if len(paths) < PARALLEL_FROM or workers < 2:
        yield from (load_plan(path) for path in paths)
        return
    with ProcessPoolExecutor(workers) as pool:
        chunk = max(1, len(paths) // (workers * 8))
        for outcome in pool.map(_read_one, paths, chunksize=chunk):
            if isinstance(outcome, Plan):
                yield outcome
            else:  # the worker's PlanError, raised here in file order
                pool.shutdown(cancel_futures=True)
                raise outcome


def _read_one(path: Path) -> Plan | PlanError:
    """In a worker: the plan, or the PlanError that stopped it (a PlankgError pickles as
    itself), returned rather than raised so that the parent raises it in file order."""
    try:
        return load_plan(path)
    except PlanError as error:
        return error
