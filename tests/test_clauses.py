"""Responsibility clauses and bodies as (region, kind), on clauses quoted from the
development corpus (../shared/corpus/plans/) — most of those plans do not load yet, so
their clauses are tested here, on the text — and on the forms the issue names."""

from __future__ import annotations

import pytest

from plankg.loaders.catalogue import _written_as_place, catalogue_for
from plankg.loaders.clauses import THRESHOLD, candidates, find_clauses, rule_from
from plankg.loaders.clean import fold
from plankg.loaders.link import _body, matchers
from tests.corpus import PLANS, require_corpus

CORPUS = PLANS


def read(text: str, region: str, rule_in_force: bool = False) -> list[tuple[str, str, str]]:
    """(agency id, role, duty) for every body the clauses in `text` list."""
    cat = catalogue_for(region)
    m, bodies, out = matchers(cat), {}, []
    for clause in find_clauses(text):
        for listed, role in clause.roles(rule_in_force):
            out.append((_body(listed.name, cat, m, bodies).id, role, listed.duty))
        rule_in_force = rule_in_force or clause.standing_rule
    return out


QUOTED = {  # clause -> the corpus file it is quoted from
    "（责任单位：省通信管理局，省铁塔公司、各基础电信企业，各市人民政府）": "02-anhui-gongyehulianwang-xingdong",
    "（责任单位：省经济和信息化厅、人行合肥中心支行、安徽银保监局，各市人民政府）": "03-anhui-gongyehulianwang-zhengce",
    "（工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，下同）": "08-guowuyuan-nongjihua",
    "（农业农村部、发展改革委、财政部等负责）": "08-guowuyuan-nongjihua",
    "（各省级人民政府负责）": "08-guowuyuan-nongjihua",
    "（农业农村部、工业和信息化部牵头负责）": "08-guowuyuan-nongjihua",
    "（生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国家统计局参与）": "09-guobanfa-wufeichengshi",
    "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）": "09-guobanfa-wufeichengshi",
    "（财政部、国家发展改革委、生态环境部指导）": "09-guobanfa-wufeichengshi",
    "（省商务厅牵头，合肥海关配合）": "01-anhui-rcep",
    "（省商务厅牵头，省外办、省贸促会按职责分工配合）": "01-anhui-rcep",
    "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）": "07-guowuyuan-zongbaoqu",
    "（海关总署、商务部等有关部门负责）": "07-guowuyuan-zongbaoqu",
}


def test_the_quoted_clauses_are_in_the_corpus():
    require_corpus()
    for clause, name in QUOTED.items():
        assert clause in (CORPUS / f"{name}.txt").read_text(encoding="utf-8"), name


def test_responsible_units_with_comma_groups_are_all_leads():
    # No clause of this plan says who leads: every unit listed is responsible (co-leads).
    text = "加快5G网络建设（责任单位：省通信管理局，省铁塔公司、各基础电信企业，各市人民政府）。"
    assert read(text, "安徽") == [
        ("anhui:txgl", "lead", "责任单位"),
        ("anhui:shengtietagongsi", "lead", "责任单位"),
        ("anhui:gejichudianxinqiye", "lead", "责任单位"),
        ("anhui:municipal-zf", "lead", "责任单位"),
    ]


def test_bodies_of_no_kind_are_taken_from_the_text():
    cat = catalogue_for("安徽")
    m, bodies = matchers(cat), {}
    text = "（责任单位：省经济和信息化厅、人行合肥中心支行、安徽银保监局，各市人民政府）"
    names = [_body(b.name, cat, m, bodies) for c in find_clauses(text) for b in c.bodies]
    assert [(a.id, a.name, a.kind) for a in names] == [
        ("anhui:jx", "安徽省经济和信息化厅", "government"),
        # typed by how the name ends (data/agencies.yaml text_body_types): 支行, 局
        ("anhui:renxinghefeizhongxinzhixing", "人行合肥中心支行", "government"),
        ("anhui:anhuiyinbaojianju", "安徽银保监局", "government"),
        (
            "anhui:municipal-zf",
            "安徽省各市人民政府",
            "government",
        ),  # named by (region, level, kind)
    ]


def test_standing_rule_first_listed_leads_from_then_on():
    first = "（工业和信息化部、发展改革委、科技部、农业农村部等负责。列第一位者为牵头单位，下同）"
    later = "（农业农村部、发展改革委、财政部等负责）"
    assert read(first + "推进农机装备补短板" + later, "国务院") == [
        ("cn:jx", "lead", "负责"),
        ("cn:fgw", "partner", "负责"),
        ("cn:kj", "partner", "负责"),
        ("cn:nync", "partner", "负责"),
        ("cn:nync", "lead", "负责"),
        ("cn:fgw", "partner", "负责"),
        ("cn:cz", "partner", "负责"),
    ]
    # Without the rule, the same later clause names three co-leads.
    assert [r for _, r, _ in read(later, "国务院")] == ["lead", "lead", "lead"]
    rule_07 = "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）"
    assert read(rule_07, "国务院") == [
        ("cn:swj", "lead", "负责"),
        ("cn:cz", "partner", "负责"),
        ("cn:hg", "partner", "负责"),
    ]


def test_lead_and_participants():
    text = "（生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国家统计局参与）"
    assert read(text, "国务院") == [
        ("cn:sthj", "lead", "牵头"),
        ("cn:fgw", "partner", "参与"),
        ("cn:jx", "partner", "参与"),
        ("cn:zj", "partner", "参与"),
        ("cn:nync", "partner", "参与"),
        ("cn:tj", "partner", "参与"),
    ]
    assert read("（农业农村部、工业和信息化部牵头负责）", "国务院") == [
        ("cn:nync", "lead", "牵头"),
        ("cn:jx", "lead", "牵头"),
    ]


def test_guidance():
    # 指导 leads when nobody else is named to lead or be responsible …
    assert read("（财政部、国家发展改革委、生态环境部指导）", "国务院") == [
        ("cn:cz", "lead", "指导"),
        ("cn:fgw", "lead", "指导"),
        ("cn:sthj", "lead", "指导"),
    ]
    # … and beside a body responsible for carrying it out: the two principal roles, both
    # leads (the 无废城市 plan's gold reading, task 2); the blanket note after it is no body.
    text = "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）"
    assert read(text, "国务院") == [
        ("cn:sthj", "lead", "指导"),
        ("cn:shidianchengshizhengfu", "lead", "负责"),
    ]
    # Only a body that 牵头s makes the guide a partner.
    assert read("（生态环境部牵头，住房城乡建设部指导）", "国务院") == [
        ("cn:sthj", "lead", "牵头"),
        ("cn:zj", "partner", "指导"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "（省商务厅牵头，省外办、省贸促会按职责分工配合）",
        "(省商务厅牵头,省外办、省贸促会按职责分工配合)",  # half-width brackets and comma
    ],
)
def test_lead_and_partners_in_either_width(text):
    assert read(text, "安徽") == [
        ("anhui:sw", "lead", "牵头"),
        ("anhui:wb", "partner", "配合"),
        ("anhui:mcgh", "partner", "配合"),
    ]


def test_labelled_lead_and_partner_units_in_a_city_plan():
    text = "（牵头单位：市发改委、市科技局，配合单位：市财政局）"
    assert read(text, "宁波") == [
        ("ningbo:fgw", "lead", "牵头"),
        ("ningbo:kj", "lead", "牵头"),
        ("ningbo:cz", "partner", "配合"),
    ]
    text = "（责任单位：市商务局，各区（县级市）政府）"
    assert read(text, "宁波") == [
        ("ningbo:sw", "lead", "责任单位"),
        ("ningbo:county-zf", "lead", "责任单位"),
    ]


@pytest.mark.parametrize(
    "form, region, expected",
    [
        ("市发改委", "宁波", ("ningbo:fgw", "宁波市发展和改革委员会", "municipal")),
        ("市发展改革委", "宁波", ("ningbo:fgw", "宁波市发展和改革委员会", "municipal")),
        ("市发展和改革委员会", "宁波", ("ningbo:fgw", "宁波市发展和改革委员会", "municipal")),
        ("市发展和改革局", "宁波", ("ningbo:fgw", "宁波市发展和改革委员会", "municipal")),
        ("市科技和信息化局", "宁波", ("ningbo:kj", "宁波市科学技术局", "municipal")),
        ("省科技厅", "安徽", ("anhui:kj", "安徽省科学技术厅", "provincial")),
        ("市委组织部", "宁波", ("ningbo:zzb", "中共宁波市委组织部", "municipal")),
        ("团市委", "宁波", ("ningbo:tw", "共青团宁波市委员会", "municipal")),
        ("省发展改革委", "宁波", ("zhejiang:fgw", "浙江省发展和改革委员会", "provincial")),
        ("教育部", "安徽", ("cn:jy", "中华人民共和国教育部", "national")),
        ("发展改革委", "国务院", ("cn:fgw", "国家发展和改革委员会", "national")),
        # Zhoushan's profile names its own bodies: the same forms give its ids.
        ("市发改委", "舟山", ("zs-fgw", "舟山市发展和改革委员会", "municipal")),
        ("省委", "舟山", ("zj-sw", "中国共产党浙江省委员会", "provincial")),
    ],
)
def test_a_form_names_the_body_of_the_plans_region(form, region, expected):
    cat = catalogue_for(region)
    agency = _body(form, cat, matchers(cat), {})
    assert (agency.id, agency.name, agency.level) == expected


def test_notes_that_are_not_clauses():
    assert find_clauses("对接协定（RCEP）规则，到2025年（含）完成（一）的任务（详见附件）") == []


# The genre's forms beyond the corpus's own (issue 19): written as plans write them.


def test_a_clause_on_lines_of_its_own_after_the_task():
    text = (
        "1. 扩大优势产品出口。支持企业开拓RCEP市场。\n"
        "牵头单位：省商务厅\n"
        "配合单位：省发展改革委、合肥海关\n"
        "2. 下一项任务。"
    )
    assert read(text, "安徽") == [
        ("anhui:sw", "lead", "牵头"),
        ("anhui:fgw", "partner", "配合"),
        ("anhui:hefeihaiguan", "partner", "配合"),
    ]
    # … or after the task's last sentence, without brackets, and not the sentence after it
    text = "加快推进数字化转型。责任单位：市经信局、市发改委；完成时限：2023年底。"
    assert read(text, "宁波") == [
        ("ningbo:jx", "lead", "责任单位"),
        ("ningbo:fgw", "lead", "责任单位"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "【牵头单位：市发改委；配合单位：市财政局】",
        "〔牵头单位：市发改委；配合单位：市财政局〕",
        "［牵头单位：市发改委；配合单位：市财政局］",
        "（市发改委牵头、市财政局配合）",  # verbs joined by 、
        "（市发改委会同市财政局负责）",  # X会同Y: X leads, Y takes part
    ],
)
def test_other_brackets_and_joined_verbs(text):
    assert [(a, r) for a, r, _ in read(text, "宁波")] == [
        ("ningbo:fgw", "lead"),
        ("ningbo:cz", "partner"),
    ]


def test_bodies_whose_names_hold_brackets():
    text = "（中国（安徽）自由贸易试验区工作办公室、人民银行合肥中心支行负责）"
    cat = catalogue_for("安徽")
    m = matchers(cat)
    clauses = find_clauses(text)
    assert [b.name for c in clauses for b in c.bodies] == [
        "中国（安徽）自由贸易试验区工作办公室",
        "人民银行合肥中心支行",
    ]
    agencies = [_body(b.name, cat, m, {}) for b in clauses[0].bodies]
    assert [(a.name, a.kind) for a in agencies] == [
        # of no genre kind (not the national 人民银行), typed by their endings 办公室, 支行
        ("中国（安徽）自由贸易试验区工作办公室", "government"),
        ("人民银行合肥中心支行", "government"),
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "列第一位者为牵头单位，下同",
        "排在第一位的部门为牵头部门，下同",
        "第一个为牵头单位，下同",
        "排名第一的为牵头单位，下同",
        "列在首位的为牵头单位",
        "排在第一位的为牵头单位，其他为配合单位，下同",
        "第一个单位为牵头单位，其余单位为配合单位",
    ],
)
def test_a_lead_rule_in_other_words_holds_from_then_on(rule):
    text = f"（市商务局、市财政局负责，{rule}）任务二（市科技局、市经信局负责）"
    assert [(a, r) for a, r, _ in read(text, "宁波")] == [
        ("ningbo:sw", "lead"),
        ("ningbo:cz", "partner"),
        ("ningbo:kj", "lead"),
        ("ningbo:jx", "partner"),
    ]


def test_a_lead_rule_in_a_note_holds_for_the_whole_plan():
    # Stated once before the tasks, outside any clause: every clause after reads by it.
    text = "注：各项任务中列第一位者为牵头单位。\n1. 任务一（市商务局、市财政局负责）"
    start = rule_from(text)
    assert start == 0
    clause = find_clauses(text)[0]
    roles = [r for _, r in clause.roles(clause.start >= start)]
    assert roles == ["lead", "partner"]
    assert rule_from("（市商务局、市财政局负责）") is None


def test_by_remit_without_a_lead_and_roles_kept_as_written():
    assert [
        (b.name, r) for c in find_clauses("（各有关部门按职责分工负责）") for b, r in c.roles(False)
    ] == [("各有关部门", "lead")]
    text = "（责任单位：省推进工业互联网创新发展专项工作组成员单位，各市人民政府）"
    assert [b.name for c in find_clauses(text) for b in c.bodies] == [
        "省推进工业互联网创新发展专项工作组成员单位",
        "各市人民政府",
    ]
    assert [b.name for c in find_clauses("（各专项工作组牵头单位负责）") for b in c.bodies] == [
        "各专项工作组牵头单位"
    ]
    # 等有关部门 after a list is dropped; 和 splits two bodies, not a body's own name
    text = "（省教育厅和省人力资源和社会保障厅等有关部门负责）"
    assert [b.name for c in find_clauses(text) for b in c.bodies] == [
        "省教育厅",
        "省人力资源和社会保障厅",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "（6月底完成，牵头考核单位：市数据局、市发改委）",
        "（牵头考核单位：市数据局、市发改委，2022年底前完成）",
    ],
)
def test_assessment_leads_with_a_deadline(text):
    clauses = find_clauses(text)
    # leads as 牵头 (not merely co-responsible): they lead even under a first-listed rule
    assert [(b.name, r, b.duty) for c in clauses for b, r in c.roles(True)] == [
        ("市数据局", "lead", "牵头"),
        ("市发改委", "lead", "牵头"),
    ]


def test_guides_and_participants():
    text = "（商务部指导，供销合作总社参与）"  # the 无废城市 plan, task 19
    assert read(text, "国务院") == [("cn:sw", "lead", "指导"), ("cn:gxs", "partner", "参与")]


def test_candidates_are_scored_and_prose_is_not_taken():
    # Brackets and lines that end in a role word but list no bodies score low.
    for text in (
        "（企业自主负责）",
        "（积极参与）",
        "深化国际交流合作，积极参与\n",
        "3. 推动企业上云，鼓励中小企业参与\n",
        "责任主体为各类企业，要落实安全生产责任。\n",
        "（2021〕82号）",
    ):
        assert find_clauses(text) == [], text
    scored = candidates("（企业自主负责）（省商务厅负责）")
    assert [c.score < THRESHOLD for c in scored] == [True, False]


def test_the_wufeichengshi_plan_reads_every_guide_as_a_lead():
    # 无废城市 (09): 39 clauses, mostly （X、Y指导）; every guide leads, as its gold reads.
    require_corpus()
    text = fold((PLANS / "09-guobanfa-wufeichengshi.txt").read_text(encoding="utf-8"))
    clauses = find_clauses(text)
    assert len(clauses) == 39
    roles = [(b.duty, r) for c in clauses for b, r in c.roles(False)]
    assert {r for d, r in roles if d == "指导"} == {"lead"}
    assert {r for d, r in roles if d == "参与"} == {"partner"}
    assert sum(d == "牵头" for d, _ in roles) == 1


@pytest.mark.parametrize(
    "region, form, expected",
    [
        # a national plan: the country's collective of that level, no region word
        ("国务院", "省商务厅", ("cn:provincial-sw", "各省（自治区、直辖市）商务厅")),
        ("国务院", "各省级人民政府", ("cn:provincial-zf", "各省（自治区、直辖市）人民政府")),
        # a district of a province-level city: its 市 bodies are the city's
        ("朝阳区", "市商务局", ("beijing:sw", "北京市商务局")),
        # a region the gazetteer does not know (a word of a title): the kind's name alone
        ("数字政府", "市商务局", ("shuzizhengfu:sw", "市商务局")),
        ("数字政府", "市委组织部", ("shuzizhengfu:zzb", "中共市委组织部")),
    ],
)
def test_a_body_built_from_a_kind_carries_a_real_region(region, form, expected):
    cat = catalogue_for(region)
    agency = _body(form, cat, matchers(cat), {})
    assert (agency.id, agency.name) == expected


def test_a_region_whose_short_form_is_a_word_is_found_by_its_full_name():
    # 路桥 is an ordinary word in running text, but a plan's region that its text writes
    # as 路桥区: the one division of that name, 台州's
    assert _written_as_place("路桥", "……路桥区人民政府……") == "路桥区"
    cat = catalogue_for("路桥", "路桥区")
    assert (cat.region_code, cat.region_name) == ("331004", "路桥区")
    assert _body("区发展改革局", cat, matchers(cat), {}).name == "路桥区发展和改革委员会"
    # 和平区 is in 天津, 沈阳 …: no guess; and a word the plan never writes as a place
    # (平安 of 平安建设) names no region at all
    assert catalogue_for("和平", "和平区").region_code is None
    assert _written_as_place("平安", "推进平安建设，完善社会治安防控体系") is None
    assert catalogue_for("平安").region_code is None


def test_a_body_said_to_hold_a_role():
    text = "（责任单位：市商务局、市财政局，其中市商务局为牵头单位）"
    # Listed twice, the body leads (the linker keeps one link per body, the lead's).
    assert [(a, r) for a, r, _ in read(text, "宁波")] == [
        ("ningbo:sw", "partner"),
        ("ningbo:cz", "partner"),
        ("ningbo:sw", "lead"),
    ]


def test_a_verb_clause_on_a_line_of_its_own_and_by_whom():
    assert read("1. 任务一。\n市发改委牵头，市财政局配合\n2. 任务二", "宁波") == [
        ("ningbo:fgw", "lead", "牵头"),
        ("ningbo:cz", "partner", "配合"),
    ]
    assert read("（由市发改委负责）", "宁波") == [("ningbo:fgw", "lead", "负责")]


@pytest.mark.parametrize(
    "region, name, expected",
    [
        # a division's body, named with its division: the node that division's plans make
        ("安徽", "合肥市人民政府", ("hefei:zf", "合肥市人民政府")),
        ("安徽", "芜湖市发展改革委", ("wuhu:fgw", "芜湖市发展和改革委员会")),
        ("安徽", "合肥市委组织部", ("hefei:zzb", "中共合肥市委组织部")),
        ("北京", "海淀区教委", ("haidian:jy", "海淀区教育局")),
        # the plan's own region: as 市政府 reads, the profile's own body where there is one
        ("舟山", "舟山市人民政府", ("zs-zf", "舟山市人民政府")),
        # customs and the central bank are no city's bodies, whatever their names say
        ("安徽", "合肥海关", ("anhui:hefeihaiguan", "合肥海关")),
        ("安徽", "人行合肥中心支行", ("anhui:renxinghefeizhongxinzhixing", "人行合肥中心支行")),
    ],
)
def test_a_body_named_with_its_division(region, name, expected):
    cat = catalogue_for(region)
    agency = _body(name, cat, matchers(cat), {})
    assert (agency.id, agency.name) == expected


def test_a_note_after_a_name_is_no_part_of_it():
    text = "（牵头单位：市发改委（2023年底前）；责任单位：各有关部门（按职责分工负责））"
    assert [b.name for c in find_clauses(text) for b in c.bodies] == ["市发改委", "各有关部门"]
    # … but a bracket that is part of the name stays
    text = "（责任单位：各区（县级市）政府、中国（安徽）自由贸易试验区管委会）"
    assert [b.name for c in find_clauses(text) for b in c.bodies] == [
        "各区（县级市）政府",
        "中国（安徽）自由贸易试验区管委会",
    ]


def test_a_region_the_gazetteer_does_not_know_is_named_only_as_the_plan_writes_it():
    # An invented city its plan writes as 澄州市 (tests/fixtures/plans/genre-b.txt) …
    cat = catalogue_for("澄州", "澄州市")
    assert _body("市商务局", cat, matchers(cat), {}).name == "澄州市商务局"
    # … and a word of a title, never written as a place: the kind's name alone
    cat = catalogue_for("数字政府", None)
    assert _body("市商务局", cat, matchers(cat), {}).name == "市商务局"


def test_a_national_body_a_local_plan_names_in_prose_is_no_partner():
    # Shanghai's 十四五 纲要 has no clauses; 3.2.6 says 支持人民银行在沪设立金融科技子公司:
    # the central bank is supported, not responsible for the city's task.
    require_corpus()
    from plankg.loaders.plan import load_plan

    plan = load_plan(PLANS / "06-shanghai-shisiwu-gangyao.txt")
    task = next(t for t in plan.tasks if t.label == "3.2.6")
    assert "支持人民银行在沪设立" in fold(plan.text)[task.span.start : task.span.end].replace(
        "\n", ""
    )
    links = [r for r in plan.responsibilities if r.task == task.number]
    assert "cn:rmyh" not in {r.agency for r in links}
    assert [r.role for r in links].count("lead") == 1


@pytest.mark.parametrize(
    "region, form, expected",
    [
        # a 自治州's bodies are written 州…, a 盟's 盟…, an autonomous region's 自治区…
        ("阿坝", "州发展改革委", ("aba-513200:fgw", "阿坝藏族羌族自治州发展和改革委员会")),
        ("阿坝", "州委组织部", ("aba-513200:zzb", "中共阿坝藏族羌族自治州委组织部")),
        ("锡林郭勒", "盟发改委", ("xilinguolei:fgw", "锡林郭勒盟发展和改革委员会")),
        ("内蒙古", "自治区发展改革委", ("neimenggu:fgw", "内蒙古自治区发展和改革委员会")),
        ("内蒙古", "自治区党委组织部", ("neimenggu:zzb", "内蒙古自治区党委组织部")),
    ],
)
def test_the_levels_other_words(region, form, expected):
    # (内蒙古 is 内蒙古自治区's short form: 蒙古 is a people's name, but a stem keeps two
    # characters; its id is neimenggu)
    cat = catalogue_for(region, "内蒙古自治区" if region == "内蒙古" else None)
    agency = _body(form, cat, matchers(cat), {})
    assert (agency.id, agency.name) == expected


def test_bodies_that_carry_it_out():
    text = "（省发展改革委、省财政厅按职责分工负责，各市人民政府落实）"
    assert [(a, r) for a, r, _ in read(text, "安徽")] == [
        ("anhui:fgw", "lead"),
        ("anhui:cz", "lead"),
        ("anhui:municipal-zf", "lead"),
    ]
    text = "（责任处室：规划处、财务处）"
    assert [b.name for c in find_clauses(text) for b in c.bodies] == ["规划处", "财务处"]
    assert find_clauses("（确保各项政策落实）") == []


def test_names_a_line_separates_with_spaces():
    text = "任务一。\n责任单位：市发改委 市财政局\n"
    assert [b.name for c in find_clauses(text) for b in c.bodies] == ["市发改委", "市财政局"]
    text = "（牵头单位：省发展 改革委）"  # a PDF's space inside a name
    assert [b.name for c in find_clauses(text) for b in c.bodies] == ["省发展 改革委"]
    assert read(text, "安徽") == [("anhui:fgw", "lead", "牵头")]


def test_names_with_numbers_and_collectives_above_a_level():
    text = "（责任单位：省12345政务服务便民热线管理中心，2023年底前完成）"
    assert [b.name for c in find_clauses(text) for b in c.bodies] == [
        "省12345政务服务便民热线管理中心"
    ]
    text = "（县级以上地方人民政府负责）"
    assert [b.name for c in find_clauses(text) for b in c.bodies] == ["县级以上地方人民政府"]


def test_a_clause_written_as_the_tasks_last_sentence():
    text = "加快建设城市算力中心，提升算力供给能力。由市发改委牵头，市财政局、市经信局配合。\n"
    assert [(a, r) for a, r, _ in read(text, "宁波")] == [
        ("ningbo:fgw", "lead"),
        ("ningbo:cz", "partner"),
        ("ningbo:jx", "partner"),
    ]
    # a sentence of prose that ends in a role word is none
    for text in (
        "完善机制。各地要积极配合。",
        "加强协作。企业和高校共同参与。",
        "做好衔接。政府负责引导。",
    ):
        assert find_clauses(text) == [], text


def test_labels_run_together_when_lines_are_joined():
    text = "加快建设。牵头单位：市经信局配合单位：市发改委、市财政局"
    assert [(a, r) for a, r, _ in read(text, "宁波")] == [
        ("ningbo:jx", "lead"),
        ("ningbo:fgw", "partner"),
        ("ningbo:cz", "partner"),
    ]
