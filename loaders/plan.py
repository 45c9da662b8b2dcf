"""Compose the loader: file -> SourceText -> Outline -> targets -> Plan."""

from __future__ import annotations

from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from loaders.clean import read_source
from loaders.model import Chapter, Goal, Indicator, Plan, Section, Span, Task
from loaders.outline import DASHES_RE, Outline, numeral_of, parse_outline
from loaders.resources import data_dir
from loaders.targets import find_targets


def slug(text: str) -> str:
    """舟山 -> zhoushan; ASCII is kept, everything else dropped."""
    words = lazy_pinyin(text, errors=lambda s: [c for c in s if c.isascii() and c.isalnum()])
    return "".join(words).lower()


def translations_for(plan_id: str) -> dict[str, str]:
    """English titles from data/plans/<plan id>.en.yaml, if there is one. Keyed by the
    plan's id (not its file), so a copy of the plan anywhere gets the same English."""
    candidate = data_dir() / "plans" / f"{plan_id}.en.yaml"
    if not candidate.exists():
        return {}
    with candidate.open(encoding="utf-8") as f:
        return dict((yaml.safe_load(f) or {}).get("titles") or {})


def read_plan(path: str | Path) -> Plan:
    """The plan's structure and targets, without entity linking."""
    path = Path(path)
    source = read_source(path)
    outline = parse_outline(source)
    return build_plan(outline, source.sha256)


def load_plan(path: str | Path) -> Plan:
    """The whole model: structure, targets, places, agencies, themes, related tasks."""
    from loaders.link import link_plan  # the linker needs the data files and jieba

    return link_plan(read_plan(path))


def _first_sentence(text: str) -> str:
    return text.split("。", 1)[0]


def build_plan(outline: Outline, sha256: str) -> Plan:
    start, end = outline.period or (None, None)
    plan_id = "-".join(str(part) for part in (slug(outline.region), start, end) if part)
    english = translations_for(plan_id)
    text = outline.text

    def span_of(first: int, last: int, skip: int = 0) -> Span:
        return Span(start=outline.offsets[first] + skip, end=outline.para_span(last)[1])

    chapters = []
    for block in outline.chapters:
        sections = [
            Section(
                number=s.number,
                numeral=numeral_of(s.number),
                title=s.label,
                title_en=english.get(s.label),
                span=span_of(s.first, s.last),
            )
            for s in outline.sections
            if s.chapter == block.number
        ]
        chapters.append(
            Chapter(
                id=f"{plan_id}-chapter-{block.number}",
                number=block.number,
                numeral=numeral_of(block.number),
                title=block.label,
                title_en=english.get(block.label),
                span=span_of(block.first, block.last),
                sections=sections,
            )
        )
    chapter_of = {c.number: c for c in chapters}
    chapter_at = {i: b.number for b in outline.chapters for i in range(b.first, b.last + 1)}

    goals = []
    for number, (index, year) in enumerate(outline.goals, start=1):
        paragraph = outline.paragraphs[index].text
        skip = len(DASHES_RE.match(paragraph).group(0)) if DASHES_RE.match(paragraph) else 0
        span = span_of(index, index, skip)
        chapter = chapter_of[chapter_at[index]]
        title = _first_sentence(text[span.start : span.end])
        goal_id = f"{plan_id}-goal-{number}"
        goals.append(
            Goal(
                id=goal_id,
                number=number,
                title=title,
                title_en=english.get(title),
                text=text[span.start : span.end],
                year=year,
                chapter=chapter.number,
                path=[plan_id, chapter.id, goal_id],
                span=span,
            )
        )

    tasks = []
    for block in outline.tasks:
        skip = len(outline.paragraphs[block.first].text) - len(block.label)
        span = span_of(block.first, block.last, skip)
        title = _first_sentence(block.label)
        chapter = chapter_of[block.chapter]
        task_id = f"{plan_id}-task-{block.number}"
        tasks.append(
            Task(
                id=task_id,
                number=block.number,
                title=title,
                title_en=english.get(title),
                text=text[span.start : span.end],
                chapter=block.chapter,
                section=block.section,
                path=[plan_id, chapter.id, task_id],
                span=span,
            )
        )

    indicators: list[Indicator] = []
    scopes = [("goal", g.number, g.span, g.year, g.chapter, g.path) for g in goals] + [
        ("task", t.number, t.span, end, t.chapter, t.path) for t in tasks
    ]
    for scope, number, span, year, chapter, path in scopes:
        for target in find_targets(text, span.start, span.end, year):
            indicator_id = f"{plan_id}-indicator-{len(indicators) + 1}"
            indicators.append(
                Indicator(
                    id=indicator_id,
                    name=target.name,
                    value=target.value,
                    unit=target.unit,
                    comparator=target.comparator,
                    year=target.year,
                    kind=target.kind,
                    scope=scope,
                    scope_number=number,
                    chapter=chapter,
                    path=[*path, indicator_id],
                    text=text[target.sentence[0] : target.sentence[1]],
                    span=Span(start=target.sentence[0], end=target.sentence[1]),
                    match_span=Span(start=target.match[0], end=target.match[1]),
                )
            )

    return Plan(
        id=plan_id,
        title=outline.title,
        title_en=english.get(outline.title),
        region=outline.region,
        period_start=start,
        period_end=end,
        published=outline.published,
        source=outline.path_name,
        sha256=sha256,
        text=text,
        chapters=chapters,
        goals=goals,
        tasks=tasks,
        indicators=indicators,
        warnings=outline.warnings,
    )
