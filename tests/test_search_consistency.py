"""Search answers as the pages do (issue 22, point 1): a query naming a place, agency or
theme, in Chinese or English, answers with exactly the tasks that entity's own page lists,
on the Zhoushan plan and on three corpus plans loaded together; a phrase query puts the
tasks holding the phrase first, the tasks found only by its sub-words after, apart.

The counts were read from the plan texts: 岱山 is named in tasks 26 and 31 and, as 舟岱大桥,
in 27; 市发改委 leads six tasks by inference and is named as a partner in 43; 公共服务 is
written in tasks 3, 4, 5, 10, 15, 16, 18, 23, 26, 28, 30, 37 and 44. In the Anhui RCEP plan
省商务厅 is in the clauses of 18 tasks (16 leading, 2 partnering), 合肥 names a place in
tasks 2, 5, 6, 18, 19 (合肥海关 and 人行合肥中心支行 are bodies); in the State Council's
综合保税区 plan 海关总署 is in 21 tasks' clauses; in the farm machinery plan 农业农村部 in
17 (12 leading).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.loaders import load_plan
from tests.corpus import PLANS, require_corpus

ZHOUSHAN = "zhoushan-gongtongfuyu-2021-2025"
PAGES = {"place": "/places/{}/tasks", "agency": "/agencies/{}/tasks", "theme": "/themes/{}/tasks"}

# (plan, query, the entity it names, its tasks) on the Zhoushan plan.
ZHOUSHAN_ENTITIES = [
    ("偏远海岛", "theme", "remote-islands", 7),
    ("remote islands", "theme", "remote-islands", 7),
    ("Remote Islands", "theme", "remote-islands", 7),
    ("市发改委", "agency", "zs-fgw", 7),
    ("舟山市发展和改革委员会", "agency", "zs-fgw", 7),
    ("舟山市发改委", "agency", "zs-fgw", 7),
    ("市发展改革委", "agency", "zs-fgw", 7),
    ("发改委", "agency", "zs-fgw", 7),
    ("Zhoushan Municipal Development and Reform Commission", "agency", "zs-fgw", 7),
    ("市人力社保局", "agency", "zs-rsj", 4),
    ("Zhoushan Municipal Education Bureau", "agency", "zs-jyj", 1),
    ("岱山", "place", "daishan", 3),
    ("岱山县", "place", "daishan", 3),
    ("Daishan", "place", "daishan", 3),
    ("Daishan County", "place", "daishan", 3),
    ("嵊泗", "place", "shengsi", 3),
    ("Shengsi", "place", "shengsi", 3),
    ("养老服务", "theme", "elderly-care", 3),
    ("elderly care", "theme", "elderly-care", 3),
    ("共同富裕", "theme", "common-prosperity", 11),
    ("marine economy", "theme", "marine-economy", 9),
]

# The same on three corpus plans loaded together, each searched by itself.
CORPUS_ENTITIES = [
    ("anhui-rcep-2022-2024", "省商务厅", "agency", "anhui:sw", 18),
    ("anhui-rcep-2022-2024", "安徽省商务厅", "agency", "anhui:sw", 18),
    ("anhui-rcep-2022-2024", "Anhui Province Department of Commerce", "agency", "anhui:sw", 18),
    ("anhui-rcep-2022-2024", "合肥", "place", "hefei", 5),
    ("anhui-rcep-2022-2024", "Hefei", "place", "hefei", 5),
    ("anhui-rcep-2022-2024", "ASEAN", "place", "asean", 5),
    ("quanguo-zonghebaoshui", "海关总署", "agency", "cn:hg", 21),
    ("quanguo-zonghebaoshui", "自由贸易试验区", "theme", "free-trade-zone", 20),
    ("quanguo-nongyejixie-2018-2025", "农业农村部", "agency", "cn:nync", 17),
    ("quanguo-nongyejixie-2018-2025", "乡村振兴", "theme", "rural-revitalisation", 18),
    ("quanguo-nongyejixie-2018-2025", "rural revitalisation", "theme", "rural-revitalisation", 18),
]
CORPUS_PLANS = ["01-anhui-rcep", "07-guowuyuan-zongbaoqu", "08-guowuyuan-nongjihua"]


@pytest.fixture(scope="module")
def zhoushan_client():
    with TestClient(create_app()) as c:
        yield c


@pytest.fixture(scope="module")
def corpus_client():
    require_corpus()
    plans = [load_plan(PLANS / f"{name}.txt") for name in CORPUS_PLANS]
    with TestClient(create_app(store=MemoryStore(build_graph(plans)))) as c:
        yield c


def get(client: TestClient, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def search_agrees_with_page(
    client: TestClient, plan: str | None, query: str, kind: str, entity: str, count: int
) -> dict:
    """Search's entity group is the entity page's list; returns the search answer."""
    plan_param = {"plan": plan} if plan else {}
    found = get(client, "/search", q=query, limit=500, **plan_param)
    listed = get(client, PAGES[kind].format(entity), limit=500, **plan_param)
    assert found["entity"] is not None, query
    assert (found["entity"]["kind"], found["entity"]["id"]) == (kind, entity)
    assert found["entity"]["tasks"] == found["groups"]["entity"] == listed["total"] == count
    ours = [(h["plan"], h["number"]) for h in found["items"] if h["match"] == "entity"]
    assert sorted(ours) == sorted((t["plan"], t["number"]) for t in listed["items"])
    # the entity's tasks come first, then the others
    matches = [h["match"] for h in found["items"]]
    assert matches == sorted(matches, key=["entity", "phrase", "words"].index)
    return found


@pytest.mark.parametrize(("query", "kind", "entity", "count"), ZHOUSHAN_ENTITIES)
def test_zhoushan_search_answers_as_the_page(zhoushan_client, query, kind, entity, count):
    search_agrees_with_page(zhoushan_client, None, query, kind, entity, count)


@pytest.mark.parametrize(("plan", "query", "kind", "entity", "count"), CORPUS_ENTITIES)
def test_corpus_search_answers_as_the_page(corpus_client, plan, query, kind, entity, count):
    search_agrees_with_page(corpus_client, plan, query, kind, entity, count)


def test_the_read_task_numbers(zhoushan_client, corpus_client):
    def numbers(client, query, plan=None):
        found = get(client, "/search", q=query, limit=500, **({"plan": plan} if plan else {}))
        return sorted(h["number"] for h in found["items"] if h["match"] == "entity")

    assert numbers(zhoushan_client, "岱山") == [26, 27, 31]
    assert numbers(corpus_client, "合肥", "anhui-rcep-2022-2024") == [2, 5, 6, 18, 19]
    fgw = get(zhoushan_client, "/agencies/zs-fgw")
    assert (fgw["leads_stated"], fgw["leads_inferred"]) == (0, 6)
    assert (fgw["partners_stated"], fgw["partners_inferred"]) == (1, 0)
    sw = get(corpus_client, "/agencies/anhui:sw", plan="anhui-rcep-2022-2024")
    stated = (sw["leads"], sw["leads_stated"], sw["partners"], sw["partners_stated"])
    assert stated == (16, 16, 2, 2)


def test_a_phrase_ranks_first_and_sub_words_come_apart(zhoushan_client):
    found = get(zhoushan_client, "/search", q="公共服务", limit=500)
    assert found["entity"] is None
    assert found["groups"] == {"entity": 0, "phrase": 13, "words": found["total"] - 13}
    phrase = [h["number"] for h in found["items"] if h["match"] == "phrase"]
    assert sorted(phrase) == [3, 4, 5, 10, 15, 16, 18, 23, 26, 28, 30, 37, 44]
    assert [h["match"] for h in found["items"][:13]] == ["phrase"] * 13
    assert found["groups"]["words"] > 0  # 公共 / 服务 alone widen it, below


def test_remote_islands_in_both_languages(zhoushan_client):
    """偏远海岛 and "remote islands" give the theme's 7 tasks first; the Chinese query's
    sub-words (偏远, 远海, 海岛) and the theme's synonyms widen it by 13 more, apart."""
    chinese = get(zhoushan_client, "/search", q="偏远海岛", limit=500)
    english = get(zhoushan_client, "/search", q="remote islands", limit=500)
    assert chinese["groups"] == {"entity": 7, "phrase": 0, "words": 13}
    assert english["groups"]["entity"] == 7
    first = sorted(h["number"] for h in chinese["items"][:7])
    assert first == sorted(h["number"] for h in english["items"][:7])
    assert first == [16, 18, 20, 22, 27, 29, 38]


def test_a_theme_is_named_by_its_names_not_its_synonyms(zhoushan_client):
    """ "Ports and shipping" names the theme 港口航运; "ports", one of the lexicon's English
    words for it, is a synonym: the same 8 tasks, found as words."""
    named = get(zhoushan_client, "/search", q="Ports and shipping", limit=500)
    synonym = get(zhoushan_client, "/search", q="ports", limit=500)
    assert named["entity"]["id"] == "ports-and-shipping"
    assert named["groups"] == {"entity": 8, "phrase": 0, "words": 0}
    assert synonym["entity"] is None
    assert synonym["groups"] == {"entity": 0, "phrase": 0, "words": 8}
    assert {h["number"] for h in named["items"]} == {h["number"] for h in synonym["items"]}


def test_a_query_naming_nothing_has_no_entity(zhoushan_client):
    found = get(zhoushan_client, "/search", q="xyzzy")
    assert (found["entity"], found["total"], found["groups"]) == (
        None,
        0,
        {"entity": 0, "phrase": 0, "words": 0},
    )


def test_every_plan_at_once(corpus_client):
    """plan=*: the entity's tasks in every plan (商务部 is in the 综保区 plan's clauses of 8
    tasks, and partners in 3 of the farm machinery plan's), each hit with its plan's title."""
    found = get(corpus_client, "/search", q="商务部", plan="*", limit=500)
    listed = get(corpus_client, "/agencies/cn:sw/tasks", plan="*", limit=500)
    assert found["entity"]["id"] == "cn:sw"
    assert found["groups"]["entity"] == listed["total"] == 11
    plans = {h["plan"] for h in found["items"] if h["match"] == "entity"}
    assert plans == {"quanguo-zonghebaoshui", "quanguo-nongyejixie-2018-2025"}
    titles = {h["plan"]: h["plan_title"] for h in found["items"]}
    for plan, title in titles.items():
        assert get(corpus_client, f"/plans/{plan}")["title"] == title
