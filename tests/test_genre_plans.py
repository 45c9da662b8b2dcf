"""Two plans of the same genre written for these tests (tests/fixtures/plans): they
differ from the Zhoushan text the way real plans do (full-width forms and sections,
a wrapping notice, CRLF, a period line, 分别…和…, other units). The expected readings
were written by hand beside them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plankg.loaders import load_plan, read_plan
from plankg.loaders.clean import fold

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plans"
NAMES = ["genre-a", "genre-b"]


def _expected(name: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=NAMES)
def case(request):
    return read_plan(FIXTURES / f"{request.param}.txt"), _expected(request.param)


def test_metadata(case):
    plan, expected = case
    assert plan.title == expected["title"]  # verbatim: the document's own characters
    assert str(plan.published) == str(expected["published"])
    assert (plan.period_start, plan.period_end) == (
        expected["period_start"],
        expected["period_end"],
    )
    assert plan.region == expected["region"]
    assert plan.warnings == []


def test_structure(case):
    plan, expected = case
    assert [[c.number, c.title] for c in plan.chapters] == [
        [n, t] for n, t in expected["chapters"]
    ]
    sections = [
        [
            c.number,
            s.number,
            s.title,
            [t.number for t in plan.tasks if (t.chapter, t.section) == (c.number, s.number)],
        ]
        for c in plan.chapters
        for s in c.sections
    ]
    assert sections == [[c, n, t, tasks] for c, n, t, tasks in expected["sections"]]
    assert [[t.number, t.chapter, t.title] for t in plan.tasks] == [
        [n, c, t] for n, c, t in expected["tasks"]
    ]
    assert [[g.number, g.year, g.title] for g in plan.goals] == [
        [n, y, t] for n, y, t in expected["goals"]
    ]


def test_every_target_exactly(case):
    plan, expected = case
    got = [
        (f"{i.scope}-{i.scope_number}", i.name, i.value, i.unit, i.comparator, i.year, i.kind)
        for i in plan.indicators
    ]
    want = [
        (t["scope"], t["name"], float(t["value"]), t["unit"], t["comparator"], t["year"], t["kind"])
        for t in expected["targets"]
    ]
    assert got == want


def test_non_targets_are_not_read_as_targets(case):
    plan, expected = case
    matched = [fold(plan.text[i.match_span.start : i.match_span.end]) for i in plan.indicators]
    for planted in expected["non_targets"]:
        planted = fold(planted)
        assert not any(m.endswith(planted) for m in matched), planted


def test_spans_point_at_their_text(case):
    plan, _ = case
    for item in [*plan.goals, *plan.tasks]:
        assert plan.text[item.span.start : item.span.end] == item.text
    for indicator in plan.indicators:
        assert plan.text[indicator.span.start : indicator.span.end] == indicator.text


def test_genre_b_has_crlf_and_still_loads_like_lf(tmp_path):
    raw = (FIXTURES / "genre-b.txt").read_bytes()
    assert b"\r\n" in raw
    lf = tmp_path / "genre-b.txt"
    lf.write_bytes(raw.replace(b"\r\n", b"\n"))
    assert read_plan(lf) == read_plan(FIXTURES / "genre-b.txt")


def test_genre_a_as_gb18030(tmp_path):
    text = (FIXTURES / "genre-a.txt").read_text(encoding="utf-8")
    copy = tmp_path / "genre-a.txt"
    copy.write_bytes(text.encode("gb18030"))
    assert read_plan(copy) == read_plan(FIXTURES / "genre-a.txt")


def test_other_plans_link_without_errors():
    """Linking works on plans for other places: no Zhoushan agency is named; at most one
    lead per task (15's is the 市政府 it names, the rest inferred), each with a term
    behind it. Tasks 14
    (分布式光伏, 绿色工厂, 节能降碳) and 18 (督查考核) touch no body's remit, so they have
    no lead rather than a default one with nothing behind it."""
    plan = load_plan(FIXTURES / "genre-b.txt")
    leads = [r for r in plan.responsibilities if r.role == "lead"]
    assert sorted(r.task for r in leads) == [t for t in range(1, 19) if t not in (14, 18)]
    assert [r.task for r in leads if r.basis == "explicit"] == [15]
    assert all(r.terms and r.score > 0 for r in leads)
    assert "no remit term matched tasks [14, 18]: no lead inferred" in plan.warnings[-1]
    assert plan.id == "chengzhou-zhongbudiqu-2023-2027"


# A short 办法 whose 附件 lists the measures, written for this test in the shape of a real
# evaluation method (a notice, four clauses, then the attachment's chapters and items).
ATTACHED = """临川市人民政府办公室关于印发《临川市2022年数字政府建设考评办法》的通知
各县、区人民政府，市直有关部门：
　　现将《临川市2022年数字政府建设考评办法》印发给你们，请认真贯彻执行。
2022年4月14日
临川市2022年数字政府建设考评办法
一、考评对象
　　各县区人民政府，参与数字政府建设工作的各部门。
二、考评内容
　　《临川市数字政府建设行动方案（2021—2023年）》确定的重点任务。
三、考评方式
　　（一）考评以日常监测、实地调研等方式进行。
　　（二）实行百分制。
四、考评结果应用
　　考评结果全市通报。
附件：临川市数字政府建设考评指标
附件
临川市数字政府建设考评指标
一、政务服务（50分）
（一）平台建设（20分）
1．各级政务服务事项全部开通网上办理。（牵头考核单位：市政务服务局）
2．完善数据分析功能，强化审批智能化水平。（牵头考核单位：市政务服务局）
3．全面提升政务热线服务水平。（牵头考核单位：市政务服务局）
（二）窗口服务（30分）
4．完善前台综合受理、后台分类办理模式。（牵头考核单位：市政务服务局）
5．推动自助终端向社区延伸。（牵头考核单位：市政务服务局）
6．组建专业化帮办代办队伍。（牵头考核单位：市政务服务局）
二、数据共享（50分）
（一）数据归集（25分）
7．完成政务数据目录梳理和挂载。（牵头考核单位：市大数据局）
8．推进公共数据按需共享。（牵头考核单位：市大数据局）
9．建设城市大脑数据中台。（牵头考核单位：市大数据局）
（二）数据应用（25分）
10．拓展智慧养老服务平台功能。（牵头考核单位：市民政局）
11．优化升级教育云平台。（牵头考核单位：市教育局）
12．升级就业培训管理信息平台。（牵头考核单位：市人力资源社会保障局）
"""


def test_the_items_of_an_attachment_are_the_plans_tasks(tmp_path):
    path = tmp_path / "attached.txt"
    path.write_text(ATTACHED, encoding="utf-8")
    plan = load_plan(path)
    assert [c.title for c in plan.chapters] == ["政务服务（50分）", "数据共享（50分）"]
    assert [t.number for t in plan.tasks] == list(range(1, 13))
    assert plan.tasks[0].text.startswith("各级政务服务事项全部开通网上办理")
    assert plan.tasks[-1].title.startswith("升级就业培训管理信息平台")
    # the title is the document's, and its one year is the plan's period
    assert plan.title == "临川市2022年数字政府建设考评办法"
    assert (plan.period_start, plan.period_end) == (2022, 2022)
    assert any("read the attachment as the plan's body" in w for w in plan.warnings)


def test_an_attachment_of_a_few_lines_stays_out(tmp_path):
    # The same 办法 with a 附件 of two numbered lines: the four clauses stay the body.
    head, _, _ = ATTACHED.partition("附件\n")
    path = tmp_path / "short.txt"
    path.write_text(head + "附件\n名单\n一、组长\n1．张三\n", encoding="utf-8")
    plan = load_plan(path)
    assert [c.title for c in plan.chapters][:4] == ["考评对象", "考评内容", "考评方式", "考评结果应用"]
