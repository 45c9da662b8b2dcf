"""What one plan may cost: a plan past PLANKG_MAX_LINES lines of text or PLANKG_MAX_TASKS
tasks is refused with one PlanError line (the file, what was found, the limit).

Reading and linking a plan cost time and memory in proportion to its size (no step is
quadratic: bench/plansize.py measures them), but a 20 MB file can hold 100,000 tasks or
850,000 lines, which would take minutes and gigabytes. The lines are counted before the
outline is read (its cost grows with them), the tasks once it is read, before the
targets and links (their cost grows with the tasks). The defaults keep the worst plan
accepted within the bound the README states.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.config import plan_limits
from plankg.loaders.errors import PlanError

if TYPE_CHECKING:
    from plankg.loaders.outline import Outline

_TEXT_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)


def check_lines(path: str | Path, text: str) -> None:
    """PlanError if the text has more lines holding text than PLANKG_MAX_LINES, naming the
    first line past it; counting stops there, so a refusal costs no more than the limit."""
    limit, _ = plan_limits()
    for count, match in enumerate(_TEXT_LINE.finditer(text), 1):
        if count > limit:
            line = text.count("\n", 0, match.start()) + 1
            raise PlanError(
                path,
                line,
                f"more than {limit:,} lines of text: expected a plan of at most {limit:,} "
                "lines (PLANKG_MAX_LINES)",
            )


def check_tasks(outline: Outline) -> None:
    """PlanError if the outline found more tasks than PLANKG_MAX_TASKS, naming the line of
    the first task past it."""
    _, limit = plan_limits()
    if len(outline.tasks) <= limit:
        return
    paragraphs = outline.paragraphs
    first_over = outline.tasks[limit].start
    at = bisect_right([p.start for p in paragraphs], first_over) - 1
    raise PlanError(
        outline.source.path,
        paragraphs[max(at, 0)].line,
        f"{len(outline.tasks):,} tasks: expected a plan of at most {limit:,} tasks "
        "(PLANKG_MAX_TASKS)",
    )
