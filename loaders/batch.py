"""Loading many plan files: in parallel on every core, a progress bar on a terminal, a
one-line summary otherwise."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from plankg.loaders.errors import PlanError
from plankg.loaders.model import Plan
from plankg.loaders.plan import load_plan

# Below this many files a pool costs more (starting workers) than it saves.
PARALLEL_FROM = 8

T = TypeVar("T")


def _same(plan: Plan) -> Plan:
    return plan


def load_plans(
    paths: Sequence[Path],
    console: Console | None = None,
    then: Callable[[Plan], T] = _same,
    title: str | None = None,
) -> list[T]:
    """Every plan, in the order given; the first bad file in that order stops the batch
    (PlanError), as if they had been read one by one.

    `then` (a module-level function: it is sent to the workers) turns each plan into what
    the caller keeps, in the process that read it: `plankg load` keeps the plan's Neo4j
    rows, which cross back from a worker in an eighth of the time the plan's model does."""
    console = console or Console(stderr=True)
    started = time.perf_counter()
    plans: list[T] = []
    tasks = targets = 0
    if console.is_terminal and len(paths) > 1:
        columns = (
            TextColumn("reading plans"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("read", total=len(paths))
            for plan, counts in _read_all(paths, then, title):
                plans.append(plan)
                tasks, targets = tasks + counts[0], targets + counts[1]
                progress.advance(task)
    else:
        for plan, counts in _read_all(paths, then, title):
            plans.append(plan)
            tasks, targets = tasks + counts[0], targets + counts[1]
    seconds = time.perf_counter() - started
    if len(paths) > 1 or console.is_terminal:
        console.print(
            f"read {len(plans)} plan{'s' if len(plans) != 1 else ''}: {tasks} tasks, "
            f"{targets} targets in {seconds:.1f} s",
            highlight=False,
        )
    return plans


Counts = tuple[int, int]  # a plan's tasks and targets, for the summary line


def _read_all(
    paths: Sequence[Path], then: Callable[[Plan], T], title: str | None = None
) -> Iterator[tuple[T, Counts]]:
    """The plans in order; reading (cleaning, outline, targets, linking) is CPU-bound and
    each file is independent, so many files are spread over the cores."""
    workers = min(os.cpu_count() or 1, len(paths))
    if len(paths) < PARALLEL_FROM or workers < 2:
        for path in paths:
            outcome = _read_one(path, then, title)
            if isinstance(outcome, PlanError):
                raise outcome
            yield outcome
        return
    with ProcessPoolExecutor(workers) as pool:
        chunk = max(1, len(paths) // (workers * 8))
        read = functools.partial(_read_one, then=then, title=title)
        for outcome in pool.map(read, paths, chunksize=chunk):
            if isinstance(outcome, PlanError):  # raised here in file order
                pool.shutdown(cancel_futures=True)
                raise outcome
            yield outcome


def _read_one(
    path: Path, then: Callable[[Plan], Any], title: str | None = None
) -> tuple[Any, Counts] | PlanError:
    """In a worker: what `then` makes of the plan, or the PlanError that stopped it (a
    PlankgError pickles as itself), returned rather than raised so that the parent raises
    it in file order."""
    try:
        plan = load_plan(path, title=title)
    except PlanError as error:
        return error
    return then(plan), (len(plan.tasks), len(plan.indicators))
