"""Region and period rules of the genre, on the sentences plans use (loaders/metadata.py).

Each case is a title, issuer or sentence of the kind real plans carry; the expectation is
what the sentence says (README, "Title, region, period, id")."""

from __future__ import annotations

import datetime as dt

import pytest

from plankg.loaders.metadata import read_metadata


def meta(title="", issuer="", preamble="", body="", published=None, goals=(), **kw):
    return read_metadata(
        title=title,
        issuer=issuer,
        period_hint=title,
        preamble=preamble,
        goals_text=list(goals),
        body=body or preamble,
        published=published,
        **kw,
    )


@pytest.mark.parametrize(
    ("title", "issuer", "region", "level"),
    [
        ("安徽省工业互联网创新发展行动计划", "", "安徽", "province"),
        ("北京市国土空间生态修复规划", "", "北京", "province"),  # a municipality
        ("包头市2022年数字政府建设考评办法", "", "包头", "prefecture"),
        ("杭州市余杭区数字经济发展规划", "", "余杭", "county"),  # the deeper division
        ("关于推进北京市数据专区建设的指导意见", "", "北京", "province"),
        # 城乡 before 区 is no division: the region comes from the issuer instead
        ("城乡区域协调发展行动方案", "浙江省人民政府办公厅", "浙江", "province"),
        # a ministry names no division: its plan is national
        ("“十四五”土壤、地下水和农村生态环境保护规划", "生态环境部", "全国", "national"),
        ("关于印发数字政府建设考核办法", "国务院办公厅", "全国", "national"),
    ],
)
def test_the_region_is_a_division_or_the_country(title, issuer, region, level):
    found = meta(title=title, issuer=issuer)
    assert (found.region, found.region_level) == (region, level)


def test_no_region_is_empty_not_a_word_of_the_title():
    found = meta(title="城乡区域协调发展行动方案", body="推进城乡区域协调发展。")
    assert (found.region, found.region_level) == ("", None)


@pytest.mark.parametrize(
    ("title", "body", "published", "period"),
    [
        ("安徽省工业互联网创新发展行动计划（2021-2023年）", "", None, (2021, 2023)),
        ("某市数字经济发展三年行动计划（2022—2024）", "", None, (2022, 2024)),  # no 年
        ("浙江省城市内涝治理“十四五”规划", "", None, (2021, 2025)),
        ("XX省2023年数字经济工作方案", "", None, (2023, 2023)),  # a one-year plan
        # 到2025年 counted from the year of issue
        ("某某实施方案", "到2025年，建成一批示范项目。", dt.date(2022, 5, 6), (2022, 2025)),
        # no date of issue: the end is known, the start is not guessed
        ("某某实施方案", "到2025年，建成一批示范项目。", None, (None, 2025)),
        # 本政策自2021年开始执行 and nothing says until when
        ("支持工业互联网发展若干政策", "本政策自2021年开始执行。", None, (2021, None)),
        ("某某管理办法", "本办法自2022年1月1日起施行，有效期5年。", None, (2022, 2026)),
        ("某某管理办法", "本办法自印发之日起施行，有效期3年。", dt.date(2022, 7, 1), (2022, 2025)),
        ("某某管理办法", "本办法自印发之日起施行，有效期至2025年12月31日。", dt.date(2023, 2, 1),
         (2023, 2025)),
        ("某某行动方案", "利用三年时间，基本建成体系。", dt.date(2021, 3, 1), (2021, 2024)),
        ("某某行动方案", "加强组织领导。", None, None),  # nothing says: no period
    ],
)
def test_periods(title, body, published, period):
    found = meta(title=title, body=body, preamble=body, published=published)
    assert found.period == period


def test_the_document_number_gives_the_year_of_issue():
    found = meta(title="某某实施方案", body="到2024年，形成一批成果。", issue_year=2022)
    assert found.period == (2022, 2024)


def test_a_party_body_of_a_city_is_not_a_ministry():
    found = meta(title="关于加强新时代宣传工作的实施方案", issuer="中共杭州市委宣传部")
    assert (found.region, found.region_level) == ("杭州", "prefecture")


def test_in_force_from_its_issue_with_no_end():
    found = meta(title="某某管理办法", body="本办法自印发之日起施行。", published=dt.date(2022, 8, 3))
    assert found.period == (2022, None)


@pytest.mark.parametrize(
    ("title", "region", "level"),
    [
        ("凉山州乡村振兴规划", "凉山", "prefecture"),  # 凉山彝族自治州
        ("恩施州数字经济发展行动方案", "恩施", "prefecture"),  # 恩施土家族苗族自治州
        ("锡林郭勒盟草原保护规划", "锡林郭勒", "prefecture"),
    ],
)
def test_an_autonomous_prefecture_by_its_short_name(title, region, level):
    found = meta(title=title)
    assert (found.region, found.region_level) == (region, level)


def test_a_division_the_gazetteer_lacks_needs_evidence():
    # A name no dictionary knows, before 市 in the title and repeated alone in the body
    body = "平安槐宁建设。槐宁发展基础扎实。推动槐宁海洋经济。"
    found = meta(title="槐宁市高质量发展建设共同富裕示范区实施方案", body=body)
    assert found.region == "槐宁"
    # named with a body of its government in the page
    found = meta(title="棠泽加快建设海洋经济强市行动计划", issuer="棠泽市发展和改革委员会")
    assert found.region == "棠泽"
    # a title that opens with words, or with a name the body never uses alone: no region
    body = "无废城市建设。无废城市试点。推进无废城市。"
    assert meta(title="无废城市建设试点工作方案", body=body).region == ""
    body = "推进城乡区域协调发展。城乡区域一体。城乡融合。"
    assert meta(title="城乡区域协调发展行动方案", body=body).region == ""
