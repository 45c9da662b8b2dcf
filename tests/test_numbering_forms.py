"""Numbering the genre writes in more than one way (loaders/headings.py, outline.py):
odd separators between a number and its title, the 第X章/第X条 articles of a regulation,
and measures that are the top-level items themselves.

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
    # 总则 and 附则 hold no measures; the articles keep their own numbers
    assert [(t.number, t.label) for t in plan.tasks] == [
        (3, "第三条"), (4, "第四条"), (5, "第五条"), (6, "第六条")
    ]  # fmt: skip
    assert plan.tasks[1].title.startswith("市大数据管理部门负责编制政务数据目录")
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
