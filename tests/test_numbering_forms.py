"""Numbering the genre writes in more than one way (loaders/headings.py, outline.py):
odd separators between a number and its title, the 第X章/第X条 articles of a regulation
(with Chinese or Arabic numbers, with or without chapters, a chapter's line fused with its
first article), and measures that are the top-level items themselves.

The separator cases are a corpus plan (the State Council 综保区 opinion: 一、–五、 with
tasks 1.–21. under 四、主要任务) with its separators rewritten in a temporary copy; the
reading must not change."""

from __future__ import annotations

import re

import pytest

from plankg.loaders import read_plan
from tests.corpus import PLANS, require_corpus


def _rewritten(tmp_path, item: str, chapter: str = r"\1、"):
    require_corpus()
    text = (PLANS / "07-guowuyuan-zongbaoqu.txt").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\d{1,2})\.", item, text)
    text = re.sub(r"(?m)^([一二三四五])、", chapter, text)
    path = tmp_path / "07.txt"
    path.write_text(text, encoding="utf-8")
    return read_plan(path)


@pytest.mark.parametrize(
    ("item", "chapter"),
    [
        (r"\1 ", r"\1、"),  # 1 拓展两个市场
        (r"\1", r"\1、"),  # 1拓展两个市场: no separator
        (r"\1.、", r"\1、"),  # a stray glyph after the dot
        (r"\1、", r"\1 "),  # 四 主要任务
        (r"\1.", r"\1."),  # 四.主要任务
        (r"\1．", r"\1、、"),  # full-width dot; a doubled 、
    ],
)
def test_odd_separators_read_as_the_plain_ones(tmp_path, item, chapter):
    plan = _rewritten(tmp_path, item, chapter)
    assert [c.title for c in plan.chapters] == [
        "指导思想", "基本原则", "发展目标", "主要任务", "有关要求"
    ]  # fmt: skip
    assert len(plan.tasks) == 21 and [t.number for t in plan.tasks] == list(range(1, 22))
    assert (plan.tasks[0].title, plan.tasks[-1].title) == ("拓展两个市场", "推广创新制度")


# Written for this test in the form of the genre's 办法 (not a real document).
REGULATION = """某某市政务数据管理办法

第一章　总　则
第一条 为了规范政务数据管理，提升政务数据共享开放水平，根据有关法律法规，结合本市实际，制定本办法。
第二条 本办法适用于本市行政区域内政务数据的采集、共享、开放和安全管理。
第二章 数据采集
第三条 政务部门应当按照一数一源的原则采集政务数据，不得重复采集。
第四条 市大数据管理部门负责编制政务数据目录：
（一）数据的名称、格式和更新频率；
（二）数据的共享和开放属性。
第三章 共享开放
第五条 政务数据以共享为原则，不共享为例外。
第六条 政务部门应当在十个工作日内答复共享申请。
第四章　附　则
第七条 本办法由市大数据管理部门负责解释。
第八条 本办法自2023年1月1日起施行，有效期5年。
"""


def test_the_articles_of_a_regulation_are_its_units(tmp_path):
    path = tmp_path / "regulation.txt"
    path.write_text(REGULATION, encoding="utf-8")
    plan = read_plan(path)
    assert [c.title for c in plan.chapters] == ["总　则", "数据采集", "共享开放", "附　则"]
    assert plan.task_level == "第X条"
    # Every article is a unit, 总则 and 附则 included (the gold README's rule: the units of
    # the task chapters; a regulation's chapters are all articles), in the document's run.
    assert [(t.number, t.label, t.chapter) for t in plan.tasks] == [
        (1, "第一条", 1), (2, "第二条", 1), (3, "第三条", 2), (4, "第四条", 2),
        (5, "第五条", 3), (6, "第六条", 3), (7, "第七条", 4), (8, "第八条", 4),
    ]  # fmt: skip
    assert plan.tasks[3].title.startswith("市大数据管理部门负责编制政务数据目录")
    assert "（二）数据的共享和开放属性" in plan.tasks[3].text  # its list stays in it
    assert (plan.period_start, plan.period_end) == (2023, 2027)


def test_measures_that_are_the_top_level_items(tmp_path):
    # A short 若干措施: each 一、 item is one measure with its text on the same line.
    text = (
        "某某省支持数字经济发展若干措施\n"
        "为加快数字经济发展，制定以下措施。\n"
        "一、加大财政支持。省级财政每年安排专项资金，支持数字经济重点项目。\n"
        "二、强化人才引进。对引进的高层次人才给予安家补贴。\n"
        "三、优化营商环境。推行数字经济企业开办一网通办。\n"
        "本措施自印发之日起施行，有效期3年。\n"
    )
    path = tmp_path / "measures.txt"
    path.write_text(text, encoding="utf-8")
    plan = read_plan(path)
    assert [(t.number, t.title) for t in plan.tasks] == [
        (1, "加大财政支持"), (2, "强化人才引进"), (3, "优化营商环境")
    ]  # fmt: skip


def test_principles_numbered_in_the_run_of_the_tasks(tmp_path):
    # The 综保区 opinion with its four principles (二、基本原则, lines 9-12) numbered 1.–4.
    # and the tasks 5.–25. after them: the tasks keep the document's numbers, none is lost.
    require_corpus()
    lines = (PLANS / "07-guowuyuan-zongbaoqu.txt").read_text(encoding="utf-8").split("\n")
    out = []
    for number, line in enumerate(lines, start=1):
        if 9 <= number <= 12:
            line = re.sub(r"^（[一二三四]）", f"{number - 8}.", line)
        elif number >= 17:
            line = re.sub(r"^(\d{1,2})\.", lambda m: f"{int(m.group(1)) + 4}.", line)
        out.append(line)
    path = tmp_path / "07.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    plan = read_plan(path)
    assert [t.number for t in plan.tasks] == list(range(5, 26))
    assert plan.tasks[0].title == "拓展两个市场"


# Written for this test in the form of the genre's 办法 (not a real document): Arabic
# numbers, with spaces inside (第 3 条) or not.
ARABIC = """某某市公共数据管理办法

第1章 总则
第1条 为了规范公共数据管理，制定本办法。
第2条 本办法适用于本市行政区域内公共数据的管理。
第2章 共享开放
第 3 条 公共管理部门应当依法共享公共数据。
第 4 条 市数据管理部门负责建设公共数据开放平台。
第3章 附则
第 5 条 本办法自2024年1月1日起施行。
"""


def test_articles_and_chapters_numbered_in_arabic(tmp_path):
    path = tmp_path / "arabic.txt"
    path.write_text(ARABIC, encoding="utf-8")
    plan = read_plan(path)
    assert [(c.numeral, c.title) for c in plan.chapters] == [
        ("1", "总则"), ("2", "共享开放"), ("3", "附则")
    ]  # fmt: skip
    assert plan.task_level == "第X条"
    assert [(t.number, t.label, t.chapter) for t in plan.tasks] == [
        (1, "第1条", 1), (2, "第2条", 1), (3, "第 3 条", 2), (4, "第 4 条", 2), (5, "第 5 条", 3)
    ]  # fmt: skip  (a task's label is its number as the text writes it, spaces and all)
    assert plan.tasks[3].title == "市数据管理部门负责建设公共数据开放平台"


# Written for this test in the form of the genre's short 暂行办法 (not a real document):
# articles and no chapters.
NO_CHAPTERS = """某某县农村集体资产管理暂行办法

第一条 为加强农村集体资产管理，维护集体经济组织成员合法权益，制定本办法。
第二条 县农业农村局负责全县农村集体资产的监督管理。
第三条 乡镇人民政府应当每年组织一次集体资产清查：
（一）清查资产的种类和数量；
（二）核实资产的权属。
第四条 本办法自印发之日起施行。
"""


def test_a_regulation_of_articles_without_chapters(tmp_path):
    path = tmp_path / "no-chapters.txt"
    path.write_text(NO_CHAPTERS, encoding="utf-8")
    plan = read_plan(path)
    # no article is a chapter: the articles are the tasks of one chapter, the whole text,
    # which has no numeral of its own and is titled by the plan (with a warning)
    assert [(c.numeral, c.title) for c in plan.chapters] == [("", "某某县农村集体资产管理暂行办法")]
    assert plan.task_level == "第X条"
    assert [(t.number, t.label, t.chapter) for t in plan.tasks] == [
        (1, "第一条", 1), (2, "第二条", 1), (3, "第三条", 1), (4, "第四条", 1)
    ]  # fmt: skip
    assert "（二）核实资产的权属" in plan.tasks[2].text
    assert any("no chapters" in w for w in plan.warnings)


def test_a_regulation_with_named_chapters_over_its_articles(tmp_path):
    # 总则 / 附则 without numbers over articles (a form of the genre's 办法): chapters.
    text = NO_CHAPTERS.replace("第一条", "总　则\n第一条").replace("第四条", "附　则\n第四条")
    path = tmp_path / "named.txt"
    path.write_text(text, encoding="utf-8")
    plan = read_plan(path)
    assert [c.title for c in plan.chapters] == ["总　则", "附　则"]
    assert [(t.number, t.chapter) for t in plan.tasks] == [(1, 0), (2, 0), (3, 0), (4, 1)]


# Written for this test in the form of a 章/节 plan (not a real document): each 节's line
# goes on with its first 一、 item.
FUSED_SECTIONS = """某某市产业发展规划

第一章　总体要求
第一节　指导思想　一、坚持创新驱动。以科技创新引领产业发展。
二、坚持绿色发展。推动产业绿色低碳转型。
第二章　主要任务
第一节　壮大主导产业　一、做强电子信息产业。建设集成电路产业园。
二、做优生物医药产业。建设生物医药创新中心。
第二节　培育新兴产业　　一、发展新能源产业。建设光伏制造基地。
二、发展新材料产业。建设新材料产业园。
"""


def test_a_heading_line_that_goes_on_with_a_heading_of_a_lower_level(tmp_path):
    path = tmp_path / "fused.txt"
    path.write_text(FUSED_SECTIONS, encoding="utf-8")
    plan = read_plan(path)
    assert [c.title for c in plan.chapters] == ["总体要求", "主要任务"]
    assert [s.title for s in plan.chapters[1].sections] == ["壮大主导产业", "培育新兴产业"]
    assert [(t.section, t.title) for t in plan.tasks] == [
        (1, "做强电子信息产业"), (1, "做优生物医药产业"),
        (2, "发展新能源产业"), (2, "发展新材料产业"),
    ]  # fmt: skip


def test_a_chapter_title_that_is_one_with_its_first_article_is_split():
    # Plan 12 (阿坝州政务数据资源管理暂行办法): every 章 line goes on with its first
    # article after two U+3000 (`　第一章　总则　　第一条\u2002　为规范…`); 49 articles run
    # over nine chapters, each a task under its chapter.
    require_corpus()
    plan = read_plan(PLANS / "12-aba-zhengwushuju-guanli.txt")
    assert [c.title for c in plan.chapters] == [
        "总则", "规划建设", "目录管理", "采集与汇聚", "整合共享", "开放应用", "安全保障",
        "法律责任", "附则",
    ]  # fmt: skip
    assert plan.task_level == "第X条"
    assert [t.number for t in plan.tasks] == list(range(1, 50))
    assert (plan.tasks[0].label, plan.tasks[-1].label) == ("第一条", "第四十九条")
    firsts = {c: next(t.number for t in plan.tasks if t.chapter == c) for c in range(1, 10)}
    assert firsts == {1: 1, 2: 8, 3: 15, 4: 18, 5: 22, 6: 30, 7: 38, 8: 43, 9: 46}
    assert plan.tasks[7].title.startswith("州数据资源主管部门应当编制政务数据资源发展规划")
    assert plan.tasks[0].title.startswith("为规范政务数据资源管理")
    # the （一）–（四） of 第十七条 are its conditions, in its text
    assert "（四）其他涉及政务数据变化的情形" in plan.tasks[16].text
    # 规划建设 is no goals chapter, and 第八条's 发展目标 makes none either
    assert plan.goals == []
    # 有效期2年 gives the period (2021-2023), no target
    assert (plan.period_start, plan.period_end) == (2021, 2023)
    assert not any(i.name.endswith("有效期") for i in plan.indicators)
