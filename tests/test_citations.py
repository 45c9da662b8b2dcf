"""Citations on real plans: every 《…》 title a plan names is a citation (its own title
aside), read with the verb, sentence and count the texts give; a cited document that is a
loaded plan is that plan (SAME_AS) whichever of the two is loaded first, on both stores.

The per-plan check scans the texts itself, with its own simple reading of 《…》 (not the
loader's code), and compares the places each title stands at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.neo4j_load import load_plans
from plankg.graph.neo4j_store import Neo4jStore
from plankg.graph.records import ALL
from plankg.loaders import load_plan
from plankg.loaders.model import Plan
from tests.corpus import PLANS, require_corpus
from tests.test_parity import differ

ZHOUSHAN_ID = "zhoushan-gongtongfuyu-2021-2025"
ZHEJIANG = "浙江高质量发展建设共同富裕示范区实施方案"
# Written for these tests, not a real plan (临澜市 is fictional): it cites Zhoushan's plan
# by its title, the Zhejiang plan twice (once by a short name 以下简称 gives it), a law, and
# itself (its notice's 现将《…》, and 本《方案》).
CITING = Path(__file__).resolve().parent / "fixtures" / "citations" / "linlan-citing.txt"
CITING_ID = "linlan-xuexijiejian-2023-2025"

# One level of nesting is all the corpus has (〈…〉 or 《…》 inside a title).
TITLE = re.compile(r"《((?:[^《》〈〉\n]|[《〈][^《》〈〉\n]*[》〉])*)》")
# A plan calls itself 《规划》 or 《纲要》 (05: 以下简称《规划》; 06: 附件：《纲要》).
SELF_SHORT_NAMES = {"规划", "纲要", "方案"}


def reader_titles(plan: Plan) -> set[tuple[int, int]]:
    """Where each 《…》 stands that names another document: not the plan's own title (the
    same words, maybe with its period in brackets, spaces left out) nor its short name."""
    own = re.sub(r"[《》〈〉\s]", "", plan.title)
    found = set()
    for m in TITLE.finditer(plan.text):
        words = re.sub(r"[《》〈〉\s]", "", m[1])
        rest = words[len(own) :] if words.startswith(own) else None
        if rest is not None and re.fullmatch(r"(（[^）]*）)?", rest):
            continue
        if words in SELF_SHORT_NAMES:
            continue
        found.add((m.start(), m.end()))
    return found


def by_document(plan: Plan) -> dict:
    return {c.document: c for c in plan.citations}


@pytest.fixture(scope="module")
def corpus() -> dict[str, Plan]:
    require_corpus()
    return {path.name.split("-")[0]: load_plan(path) for path in sorted(PLANS.glob("*.txt"))}


def test_zhoushan_cites_the_zhejiang_implementation_plan(zhoushan):
    [citation] = zhoushan.citations
    assert citation.document == ZHEJIANG
    assert citation.title == "浙江高质量发展建设共同富裕示范区实施方案"
    assert (citation.kind, citation.verb, citation.count) == ("方案", "落实", 1)
    assert zhoushan.text[citation.span.start : citation.span.end] == citation.evidence
    assert citation.evidence.startswith("为深入学习贯彻习近平新时代中国特色社会主义思想")
    assert "全面落实《浙江高质量发展建设共同富裕示范区实施方案》" in citation.evidence


def test_every_corpus_plan_cites_the_titles_a_reader_finds(corpus):
    for name, plan in corpus.items():
        mentions = {(m.start, m.end) for c in plan.citations for m in c.mentions}
        assert mentions == reader_titles(plan), name
        for c in plan.citations:
            assert plan.text[c.span.start : c.span.end] == c.evidence, name
            assert c.count == len(c.mentions)
            assert any(c.span.start <= m.start < c.span.end for m in c.mentions)
    counts = {name: len(plan.citations) for name, plan in corpus.items()}
    assert counts == {
        "01": 2, "02": 0, "03": 1, "04": 20, "05": 19, "06": 1,
        "07": 0, "08": 1, "09": 2, "10": 2, "11": 3, "12": 2,
    }  # fmt: skip


def test_what_the_texts_say_of_their_citations(corpus):
    def read(name: str, key: str) -> tuple:
        c = by_document(corpus[name])[key]
        return c.title, c.kind, c.verb, c.count

    # 05 lists the laws and plans it rests on, one a line, with no verb before them.
    assert read("05", "中华人民共和国城乡规划法") == ("中华人民共和国城乡规划法", "法律", None, 1)
    assert read("05", "中华人民共和国森林法")[1:] == ("法律", None, 1)
    assert read("05", "城市绿化条例")[1] == "条例"
    assert read("05", "京津冀协同发展规划纲要")[1] == "纲要"
    assert read("05", "北京城市总体规划") == (
        "北京城市总体规划（2016 年—2035 年）",
        "规划",
        None,
        1,
    )
    assert read("05", "山水林田湖草生态保护修复工程指南")[:2] == (
        "山水林田湖草生态保护修复工程指南（试行）",
        "指南",
    )
    # 04: the verb before each, and one document under two bracketed periods or stages.
    assert read("04", "城镇排水和污水处理条例")[1:] == ("条例", "依据", 1)
    assert read("04", "浙江省城市易涝区域整治三年行动方案")[1:] == ("方案", "依据", 3)
    assert read("04", "浙江省海绵城市建设区域评估办法")[1:] == ("办法", "制定", 2)
    assert read("04", "城市排水工程规划规范")[1:] == ("规范", "对照", 1)
    assert read("04", "室外排水设计规范")[1:] == ("规范", "按照", 2)
    assert read("04", "防洪标准")[1:] == ("标准", "按照", 2)  # 按照国家《室外…》《防洪标准》
    assert read("08", "中华人民共和国农业机械化促进法")[1:] == ("法律", "贯彻落实", 1)
    assert read("06", "外商投资法")[1:] == ("法律", "落实", 1)
    # 11 quotes 十四五 with mismatched marks; the key leaves quotation marks out.
    assert read("11", "十四五数字经济发展规划") == ('“十四五"数字经济发展规划', "规划", "根据", 2)
    assert read("12", "四川省政务信息资源共享管理实施细则")[1:] == ("细则", "根据", 1)
    assert read("10", "包头市人民政府办公室关于印发包头市数字政府建设行动方案的通知")[1:] == (
        "通知",
        "按照",
        1,
    )
    # A plan's own title is no citation, however often its notice and page repeat it.
    assert "关于推进北京市数据专区建设的指导意见" not in by_document(corpus["11"])
    assert "阿坝州政务数据资源管理暂行办法" not in by_document(corpus["12"])


def test_a_short_name_and_the_plans_own_name_are_read_as_such():
    plan = load_plan(CITING)
    assert plan.id == CITING_ID
    cited = by_document(plan)
    assert list(cited) == [
        ZHEJIANG,
        "舟山高质量发展建设共同富裕示范区先行市实施方案",
        "中华人民共和国海域使用管理法",
    ]
    # （以下简称《省方案》） names it; 按照《省方案》要求 is its second mention.
    zhejiang = cited[ZHEJIANG]
    assert (zhejiang.title, zhejiang.verb, zhejiang.count) == (
        "浙江高质量发展建设共同富裕示范区实施方案（2021—2025年）",
        "落实",
        2,
    )
    assert plan.text[zhejiang.mentions[1].start : zhejiang.mentions[1].end] == "《省方案》"
    assert cited["舟山高质量发展建设共同富裕示范区先行市实施方案"].verb == "参照"


def test_a_corpus_plan_cites_another_whichever_is_loaded_first(corpus):
    # 03's notice issues itself with 《安徽省工业互联网创新发展行动计划（2021-2023年）》: plan 02.
    cited, citing = corpus["02"], corpus["03"]
    for order in ([cited], [citing]), ([citing], [cited]):
        store = MemoryStore()
        store.load_batches(build_graph(batch) for batch in order)
        [c] = store.citations(citing.id, ALL).items
        assert (c.document, c.plan, c.plan_title) == (
            "安徽省工业互联网创新发展行动计划",
            cited.id,
            "安徽省工业互联网创新发展行动计划",
        )
        [by] = store.cited_by(cited.id, ALL).items
        assert (by.plan, by.title, by.region, by.verb) == (citing.id, citing.title, "安徽", None)


CITATION_ROUTES = [
    f"/plans/{ZHOUSHAN_ID}/citations",
    f"/plans/{ZHOUSHAN_ID}/cited-by",
    f"/plans/{CITING_ID}/citations",
    f"/plans/{CITING_ID}/cited-by",
    f"/plans/{CITING_ID}/citations?limit=1&offset=1",
    "/documents",
    "/documents?q=共同富裕",
    "/documents?limit=1&offset=1",
    f"/documents/{ZHEJIANG}",
    "/documents/舟山高质量发展建设共同富裕示范区先行市实施方案",
    "/documents/nothing",
    "/plans/nowhere/citations",
    "/plans/nowhere/cited-by",
]


@pytest.mark.parametrize("citer_first", [False, True], ids=["cited-first", "citer-first"])
def test_same_as_in_both_load_orders_on_both_stores(zhoushan, neo4j_server, citer_first):
    citing = load_plan(CITING)
    order = [citing, zhoushan] if citer_first else [zhoushan, citing]
    memory = MemoryStore()
    memory.load_batches(build_graph([plan]) for plan in order)
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        for plan in order:  # one load each: the second finds the first in the database
            load_plans(driver, [plan])
    neo4j = Neo4jStore(neo4j_server.bolt_uri)
    with (
        TestClient(create_app(store=memory)) as a,
        TestClient(create_app(store=neo4j)) as b,
    ):
        mismatches = [
            f"{u}: {why}" for u in CITATION_ROUTES if (why := differ(a.get(u), b.get(u), u))
        ]
        assert not mismatches
        cited_by = a.get(f"/plans/{ZHOUSHAN_ID}/cited-by").json()
        assert [(c["plan"], c["verb"]) for c in cited_by["items"]] == [(CITING_ID, "参照")]
        citations = a.get(f"/plans/{CITING_ID}/citations").json()["items"]
        assert [(c["document"], c["plan"], c["count"]) for c in citations] == [
            (ZHEJIANG, None, 2),
            ("舟山高质量发展建设共同富裕示范区先行市实施方案", ZHOUSHAN_ID, 1),
            ("中华人民共和国海域使用管理法", None, 1),
        ]
        shared = a.get(f"/documents/{ZHEJIANG}").json()
        assert (shared["cited_by"], [c["plan"] for c in shared["citing"]]) == (
            2,
            [CITING_ID, ZHOUSHAN_ID],
        )
        # The title is the one first loaded with it, in both stores.
        first = "浙江高质量发展建设共同富裕示范区实施方案" + (
            "（2021—2025年）" if citer_first else ""
        )
        assert shared["title"] == first
        assert a.get("/documents/nothing").headers["content-type"] == "application/problem+json"
        with neo4j_server.driver() as driver:
            same_as = driver.execute_query(
                "MATCH (d:Document)-[:SAME_AS]->(p:Plan) RETURN d.key AS key, p.id AS plan"
            ).records
        assert [(r["key"], r["plan"]) for r in same_as] == [
            ("舟山高质量发展建设共同富裕示范区先行市实施方案", ZHOUSHAN_ID)
        ]
