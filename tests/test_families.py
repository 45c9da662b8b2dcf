"""Indicator families on real plans: one family across Zhoushan and the corpus returns every
target of it the texts state (each listed below from a reading of the texts, wrapped lines
joined), and units convert within a dimension only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.loaders import load_plan
from plankg.loaders.families import convert, dimension_of, genre
from tests.conftest import ROOT
from tests.corpus import PLANS, require_corpus

ZS = "zhoushan-gongtongfuyu-2021-2025"
BJ = "beijing-guotukongjian-2021-2035"  # 05-beijing-shengtaixiufu-guihua
SH = "shanghai-guominjingji-2021-2025"  # 06-shanghai-shisiwu-gangyao
BT = "baotou-shuzizhengfu-2022-2022"  # 10-baotou-shuzizhengfu-kaoping

# Every sentence (or indicator-table row) of the 13 plans stating a target of the family:
# (plan, value, unit, comparator, year, kind, value in the family's unit, words of the quote).
STATED = {
    "forest-coverage": [
        (BJ, 45.0, "%", ">=", 2025, "level", 45.0, "全市森林覆盖率达到 45%以上"),
        (BJ, 48.0, "%", ">=", 2035, "level", 48.0, "到 2035 年，全市森林覆盖率达到 48%"),
        (SH, 19.5, "%", ">=", 2025, "level", 19.5, "森林覆盖率达到 19.5%"),
        (SH, 19.5, "%", "=", 2025, "level", 19.5, "19 森林覆盖率 % 约束性 19.5"),  # 表1
        (ZS, 51.0, "%", ">=", 2025, "level", 51.0, "森林覆盖率达到51%"),
    ],
    "5g-base-stations": [
        (BT, 1000.0, "座", "=", None, "increment", 1000.0, "新增5G基站1000座"),
        (BT, 4600.0, "个", "=", None, "cumulative", 4600.0, "累计建设5G基站4600个"),
    ],
    "surveyed-unemployment": [
        (SH, 5.5, "%", "<=", 2025, "level", 5.5, "城镇调查失业率稳定在 5.5%以内"),
        (SH, 5.5, "%", "<", 2025, "level", 5.5, "10 城镇调查失业率 % 预期性 - <5.5"),  # 表1
    ],
    "registered-unemployment": [
        (ZS, 3.0, "%", "<=", None, "level", 3.0, "城镇登记失业率控制在3%以内"),
    ],
    "urbanisation-rate": [
        (ZS, 75.0, "%", ">=", 2025, "level", 75.0, "常住人口城镇化率达75%"),
        (ZS, 80.0, "%", "~", 2035, "level", 80.0, "常住人口城镇化率达到80%左右"),
    ],
}


@pytest.fixture(scope="module")
def client(zhoushan):
    require_corpus()
    plans = [zhoushan, *(load_plan(path) for path in sorted(PLANS.glob("*.txt")))]
    with TestClient(create_app(store=MemoryStore(build_graph(plans)))) as client:
        yield client


@pytest.mark.parametrize("family", sorted(STATED))
def test_a_family_across_plans_is_every_target_the_texts_state(client, family) -> None:
    answer = client.get(f"/families/{family}", params={"plan": "*", "limit": 500})
    assert answer.status_code == 200
    found = [
        (
            t["plan"],
            t["value"],
            t["unit"],
            t["comparator"],
            t["year"],
            t["kind"],
            t["value_converted"],
            t["evidence"],
        )
        for t in answer.json()["items"]
    ]
    expected = STATED[family]
    assert len(found) == len(expected) == answer.json()["total"]
    for got, (*figures, words) in zip(found, expected, strict=True):
        assert list(got[:-1]) == figures
        # The quote: the plan's own words (wrapped lines of a PDF text joined to compare).
        assert words.replace(" ", "") in got[-1].replace("\n", "").replace(" ", "")


def test_the_family_list_counts_targets_and_plans(client) -> None:
    families = {f["key"]: f for f in client.get("/families", params={"limit": 500}).json()["items"]}
    assert families["forest-coverage"] == {
        "key": "forest-coverage",
        "name": "森林覆盖率",
        "name_en": "Forest coverage",
        "dimension": "percent",
        "unit": "%",
        "source": "plan-14",
        "targets": 5,
        "plans": 3,
    }
    one = client.get("/families", params={"plan": ZS, "limit": 500}).json()
    assert {f["key"]: f["targets"] for f in one["items"]}["urbanisation-rate"] == 2
    assert "5g-base-stations" not in {f["key"] for f in one["items"]}


def test_a_family_in_one_plan_and_the_task_stating_it(client) -> None:
    page = client.get("/families/5g-base-stations", params={"plan": BT}).json()
    assert [(t["task"], t["task_label"], t["goal"]) for t in page["items"]] == [
        (59, "59．", None),
        (59, "59．", None),
    ]  # the label as the text writes it (line 107: a full-width stop)
    assert page["items"][0]["terms"] == ["5G基站"]
    none = client.get("/families/5g-base-stations", params={"plan": ZS}).json()
    assert none["total"] == 0 and none["items"] == []


def test_an_unknown_family_is_a_problem(client) -> None:
    answer = client.get("/families/no-such-family")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert "no-such-family" in answer.json()["detail"]
    assert client.get("/families", params={"plan": "nowhere"}).status_code == 404


def test_converted_values_of_one_money_family_compare(client) -> None:
    # 20万元 per head (2025) and 30万元 (2035) in the family's unit, 元.
    page = client.get("/families/gdp-per-capita", params={"plan": ZS}).json()
    assert [
        (t["value"], t["unit"], t["value_converted"], t["unit_converted"], t["year"])
        for t in page["items"]
    ] == [(20.0, "万元", 200000.0, "元", 2025), (30.0, "万元", 300000.0, "元", 2035)]


# -- units -------------------------------------------------------------------------------


def _to(value: float, unit: str, to: str, dimension: str) -> float | None:
    g = genre()
    return convert(value, unit, to, g.dimensions[dimension], g.magnitudes)


def test_money_converts_by_magnitude() -> None:
    assert _to(20, "万元", "元", "money") == 200_000
    assert _to(85_000, "元", "万元", "money") == 8.5
    assert _to(2, "万亿元", "亿元", "money") == 20_000
    assert _to(3000, "亿元", "万亿元", "money") == 0.3
    assert _to(30, "万元/人", "元/人", "money-per-person") == 300_000


def test_per_mille_is_a_tenth_of_a_percent_and_points_are_not_percent() -> None:
    assert _to(5, "‰", "%", "percent") == 0.5
    assert _to(0.3, "%", "‰", "percent") == 3
    # A change of a percentage is not a percentage: its own dimension, never converted.
    assert _to(2, "个百分点", "%", "percent") is None
    assert dimension_of("个百分点", genre()) == "percentage-point"
    assert _to(60, "亿美元", "亿元", "money") is None  # no rate of exchange


def test_counts_and_areas_convert_and_unknown_units_do_not() -> None:
    assert _to(1.2, "万个", "个", "count") == 12_000
    assert _to(15, "万亩", "公顷", "area") == 10_000
    assert _to(3, "平方公里", "公顷", "area") == 300
    assert dimension_of("番", genre()) is None
    assert dimension_of("亿", genre()) is None  # a magnitude alone measures nothing


def test_zhoushan_alone_joins_these_families(zhoushan) -> None:
    """The joins of the first plan, each read from its sentence (README: precision)."""
    plan = zhoushan
    by_id = {i.id: n for n, i in enumerate(plan.indicators, start=1)}
    assert {by_id[link.indicator]: link.family for link in plan.family_links} == {
        1: "gdp-per-capita",
        3: "rd-intensity",
        5: "labour-productivity",
        7: "urban-rural-income-ratio",
        8: "urbanisation-rate",
        10: "forest-coverage",
        11: "pm25-concentration",
        12: "good-air-days",
        13: "surface-water-class-iii",
        14: "childcare-places",
        16: "inclusive-kindergartens",
        18: "schooling-years",
        19: "higher-education-enrolment",
        20: "high-skilled-share",
        21: "life-expectancy",
        23: "doctors-per-1000",
        24: "hospital-beds-per-1000",
        28: "medical-insurance-coverage",
        30: "gdp-per-capita",
        31: "urbanisation-rate",
        46: "trade-volume",
        47: "service-trade",
        48: "fdi-utilised",
        49: "cargo-throughput",
        53: "urban-new-jobs",
        54: "registered-unemployment",
        57: "preschool-enrolment",
        66: "urban-housing-space-per-capita",
    }
    # 海洋经济增加值占全市地区生产总值比重 (2) is a share of GDP, not GDP; 基本养老保险
    # 参保人数 (27) counts people, not the coverage rate; 二级以上幼儿园占比 (15) is not
    # 普惠性幼儿园占比, which its sentence names beside it (二级以上、普惠性幼儿园占比分别…).
    assert not {2, 6, 15, 27} & {by_id[link.indicator] for link in plan.family_links}
    # 8亿美元 joins FDI unconverted? No: FDI is counted in 美元, its own unit.
    fdi = next(link for link in plan.family_links if link.family == "fdi-utilised")
    assert (fdi.value, fdi.unit) == (8.0, "亿美元")


def test_the_checked_sample_is_still_what_the_loader_joins(client) -> None:
    """docs/families-sample.tsv (the README's precision) names joins the loader still makes."""
    rows = (ROOT / "docs" / "families-sample.tsv").read_text(encoding="utf-8").splitlines()
    header, *lines = (line.split("\t") for line in rows)
    assert header == ["plan", "indicator", "family", "quote", "verdict", "why"]
    assert len(lines) >= 50
    for plan, number, family, quote, verdict, why in lines:
        page = client.get(f"/families/{family}", params={"plan": plan, "limit": 500}).json()
        stated = {t["indicator"]: " ".join(t["evidence"].split()) for t in page["items"]}
        assert stated.get(int(number)) == quote, (plan, number, family)
        assert verdict in ("right", "wrong") and why
