"""Compose the loader: file -> SourceText -> Outline -> targets -> Plan."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from plankg.loaders.citations import find_citations
from plankg.loaders.clean import fold, read_source
from plankg.loaders.headings import numeral_of
from plankg.loaders.metadata import read_metadata
from plankg.loaders.model import Chapter, Goal, Heading, Indicator, Plan, Section, Span, Task
from plankg.loaders.outline import BOX_RE, TABLE_RE, Outline, parse_outline
from plankg.loaders.resources import data_dir, load_yaml_file
from plankg.loaders.tables import find_line_tables, read_table
from plankg.loaders.targets import find_targets, is_unit


def translations_for(plan_id: str) -> dict[str, str]:
    """English titles from data/plans/<plan id>.en.yaml, if there is one. Keyed by the
    plan's id (not its file), so a copy of the plan anywhere gets the same English."""
    candidate = data_dir() / "plans" / f"{plan_id}.en.yaml"
    try:
        stat = candidate.stat()
    except OSError:
        return {}
    return dict(_titles(candidate, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=64)
def _titles(path: Path, mtime_ns: int, size: int) -> tuple[tuple[str, str], ...]:
    """A translation file's titles, read once while the file stays as it is (parsing the
    YAML took as long as reading the plan)."""
    return tuple((load_yaml_file(path).get("titles") or {}).items())  # checked like every data file


def read_plan(
    path: str | Path,
    region: str | None = None,
    plan_id: str | None = None,
    title: str | None = None,
) -> Plan:
    """The plan's structure and targets, without entity linking. `region` is used when
    the text does not say whose plan it is; `plan_id` overrides the id read from it;
    `title` names a plan whose text has no title line (database exports drop it)."""
    path = Path(path)
    source = read_source(path)
    outline = parse_outline(source, title)
    return build_plan(outline, region, plan_id)


def load_plan(
    path: str | Path,
    region: str | None = None,
    plan_id: str | None = None,
    title: str | None = None,
) -> Plan:
    """The whole model: structure, targets, places, agencies, themes, related tasks."""
    from plankg.loaders.link import link_plan  # the linker needs the data files and jieba

    return link_plan(read_plan(path, region, plan_id, title))


def _first_sentence(text: str) -> str:
    """Up to the first 。 or line break (the document's own characters), trimmed."""
    return re.split(r"。|\n", text.strip(), maxsplit=1)[0].strip()


def build_plan(outline: Outline, region: str | None = None, plan_id: str | None = None) -> Plan:
    reading = outline.reading
    meta = read_metadata(
        title=outline.title,
        issuer=outline.issuer,
        period_hint=outline.period_hint,
        preamble=outline.preamble,
        goals_text=[reading.folded[g.start : g.end] for g in outline.goals],
        body=reading.folded,
        published=outline.published,
        region=region,
        issue_year=outline.issue_year,
        chrome=outline.chrome,
    )
    plan_id = plan_id or meta.id
    start_year, end_year = meta.period or (None, None)
    english = translations_for(plan_id)
    warnings = list(outline.warnings)
    if meta.period is None:
        warnings.append("no plan period: none in the title, and no years the text aims at")
    if outline.published is None:
        warnings.append("no published date in the page around the plan")
    if not meta.region:
        warnings.append("no region: the title, the issuer and the body name none (use --region)")

    def span(start: int, end: int) -> Span:
        a, b = reading.to_source(start, end)
        return Span(start=a, end=b)

    def english_for(text: str) -> str | None:
        return english.get(text) or english.get(fold(text))

    chapters = []
    for unit in outline.chapters:
        title = reading.quote(*_title_extent(outline, unit))
        sections = [
            Section(
                number=s.number,
                numeral=s.label.strip("()、.") or numeral_of(s.number),
                title=reading.quote(*_title_extent(outline, s)),
                title_en=english_for(reading.quote(*_title_extent(outline, s))),
                span=span(s.start, s.end),
            )
            for s in outline.sections
            if s.chapter == unit.number
        ]
        chapters.append(
            Chapter(
                id=f"{plan_id}-chapter-{unit.number}",
                number=unit.number,
                numeral=unit.label.strip("()、.第章节部分")
                or (numeral_of(unit.number) if unit.heading is not None else ""),
                title=title,
                title_en=english_for(title),
                span=span(unit.start, unit.end),
                sections=sections,
            )
        )
    chapter_ids = {c.number: c.id for c in chapters}

    goals = []
    for unit in outline.goals:
        text = reading.quote(unit.start, unit.end)
        title = _first_sentence(text)
        goal_id = f"{plan_id}-goal-{unit.number}"
        goals.append(
            Goal(
                id=goal_id,
                number=unit.number,
                title=title,
                title_en=english_for(title),
                text=text,
                year=unit.year if unit.year is not None else end_year,
                chapter=unit.chapter,
                path=[plan_id, chapter_ids[unit.chapter], goal_id]
                if unit.chapter in chapter_ids
                else [plan_id, goal_id],
                span=span(unit.start, unit.end),
            )
        )

    tasks = []
    for unit in outline.tasks:
        text = reading.quote(unit.start, unit.end)
        title = _first_sentence(text)
        task_id = f"{plan_id}-task-{unit.number}"
        tasks.append(
            Task(
                id=task_id,
                number=unit.number,
                label=written_label(reading.text, unit.start, unit.label),
                title=title,
                title_en=english_for(title),
                text=text,
                chapter=unit.chapter,
                section=unit.section,
                path=[plan_id, chapter_ids[unit.chapter], task_id],
                span=span(unit.start, unit.end),
            )
        )

    indicators: list[Indicator] = []
    scopes = [
        ("goal", g, u.start, u.end, g.year) for g, u in zip(goals, outline.goals, strict=True)
    ]
    for t, u in zip(tasks, outline.tasks, strict=True):
        scopes.append(("task", t, u.start, u.end, None))
        # A 专栏 box is part of the task it sits in: its targets are the task's.
        scopes += [("task", t, s, e, None) for s, e in _boxes_after(outline, u)]
    def add_indicator(owner, scope: str, evidence: tuple[int, int], match, **fields) -> None:
        indicator_id = f"{plan_id}-indicator-{len(indicators) + 1}"
        indicators.append(
            Indicator(
                id=indicator_id,
                scope=scope,
                scope_number=owner.number,
                chapter=owner.chapter,
                path=[*owner.path, indicator_id],
                text=reading.quote(*evidence),
                span=span(*evidence),
                match_span=span(*match),
                **fields,
            )
        )

    # Indicator tables laid out one row a line (PDF text) are read as rows; their lines
    # are no sentences.
    body_start, body_end = reading.to_source(
        outline.paragraphs[0].start, outline.paragraphs[-1].end
    )
    line_tables = [
        (_to_reading(reading, *extent), targets)
        for extent, targets in find_line_tables(
            fold(reading.source), body_start, body_end, end_year, is_unit
        )
    ]
    for scope, owner, start, end, year in scopes:
        for piece in _minus(start, end, [extent for extent, _ in line_tables]):
            for t in find_targets(reading.folded, *piece, year):
                add_indicator(
                    owner, scope, t.sentence, t.match, name=t.name, value=t.value,
                    value_max=t.value_max, unit=t.unit, comparator=t.comparator, year=t.year,
                    kind=t.kind,
                )  # fmt: skip

    for cells in outline.tables:
        before = [g for g in goals if outline.goals[g.number - 1].start < cells[0].start]
        targets = read_table(cells, end_year)
        if targets and not before:
            warnings.append(
                f"an indicator table ('{cells[0].text[:20]}') before any goal: not read"
            )
        for t in targets if before else []:
            # The goal of the table's year, else the last goal before the table.
            owner = next((g for g in reversed(before) if g.year == t.year), before[-1])
            add_indicator(
                owner, "goal", t.row, t.match, name=t.name, value=t.value, unit=t.unit,
                comparator=t.comparator, year=t.year, kind="level", nature=t.nature,
            )  # fmt: skip

    for (table_start, _), targets in line_tables:
        before = [g for g in goals if outline.goals[g.number - 1].start < table_start]
        for t in targets if before else []:
            owner = next((g for g in reversed(before) if g.year == t.year), before[-1])
            add_indicator(
                owner, "goal", _to_reading(reading, *t.row), _to_reading(reading, *t.match),
                name=t.name, value=t.value, unit=t.unit, comparator=t.comparator, year=t.year,
                kind="level", nature=t.nature,
            )  # fmt: skip

    title = (
        reading.quote(*outline.title_span)
        if outline.title_source in ("text", "notice")
        else outline.title  # --title, or the file's name
    )
    return Plan(
        id=plan_id,
        title=title,
        title_en=english_for(title),
        region=meta.region,
        region_level=meta.region_level,
        period_start=start_year,
        period_end=end_year,
        published=outline.published,
        source=outline.source.path.name,
        sha256=outline.source.sha256,
        text=outline.source.text,
        body=span(outline.title_span[0], outline.paragraphs[-1].end),
        task_level=outline.task_level,
        headings=[
            Heading(
                level=h.rank,
                label=h.label,
                title=reading.quote(*_heading_title_extent(outline, h)),
                span=span(outline.paragraphs[h.paragraph].start, outline.paragraphs[h.last].end),
                line=outline.paragraphs[h.paragraph].line,
            )
            for h in outline.headings
        ],
        chapters=chapters,
        goals=goals,
        tasks=tasks,
        indicators=indicators,
        # The whole text: a preamble or notice cites too; the plan's own title is left out.
        citations=find_citations(outline.source.text, title),
        warnings=warnings,
    )


def _to_reading(reading, start: int, end: int) -> tuple[int, int]:
    """A source span as a reading span (the reading text leaves out wrap breaks)."""
    return bisect_left(reading.origin, start), bisect_left(reading.origin, end - 1) + 1


def _minus(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) less the holes in it."""
    pieces, at = [], start
    for a, b in sorted(holes):
        if b <= at or a >= end:
            continue
        if a > at:
            pieces.append((at, a))
        at = max(at, b)
    if at < end:
        pieces.append((at, end))
    return pieces


def _boxes_after(outline: Outline, unit) -> list[tuple[int, int]]:
    """The 专栏 boxes under a task's heading, after its text; tables and their notes
    (read as tables, or design standards quoted from a code) are left out."""
    if unit.heading is None:
        return []
    paras = outline.paragraphs
    heading = outline.headings[unit.heading]
    extents: list[tuple[int, int]] = []
    in_box = False
    for p in paras[heading.paragraph + 1 : heading.last + 1]:
        if p.end <= unit.end:
            continue
        if not p.box:
            in_box = False
            continue
        if BOX_RE.match(p.text):
            in_box = True
        elif TABLE_RE.match(p.text):
            in_box = False
        if in_box:
            extents.append((p.start, p.end))
    return extents


def _heading_title_extent(outline: Outline, heading) -> tuple[int, int]:
    paragraph = outline.paragraphs[heading.paragraph]
    skip = heading.marker.length if heading.marker else 0
    start = paragraph.start + skip
    end = paragraph.start + heading.title_end
    text = outline.reading.text[start:end]
    return start, start + len(text.rstrip("。").rstrip())


def _title_extent(outline: Outline, unit) -> tuple[int, int]:
    if unit.heading is None:  # the one chapter of a regulation without chapters: its title
        return outline.title_span if unit in outline.chapters else (unit.start, unit.start)
    return _heading_title_extent(outline, outline.headings[unit.heading])


def written_label(text: str, start: int, label: str) -> str:
    """A task's number in the document's own characters: the outline reads （三） and 1．
    as (三) and 1. (one form per numbering, to follow its sequence), but a reader cites
    what the page shows. The characters before the title on its line, when they are that
    same number (equal under NFKC, spaces aside); else the outline's form."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip()
    same = unicodedata.normalize("NFKC", before).replace(" ", "") == label
    return before if before and same else label
