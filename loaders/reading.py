"""Source text -> the reading text: lines joined into paragraphs, page chrome set aside.

Most plans have one paragraph a line. Text taken out of a PDF has hard line breaks every
~25 characters, mid-sentence and mid-number ("到 2025" / "年"), page numbers on lines of
their own ("2 1", "II I") or glued to the next line ("15三、…"), and a table of contents
with dotted leaders. Such a text is "wrapped": its lines are joined into paragraphs, and
the line breaks inside a paragraph are left out of the reading text.

The reading text is the source less those breaks, character for character otherwise, so a
plan without wraps reads as its own source. `origin[i]` is the source offset of reading
character i: every span is found in the reading text and stored as source offsets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from plankg.loaders.clean import fold

# A paragraph of plan prose ends with one of these (folded); a wrapped line does not.
TERMINAL = "。!?;:”’」』)…"
PAGE_NUMBER_RE = re.compile(r"^(?:[\d ]{1,7}|[IVXⅠ-Ⅻ ]{1,9}|-\s*\d+\s*-|第\s*\d+\s*页)$")
TOC_RE = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*[\dIVX]*\s*$")
TOC_TITLE_RE = re.compile(r"目\s*录\s*$")


@dataclass
class Line:
    """A non-blank physical line: its stripped content, folded, with source offsets."""

    number: int  # 1-based line number in the source
    start: int
    end: int
    text: str  # folded, stripped

    @property
    def ends_prose(self) -> bool:
        return self.text.endswith(tuple(TERMINAL))


def physical_lines(source: str) -> list[Line]:
    lines, offset = [], 0
    folded = fold(source)
    for number, raw in enumerate(folded.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            lines.append(Line(number, start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


@dataclass(frozen=True)
class Wrapping:
    wrapped: bool
    width: int  # the usual length of a full line, when wrapped


def detect_wrapping(lines: list[Line]) -> Wrapping:
    """Hard-wrapped text: most longer lines stop without end punctuation, and lines are
    short (measured on the corpus: wrapped PDFs 87-91% and 26-27 characters; plans
    with one paragraph a line at most 35% and 66 characters and more)."""
    long = sorted(len(line.text) for line in lines if len(line.text) >= 12)
    if len(long) < 20:
        return Wrapping(False, 0)
    open_ended = sum(1 for line in lines if len(line.text) >= 12 and not line.ends_prose) / len(
        long
    )
    median = long[len(long) // 2]
    if open_ended >= 0.6 and median < 40:
        return Wrapping(True, long[int(len(long) * 0.75)])
    return Wrapping(False, 0)


# A number at a line's start that may be the page number the PDF glued before the page's
# first line ("48推进一批重点园区…"): up to three digits, then not a digit or anything that
# would make it part of the text (2.5, 3、, 10%, 5G is a letter and stays possible).
GLUED_RE = re.compile(r"^(\d{1,3})(?=[^\d.,、%)\s])")
GLUED_RUN = 5  # page numbers counting up, at least this many, to be taken as such


def unglue_page_numbers(lines: list[Line], wrapping: Wrapping) -> list[Line]:
    """In wrapped text, the lines without the page numbers glued to their starts.

    Taken as page numbers: numbers at line starts that count up through the document, by
    one page or, where a page starts otherwise (a heading, a figure), by two or three (a
    page number alone on its line counts too); the longest such run, if it has at least
    GLUED_RUN of them. A number in the text that happens to open a line does not continue
    the run, so it stays (the Shanghai outline: 110 glued page numbers, 1 to 122)."""
    if not wrapping.wrapped:
        return lines
    best: dict[int, list[tuple[int, int]]] = {}  # page number -> longest run: (line, cut)
    for i, line in enumerate(lines):
        for number, cut in _glued_candidates(line.text):
            # A page may start with something else (a heading, a figure): up to two missing.
            before = max((best.get(number - step, []) for step in (1, 2, 3)), key=len)
            if before and before[-1][0] == i:
                continue
            run = [*before, (i, cut)]
            if len(run) > len(best.get(number, [])):
                best[number] = run
    longest = max(best.values(), key=len, default=[])
    if len(longest) < GLUED_RUN:
        return lines
    out = list(lines)
    for i, cut in longest:
        line = lines[i]
        if not cut:
            continue  # a page number alone on its line: page chrome already
        out[i] = Line(line.number, line.start + cut, line.end, line.text[cut:])
    return out


def _glued_candidates(text: str) -> list[tuple[int, int]]:
    """(page number, characters it takes) for each reading of the line's start as a page
    number: alone on the line (takes 0: chrome already), glued before text ("48推进…"), or
    glued before a numbered heading ("425.1.3 促进…" is page 42 and 5.1.3, "7910.1 推动…"
    page 79 and 10.1), where the digits alone cannot say where the page number ends."""
    if re.fullmatch(r"\d{1,3}", text):
        return [(int(text), 0)]
    if found := GLUED_RE.match(text):
        return [(int(found.group(1)), found.end())]
    from plankg.loaders.headings import read_markers  # headings does not import reading

    digits = re.match(r"\d+", text)
    out = []
    for cut in range(1, min(3, len(digits.group(0)) - 1) + 1) if digits else ():
        rest = text[cut:]
        if rest[0] != "0" and any(m.style in ("dec2", "dec3") for m in read_markers(rest)):
            out.append((int(text[:cut]), cut))
    return out


def is_page_chrome(line: Line, wrapping: Wrapping) -> bool:
    """A table-of-contents line, or (in wrapped text) a page number on its own line."""
    if TOC_RE.search(line.text) or TOC_TITLE_RE.search(line.text):
        return True
    return wrapping.wrapped and bool(PAGE_NUMBER_RE.match(line.text))


@dataclass
class Paragraph:
    """Consecutive lines read as one paragraph; `pieces` are their source extents."""

    line: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""  # folded, pieces joined without their line breaks
    start: int = 0  # reading-text offsets, set by Reading
    end: int = 0
    box: bool = False  # inside a 专栏 box, a table or its notes

    def add(self, start: int, end: int, text: str) -> None:
        self.pieces.append((start, end))
        self.text += text


@dataclass
class Reading:
    """The reading text of the body, its folded twin, and the way back to the source."""

    source: str
    text: str
    folded: str
    origin: list[int]
    paragraphs: list[Paragraph]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """A half-open reading span as a half-open source span."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        """The document's own characters, less wrap breaks."""
        return self.text[start:end]


def build_reading(source: str, paragraphs: list[Paragraph]) -> Reading:
    """Drop the gaps between the pieces of each paragraph; keep everything else."""
    kept: list[tuple[int, int]] = []
    position = 0
    for paragraph in paragraphs:
        for (_, end), (start, _) in zip(paragraph.pieces, paragraph.pieces[1:], strict=False):
            kept.append((position, end))
            position = start
    kept.append((position, len(source)))
    parts, origin, starts, offsets = [], [], [], []
    for a, b in kept:
        starts.append(a)
        offsets.append(len(origin))  # the reading offset where this kept range begins
        parts.append(source[a:b])
        origin.extend(range(a, b))
    origin.append(len(source))
    text = "".join(parts)
    for paragraph in paragraphs:  # its first piece lies in one kept range
        first = paragraph.pieces[0][0]
        k = bisect.bisect_right(starts, first) - 1
        paragraph.start = offsets[k] + first - starts[k]
        paragraph.end = paragraph.start + len(paragraph.text)
    return Reading(source, text, fold(text), origin, paragraphs)
