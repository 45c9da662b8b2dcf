"""The loader on real plans of the genre nobody here wrote (../shared/corpus/plans).

The outline rules were developed against these nine texts, so these are results on the
documents the rules were written against; results on unseen plans are reported apart
(README, "How well the outline reads"). Every expectation below was checked by reading
the text: chapter headings and task numbers by grep, titles and targets by eye.
"""

from __future__ import annotations

import re

import pytest

from plankg.loaders import read_plan
from plankg.loaders.clean import fold
from tests.corpus import PLANS as CORPUS
from tests.corpus import require_corpus

# file prefix: id, chapters, tasks, the level taken as tasks, first and last task titles,
# first and last task numbers
EXPECTED = {
    "01": ("anhui-rcep-2022-2024", 3, 24, "1.", "扩大优势产品出口", "加强风险应对", 1, 24),
    "02": (  # 1.–24., then the nine (一)… of 三、四、 with their own （责任单位：…）
        "anhui-gongyehulian-2021-2023",
        4,
        33,
        "1.",
        "推进工业互联网外网建设",
        "营造良好社会氛围",
        1,
        33,
    ),
    "03": (  # 本政策自2021年开始执行: from 2021, no end stated
        "anhui-gongyehulian-2021",
        8,
        16,
        "paragraphs",
        "培育各类工业互联网平台",
        "鼓励有实力的工业互联网企业上市",
        1,
        16,
    ),
    "04": (
        "zhejiang-chengshineilao-2021-2025",
        6,
        21,
        "(一)",
        "全面整治城市易涝区域",
        "强化舆论引导",
        1,
        21,
    ),
    "05": (
        "beijing-guotukongjian-2021-2035",
        10,
        34,
        "第X节",
        "国土空间生态修复分区及任务",
        "鼓励公众参与",
        1,
        34,
    ),
    "06": (
        "shanghai-guominjingji-2021-2025",
        14,
        152,  # 3.1.1–14.6.3 (the text stops inside 14.6.3); 425.1.3 is page 42 and 5.1.3
        "N.N.N",
        "持续增强经济发展韧性",
        "促进房地产市场平稳健康发展",
        1,
        152,
    ),
    "07": ("quanguo-zonghebaoshui", 5, 21, "1.", "拓展两个市场", "推广创新制度", 1, 21),
    "08": (
        "quanguo-nongyejixie-2018-2025",
        8,
        18,
        "(一)",
        "完善农机装备创新体系",
        "促进政府与市场良性互动",
        3,
        20,
    ),
    "09": (
        "quanguo-wufeichengshi-2018-2020",
        4,
        20,  # the paragraphs of （一）–（六）, each with its own （…指导） clause: 4+4+3+3+3+3
        "paragraphs",
        "建立“无废城市”建设指标体系，发挥导向引领作用",
        "积极培育第三方市场",
        1,
        20,
    ),
}
# The development corpus only: plans added later (10-12) are held out to measure generality.
FILES = [p for p in sorted(CORPUS.glob("*.txt")) if p.name[:2] in EXPECTED]


@pytest.fixture(scope="module")
def plans():
    require_corpus()
    return {path.name[:2]: read_plan(path) for path in FILES}


def test_every_corpus_plan_loads_with_a_distinct_id(plans):
    assert sorted(plans) == sorted(EXPECTED)
    ids = [plan.id for plan in plans.values()]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_outline(plans, key):
    plan = plans[key]
    plan_id, chapters, tasks, level, first, last, first_no, last_no = EXPECTED[key]
    assert (plan.id, len(plan.chapters), len(plan.tasks), plan.task_level) == (
        plan_id,
        chapters,
        tasks,
        level,
    )
    assert (plan.tasks[0].title, plan.tasks[-1].title) == (first, last)
    assert (plan.tasks[0].number, plan.tasks[-1].number) == (first_no, last_no)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_quotes_are_the_documents_own_characters(plans, key):
    """Spans index the source; texts are its characters (less wraps in PDF text)."""
    plan = plans[key]
    for item in [*plan.tasks, *plan.goals, *plan.indicators]:
        quoted = plan.text[item.span.start : item.span.end]
        assert re.sub(r"\s*\n\s*", "", quoted).startswith(re.sub(r"\s*\n\s*", "", item.text)[:20])
    for task in plan.tasks:
        assert task.title in plan.text or task.title in re.sub(r"\s*\n\s*", "", plan.text)


def test_regions_and_levels(plans):
    assert {k: (p.region, p.region_level) for k, p in plans.items()} == {
        "01": ("安徽", "province"),
        "02": ("安徽", "province"),
        "03": ("安徽", "province"),  # from the notice's issuer, 安徽省人民政府办公厅
        "04": ("浙江", "province"),
        "05": ("北京", "province"),  # the four municipalities are province-level
        "06": ("上海", "province"),
        "07": ("全国", "national"),
        "08": ("全国", "national"),
        "09": ("全国", "national"),  # from the notice's issuer, 国务院办公厅
    }


def test_periods_from_title_words_and_stated_years(plans):
    assert (plans["04"].period_start, plans["04"].period_end) == (2021, 2025)  # “十四五”
    assert (plans["05"].period_start, plans["05"].period_end) == (2021, 2035)  # (2021 年-2035 年)
    # 到2024年 in the goals, counted from the published 2022-03-23
    assert (plans["01"].period_start, plans["01"].period_end) == (2022, 2024)
    assert (plans["08"].period_start, plans["08"].period_end) == (2018, 2025)
    assert plans["07"].period_start is None  # its goals are qualitative and name no year
    # 本政策自2021年开始执行, and nothing says until when
    assert (plans["03"].period_start, plans["03"].period_end) == (2021, None)


def test_titles_split_over_two_lines_and_behind_a_notice(plans):
    assert plans["08"].title == "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见"
    assert plans["09"].title == "“无废城市”建设试点工作方案"
    assert plans["06"].title == "上海市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert plans["01"].title.startswith("安徽省关于加快对接《区域全面经济伙伴关系协定》（RCEP）")


def test_goals_and_their_targets(plans):
    nongji = plans["08"]
    assert [(g.year, g.title[:9]) for g in nongji.goals] == [
        (2020, "到2020年，农机"),
        (2025, "到2025年，农机"),
    ]
    targets = {
        (i.scope_number, i.name, i.value, i.unit, i.comparator, i.year)
        for i in nongji.indicators
        if i.scope == "goal"
    }
    assert (1, "全国农作物耕种收综合机械化率", 70.0, "%", ">=", 2020) in targets
    assert (2, "全国农作物耕种收综合机械化率", 75.0, "%", ">=", 2025) in targets
    power = next(i for i in nongji.indicators if i.unit == "亿千瓦")
    assert (power.name, power.value, power.comparator) == ("全国农机总动力", 10.0, ">")
    beijing = [
        (i.name, i.value, i.comparator, i.year) for i in plans["05"].indicators if i.scope == "goal"
    ]
    assert beijing == [  # 到 2025 年 …: spaces around the numbers in PDF text
        ("水土保持率", 89.0, ">=", 2025),
        ("全市森林覆盖率", 45.0, ">=", 2025),
        ("受污染耕地、污染地块安全利用率", 92.0, ">=", 2025),
    ]


def test_respectively_with_the_measure_after_it(plans):
    """到2024年，全省与其他RCEP国家货物贸易、对外投资和实际利用外资分别占比达30%、20%和10%。"""
    assert [(i.name, i.value, i.comparator, i.year) for i in plans["01"].indicators[:3]] == [
        ("全省与其他RCEP国家货物贸易占比", 30.0, ">=", 2024),
        ("对外投资占比", 20.0, ">=", 2024),
        ("实际利用外资占比", 10.0, ">=", 2024),
    ]


def test_an_indicator_table_one_cell_a_line(plans):
    """表3 “十四五”全省城市内涝治理主要指标: 指标 (单位) / 2020年现状 / 2025年目标 / 指标属性."""
    table = [
        (i.name, i.value, i.unit, i.comparator, i.year, i.nature)
        for i in plans["04"].indicators
        if i.nature
    ]
    assert table[:2] == [
        ("城市内涝防治达标率", 95.0, "%", "=", 2025, "binding"),  # 现状 ——
        ("城市防洪达标率", 95.0, "%", "=", 2025, "binding"),  # 现状 80
    ]
    assert ("现存易涝区域处置率", 100.0, "%", "=", 2025, "expected") in table
    assert ("重点城市市政排水管网智能化监测率", 30.0, "%", ">=", 2025, "expected") in table
    # 设区市≥25 县级市≥20 | 设市城市≥55 其他县城≥25: the 2020 现状 cells, then the 2025 目标's.
    sponge = [t for t in table if "海绵城市" in t[0]]
    assert [(t[0][:4], t[1]) for t in sponge] == [("设市城市", 55.0), ("其他县城", 25.0)]
    assert len(table) == 9 + 12
    # 表4 …设施建设主要指标: 序号 / 主要指标 / 单位 / 计划任务 / 其中：2021年任务 / 指标属性,
    # one cell a line, the unit in a cell of its own.
    assert table[9:11] == [
        ("建设雨水管网", 2000.0, "公里", "=", 2025, "binding"),
        ("建设雨水管网", 628.0, "公里", "=", 2021, "binding"),
    ]
    assert ("新增雨水泵站能力", 4.16, "万m³/小时", "=", 2021, "binding") in table


def test_boxes_review_lists_and_tables_are_not_tasks(plans):
    neilao = plans["04"]
    assert all(t.chapter in (3, 4, 6) for t in neilao.tasks)  # not 一、现状 (1．…6．)
    assert not any(fold(t.text).lstrip().startswith("专栏") for t in neilao.tasks)
    hulian = plans["02"]
    assert not any("专栏" in t.text for t in hulian.tasks)  # boxes sit between tasks


def test_a_truncated_excerpt_loads_and_says_so(plans):
    assert any("stops mid-sentence" in w for w in plans["06"].warnings)
