"""Lines -> the plan's outline: title, the heading tree, the task level, goals.

The genre (examples from real plans in ../shared/corpus):
- Before the plan: page chrome, or an 印发 notice (关于印发…的通知, 文号, addressees,
  issuer, date). The title is the first line (or two, when it is split) that ends in a
  document type (方案, 规划, 意见, 纲要, 政策 …), less a bracketed period or 草案; a text
  without one (a database export) is titled by its notice, --title or its file name.
- The body is a tree of numbered headings (loaders/headings.py). The tasks are the items
  of the deepest numbered level that carries the text of the task chapters: 1.–45. in
  the Zhoushan plan, （三）–（二十） in a State Council opinion, the 节 of a 章/节 plan,
  the N.N.N items of a decimal one; where nothing below the chapters is numbered, each
  paragraph of a chapter is a measure; the 第X条 articles of a regulation; paragraphs
  that each carry a responsibility clause under an item; a later chapter's headings with
  a clause of their own. Chapters about the situation, principles or goals hold no
  tasks; neither do 专栏 boxes, tables and their notes.
- Goals: the paragraphs under a heading about 目标 (dashed "——" paragraphs, else the
  dated "到2025年…" ones, else all of them), the long-term vision, and a dated target
  paragraph after the dashed ones.
Word lists are in data/genre.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from plankg.loaders.clauses import find_clauses
from plankg.loaders.clean import SourceText
from plankg.loaders.errors import PlanError
from plankg.loaders.headings import (
    BLOCK_STYLES,
    STYLE_BY_NAME,
    Marker,
    Numbering,
    read_markers,
)
from plankg.loaders.limits import check_lines, check_tasks
from plankg.loaders.reading import (
    Line,
    Paragraph,
    Reading,
    Wrapping,
    build_reading,
    detect_wrapping,
    is_page_chrome,
    physical_lines,
    unglue_page_numbers,
)
from plankg.loaders.resources import load_yaml
from plankg.loaders.tables import Cell

DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
YEAR_OPENER_RE = re.compile(r"^(?:到|至|截至)\s*(\d{4})\s*年")
DASHES_RE = re.compile(r"^(?:——|--|—|-)\s*")
BRACKETED_RE = re.compile(r"\s*\([^()]{1,30}\)\s*$")
BOX_RE = re.compile(r"^(?:专栏|专题)\s*\d*")
TABLE_RE = re.compile(r"^(?:表|附表)\s*\d+|^注\s*[:：]|^备注")
TITLE_MAX = 90


@dataclass
class Heading:
    """A numbered (or named, like 总则) heading of the body, and the paragraphs under it."""

    marker: Marker | None  # None for a named heading (总则, 前言)
    rank: int
    number: int
    label: str  # the number as written: 一、, (三), 1., 2.3.1, 第四节; "" if named
    title: str  # the heading's first sentence, folded
    paragraph: int  # index of its paragraph
    title_end: int  # reading offset where the title (and its 。) ends
    last: int = -1  # index of the last paragraph under it (its subtree)
    parent: int | None = None  # index in Outline.headings


@dataclass
class Unit:
    """A chapter, section, task or goal: paragraphs first..last, reading offsets."""

    number: int
    label: str
    title: str
    start: int
    end: int
    heading: int | None = None  # index in Outline.headings
    chapter: int | None = None  # Unit.number of its chapter
    section: int | None = None
    year: int | None = None


@dataclass
class Outline:
    source: SourceText
    reading: Reading
    title: str
    title_span: tuple[int, int]  # reading offsets
    period_hint: str  # the title and its bracketed lines, for the period
    published: dt.date | None
    issuer: str  # the notice's issuer or the line after the title, if any
    preamble: str  # folded text before the first heading (for the region, the period)
    headings: list[Heading] = field(default_factory=list)
    chapters: list[Unit] = field(default_factory=list)
    sections: list[Unit] = field(default_factory=list)
    tasks: list[Unit] = field(default_factory=list)
    goals: list[Unit] = field(default_factory=list)
    tables: list[list[Cell]] = field(default_factory=list)  # indicator tables, title first
    task_level: str = ""
    issue_year: int | None = None  # the year of the notice's document number (〔2022〕6号)
    chrome: str = ""  # the lines around the plan (page, notice, signature), folded
    # where the title comes from: its own line (text), the 印发 notice, --title, the file name
    title_source: str = "text"
    wrapped: bool = False
    truncated: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return self.reading.paragraphs


def parse_outline(source: SourceText, title: str | None = None) -> Outline:
    """The outline of a plan's text; `title` names a plan whose text has no title line
    (and wins over the one it has)."""
    genre = load_yaml("genre.yaml")
    path = source.path
    check_lines(path, source.text)  # before the outline, whose cost grows with the lines
    lines = physical_lines(source.text)
    wrapping = detect_wrapping(lines)
    lines = unglue_page_numbers(lines, wrapping)
    chrome = {i for i, line in enumerate(lines) if is_page_chrome(line, wrapping)}
    named = {re.sub(r"\s+", "", w) for w in genre["named_chapters"]}

    first = _first_heading(lines, chrome, named)
    if first is None:
        raise PlanError(
            path,
            lines[-1].number,
            "no chapter headings: expected '一、…', '第一章…' or '第一部分…' "
            "after the plan's title (is this a plan?)",
        )
    title_at = _find_title(lines, first, chrome, genre)
    title_warning = ""
    title_pieces: list[tuple[int, int]] = []  # source extents of the title as written
    title_number = lines[0].number
    notice = None
    if title_at is None:
        notice = _title_in_notice(lines, first, chrome)
        if notice is None:
            # 关于做好…工作的通知: a notice that is itself the plan, titled by its own line
            title_at = _notice_as_title(lines, first, chrome)
    if title_at is not None:
        title_first, title_last = title_at
        title_lines = lines[title_first : title_last + 1]
        title_pieces = [(line.start, line.end) for line in title_lines]
        title_number = title_lines[0].number
        title_source = "text"
        hint_text = [line.text for line in title_lines]
        after_title = title_last + 1
        chrome_end = title_first
    elif notice is not None:
        # A text that starts with the notice and then the body: the title it transmits.
        title_pieces, title_first, after_title = notice
        title_number = lines[title_first].number
        title_source = "notice"
        hint_text = [_fold_text(source.text, a, b) for a, b in title_pieces]
        chrome_end = after_title
        title_warning = (
            f"line {title_number}: no title line before the body: the title is the one "
            "the 印发 notice names"
        )
    else:  # the body alone (a database export): the caller's title, else the file's name
        title_first = 0
        # short lines before the first sentence are the page's (索引号, 发布机构, 发布日期)
        chrome_end = 0
        while chrome_end < first and not (
            lines[chrome_end].ends_prose or len(lines[chrome_end].text) >= 40
        ):
            chrome_end += 1
        after_title = chrome_end
        title_source = "option" if title else "file"
        hint_text = [title or path.stem]
        title_warning = (
            f"line {lines[0].number}: no title line before the body (expected a line "
            "ending in " + "/".join(genre["title_suffixes"][:5]) + " …): "
            + ("titled by --title" if title else "titled by the file's name; name it with --title")
        )
    hint_lines = []
    while after_title < first and BRACKETED_RE.fullmatch(lines[after_title].text):
        hint_lines.append(lines[after_title].text)
        after_title += 1
    end, truncated = _find_body_end(
        lines, first, chrome, wrapping, genre["chrome_markers"], tuple(genre["issuer_endings"])
    )
    attached = _attachment_with_the_items(lines, first, end, chrome, named)
    if attached is not None:  # the plan's numbered items are in its 附件: read that
        first = attached
        end, truncated = _find_body_end(
            lines, first, chrome, wrapping, genre["chrome_markers"], tuple(genre["issuer_endings"])
        )

    paragraphs, headings, sequence_warnings = _read_body(
        lines, after_title, first, end, chrome, wrapping, named
    )
    if not paragraphs:
        raise PlanError(path, lines[first].number, "expected the plan's text after its title")
    if title_pieces:
        title_paragraph = Paragraph(title_number)
        for a, b in title_pieces:
            title_paragraph.add(a, b, _fold_text(source.text, a, b))
        reading = build_reading(source.text, [title_paragraph, *paragraphs])
        reading.paragraphs.pop(0)
        title_span = (title_paragraph.start, title_paragraph.end)
        found_title = _strip_title(reading.text[title_span[0] : title_span[1]])
        title_span = (title_span[0], title_span[0] + len(found_title))
    else:
        reading = build_reading(source.text, paragraphs)
        title_span = (paragraphs[0].start, paragraphs[0].start)
        found_title = _strip_title(title or path.stem)
    if title:  # --title names the plan, whatever the text's own title line says
        title_source, found_title = "option", _strip_title(title.strip())
    title = found_title

    head_chrome = [line.text for line in lines[:chrome_end]]
    tail_chrome = [line.text for line in lines[end:]]
    preamble = "\n".join(
        p.text for p in paragraphs[: headings[0].paragraph if headings else len(paragraphs)]
    )
    outline = Outline(
        source=source,
        reading=reading,
        title=title,
        title_span=title_span,
        period_hint=" ".join([*hint_text, *hint_lines]),
        published=_find_published(head_chrome + tail_chrome, genre["published_labels"]),
        issuer=_find_issuer(head_chrome, tail_chrome, genre),
        preamble=preamble,
        headings=headings,
        wrapped=wrapping.wrapped,
        truncated=truncated,
    )
    outline.title_source = title_source
    if title_warning:
        outline.warnings.append(title_warning)
    outline.issue_year = _document_number_year(head_chrome + tail_chrome)
    outline.chrome = "\n".join(head_chrome + tail_chrome)
    outline.warnings += sequence_warnings
    if attached is not None:
        outline.warnings.append(
            f"line {lines[attached].number}: the numbered items are in the attachment (附件), "
            "not in the text before it: read the attachment as the plan's body"
        )
    if truncated:
        last = lines[end - 1]
        outline.warnings.append(
            f"line {last.number}: the text stops mid-sentence ('…{last.text[-15:]}'): "
            "the file may be truncated"
        )
    _build_tree(outline)
    for h in outline.headings:
        if h.last == h.paragraph and h.marker and h.marker.style in BLOCK_STYLES:
            if h is outline.headings[-1] or h.paragraph == len(outline.paragraphs) - 1:
                outline.warnings.append(
                    f"line {outline.paragraphs[h.paragraph].line}: '{h.label}{h.title}' is "
                    "empty: nothing follows its heading (is the file truncated?)"
                )
    _choose_tasks(outline, genre)
    check_tasks(outline)  # before the targets and links, whose cost grows with the tasks
    _find_goals(outline, genre)
    _find_tables(outline)
    if not outline.tasks:
        raise PlanError(
            path,
            lines[first].number,
            "no tasks: expected numbered items ('1. …', '(一)…') or paragraphs under the chapters",
        )
    return outline


def _strip_title(title: str) -> str:
    """The title less a bracketed period or status at its end: (2021-2025年), (草案)."""
    while True:
        match = re.search(r"\s*[(（][^()（）]{1,30}[)）]\s*$", title)
        if not match or match.start() == 0:
            return title.strip()
        title = title[: match.start()]


def _heading_marker(
    text: str,
    numbering: Numbering,
    line: int = 0,
    warnings: list[str] | None = None,
    loose: bool = True,
) -> Marker | None:
    """The marker the numbering accepts; `loose`: also one without its separator (1推进…,
    一 总体要求), which wrapped PDF text, full of lines that start with a number, is not
    trusted with."""
    markers = [
        m for m in read_markers(text) if not m.loose or (loose and _titled(text[m.length :]))
    ]
    for marker in markers:
        if numbering.accepts(marker):
            return marker
    if warnings is not None:
        for marker in markers:
            if numbering.skips_one(marker):
                warnings.append(
                    f"line {line}: expected {numbering.expected(marker.style)} next, found "
                    f"{marker.label}: taken as the next one"
                )
                return marker
    return None


def _titled(rest: str) -> bool:
    """After a number without its separator, a title: a short first sentence (推进…建设。
    …) or a short line, not a sentence that happens to start with a number (5大行动…，…)."""
    return len(rest) <= 40 or len(rest.split("。", 1)[0]) <= 40


def _fused_heading(text: str, marker: Marker, numbering: Numbering) -> int | None:
    """Where a second heading of a lower level starts on a heading's line, if it does: a
    chapter whose line goes on with its first article (第一章　总则　　第一条　为规范…),
    a 节 with its first 一、 (第二节　主要任务　一、加强…). The title between is short
    and has no sentence punctuation; the second number must continue its own sequence
    once the first heading is taken, with its separator (a loose 1 推进… is not trusted
    here). Without a space between them only a 第X条/节/章 number is (总则第一条…)."""
    rest = text[marker.length :]
    for match in re.finditer(r"\s+|(?=第)", rest):
        title, after = rest[: match.start()], rest[match.end() :]
        if not title or len(title) > 30 or re.search(r"[。，,;；:：]", title):
            break
        if not match.group(0) and not re.match(r"第\s*\S{1,4}?\s*[章节条]", after):
            continue
        following = Numbering(dict(numbering.last), set(numbering.may_restart))
        following.take(marker)
        second = _heading_marker(after, following, loose=False)
        if second is not None and second.rank > marker.rank:
            return marker.length + match.end()
    return None


def _named(text: str, named: set[str]) -> bool:
    return re.sub(r"\s+", "", text) in named


def _first_heading(lines: list[Line], chrome: set[int], named: set[str]) -> int | None:
    """The first top-level heading of the body: 一、, 第一章, 第一部分, a named one, or the
    first article of a regulation without chapters (第一条)."""
    for i, line in enumerate(lines):
        if i in chrome:
            continue
        if _named(line.text, named):
            return i
        for marker in read_markers(_unglued(line.text)):
            if marker.loose and len(line.text) > 30:
                continue  # 一 总体要求 is a heading line; 一 then prose is not
            if marker.style in ("part", "chapter", "cn", "tiao") and marker.number == 1:
                return i  # 第一条: a regulation of articles without chapters
    return None


def _attachment_with_the_items(
    lines: list[Line], first: int, end: int, chrome: set[int], named: set[str]
) -> int | None:
    """The first heading of an attachment that holds the plan's numbered items, when the
    text before it holds few of them: a short 办法 of a few clauses whose 附件 lists the 90
    measures with their lead units. An attachment that lists people, or a table of the
    body's own tasks, has far fewer numbered lines than the body, and stays out."""
    if end >= len(lines) or not lines[end].text.lstrip("([【 ").startswith("附件"):
        return None
    found = _first_heading(lines[end + 1 :], {i - end - 1 for i in chrome if i > end}, named)
    if found is None:
        return None
    start = end + 1 + found

    def numbered(lo: int, hi: int) -> int:
        return sum(1 for i in range(lo, hi) if i not in chrome and read_markers(lines[i].text))

    inside, before = numbered(start, len(lines)), numbered(first, end)
    return start if inside >= max(10, 3 * before) else None


def _unglued(text: str) -> str:
    """A heading with a page number glued before it (15三、…) without the number."""
    match = re.match(r"^\d{1,3}(?=[一二三四五六七八九十第])", text)
    return text[match.end() :] if match else text


def _find_title(
    lines: list[Line], first: int, chrome: set[int], genre: dict
) -> tuple[int, int] | None:
    """The title's first and last line: the first line before the body that ends in a
    document type; with the line after it when the title goes on ("…规划" / "和…纲要"),
    or the line before it when it was split ("国务院关于…和" / "…的指导意见")."""
    suffixes = tuple(genre["title_suffixes"])
    for i in range(first):
        if i in chrome:
            continue
        text = _strip_title(lines[i].text)
        if "。" in text or len(text) > TITLE_MAX or not text.endswith(suffixes):
            continue
        if re.search(r"[>›»|]|首页|当前位置", text):
            continue  # a breadcrumb of the page: 首页 > 政务公开 > 规划计划
        if text.count("《") > text.count("》"):
            continue  # a wrapped line that stops inside a citation: 为贯彻…和《北京城市总体规划
        last = i
        while (
            last + 1 < first
            and (joined := _strip_title(lines[i].text + lines[last + 1].text)).endswith(suffixes)
            and len(joined) <= TITLE_MAX
            and not lines[last + 1].ends_prose
        ):
            last += 1
        start = i
        if i > 0 and (i - 1) not in chrome and _title_head(lines[i - 1].text, suffixes):
            start = i - 1
        return start, last
    return None


def _title_in_notice(
    lines: list[Line], first: int, chrome: set[int]
) -> tuple[list[tuple[int, int]], int, int] | None:
    """The plan's title as the 印发 notice before the body names it (关于印发《X》的通知,
    the notice title maybe split over two lines), for a text without the plan's own title
    line: (the title's source extents, the notice's line, the line after the notice's
    date, where the plan's text starts)."""
    for i in range(first):
        if i in chrome or not re.search("关于(?:印发|转发)", lines[i].text):
            continue
        parts = [lines[i]]
        if "通知" not in lines[i].text and i + 1 < first and (i + 1) not in chrome:
            parts.append(lines[i + 1])
        joined = "".join(line.text for line in parts)
        m = re.search(r"关于(?:印发|转发)(.+?)的通知", joined)
        if not m or "。" in joined or len(joined) > TITLE_MAX + 30:
            continue  # a notice's title line, not a sentence that cites one
        a, b = m.span(1)
        if joined[a] in "《〈" and joined[b - 1] in "》〉" and b - a > 2:
            a, b = a + 1, b - 1  # 关于印发《X》的通知: X
        pieces, at = [], 0
        for line in parts:  # joined offsets -> source extents, line by line
            lo, hi = max(a, at), min(b, at + len(line.text))
            if lo < hi:
                pieces.append((line.start + lo - at, line.start + hi - at))
            at += len(line.text)
        after = i + len(parts)
        for j in range(after, first):  # the notice's number, addressees, issuer and date
            if DATE_RE.search(lines[j].text) and len(lines[j].text) <= 20:
                after = j + 1
        return pieces, i, after
    return None


def _notice_as_title(lines: list[Line], first: int, chrome: set[int]) -> tuple[int, int] | None:
    """A notice that is the plan itself (国务院办公厅关于做好…工作的通知, not one that
    transmits another document): its title line, or two when it is split."""
    for i in range(first):
        if i in chrome or "。" in lines[i].text or len(lines[i].text) > TITLE_MAX:
            continue
        text = lines[i].text
        last = i
        if "关于" in text and not text.endswith("通知") and i + 1 < first:
            if (lines[i + 1].text).endswith("通知") and len(text + lines[i + 1].text) <= TITLE_MAX:
                last = i + 1
        joined = "".join(line.text for line in lines[i : last + 1])
        if "关于" in joined and joined.endswith("通知") and not re.search("印发|转发", joined):
            return i, last
    return None


def _fold_text(text: str, start: int, end: int | None) -> str:
    from plankg.loaders.clean import fold

    return fold(text[start:end])


def _title_head(text: str, suffixes: tuple[str, ...]) -> bool:
    """The first line of a title split over two: short, no digits, no punctuation."""
    return (
        len(text) <= 40
        and not re.search(r"[\d:：。,，;()（）〔]", text)
        and not text.endswith(suffixes)
        and not text.endswith(("通知", "的"))
    )


def _signs(line: Line, issuers: tuple[str, ...]) -> bool:
    """A line of the signature: a body's name alone (…部, …人民政府办公室)."""
    text = re.sub(r"\s+", "", line.text)
    return (
        bool(issuers)
        and len(text) <= 40
        and text.endswith(issuers)
        and not line.ends_prose
        and not read_markers(text)
    )


def _find_body_end(
    lines: list[Line],
    first: int,
    chrome: set[int],
    wrapping: Wrapping,
    markers: list[str],
    issuers: tuple[str, ...] = (),
) -> tuple[int, bool]:
    """Index just past the body, and whether the text stops mid-sentence."""
    end = len(lines)
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if i in chrome or line.ends_prose:
            continue
        bare = line.text.lstrip("([【 ")
        if bare.startswith(tuple(markers)):
            end = i
            break
        if wrapping.wrapped or read_markers(_unglued(line.text)) or len(line.text) >= 40:
            continue
        if DATE_RE.search(line.text) or line.text.endswith(("人民政府", "办公厅", "国务院")):
            end = i  # the issuer and the date under the plan
            while end - 1 > first and _signs(lines[end - 1], issuers):
                end -= 1  # the issuers' lines above the date (生态环境部 / 2018年12月29日)
            break
    while end > first and (end - 1) in chrome:
        end -= 1
    last = lines[end - 1]
    heading = any(m.style in BLOCK_STYLES for m in read_markers(last.text))
    truncated = not last.ends_prose and not heading
    return end, truncated


def _read_body(
    lines: list[Line],
    start: int,
    first: int,
    end: int,
    chrome: set[int],
    wrapping: Wrapping,
    named: set[str],
) -> tuple[list[Paragraph], list[Heading]]:
    """Lines -> paragraphs, telling headings by their numbering (headings.Numbering)."""
    numbering = Numbering()
    warnings: list[str] = []
    paragraphs: list[Paragraph] = []
    headings: list[Heading] = []
    in_box = in_table = False
    open_para: Paragraph | None = None  # a wrapped paragraph the next line may continue
    title_tail = False  # the last line was a full-width block heading
    i, pending = start - 1, None  # pending: the rest of a line that holds two headings
    while True:
        if pending is not None:
            line, pending = pending, None
        else:
            i += 1
            if i >= end:
                break
            if i in chrome:
                continue
            line = lines[i]
        text, skip = line.text, 0
        marker = None
        is_named = False
        if i >= first:
            is_named = _named(text, named)
            marker = None
            if not is_named:
                marker = _heading_marker(
                    text,
                    numbering,
                    line.number,
                    None if wrapping.wrapped else warnings,
                    loose=not wrapping.wrapped,
                )
            if marker is None and not is_named and wrapping.wrapped:
                unglued = _unglued(text)
                if unglued != text and (
                    marker := _heading_marker(unglued, numbering, loose=False)
                ):
                    skip, text = len(text) - len(unglued), unglued
        if marker is not None and marker.style in BLOCK_STYLES:
            cut = _fused_heading(text, marker, numbering)
            if cut:  # 第一章 总则　　第一条 为规范…: the chapter's line, then the article's
                head = text[:cut].rstrip()
                at = line.start + skip
                pending = Line(line.number, at + cut, line.end, text[cut:])
                line = Line(
                    line.number, line.start, at + len(head), line.text[: skip + len(head)]
                )
                text = head
        if i >= first and marker is None and not is_named and not in_box:
            _check_sequence(text, line.number, numbering, warnings)
        is_table = bool(TABLE_RE.match(text))
        starts_box = bool(BOX_RE.match(text)) or is_table
        if marker and in_box and marker.style in ("ar", "par"):
            # Inside a box or table, items restart at 1 and are not the plan's headings;
            # an item that goes on from before the box ends it.
            last = numbering.last.get(marker.style)
            if last is None or marker.number != last[0] + 1:
                marker = None
        if marker or is_named:
            in_box = in_table = False
        elif in_table and not is_table and len(text) >= 50 and line.ends_prose and not (
            read_markers(text)  # the numbered notes under a table (注：1. … 2. …)
        ):
            in_box = in_table = False  # prose again after a table and its notes
        if marker or is_named or starts_box:
            open_para = None
        if open_para is not None and title_tail and len(text) >= 0.5 * wrapping.width:
            open_para = None  # a block heading takes one short line more, not the prose after
        title_tail = False
        if open_para is not None and wrapping.wrapped:
            open_para.add(line.start + skip, line.end, text)
        else:
            paragraph = Paragraph(line.number)
            paragraph.add(line.start + skip, line.end, text)
            paragraphs.append(paragraph)
            open_para = paragraph
        current = paragraphs[-1]
        if marker or is_named:
            if marker:
                numbering.take(marker)
            headings.append(_heading(marker, len(paragraphs) - 1))
        if starts_box:
            in_box, in_table = True, in_table or is_table
        # A wrapped paragraph ends at end punctuation, and a short heading line at its end.
        if not wrapping.wrapped or line.ends_prose:
            open_para = None
        elif (marker or is_named or starts_box) and len(line.text) < 0.8 * wrapping.width:
            open_para = None
        elif marker is not None and marker.style in BLOCK_STYLES:
            title_tail = True
        if in_box and marker is None:
            current.box = True
    for h in headings:  # titles once wrapped headings have all their lines
        _set_title(h, paragraphs[h.paragraph])
    return paragraphs, headings, warnings


def _check_sequence(text: str, line: int, numbering: Numbering, warnings: list[str]) -> None:
    """A number that repeats or skips one of a numbering in use is read as text, and said."""
    for marker in read_markers(text):
        last = numbering.last.get(marker.style)
        if last is None or marker.style in ("dec2", "dec3") or marker.loose:
            continue
        if marker.number == last[0] or last[0] + 2 < marker.number <= last[0] + 3:
            warnings.append(
                f"line {line}: expected {numbering.expected(marker.style)} next, found "
                f"{marker.label}: read as text, not as a heading"
            )
            return


def _heading(marker: Marker | None, index: int) -> Heading:
    return Heading(
        marker=marker,
        rank=marker.rank if marker else -1,
        number=marker.number if marker else 0,
        label=marker.label if marker else "",
        title="",
        paragraph=index,
        title_end=0,
    )


def _set_title(heading: Heading, paragraph: Paragraph) -> None:
    """The heading's title: its first sentence, without the number."""
    text = paragraph.text
    skip = heading.marker.length if heading.marker else 0
    body = text[skip:]
    title = body.split("。", 1)[0]
    heading.title = re.sub(r"\s+", "" if heading.marker is None else " ", title).strip()
    heading.title_end = skip + len(title) + (1 if "。" in body else 0)


def _build_tree(outline: Outline) -> None:
    """Parents and subtree extents. A named heading (总则) takes the rank of the
    document's top level (above the articles, where those are the top level)."""
    headings = outline.headings
    top = min((h.rank for h in headings if h.marker), default=0)
    if top == STYLE_BY_NAME["tiao"].rank:
        top -= 1  # 总则 / 附则 over the articles of a regulation without numbered chapters
    for h in headings:
        if h.marker is None:
            h.rank = top
    stack: list[int] = []
    for index, h in enumerate(headings):
        while stack and headings[stack[-1]].rank >= h.rank:
            headings[stack.pop()].last = h.paragraph - 1
        h.parent = stack[-1] if stack else None
        stack.append(index)
    for index in stack:
        headings[index].last = len(outline.paragraphs) - 1


def _excluded(title: str, words: list[str]) -> bool:
    bare = re.sub(r"\s+", "", title)  # 第一章　总　则
    return any(word in bare for word in words)


def _is_box(paragraph: Paragraph) -> bool:
    return paragraph.box


def _choose_tasks(outline: Outline, genre: dict) -> None:
    headings, paras = outline.headings, outline.paragraphs
    top = min((h.rank for h in headings), default=0)
    chapter_ids = [i for i, h in enumerate(headings) if h.rank == top]
    words = genre["non_task_headings"]
    tiao = STYLE_BY_NAME["tiao"].rank
    if top == tiao:  # a regulation of articles without chapters
        _tasks_from_articles(outline)
        return

    def excluded(index: int) -> bool:
        """A heading about the situation, principles or goals, or under one. An article
        (第X条) has no title of its own: its first sentence is prose, and a word in it
        (…发展目标…) says nothing about what it is."""
        while index is not None:
            h = headings[index]
            near_top = h.rank <= top or (h.parent is not None and headings[h.parent].rank <= top)
            article = h.marker is not None and h.marker.style == "tiao"
            if near_top and not article and _excluded(h.title, words):
                return True
            index = h.parent
        return False

    def size(first: int, last: int) -> int:
        return sum(len(p.text) for p in paras[first : last + 1] if not _is_box(p))

    # Chapters, numbered as the document numbers them (总则 before 第一章 is 0).
    previous = -1
    for i in chapter_ids:
        h = headings[i]
        number = h.number if h.marker else (0 if previous < 0 else previous + 1)
        previous = number
        outline.chapters.append(
            Unit(number, h.label, h.title, paras[h.paragraph].start, paras[h.last].end, i)
        )
    chapter_of_heading: dict[int, Unit] = {}
    for unit in outline.chapters:
        chapter_of_heading[unit.heading] = unit

    def chapter_of(index: int) -> Unit | None:
        while index is not None:
            if index in chapter_of_heading:
                return chapter_of_heading[index]
            index = headings[index].parent
        return None

    if any(h.marker is not None and h.marker.style == "tiao" for h in headings):
        # A regulation of articles: its general and closing provisions (总则, 附则) are
        # articles like the others, numbered in the same run.
        words = [w for w in words if w not in genre["article_chapters"]]
    task_chapters = [i for i in chapter_ids if not excluded(i)]
    total = sum(size(headings[i].paragraph, headings[i].last) for i in task_chapters)
    coverage: dict[int, int] = {}
    for i, h in enumerate(headings):
        if h.rank <= top or excluded(i) or chapter_of(i) is None:
            continue
        if chapter_of(i).heading not in task_chapters:
            continue
        coverage[h.rank] = coverage.get(h.rank, 0) + size(h.paragraph, h.last)
    deep = [rank for rank, covered in coverage.items() if total and covered >= 0.5 * total]
    if deep:
        # The articles of a regulation are its units, whatever their enumerations hold.
        task_rank = tiao if tiao in deep else max(deep)
        items = [
            i
            for i, h in enumerate(headings)
            if h.rank == task_rank
            and not excluded(i)
            and chapter_of(i) is not None
            and chapter_of(i).heading in task_chapters
        ]
        items = items + _clause_headings_of_itemless_chapters(
            outline, items, task_chapters, chapter_of
        )
        items.sort(key=lambda i: headings[i].paragraph)
        split = _split_into_clause_paragraphs(outline, items)
        if split:  # the tasks are paragraphs: an item elsewhere counts only with a clause
            items = [i for i in items if i in split or _has_clause(outline, i)]
        style = headings[items[0]].marker.style if items else ""
        outline.task_level = "paragraphs" if split else {
            "part": "第X部分",
            "chapter": "第X章",
            "jie": "第X节",
            "tiao": "第X条",
            "cn": "一、",
            "pcn": "(一)",
            "dec2": "N.N",
            "dec3": "N.N.N",
            "ar": "1.",
            "par": "(1)",
        }[style]
        _tasks_from_items(outline, items, chapter_of, split)
        section_ranks = sorted({h.rank for h in headings if top < h.rank < task_rank})
        if split:
            section_ranks = sorted({*section_ranks, task_rank})
        section_rank = section_ranks[0] if section_ranks else None
    else:
        outline.task_level = "paragraphs"
        _tasks_from_paragraphs(outline, task_chapters, genre)
        section_rank = None
    if section_rank is not None:
        for i, h in enumerate(headings):
            if h.rank == section_rank and chapter_of(i) is not None:
                outline.sections.append(
                    Unit(
                        h.number,
                        h.label,
                        h.title,
                        paras[h.paragraph].start,
                        paras[h.last].end,
                        i,
                        chapter=chapter_of(i).number,
                    )
                )
        for task in outline.tasks:
            for section in outline.sections:
                if section.chapter == task.chapter and section.start <= task.start < section.end:
                    task.section = section.number


def _tasks_from_articles(outline: Outline) -> None:
    """A regulation whose articles (第一条…) stand under no chapter: each article is a
    task, and the text of the articles is its one chapter, titled by the plan's title (an
    article is never a chapter)."""
    headings, paras = outline.headings, outline.paragraphs
    articles = [i for i, h in enumerate(headings) if h.marker and h.marker.style == "tiao"]
    if not articles:
        return
    whole = Unit(1, "", outline.title, paras[headings[articles[0]].paragraph].start, paras[-1].end)
    outline.chapters.append(whole)
    outline.task_level = "第X条"
    _tasks_from_items(outline, articles, lambda i: whole)
    outline.warnings.append(
        "no chapters: the articles (第X条) are read as the tasks of one chapter, the whole text"
    )


def _has_clause(outline: Outline, index: int) -> bool:
    """The heading's own text (its subtree, less boxes) carries a responsibility clause."""
    h = outline.headings[index]
    paras = outline.paragraphs
    return any(
        find_clauses(paras[k].text) for k in range(h.paragraph, h.last + 1) if not paras[k].box
    )


def _clause_headings_of_itemless_chapters(
    outline: Outline, items: list[int], task_chapters: list[int], chapter_of
) -> list[int]:
    """In a later chapter with none of the task-level items (三、发挥市场和企业的主体作用
    after the 1.–24. of 二、行动步骤), the headings of its first level under the chapter
    that carry a responsibility clause of their own are tasks too (a 任务分工表 would list
    them)."""
    headings = outline.headings
    with_items = {chapter_of(i).heading for i in items}
    first_task = min((headings[i].paragraph for i in items), default=0)
    out = []
    for c in task_chapters:
        if c in with_items or headings[c].paragraph < first_task:
            continue
        below = [i for i, h in enumerate(headings) if h.parent == c and h.marker is not None]
        out += [i for i in below if _has_clause(outline, i)]
    return out


def _split_into_clause_paragraphs(outline: Outline, items: list[int]) -> dict[int, list]:
    """Items whose text is several paragraphs, each with a responsibility clause of its
    own, and no numbered level under them: each paragraph is a task, the item a section
    （（一）强化顶层设计引领，…。建立…指标体系，…（生态环境部指导） / 优化…（…负责） …). The
    item's heading sentence may be fused with its first paragraph: that task starts after
    it. Returns item -> [(reading start, end)] of its paragraph tasks."""
    headings, paras = outline.headings, outline.paragraphs
    heading_paras = {h.paragraph: i for i, h in enumerate(headings)}
    out: dict[int, list] = {}
    for i in items:
        h = headings[i]
        if any(heading_paras.get(k) is not None for k in range(h.paragraph + 1, h.last + 1)):
            continue
        own = paras[h.paragraph]
        rest = own.text[h.title_end :]
        pieces = []
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            pieces.append((own.start + h.title_end + lead, own.end, rest))
        pieces += [
            (paras[k].start, paras[k].end, paras[k].text)
            for k in range(h.paragraph + 1, h.last + 1)
            if not paras[k].box
        ]
        if len(pieces) >= 2 and all(find_clauses(text) for _, _, text in pieces):
            out[i] = [(a, b) for a, b, _ in pieces]
    return out


def _tasks_from_items(
    outline: Outline, items: list[int], chapter_of, split: dict[int, list] | None = None
) -> None:
    headings, paras = outline.headings, outline.paragraphs
    numbers = [headings[i].number for i in items]
    styles = {headings[i].marker.style for i in items if headings[i].marker}
    own = not split and len(styles) <= 1 and all(
        b > a for a, b in zip(numbers, numbers[1:], strict=False)
    )  # one run
    n = 0
    for i in items:
        h = headings[i]
        if split and i in split:
            for start, end in split[i]:
                n += 1
                title = outline.reading.text[start:end].split("。", 1)[0]
                outline.tasks.append(
                    Unit(n, "", title, start, end, None, chapter=chapter_of(i).number)
                )
            continue
        n += 1
        last = h.last
        for k in range(h.paragraph + 1, h.last + 1):  # a box or table after it is not its text
            if _is_box(paras[k]):
                last = k - 1
                break
        start = paras[h.paragraph].start + (h.marker.length if h.marker else 0)
        outline.tasks.append(
            Unit(
                h.number if own else n,
                h.label,
                h.title,
                start,
                paras[last].end,
                i,
                chapter=chapter_of(i).number,
            )
        )


def _tasks_from_paragraphs(outline: Outline, chapters: list[int], genre: dict) -> None:
    """No numbered items: each paragraph of a task chapter is a measure, except the
    closing provisions (本政策自…起执行, …负责解释). A chapter with no paragraph of its own
    whose heading carries its text (一、加大财政支持。对…; the articles of a short 办法) is one
    measure itself, and keeps its number where all measures are such items."""
    headings, paras = outline.headings, outline.paragraphs
    closing = tuple(genre["closing_words"])
    heading_paras = {h.paragraph for h in headings}
    candidates = []  # (paragraph, chapter, offset of the text in it, the item's heading)
    for i in chapters:
        h = headings[i]
        chapter = next(c for c in outline.chapters if c.heading == i)
        own = [
            k
            for k in range(h.paragraph + 1, h.last + 1)
            if k not in heading_paras and not _is_box(paras[k])
        ]
        if own and not all(any(w in paras[k].text for w in closing) for k in own):
            candidates += [(k, chapter, 0, None) for k in own]
        elif paras[h.paragraph].text[h.title_end :].strip() and h.marker is not None:
            candidates.append((h.paragraph, chapter, h.marker.length, i))
    while candidates and any(w in paras[candidates[-1][0]].text for w in closing):
        candidates.pop()
    items = all(c[3] is not None for c in candidates)
    for n, (k, chapter, skip, heading) in enumerate(candidates, start=1):
        p = paras[k]
        title = p.text[skip:].split("。", 1)[0]
        label = headings[heading].label if heading is not None else ""
        outline.tasks.append(
            Unit(
                chapter.number if items else n,
                label,
                title,
                p.start + skip,
                p.end,
                heading,
                chapter=chapter.number,
            )
        )


def _find_goals(outline: Outline, genre: dict) -> None:
    headings, paras = outline.headings, outline.paragraphs
    words = tuple(genre["goal_headings"])
    task_headings = {t.heading for t in outline.tasks}
    task_spans = [(t.start, t.end) for t in outline.tasks]

    def in_task(offset: int) -> bool:
        return any(a <= offset < b for a, b in task_spans)

    about_goals = [
        i
        for i, h in enumerate(headings)
        if any(w in h.title for w in words)
        and not (h.marker is not None and h.marker.style == "tiao")  # an article: prose
        and not any(w in h.title for w in genre["review_headings"])
        and i not in task_headings
        and not in_task(paras[h.paragraph].start)
        and not any(_descends(headings, t, i) for t in task_headings if t is not None)
    ]
    # The deepest such headings: a chapter about goals with a section about goals uses
    # the section.
    regions = [
        i
        for i in about_goals
        if not any(headings[j].parent == i or _descends(headings, j, i) for j in about_goals)
    ]
    vision = tuple(genre["vision_openers"])
    for i in regions:
        h = headings[i]
        bodies: list[tuple[int, int, str]] = []  # reading start, end, folded text
        heading_para = paras[h.paragraph]
        rest = heading_para.text[h.title_end :].strip()
        if rest:
            offset = heading_para.start + heading_para.text.index(rest, h.title_end)
            bodies.append((offset, heading_para.end, rest))
        for k in range(h.paragraph + 1, h.last + 1):
            p = paras[k]
            if _is_box(p):
                continue
            sub = next((s for s in headings if s.paragraph == k), None)
            if sub is not None and sub.marker is not None and sub.marker.style in BLOCK_STYLES:
                if not p.text[sub.title_end :].strip():
                    continue
            skip = sub.marker.length if sub is not None and sub.marker else 0
            bodies.append((p.start + skip, p.end, p.text[skip:]))
        dashed = any(DASHES_RE.match(text) for _, _, text in bodies)
        dated = any(YEAR_OPENER_RE.match(text.removeprefix("展望")) for _, _, text in bodies)
        year: int | None = None  # the year the paragraphs so far speak of
        seen_dash = False
        chapter = _chapter_number(outline, paras[h.paragraph].start)
        for start, end, text in bodies:
            opener = YEAR_OPENER_RE.match(text.removeprefix("展望"))
            stated = int(opener.group(1)) if opener else None
            is_vision = text.startswith(vision)
            is_dash = bool(DASHES_RE.match(text))
            take = (
                is_vision
                or (dashed and is_dash)
                or (dashed and seen_dash and stated is not None)  # a target paragraph after
                or (not dashed and stated is not None)
                or (not dashed and not dated)
            )
            seen_dash = seen_dash or is_dash
            if stated is not None and not is_vision:
                year = stated
            if take:
                skip = len(DASHES_RE.match(text).group(0)) if is_dash else 0
                outline.goals.append(
                    Unit(
                        len(outline.goals) + 1,
                        "",
                        text[skip:].split("。", 1)[0],
                        start + skip,
                        end,
                        i,
                        chapter=chapter,
                        year=stated if stated is not None else (None if is_vision else year),
                    )
                )
    if not outline.goals:
        outline.warnings.append("no goals found (no heading about 目标 with goal paragraphs)")


def _find_tables(outline: Outline) -> None:
    """Indicator tables (表N …指标), one cell a paragraph, up to their notes."""
    paras = outline.paragraphs
    for i, p in enumerate(paras):
        if not (re.match(r"^(?:表|附表)\s*\d+", p.text) and "指标" in p.text):
            continue
        cells = [Cell(p.start, p.end, p.text)]
        for q in paras[i + 1 :]:
            if not q.box or TABLE_RE.match(q.text) or BOX_RE.match(q.text):
                break
            cells.append(Cell(q.start, q.end, q.text))
        outline.tables.append(cells)


def _descends(headings: list[Heading], j: int, i: int) -> bool:
    parent = headings[j].parent
    while parent is not None:
        if parent == i:
            return True
        parent = headings[parent].parent
    return False


def _chapter_number(outline: Outline, offset: int) -> int | None:
    for chapter in outline.chapters:
        if chapter.start <= offset <= chapter.end:
            return chapter.number
    return None


def _find_published(chrome: list[str], labels: list[str]) -> dt.date | None:
    """The date after the most telling label (data/genre.yaml), else the first date."""
    text = "\n".join(chrome)
    for label in labels:
        for found in re.finditer(rf"(?<!成文){re.escape(label)}\s*:\s*", text):
            if date := _date(DATE_RE.match(text, found.end())):
                return date
    return next(filter(None, map(_date, DATE_RE.finditer(text))), None)


def _document_number_year(chrome: list[str]) -> int | None:
    """The year in the notice's document number: 皖开放办〔2022〕6号, 国办发[2018]128号."""
    for text in chrome:
        if m := re.search(r"[〔\[(【]\s*((?:19|20)\d{2})\s*[〕\])】]\s*\d{1,4}\s*号", text):
            return int(m.group(1))
    return None


def _date(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _find_issuer(head: list[str], tail: list[str], genre: dict) -> str:
    """The body that issued the plan: the notice's "X关于印发…" prefix, or a line of
    chrome that names a government body (…人民政府, …办公厅, 国务院, …委员会)."""
    for text in head:
        if "关于印发" in text:
            return text.split("关于印发", 1)[0]
    kinds = tuple(genre["issuer_endings"])
    for text in [*head, *reversed(tail)]:
        bare = re.sub(r"\s+", "", text)
        bare = re.sub(r"^(?:发布机构|发文机关|发文单位|发布单位|来源|信息来源)[:：]", "", bare)
        if bare.endswith(kinds) and len(bare) <= 40:
            return bare
    return ""
