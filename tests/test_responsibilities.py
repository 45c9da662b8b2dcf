"""The responsibility table (任务分工表) on real plans: rows in the plan's order with its
numbering, leads and partners apart with how each was found and the clause's own word, the
task's targets; per agency across plans; the CSV and the XLSX files; and the same answers
from Neo4j on plans with clauses. Every expected value below was read from the plan texts
(data/plans/, ../shared/corpus/plans/)."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from plankg.api import responsibility_files as files
from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.records import ResponsibilityRow
from plankg.graph.schema import AGENCY_KINDS
from plankg.loaders import load_plan
from tests.conftest import ZHOUSHAN
from tests.corpus import PLANS, require_corpus

ZS = "zhoushan-gongtongfuyu-2021-2025"
RCEP = "anhui-rcep-2022-2024"  # corpus plan 01: （X牵头，Y配合）, （X负责）
ZONES = "quanguo-zonghebaoshui"  # corpus plan 07: 排在第一位的部门为牵头部门，下同
WASTE = "quanguo-wufeichengshi-2018-2020"  # corpus plan 09: （X、Y指导）
BAOTOU = "baotou-shuzizhengfu-2022-2022"  # corpus plan 10: 牵头考核单位：A、B
CORPUS_FILES = [
    "01-anhui-rcep.txt",
    "07-guowuyuan-zongbaoqu.txt",
    "09-guobanfa-wufeichengshi.txt",
    "10-baotou-shuzizhengfu-kaoping.txt",
]


@pytest.fixture(scope="module")
def corpus_plans(zhoushan):
    require_corpus()
    return [zhoushan, *(load_plan(PLANS / name) for name in CORPUS_FILES)]


@pytest.fixture(scope="module")
def client(corpus_plans):
    with TestClient(create_app(store=MemoryStore(build_graph(corpus_plans)))) as c:
        yield c


def table(client, path: str, **params) -> list[dict]:
    answer = client.get(path, params={"limit": 500, **params})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == len(body["items"])
    return body["items"]


def duties(cell: list[dict]) -> list[tuple]:
    return [(d["name"], d["found_by"], d["clause_word"]) for d in cell]


def test_zhoushan_has_45_rows_numbered_as_the_plan(client):
    rows = table(client, f"/plans/{ZS}/responsibilities")
    assert len(rows) == 45
    assert [r["task"] for r in rows] == list(range(1, 46))
    assert [r["number_label"] for r in rows] == [f"{n}." for n in range(1, 46)]
    assert rows[26]["title"] == "构建海岛特色现代化基础设施体系"  # 27.构建海岛特色…
    # The plan has no clause: no cell carries a clause word.
    assert all(d["clause_word"] is None for r in rows for d in [*r["leads"], *r["partners"]])


def test_an_inferred_lead_is_marked_with_its_score_and_terms(client):
    row = table(client, f"/plans/{ZS}/responsibilities")[0]  # 1.打造具有国际竞争力的现代海洋产业
    (lead,) = row["leads"]
    assert (lead["agency"], lead["basis"], lead["found_by"]) == ("zs-jxj", "inferred", "inferred")
    assert 0 < lead["score"] <= 1 and lead["terms"]
    text = ZHOUSHAN.read_text(encoding="utf-8")
    assert text[lead["span_start"] : lead["span_end"]] == lead["evidence"]
    assert any(term in lead["evidence"] for term in lead["terms"])
    assert files.duty_names([ResponsibilityRow.model_validate(row).leads[0]]).endswith("（推断）")


def test_a_body_the_prose_names_is_found_by_text(client):
    # 43.…市委、市政府成立社会建设委员会…社会建设委员会办公室设在市发改委。
    row = table(client, f"/plans/{ZS}/responsibilities")[42]
    assert [(d["agency"], d["found_by"], d["clause_word"]) for d in row["leads"]] == [
        ("zs-sjw", "text", None)
    ]
    assert [(d["basis"], d["terms"]) for d in row["leads"]] == [("explicit", ["社会建设委员会"])]
    assert [d["agency"] for d in row["partners"] if d["found_by"] == "text"] == [
        "zs-sw",  # 市委
        "zs-zf",  # 市政府
        "zs-fgw",  # 市发改委
    ]


def test_rcep_clauses_lead_and_partner_with_their_words(client):
    rows = table(client, f"/plans/{RCEP}/responsibilities")
    assert len(rows) == 24
    # 1.扩大优势产品出口 …（合肥海关负责）…（省商务厅牵头，合肥海关配合）…（省商务厅牵头，省农业农村厅配合）
    first = rows[0]
    assert (first["number_label"], first["title"]) == ("1.", "扩大优势产品出口")
    assert duties(first["leads"]) == [
        ("合肥海关", "clause", "负责"),
        ("安徽省商务厅", "clause", "牵头"),
    ]
    assert duties(first["partners"]) == [("安徽省农业农村厅", "clause", "配合")]
    assert first["leads"][0]["evidence"] == "（合肥海关负责）"
    assert first["partners"][0]["evidence"] == "（省商务厅牵头，省农业农村厅配合）"
    # 3.用好原产地规则 …（合肥海关牵头，省贸促会、省商务厅按职责分工配合）
    third = rows[2]
    assert duties(third["leads"]) == [("合肥海关", "clause", "牵头")]
    assert duties(third["partners"]) == [
        ("安徽省国际贸易促进委员会", "clause", "配合"),
        ("安徽省商务厅", "clause", "配合"),
    ]
    assert all(d["basis"] == "explicit" for r in rows for d in [*r["leads"], *r["partners"]])


def test_the_first_listed_leads_where_the_plan_says_so(client):
    rows = table(client, f"/plans/{ZONES}/responsibilities")
    # 1.…（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）
    assert duties(rows[0]["leads"]) == [("国家税务总局", "clause", "负责")]
    assert [d["name"] for d in rows[0]["partners"]] == [
        "中华人民共和国财政部",
        "中华人民共和国海关总署",
    ]
    # 2.…（海关总署、财政部、税务总局负责）: the rule holds on (下同)
    assert duties(rows[1]["leads"]) == [("中华人民共和国海关总署", "clause", "负责")]
    assert duties(rows[1]["partners"]) == [
        ("中华人民共和国财政部", "clause", "负责"),
        ("国家税务总局", "clause", "负责"),
    ]


def test_guiding_and_taking_part_keep_their_words(client):
    rows = table(client, f"/plans/{WASTE}/responsibilities")
    # 建立“无废城市”建设指标体系 …（生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、
    # 农业农村部、国家统计局参与）
    assert duties(rows[0]["leads"]) == [("中华人民共和国生态环境部", "clause", "牵头")]
    assert [d["clause_word"] for d in rows[0]["partners"]] == ["参与"] * 5
    # 优化固体废物管理体制机制 …（生态环境部指导，试点城市政府负责落实。…）: both lead, as written
    assert [(d["found_by"], d["clause_word"]) for d in rows[1]["leads"]] == [
        ("clause", "指导"),
        ("clause", "负责落实"),
    ]
    assert rows[1]["leads"][1]["name"] == "试点城市政府"
    assert rows[1]["number_label"] == ""  # the plan numbers no task


def test_bodies_of_no_kind_are_typed_by_their_names(client):
    kinds = {
        a["name"]: a["kind"]
        for a in client.get("/agencies", params={"plan": RCEP, "limit": 500}).json()["items"]
    }
    # （合肥海关牵头，省港航集团、省机场集团按职责分工负责）; （省十大新兴产业推进组工作专班牵头单位牵头，…）
    assert kinds["合肥海关"] == "government"
    assert kinds["省港航集团"] == "enterprise"
    assert kinds["省十大新兴产业推进组工作专班成员单位"] == "role"
    assert kinds["安徽省商务厅"] == "government"
    nodes = client.get("/graph/export", params={"plan": RCEP, "format": "json"}).json()["nodes"]
    agencies = {n["id"]: n for n in nodes if n["label"] == "Agency"}
    assert agencies["anhui:sw"]["body_kind"] == "sw"  # 商务 of data/agencies.yaml
    assert agencies["anhui:hefeihaiguan"].get("body_kind") is None  # no genre kind
    assert {a["kind"] for a in agencies.values()} <= set(AGENCY_KINDS)


def test_baotou_names_its_examining_leads(client):
    rows = table(client, f"/plans/{BAOTOU}/responsibilities")
    # 3．全面提升“12345"政务热线服务水平 …19类功能模块…（6月底完成，牵头考核单位：市政府办公室、市公安局）
    row = rows[2]
    assert row["title"] == '全面提升“12345"政务热线服务水平'
    assert [(d["found_by"], d["clause_word"]) for d in row["leads"]] == [
        ("clause", "牵头考核单位")
    ] * 2
    assert [d["evidence"] for d in row["leads"]] == [
        "（6月底完成，牵头考核单位：市政府办公室、市公安局）"
    ] * 2
    assert row["partners"] == []
    assert [(t["name"], t["value"], t["unit"]) for t in row["targets"]] == [
        ("功能模块", 19.0, "类")
    ]
    # 1．…（5月底取得明显成效并持续推进，牵头考核单位：市审批服务局）
    assert duties(rows[0]["leads"]) == [("市审批服务局", "clause", "牵头考核单位")]


def test_targets_and_years_of_a_task(client):
    # 4.扩大有效投资 …“十四五”期间(to 2025)…重大建设项目336个,完成全市重大项目投资4500亿。
    row = table(client, f"/plans/{ZS}/responsibilities")[3]
    assert [(t["name"], t["value"], t["unit"], t["year"]) for t in row["targets"]] == [
        ("科技创新、现代产业、交通设施、生态环保、社会民生五大领域重大建设项目", 336.0, "个", 2025),
        ("全市重大项目投资", 4500.0, "亿", 2025),
    ]


def test_one_agency_across_plans(client):
    # 商务部 in plan 07's clauses: tasks 3, 4, 6, 14, 15, 18, 19, 21; in plan 09's, always
    # among those who 指导 (no 牵头 beside it), in six task paragraphs.
    rows = table(client, "/agencies/商务部/responsibilities", plan="*")
    by_plan = {p: [r["task"] for r in rows if r["plan"] == p] for p in {r["plan"] for r in rows}}
    assert sorted(by_plan) == [WASTE, ZONES]
    assert [r["plan"] for r in rows] == sorted(r["plan"] for r in rows)  # plans in id order
    assert by_plan[ZONES] == [3, 4, 6, 14, 15, 18, 19, 21]
    assert len(by_plan[WASTE]) == 6
    for r in rows:
        mine = [d for d in [*r["leads"], *r["partners"]] if d["agency"] == "cn:sw"]
        assert len(mine) == 1 and mine[0]["found_by"] == "clause"
        if r["plan"] == WASTE:
            assert mine[0] in r["leads"] and mine[0]["clause_word"] == "指导"
    # One plan: 合肥海关 is in the clauses of plan 01's tasks 1, 2, 3, 4, 17 and 23.
    assert table(client, "/agencies/合肥海关/responsibilities", plan=RCEP) == [
        r
        for r in table(client, f"/plans/{RCEP}/responsibilities")
        if r["task"] in (1, 2, 3, 4, 17, 23)
    ]


def test_json_pages_add_up_to_the_table(client):
    whole = table(client, f"/plans/{BAOTOU}/responsibilities")
    pages = [
        client.get(f"/plans/{BAOTOU}/responsibilities", params={"limit": 40, "offset": o}).json()
        for o in (0, 40, 80)
    ]
    assert [p["total"] for p in pages] == [90] * 3
    assert [r for p in pages for r in p["items"]] == whole


def names(cell: list[dict]) -> str:
    return "、".join(d["name"] + ("（推断）" if d["basis"] == "inferred" else "") for d in cell)


@pytest.mark.parametrize("plan", [ZS, RCEP])
def test_csv_parsed_back_equals_the_json_rows(client, plan):
    rows = table(client, f"/plans/{plan}/responsibilities")
    answer = client.get(f"/plans/{plan}/responsibilities", params={"format": "csv", "limit": 1})
    assert answer.headers["content-type"] == files.CSV_MEDIA
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="{plan}-responsibilities.csv"'
    )
    assert answer.content.startswith("\ufeff".encode())  # the BOM Excel needs
    parsed = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert parsed[0] == files.HEADERS
    assert len(parsed) == 1 + len(rows)  # every row, whatever the limit
    for line, row in zip(parsed[1:], rows, strict=True):
        cell = dict(zip(files.HEADERS, line, strict=True))
        years = sorted({t["year"] for t in row["targets"] if t["year"]})
        assert cell == {
            "规划编号": row["plan"],
            "规划": row["plan_title"],
            "任务号": str(row["task"]),
            "编号": row["number_label"],
            "任务": row["title"],
            "章": row["chapter_title"],
            "牵头单位": names(row["leads"]),
            "配合单位": names(row["partners"]),
            "分工依据": cell["分工依据"],  # below, for one row read by hand
            "目标": cell["目标"],
            "年份": "、".join(map(str, years)),
        }
        assert len(cell["目标"].split("；")) == len(row["targets"]) or not row["targets"]
    if plan == RCEP:  # 1.扩大优势产品出口: （合肥海关负责）（省商务厅牵头，…省农业农村厅配合）
        assert parsed[1][6:9] == [
            "合肥海关、安徽省商务厅",
            "安徽省农业农村厅",
            "合肥海关：负责；安徽省商务厅：牵头；安徽省农业农村厅：配合",
        ]
    else:  # 4.扩大有效投资: inferred, with two targets of the 十四五 period
        assert parsed[4][6] == "舟山市发展和改革委员会（推断）"
        assert parsed[4][9] == (
            "科技创新、现代产业、交通设施、生态环保、社会民生五大领域重大建设项目 336个（2025年）；"
            "全市重大项目投资 4500亿（2025年）"
        )


def test_xlsx_has_title_header_frozen_panes_and_a_row_per_task(client):
    answer = client.get(f"/plans/{ZS}/responsibilities", params={"format": "xlsx"})
    assert answer.headers["content-type"] == files.XLSX_MEDIA
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="{ZS}-responsibilities.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(answer.content)).active
    title = client.get(f"/plans/{ZS}").json()["title"]
    assert sheet["A1"].value == f"{title}：任务分工表"
    assert [c.value for c in sheet[2]] == files.HEADERS
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:K47"
    assert sheet.max_row == 2 + 45
    assert sheet["D3"].value == "1." and sheet["D47"].value == "45."
    assert sheet["G3"].value == "舟山市经济和信息化局（推断）"  # task 1's inferred lead
    assert sheet["G3"].alignment.wrap_text
    assert sheet.column_dimensions["E"].width == 36
    # The same rows give the same bytes (no time in the file): its ETag holds.
    again = client.get(f"/plans/{ZS}/responsibilities", params={"format": "xlsx"})
    assert again.content == answer.content


def test_bad_requests_are_problems(client):
    bad = client.get(f"/plans/{ZS}/responsibilities", params={"format": "pdf"})
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    assert "'json', 'csv' or 'xlsx'" in bad.json()["detail"]
    missing = client.get("/plans/nowhere-2020-2025/responsibilities")
    assert missing.status_code == 404 and "no plan 'nowhere-2020-2025'" in missing.json()["detail"]
    nobody = client.get("/agencies/nobody/responsibilities", params={"plan": "*"})
    assert nobody.status_code == 404


def test_neo4j_gives_the_same_tables(corpus_plans, neo4j_server):
    """Parity on plans with clauses (the parity suite's plans have none): JSON and CSV."""
    from plankg.graph.neo4j_load import load_plans
    from plankg.graph.neo4j_store import Neo4jStore

    plans = corpus_plans[1:]
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, plans)
    requests = [
        f"/plans/{p.id}/responsibilities?limit=500&format={f}"
        for p in plans
        for f in ("json", "csv")
    ]
    requests += [
        "/agencies/cn:sw/responsibilities?plan=*&limit=500",
        "/agencies/cn:sw/responsibilities?plan=*&format=csv",
        f"/agencies/合肥海关/responsibilities?plan={RCEP}&limit=3&offset=2",
    ]
    memory = MemoryStore(build_graph(plans))
    with (
        TestClient(create_app(store=memory)) as a,
        TestClient(create_app(store=Neo4jStore(neo4j_server.bolt_uri))) as b,
    ):
        for url in requests:
            left, right = a.get(url), b.get(url)
            assert (left.status_code, left.content) == (right.status_code, right.content), url


def test_plan_id_in_filename_is_safe():
    assert files.filename("anhui:hefeihaiguan-all", "csv") == (
        "anhui-hefeihaiguan-all-responsibilities.csv"
    )
