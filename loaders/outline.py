"""Paragraphs -> the plan's outline: title, period, chapters, sections, goals, tasks.

The genre: a title line ending in 方案/规划/…, an optional "(2021-2025年)" line, a
preamble, chapters "一、…", optional sections "(一)…", tasks numbered "1." … "N." across
the whole plan, and the goals in the chapter (or section) whose title speaks of 目标.
Anything before the title and after the body is page chrome. House-style word lists
live in data/genre.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from loaders.clean import Paragraph, SourceText
from loaders.errors import PlanError
from loaders.resources import load_yaml

NUMERALS = "一二三四五六七八九十"
CHAPTER_RE = re.compile(rf"^([{NUMERALS}]{{1,3}})、\s*(\S.*)$")
SECTION_RE = re.compile(rf"^\(([{NUMERALS}]{{1,3}})\)\s*(\S.*)$")
TASK_RE = re.compile(r"^(\d{1,3})\s*[.、](?!\d)\s*(?=\S)")
PERIOD_RE = re.compile(r"(\d{4})\s*[-—–~至到]+\s*(\d{4})\s*年")
DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
YEAR_OPENER_RE = re.compile(r"^(?:到|至|截至)(\d{4})年")
DASHES_RE = re.compile(r"^(?:——|--|—)\s*")
# A paragraph of plan prose ends with one of these; page chrome usually does not.
TERMINAL = "。!?;”’」』)…"
HEADING_MAX = 40  # characters: longer "headings" are prose that happens to start with 一、
LONG_PROSE = 40  # characters: a line this long without end punctuation is still prose


def numeral_value(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23."""
    digits = [NUMERALS.index(c) + 1 for c in numeral]
    if len(digits) == 1:
        return digits[0]
    if len(digits) == 2:
        return 10 + digits[1] if digits[0] == 10 else digits[0] * 10
    return digits[0] * 10 + digits[2]


def numeral_of(value: int) -> str:
    tens, ones = divmod(value, 10)
    if not tens:
        return NUMERALS[ones - 1]
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


@dataclass
class Block:
    """A run of paragraphs of the body: a heading or a task with what follows it."""

    kind: str  # chapter | section | task | prose
    number: int
    label: str  # the heading's or task's own text, without its number
    first: int  # index of the first paragraph in the body
    last: int  # index of the last paragraph
    chapter: int
    section: int | None


@dataclass
class Outline:
    path_name: str
    text: str
    offsets: list[int]  # start of each body paragraph in `text`
    paragraphs: list[Paragraph]
    title: str
    region: str
    period: tuple[int, int] | None
    published: dt.date | None
    chapters: list[Block] = field(default_factory=list)
    sections: list[Block] = field(default_factory=list)
    tasks: list[Block] = field(default_factory=list)
    goals: list[tuple[int, int | None]] = field(default_factory=list)  # (paragraph, year)
    warnings: list[str] = field(default_factory=list)

    def para_span(self, index: int) -> tuple[int, int]:
        start = self.offsets[index]
        return start, start + len(self.paragraphs[index].text)


def _is_heading(match: re.Match[str] | None) -> bool:
    return bool(match) and len(match.group(2).rstrip("。")) <= HEADING_MAX


def _ends_prose(text: str) -> bool:
    return text.endswith(tuple(TERMINAL))


def parse_outline(source: SourceText) -> Outline:
    genre = load_yaml("genre.yaml")
    path, paras = source.path, source.paragraphs
    first_chapter = next(
        (i for i, p in enumerate(paras) if _is_heading(CHAPTER_RE.match(p.text))), None
    )
    if first_chapter is None:
        task = next((p for p in paras if TASK_RE.match(p.text)), None)
        if task is None:
            raise PlanError(
                path,
                paras[-1].line,
                "no numbered tasks: expected chapter headings '一、…' with tasks '1. …', "
                "'2. …' (is this a plan?)",
            )
        raise PlanError(path, task.line, "expected a chapter heading '一、…' before task 1")

    title_index = _find_title(paras, first_chapter, genre["title_suffixes"])
    if title_index is None:
        raise PlanError(
            path,
            paras[first_chapter].line,
            "expected the plan's title (a line ending in "
            + "/".join(genre["title_suffixes"][:5])
            + " …) before the first chapter heading",
        )
    body_end = _find_body_end(path, paras, first_chapter, genre["chrome_markers"])
    body = paras[title_index:body_end]
    offsets, position = [], 0
    for p in body:
        offsets.append(position)
        position += len(p.text) + 1
    text = "\n".join(p.text for p in body)

    title = _title_text(paras[title_index].text)
    period = _find_period(body[: first_chapter - title_index])
    chrome = paras[:title_index] + paras[body_end:]
    outline = Outline(
        path_name=path.name,
        text=text,
        offsets=offsets,
        paragraphs=body,
        title=title,
        region=_find_region(title, text, genre["region_suffixes"]),
        period=period,
        published=_find_published(chrome, genre["published_labels"]),
    )
    if period is None:
        outline.warnings.append("no plan period like '(2021-2025年)' near the title")
    if outline.published is None:
        outline.warnings.append("no published date in the page around the plan")
    _split_blocks(path, outline, first_chapter - title_index)
    _find_goals(outline, genre)
    return outline


def _title_text(line: str) -> str:
    """The title without a trailing "(2021-2025年)"."""
    return re.sub(r"\s*\(\s*\d{4}\s*[-—–~至到]+\s*\d{4}\s*年?\s*\)\s*$", "", line)


def _find_title(paras: list[Paragraph], first_chapter: int, suffixes: list[str]) -> int | None:
    for i in range(first_chapter - 1, max(-1, first_chapter - 15), -1):
        line = _title_text(paras[i].text)
        if len(line) <= 80 and "。" not in line and line.endswith(tuple(suffixes)):
            return i
    return None


def _find_body_end(path, paras: list[Paragraph], first_chapter: int, markers: list[str]) -> int:
    """Index just past the last paragraph of the plan body; raises if it is truncated."""
    end = len(paras)
    for i in range(first_chapter, len(paras)):
        text = paras[i].text
        if (
            _is_heading(CHAPTER_RE.match(text))
            or _is_heading(SECTION_RE.match(text))
            or TASK_RE.match(text)
            or _ends_prose(text)
        ):
            continue
        bare = text.lstrip("([【 ")
        if bare.startswith(tuple(markers)):
            end = i
            break
        if len(text) >= LONG_PROSE:
            continue
        if i == len(paras) - 1:
            break  # a short unfinished last line: the truncation check below reports it
        end = i
        break
    last = paras[end - 1]
    if not _ends_prose(last.text) and not CHAPTER_RE.match(last.text):
        raise PlanError(
            path,
            last.line,
            f"the text stops mid-sentence ('…{last.text[-15:]}'): expected the paragraph to "
            "end with '。' (is the file truncated?)",
        )
    return end


def _find_period(paras: list[Paragraph]) -> tuple[int, int] | None:
    for p in paras[:3]:
        if m := PERIOD_RE.search(p.text):
            return int(m.group(1)), int(m.group(2))
    return None


def _find_published(chrome: list[Paragraph], labels: list[str]) -> dt.date | None:
    """The date after the most telling label (data/genre.yaml), else the first date."""
    text = "\n".join(p.text for p in chrome)
    for label in labels:
        for found in re.finditer(rf"(?<!成文){re.escape(label)}\s*:\s*", text):
            if date := _date(DATE_RE.match(text, found.end())):
                return date
    return next(filter(None, map(_date, DATE_RE.finditer(text))), None)


def _date(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _find_region(title: str, text: str, suffixes: list[str]) -> str:
    """The place the plan is for: the title's leading name.

    "临澜市…方案" gives 临澜 by its suffix; "舟山高质量发展…方案" gives 舟山, the
    leading prefix the body repeats most (longer prefixes win when repeated as often).
    """
    for k in range(2, 6):
        if title[k : k + 1] in suffixes:
            return title[:k]
    scored = [(k * text.count(title[:k]), k) for k in range(2, 5) if text.count(title[:k]) >= 3]
    return title[: max(scored)[1]] if scored else title[:2]


def _split_blocks(path, outline: Outline, first_chapter: int) -> None:
    paras = outline.paragraphs
    chapter_no, section_no = 0, None
    open_block: Block | None = None
    seen_tasks: dict[int, int] = {}

    def close(upto: int) -> None:
        nonlocal open_block
        if open_block is not None:
            open_block.last = upto
            open_block = None

    for i in range(first_chapter, len(paras)):
        p = paras[i]
        chapter = CHAPTER_RE.match(p.text)
        section = SECTION_RE.match(p.text)
        task = TASK_RE.match(p.text)
        if _is_heading(chapter):
            number = numeral_value(chapter.group(1))
            if number != chapter_no + 1:
                raise PlanError(
                    path,
                    p.line,
                    f"expected chapter {numeral_of(chapter_no + 1)}、 next, "
                    f"found {chapter.group(1)}、",
                )
            close(i - 1)
            for block in outline.chapters[-1:]:
                block.last = i - 1
            chapter_no, section_no = number, None
            label = chapter.group(2).split("。")[0]
            outline.chapters.append(Block("chapter", number, label, i, i, number, None))
        elif _is_heading(section):
            number = numeral_value(section.group(1))
            expected = (section_no or 0) + 1
            if number != expected:
                raise PlanError(
                    path,
                    p.line,
                    f"expected section ({numeral_of(expected)}) next in chapter "
                    f"{numeral_of(chapter_no)}, found ({section.group(1)})",
                )
            close(i - 1)
            section_no = number
            label = section.group(2).split("。")[0]
            block = Block("section", number, label, i, i, chapter_no, number)
            outline.sections.append(block)
            open_block = block
        elif task:
            number = int(task.group(1))
            expected = len(outline.tasks) + 1
            if number in seen_tasks:
                raise PlanError(
                    path,
                    p.line,
                    f"task {number} appears twice (first at line {seen_tasks[number]}): "
                    f"expected task {expected}",
                )
            if number != expected:
                raise PlanError(path, p.line, f"expected task {expected} next, found task {number}")
            seen_tasks[number] = p.line
            close(i - 1)
            label = p.text[task.end() :]
            open_block = Block("task", number, label, i, i, chapter_no, section_no)
            outline.tasks.append(open_block)
        elif open_block is not None:
            open_block.last = i
    close(len(paras) - 1)
    if outline.chapters:
        outline.chapters[-1].last = len(paras) - 1
    if not outline.tasks:
        raise PlanError(
            path,
            paras[first_chapter].line,
            "no numbered tasks under the chapters: expected paragraphs '1. …', '2. …'",
        )
    last = outline.chapters[-1]
    if last.first == last.last:
        raise PlanError(
            path,
            paras[last.first].line,
            f"chapter {numeral_of(last.number)} '{last.label}' is empty: expected tasks or "
            "text after its heading (is the file truncated?)",
        )


def _find_goals(outline: Outline, genre: dict) -> None:
    """Goals: the '——' paragraphs of the goal chapter (or section), else its '到2025年'
    paragraphs; a paragraph opening the long-term vision is a goal of its own year."""
    words = tuple(genre["goal_headings"])
    task_chapters = {t.chapter for t in outline.tasks}
    regions = [s for s in outline.sections if any(w in s.label for w in words)]
    if not regions:
        regions = [
            c
            for c in outline.chapters
            if c.number not in task_chapters and any(w in c.label for w in words)
        ]
    if not regions and outline.chapters[0].number not in task_chapters:
        regions = [outline.chapters[0]]
    paragraph_ids = [i for r in regions for i in range(r.first + 1, r.last + 1)]
    period_end = outline.period[1] if outline.period else None
    dashed = any(DASHES_RE.match(outline.paragraphs[i].text) for i in paragraph_ids)
    year = period_end
    for i in paragraph_ids:
        text = outline.paragraphs[i].text
        opener = YEAR_OPENER_RE.match(text.removeprefix("展望"))
        stated = int(opener.group(1)) if opener else None
        is_vision = text.startswith(tuple(genre["vision_openers"])) or (
            stated is not None and period_end is not None and stated > period_end
        )
        if is_vision:
            outline.goals.append((i, stated or year))
        elif dashed and DASHES_RE.match(text):
            outline.goals.append((i, year))
        elif not dashed and stated is not None:
            outline.goals.append((i, stated))
        if stated is not None and not is_vision:
            year = stated
    if not outline.goals:
        outline.warnings.append("no goals found (no chapter or section titled …目标)")
