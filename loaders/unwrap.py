"""A hard-wrapped plan as the linker reads it: without the characters its goals' and tasks'
texts leave out (the line breaks inside a paragraph, a page number on its own line), so that
a sentence, a name or a clause that a wrap break cuts is read whole; and the way back from
offsets in that view to offsets in the plan's own text.

A goal's or task's text is its span of the plan less those characters (loaders/outline.py
joins a wrapped paragraph's lines): the text is a subsequence of its span, and `text_gaps`
finds what it leaves out. A plan whose texts leave nothing out (Zhoushan's, most plans not
converted from a PDF) has no view: it is linked as it is.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from plankg.loaders.model import Plan, Span


def text_gaps(source: str, start: int, end: int, text: str) -> list[int]:
    """Offsets in source[start:end] of the characters `text` leaves out, so that an offset o
    of the plan text is offset o - start - (gaps before o) of the text. Each of the text's
    characters is taken to be the next equal one of the source; a text that is not a
    subsequence of its span (it should always be) leaves nothing out rather than a guess."""
    if source.startswith(text, start):  # most plans: nothing left out
        return []
    gaps = []
    at = 0
    for offset in range(start, end):
        if at == len(text):
            break
        if source[offset] == text[at]:
            at += 1
        else:
            gaps.append(offset)
    return gaps if at == len(text) else []


@dataclass(frozen=True)
class Unwrapped:
    """`plan` with its text less `gaps` (sorted plan offsets), its goals' and tasks' spans
    moved into that text; `source` is the plan's own text."""

    plan: Plan
    source: str
    gaps: list[int]

    @classmethod
    def of(cls, plan: Plan) -> Unwrapped | None:
        gaps = sorted(
            {
                g
                for scope in (*plan.goals, *plan.tasks)
                for g in text_gaps(plan.text, scope.span.start, scope.span.end, scope.text)
            }
        )
        if not gaps:
            return None
        view = cls(plan, plan.text, gaps)
        left_out = set(gaps)
        text = "".join(ch for i, ch in enumerate(plan.text) if i not in left_out)
        moved = {
            "text": text,
            "goals": [g.model_copy(update={"span": view.into(g.span)}) for g in plan.goals],
            "tasks": [t.model_copy(update={"span": view.into(t.span)}) for t in plan.tasks],
            "chapters": [c.model_copy(update={"span": view.into(c.span)}) for c in plan.chapters],
        }
        return cls(plan.model_copy(update=moved), plan.text, gaps)

    def into(self, span: Span) -> Span:
        """A plan-text span as a span of the view."""
        return Span(
            start=span.start - bisect_left(self.gaps, span.start),
            end=span.end - bisect_left(self.gaps, span.end),
        )

    def back(self, span: Span) -> Span:
        """A span of the view as a plan-text span: from its first character to its last
        (a gap inside it is inside the plan span too, one at its edges is not)."""
        if span.end <= span.start:
            return Span(start=self._source(span.start), end=self._source(span.start))
        return Span(start=self._source(span.start), end=self._source(span.end - 1) + 1)

    def _source(self, at: int) -> int:
        # The i-th gap sits before view offset gaps[i] - i; a kept character at view offset
        # v is preceded by every gap whose view position is <= v.
        return at + bisect_right(self._positions, at)

    @cached_property
    def _positions(self) -> list[int]:
        return [g - i for i, g in enumerate(self.gaps)]
