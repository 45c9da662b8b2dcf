"""The real plan's numeric targets: all of them, exact, and none of the non-targets."""

import pytest


def _row(i):
    value = int(i.value) if i.value.is_integer() else i.value
    return [i.scope, i.scope_number, i.name, value, i.unit, i.comparator, i.year, i.kind]


def test_all_targets_exactly(zhoushan, expected):
    assert [_row(i) for i in zhoushan.indicators] == expected["targets"]
    assert len(zhoushan.indicators) == 70


@pytest.mark.parametrize(
    "scope, number, name, value, unit, comparator, year",
    [
        ("goal", 1, "人均地区生产总值", 20, "万元", ">=", 2025),
        ("goal", 3, "城市PM2.5平均浓度", 19, "微克/立方米", "<=", 2025),
        ("goal", 5, "人均地区生产总值", 30, "万元", ">", 2035),
        ("goal", 5, "常住人口城镇化率", 80, "%", "~", 2035),
        ("task", 10, "城镇登记失业率", 3, "%", "<=", None),  # the sentence names no year
        ("task", 34, "新增城镇污水处理能力", 21.6, "万立方米/日", "=", None),
    ],
)
def test_named_targets(zhoushan, scope, number, name, value, unit, comparator, year):
    found = [
        i for i in zhoushan.indicators if (i.scope, i.scope_number, i.name) == (scope, number, name)
    ]
    assert len(found) == 1
    assert (found[0].value, found[0].unit, found[0].comparator, found[0].year) == (
        value,
        unit,
        comparator,
        year,
    )


def test_one_sentence_can_carry_several_targets(zhoushan):
    task2 = [i for i in zhoushan.indicators if (i.scope, i.scope_number) == ("task", 2)]
    assert [(i.name, i.value, i.kind) for i in task2[:2]] == [
        ("新增高新技术企业", 200, "increment"),
        ("新增科技型中小企业", 660, "increment"),
    ]
    assert (
        task2[0].text
        == task2[1].text
        == (
            "实施科技新政,推动专精特新企业、高新技术企业和科技型中小企业成为产业创新策源地,"
            "实现研发投入倍增,新增高新技术企业200家、科技型中小企业660家。"
        )
    )
    respectively = [i for i in zhoushan.indicators if "分别" in i.text][1:]
    assert [(i.name, i.value, i.comparator) for i in respectively] == [
        ("二级以上幼儿园占比", 80, ">="),
        ("普惠性幼儿园占比", 90, ">="),
    ]


def test_kinds(zhoushan):
    kinds = {(i.name, i.kind) for i in zhoushan.indicators}
    assert ("技术交易额", "cumulative") in kinds  # 累计达100亿元以上
    assert ("全市重大项目投资", "cumulative") in kinds  # “十四五”期间 … 完成
    assert ("常住人口城镇化率", "level") in kinds
    assert ("海洋经济增加值占全市地区生产总值比重", "level") in kinds  # 增加值 is not 增加


def test_numbers_that_are_not_targets(zhoushan):
    values = {(i.value, i.unit) for i in zhoushan.indicators}
    assert (220, "千伏") not in values  # a line's voltage
    assert (3, "岁") not in values  # 3岁以下婴幼儿: an age bracket
    assert (5, "年") not in values  # 5年城镇新增就业: a period
    assert (2.5, "") not in values and (5, "") not in values  # PM2.5, 5G
    assert (30, "万吨") not in values  # 30万吨级以上泊位: a berth class
    assert not any(i.unit in ("分钟", "小时") for i in zhoushan.indicators)  # 15分钟服务圈
    assert not any(i.unit == "年" and i.value > 1900 for i in zhoushan.indicators)


def test_evidence_is_the_whole_sentence(zhoushan):
    unemployment = next(i for i in zhoushan.indicators if i.name == "城镇登记失业率")
    assert unemployment.text == (
        "强化就业优先政策,把就业作为高质量发展的基础导向,扩大就业容量、提升就业质量,"
        "5年城镇新增就业15万人,城镇登记失业率控制在3%以内。"
    )
    assert unemployment.path[-2:] == ["zhoushan-gongtongfuyu-2021-2025-task-10", unemployment.id]
