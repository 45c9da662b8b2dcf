"""Forms of numeric targets the genre writes beyond digits before a unit at a clause's end.

Each sentence is quoted from a real plan (the corpus, ../shared/corpus/plans, or the
Zhoushan plan) and the expected reading was made by reading it; the last tests load the
held-out plans 10 and 12 whole.
"""

from __future__ import annotations

import pytest

from plankg.loaders import read_plan
from plankg.loaders.clean import fold
from plankg.loaders.targets import find_targets, number
from tests.corpus import PLANS, require_corpus


def read(sentence: str, year: int | None = None) -> list[tuple]:
    text = fold(sentence)
    return [
        (t.value, t.value_max, t.unit, t.comparator, t.year)
        for t in find_targets(text, 0, len(text), year)
    ]


@pytest.mark.parametrize(
    ("written", "value"),
    [("十五", 15), ("两", 2), ("千", 1000), ("百", 100), ("三百二十", 320), ("一百零五", 105),
     ("二〇二五", 2025), ("2.5", 2.5), ("十四五", None), ("一", None)],
)  # fmt: skip
def test_chinese_numerals_have_values(written, value):
    assert number(written) == value


def test_a_time_limit_in_chinese_numerals():
    # 12 阿坝 办法, 第三十五条
    assert read(
        "政务部门应当在十五个工作日内处理，可以开放的，通过阿坝州数据开放平台授权开放；"
    ) == [(15.0, None, "个工作日", "<=", None)]


def test_a_time_limit_is_named_by_who_does_what():
    # 12 阿坝 办法, 第十七条 and 第二十七条; 01 安徽 RCEP, task 17 (实行 alone names nothing)
    text = fold(
        "政务部门应当自情形发生之日起10个工作日内更新本部门政务数据资源目录。"
        "其他政务部门应当自收到申请之日起7个工作日内答复。"
        "对RCEP国家货物抵达海关监管作业场所且符合正常放行条件的48小时内放行；"
        "易腐货物和快件、空运货物、空运物品，实行6小时内放行便利措施。"
    )
    assert [t.name for t in find_targets(text, 0, len(text), None)] == [
        "政务部门更新本部门政务数据资源目录",
        "其他政务部门答复",
        "RCEP国家货物抵达海关监管作业场所且符合正常放行条件",
        "放行便利措施",
    ]


def test_a_cap_in_working_days():
    # 12 阿坝 办法, 第二十八条: 个工作日 is a unit at a clause's end too
    assert read("需要延长复核期限的，应当经数据提供部门负责人同意，延长期限不超过7个工作日。") == [
        (7.0, None, "个工作日", "<=", None)
    ]


def test_a_bounded_count_in_chinese_numerals():
    # 06 上海 纲要, 2.3: 千座 is 1000 座
    assert read("到 2025 年森林覆盖率达到 19.5%，公园数量达到千座以上。") == [
        (19.5, None, "%", ">=", 2025),
        (1000.0, None, "座", ">=", 2025),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "最低生活保障边缘对象认定标准扩至低保标准的两倍。",  # Zhoushan: a multiple nothing bounds
        "抓好省市重点项目、省“六个千亿”产业项目。",  # Zhoushan: a name in quotes
        "第十二条 政府投资的政务数据资源、政务信息化项目，在项目审批前应当报本级数据资源主管部门。",
        "充分利用现有资源，达到一次投入，减少二次开发费用。",  # 10 包头: once, redevelopment
        "更好地统筹利用国际国内两个市场、两种资源。",  # 07 综保区: a set phrase
    ],
)
def test_chinese_numerals_that_are_no_targets(sentence):
    assert read(sentence) == []


def test_a_doubling_is_read_once():
    # 06 上海 纲要: 翻两番 is its own rule (2 番), not also 两番 as a value
    assert read("自贸试验区临港新片区生产总值在 2018 年基础上翻两番。") == [
        (2.0, None, "番", "=", None)
    ]


def counts(sentence: str) -> list[tuple]:
    text = fold(sentence)
    return [
        (t.name[:12], t.value, t.unit, t.comparator, t.kind)
        for t in find_targets(text, 0, len(text), None)
    ]


def test_a_count_after_a_floor():
    # 10 包头, task 22
    assert counts("组织发布不少于100场群众文化艺术辅导培训课程，整理历届鹿城文化艺术节。") == [
        ("群众文化艺术辅导培训课程", 100.0, "场", ">=", "level")
    ]


def test_a_count_with_a_modifier_between_its_verb_and_it():
    # 10 包头, tasks 75 and 21 (the task's number before the verb is no part of the clause)
    assert counts(
        "　　75．联通市本级50个部门的政务数据，实现政务数据在政府各部门内部顺畅流通。"
    ) == [("部门的政务数据", 50.0, "个", "=", "level")]
    found = counts("　　21．完成信息平台上线前15项业务编码贯标、对照待遇清单梳理政策等多项工作。")
    assert [(value, unit) for _, value, unit, _, _ in found] == [(15.0, "项")]


def test_a_count_opening_an_item_of_the_verbs_list():
    # 10 包头, task 3: 19类 is a target; 3大平台 counts the list before it (话务、业务和可视化)
    assert counts(
        "对标全国一流，加快升级热线平台，涵盖话务、业务和可视化3大平台、19类功能模块。"
    ) == [("功能模块", 19.0, "类", "=", "level")]


def test_an_increment_with_its_total_in_brackets():
    # 10 包头, task 47: both count the noun after the bracket
    found = counts(
        '全市新增2400户（累计约3600户）大中型餐饮单位纳入“互联网+明厨亮灶"社会共治智慧监管平台，'
        "并强化日常监管。"
    )
    assert sorted(found, key=lambda t: t[1]) == [
        ("大中型餐饮单位纳入“互联", 2400.0, "户", "=", "increment"),
        ("大中型餐饮单位纳入“互联", 3600.0, "户", "~", "cumulative"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # 10 包头, task 26: a past figure, the count of the list just named
        '在现有新生入学、教师招聘、教师资格认定等62项“一站式"便民服务的基础上，继续聚焦就业服务。',
        # 01 安徽 RCEP: no verb of making or reaching opens the clause
        "针对首年关税为零的2070种进口商品和5年内关税降幅较大的5048种商品。",
    ],
)
def test_counts_that_are_no_targets(sentence):
    assert counts(sentence) == []


def test_a_share_of_a_population_that_opens_its_clause():
    # 10 包头, task 46: the share is the target
    found = read(
        "　　46．全市90%的重点领域市场主体纳入自治区市场监管重点领域智慧监管（风险管控）平台，"
        "实现常态化智慧监管。"
    )
    assert found == [(90.0, None, "%", "=", None)]
    # Zhoushan, task 29: the share names the population whose income is the target
    assert read("全市65%以上的村年经营性收入达50万元以上。") == [(50.0, None, "万元", ">=", None)]


def test_bandwidths_that_reach_a_tier():
    # 10 包头, task 61: 万兆 keeps 万 in its unit as 10万个 does; 千兆, 百兆 are 1000, 100 兆
    text = fold(
        "推进智慧广电项目，对主干链路进行扩容，达到万兆到旗县区、千兆到苏木乡镇（街道）、"
        "百兆到嘎查村（社区）、20兆进牧户的带宽要求，力争实现50兆进牧户，所有牧户实现按需接入宽带网络。"
    )
    assert [
        (t.name, t.value, t.unit, t.comparator, t.year)
        for t in find_targets(text, 0, len(text), None)
    ] == [
        ("到旗县区", 1.0, "万兆", ">=", None),
        ("到苏木乡镇(街道)", 1000.0, "兆", ">=", None),
        ("到嘎查村(社区)", 100.0, "兆", ">=", None),
        ("进牧户", 20.0, "兆", ">=", None),
        ("进牧户", 50.0, "兆", ">=", None),
    ]


def test_a_bandwidth_a_capacity_is_raised_to():
    # 10 包头, task 60: 5G here is a rate (5 G), not the mobile standard of 5G基站
    assert read("年底前完成全部改造任务，推进IPV6互联网出口扩容至5G。") == [
        (5.0, None, "G", "=", None)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "推进条件较好旗县区，分批次实现千兆升级。",  # 10 包头, task 61: a class of upgrade
        "新增5G基站1000座，累计建设5G基站4600个。",  # 10 包头, task 59: the standard
    ],
)
def test_rates_that_are_no_targets(sentence):
    assert all(t[2] not in ("兆", "千兆", "G") for t in read(sentence))


def test_a_dated_sentence_without_numbers_dates_the_rest_of_its_paragraph():
    # 05 北京 生态修复, 第四节 (the wrapped lines joined)
    paragraph = (
        "加强污染地块再开发风险管控。到 2025 年，建设用地土壤环境安全得到合理保障，土壤环境风险"
        "得到合理管控。再开发利用的污染地块安全利用率达到 92%以上。"
    )
    assert read(paragraph) == [(92.0, None, "%", ">=", 2025)]
    # genre-a task 9: a dated sentence with its own target dates only that one
    text = (
        "到２０２４年，普惠性幼儿园在园幼儿占比达到９２％以上。加快发展普惠托育服务，"
        "每千人口拥有３岁以下婴幼儿托位数达到４．８个"
    )
    assert read(text) == [(92.0, None, "%", ">=", 2024), (4.8, None, "个", ">=", None)]


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        # 10 包头, 三、考评方式: weights in a scoring formula
        ("半年考评分值=日常监测（60%）+实地调研（20%）+民意调查（10%）+第三方评估（10%）", []),
        # 10 包头, task 47: the score (1分) and the deadline clause after the task's targets
        (
            '全市新增2400户（累计约3600户）大中型餐饮单位纳入“互联网+明厨亮灶"社会共治智慧监管平台，'
            "并强化日常监管。（1分）（8月底完成，牵头考核单位：市市场监管局）",
            [2400.0, 3600.0],
        ),
        # 10 包头, task 21: (0.5分)
        (
            "成立信息平台建设机构，持续优化系统功能。（0.5分）（持续推进，牵头考核单位：市医保局）",
            [],
        ),
    ],
)
def test_score_weights_are_no_targets(sentence, values):
    assert sorted(t[0] for t in read(sentence)) == values


@pytest.fixture(scope="module")
def aba():
    require_corpus()
    return read_plan(next(PLANS.glob("12-*.txt")))


def test_every_time_limit_of_a_regulation(aba):
    # The articles' own numbers are the structure's business: the limits are told by quote.
    got = [
        (aba.text[i.match_span.start : i.match_span.end], i.value, i.unit, i.comparator, i.year)
        for i in aba.indicators
    ]
    want = [
        ("之日起10个工作日内", 10.0),
        ("并在3个工作日内", 3.0),
        ("之日起7个工作日内", 7.0),  # 第二十七条
        ("之日起7个工作日内", 7.0),  # 第二十八条, the two routes of review
        ("之日起7个工作日内", 7.0),
        ("延长期限不超过7个工作日", 7.0),
        ("应当在十五个工作日内", 15.0),
    ]
    assert len(got) == len(want)
    for (quote, value, unit, comparator, year), (tail, wanted) in zip(got, want, strict=True):
        assert quote.endswith(tail)
        assert (value, unit, comparator, year) == (wanted, "个工作日", "<=", None)


def test_the_targets_of_a_one_year_scoring_plan():
    """10 包头 考评办法 (2022): the targets sit in the 90 tasks of its attachment, between
    score weights (0.5分) and deadlines (6月底完成); no sentence names a year, so none has
    one (the plan's year is on the plan)."""
    require_corpus()
    plan = read_plan(next(PLANS.glob("10-*.txt")))
    assert (plan.period_start, plan.period_end) == (2022, 2022)
    assert sorted((i.value, i.unit) for i in plan.indicators) == sorted(
        [(19.0, "类"), (90.0, "%"), (15.0, "项"), (100.0, "场"), (90.0, "%"), (90.0, "%"),
         (2400.0, "户"), (3600.0, "户"), (1000.0, "座"), (4600.0, "个"), (5.0, "G"),
         (1.0, "万兆"), (1000.0, "兆"), (100.0, "兆"), (20.0, "兆"), (50.0, "兆"), (50.0, "个")]
    )  # fmt: skip
    assert {i.year for i in plan.indicators} == {None}
