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
