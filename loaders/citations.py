"""The documents a plan cites: every title it names in 《…》, read from the whole text.

A citation keeps its title as written (a title inside it, in 〈…〉 or 《…》, is part of it),
a key that mentions of one document share whatever their brackets, spaces, period or stage
(`document_key`), its kind from the title's ending, the verb that introduces it, the
sentence and span of the mention taken as evidence, and how often the plan names it. The
genre's words (kinds, verbs, stages, short-name markers) are data: data/citations.yaml.

What is not a citation: the plan's own title (the 印发 notice's 现将《…》印发给你们, the title
line of a plan whose title cites a document), and a bare kind word, 《规划》 or 《纲要》, which
a plan uses as its own short name unless a 以下简称 gave it to another title.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from plankg.loaders.model import Citation, Span
from plankg.loaders.resources import load_yaml

OPEN, CLOSE = "《〈", "》〉"
MAX_TITLE = 200  # characters: past this an unclosed 《 is a typo, not a title
MAX_CLAUSE = 300  # characters a verb may stand before its title (a list of titles between)
SENTENCE_END = "。！？；\n"
CLAUSE_END = SENTENCE_END + "，：,:"
# Left out of a key: brackets of titles, quotation marks (《“十四五"…》 and 《“十四五”…》 are
# one document) and spaces.
_KEY_DROP = re.compile(r"[《》〈〉<>“”\"‘’'「」\s]")
_PERIOD = re.compile(r"\((?:\d{4}年?\s*[-—–~～至到]+\s*)?\d{4}\s*年?\)")


@dataclass(frozen=True)
class _Genre:
    kinds: tuple[tuple[str, str], ...]  # (ending, kind), longest ending first
    verbs: tuple[str, ...]  # longest first
    stage: re.Pattern
    short_name: re.Pattern


@cache
def _genre() -> _Genre:
    data = load_yaml("citations.yaml")
    kinds = sorted(data["kinds"].items(), key=lambda item: -len(item[0]))
    stages = "|".join(map(re.escape, data["stage_markers"]))
    markers = "|".join(map(re.escape, data["short_name_markers"]))
    return _Genre(
        kinds=tuple(kinds),
        verbs=tuple(sorted(data["citing_verbs"], key=len, reverse=True)),
        stage=re.compile(rf"\((?:{stages})\)"),
        short_name=re.compile(rf"(?:{markers})\s*$"),
    )


def document_key(title: str) -> str:
    """The key one document's mentions share: the title without brackets, quotation marks
    or spaces, full-width forms folded (NFKC), and without a bracketed period or year
    （2021—2025年） or stage （试行） anywhere in it."""
    key = _KEY_DROP.sub("", unicodedata.normalize("NFKC", title))
    key = _PERIOD.sub("", key)
    return _genre().stage.sub("", key)


def document_kind(title: str) -> str | None:
    """The kind its ending says (data/citations.yaml), read past a bracketed period or
    stage; None when it ends in no known word."""
    key = document_key(title)
    return next((kind for ending, kind in _genre().kinds if key.endswith(ending)), None)


def _is_bare_kind(key: str) -> bool:
    return any(key == ending for ending, _ in _genre().kinds)


@dataclass
class _Mention:
    start: int  # of the 《
    end: int  # after the 》
    title: str  # without the outer brackets


def _titles(text: str) -> list[_Mention]:
    """Every outermost 《…》 (nested brackets kept inside), on one line."""
    found: list[_Mention] = []
    at = 0
    while (start := text.find("《", at)) >= 0:
        depth, end = 0, None
        for i in range(start, min(len(text), start + MAX_TITLE)):
            if text[i] in OPEN:
                depth += 1
            elif text[i] in CLOSE:
                depth -= 1
                if depth == 0:
                    end = i + 1
                    break
            elif text[i] == "\n":
                break
        if end is None:  # unclosed: not a title
            at = start + 1
            continue
        found.append(_Mention(start, end, text[start + 1 : end - 1]))
        at = end
    return found


class _Text:
    """The plan's text with its sentence and clause ends found once, so each mention's
    sentence and clause is a binary search (a plan's cost stays linear in its size)."""

    def __init__(self, text: str, mentions: list[_Mention]) -> None:
        self.text = text
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.sentence_ends = [i for i, c in enumerate(text) if c in SENTENCE_END]
        self.clause_ends = [i for i, c in enumerate(text) if c in CLAUSE_END]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around [start, end), its end mark kept, without the spaces at its
        ends."""
        text, ends = self.text, self.sentence_ends
        at = bisect_left(ends, start)
        left = ends[at - 1] + 1 if at else 0
        after = bisect_left(ends, end)
        right = ends[after] + (text[ends[after]] != "\n") if after < len(ends) else len(text)
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        return left, right

    def clause_before(self, start: int) -> str:
        """The clause up to `start`, at most MAX_CLAUSE characters, with the words of other
        titles blanked out (a title's own words introduce nothing)."""
        at = bisect_left(self.clause_ends, start)
        clause_start = self.clause_ends[at - 1] + 1 if at else 0
        clause_start = max(clause_start, start - MAX_CLAUSE)
        clause = list(self.text[clause_start:start])
        first = max(bisect_left(self.starts, clause_start) - 1, 0)
        for m in self.mentions[first : bisect_left(self.starts, start)]:
            for i in range(max(m.start, clause_start), min(m.end, start)):
                clause[i - clause_start] = "\0"
        return "".join(clause)


def _verb(text: _Text, start: int) -> str | None:
    """The citing verb nearest before `start` in its clause, outside other titles."""
    before = text.clause_before(start)
    best: tuple[int, int, str] | None = None
    for verb in _genre().verbs:
        at = before.rfind(verb)
        if at >= 0:
            rank = (at + len(verb), len(verb))
            if best is None or rank > best[:2]:
                best = (*rank, verb)
    return best[2] if best else None


def find_citations(text: str, own_title: str) -> list[Citation]:
    """The plan's citations, in the order each document is first named."""
    own = document_key(own_title)
    mentions = _titles(text)
    short_names: dict[str, str] = {}  # short name -> the key it stands for
    by_key: dict[str, list[_Mention]] = {}
    previous: str | None = None
    for m in mentions:
        key = document_key(m.title)
        if _genre().short_name.search(text[max(0, m.start - 8) : m.start]) and previous:
            short_names[key] = previous  # （以下简称《意见》）: a name, not a mention
            continue
        key = short_names.get(key, key)
        previous = key
        if key == own or _is_bare_kind(key):
            continue
        by_key.setdefault(key, []).append(m)
    citations = []
    read = _Text(text, mentions)
    for key, found in by_key.items():
        # The first mention with a verb is shown (asked lazily: most have one at once).
        verbs = ((m, _verb(read, m.start)) for m in found)
        shown, verb = next(((m, v) for m, v in verbs if v), (found[0], None))
        start, end = read.sentence(shown.start, shown.end)
        citations.append(
            Citation(
                document=key,
                title=shown.title,
                kind=document_kind(shown.title),
                verb=verb,
                evidence=text[start:end],
                span=Span(start=start, end=end),
                count=len(found),
                mentions=[Span(start=m.start, end=m.end) for m in found],
            )
        )
    return citations
