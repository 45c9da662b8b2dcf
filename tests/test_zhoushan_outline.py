"""The real plan's structure: title, period, chapters, goals, tasks, spans."""

import datetime as dt

from tests.conftest import ZHOUSHAN


def test_plan_metadata_is_read_from_the_text(zhoushan):
    assert zhoushan.id == "zhoushan-gongtongfuyu-2021-2025"
    assert zhoushan.title == "舟山高质量发展建设共同富裕示范区先行市实施方案"
    assert zhoushan.region == "舟山"
    assert (zhoushan.period_start, zhoushan.period_end) == (2021, 2025)
    assert zhoushan.published == dt.date(2022, 2, 28)
    assert zhoushan.warnings == []


def test_page_chrome_is_not_plan_text(zhoushan):
    body = zhoushan.text[zhoushan.body.start : zhoushan.body.end]
    assert body.startswith("舟山高质量发展建设共同富裕示范区先行市实施方案\n\n(2021-2025年)\n")
    assert body.endswith("让每一个人都成为共同富裕的直接参与者、积极贡献者、共同受益者。")
    for chrome in ("浙大培训", "0571-86971085", "相关新闻", "来源", "发布日期"):
        assert chrome in zhoushan.text and chrome not in body
    assert zhoushan.text == ZHOUSHAN.read_text(encoding="utf-8")  # the source, verbatim


def test_chapters(zhoushan, expected):
    assert [[c.number, c.title] for c in zhoushan.chapters] == expected["chapters"]
    assert [c.numeral for c in zhoushan.chapters] == list("一二三四五六七八九")


def test_goals_are_the_dashed_paragraphs_and_the_2035_vision(zhoushan, expected):
    assert [[g.number, g.year, g.title] for g in zhoushan.goals] == expected["goals"]
    assert all(g.chapter == 1 for g in zhoushan.goals)
    assert zhoushan.goals[4].text.startswith("展望到2035年")
    assert not zhoushan.goals[0].text.startswith("—")


def test_tasks(zhoushan, expected):
    assert [[t.number, t.chapter, t.title] for t in zhoushan.tasks] == expected["tasks"]
    assert zhoushan.tasks[26].text.startswith("构建海岛特色现代化基础设施体系。加快推进交通")


def test_a_chapter_heading_between_tasks_belongs_to_the_next_chapter(zhoushan):
    task13 = zhoushan.tasks[12]
    assert task13.text.endswith("坚持三保支出在财政支出中的优先顺序。加强社保基金风险管理。")
    assert "四、打造海岛公共服务优质共享样板" not in task13.text
    chapter4 = zhoushan.chapters[3]
    assert zhoushan.text[chapter4.span.start :].startswith("四、打造海岛公共服务优质共享样板\n\n  15.")


def test_every_span_points_at_its_text(zhoushan):
    text = zhoushan.text
    for item in [*zhoushan.goals, *zhoushan.tasks]:
        assert text[item.span.start : item.span.end] == item.text
    for chapter in zhoushan.chapters:
        assert text[chapter.span.start :].startswith(f"{chapter.numeral}、{chapter.title}")
    for indicator in zhoushan.indicators:
        assert text[indicator.span.start : indicator.span.end] == indicator.text
        matched = text[indicator.match_span.start : indicator.match_span.end]
        assert indicator.span.start <= indicator.match_span.start < indicator.match_span.end
        assert indicator.match_span.end <= indicator.span.end
        assert indicator.unit in matched


def test_outline_paths(zhoushan):
    task = zhoushan.tasks[26]
    assert task.path == [
        "zhoushan-gongtongfuyu-2021-2025",
        "zhoushan-gongtongfuyu-2021-2025-chapter-5",
        "zhoushan-gongtongfuyu-2021-2025-task-27",
    ]
    goal = zhoushan.goals[0]
    assert goal.path == ["zhoushan-gongtongfuyu-2021-2025", "zhoushan-gongtongfuyu-2021-2025-chapter-1", goal.id]
