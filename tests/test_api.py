"""The REST API over the embedded store, through HTTP, on the real plan."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app

PLAN = "zhoushan-gongtongfuyu-2021-2025"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        yield c


def get(client, url, status=200, **params):
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    return response.json()


def test_health(client):
    body = get(client, "/health")
    assert body["status"] == "ok" and body["backend"] == "memory"
    assert (body["plans"], body["tasks"], body["indicators"]) == (1, 45, 70)
    assert body["places"] > 30 and body["agencies"] > 10


def test_plans(client):
    page = get(client, "/plans")
    assert page["total"] == 1 and page["limit"] == 50 and page["offset"] == 0
    plan = page["items"][0]
    assert plan["id"] == PLAN
    assert (plan["chapters"], plan["goals"], plan["tasks"], plan["indicators"]) == (9, 5, 45, 70)
    assert plan["published"] == "2022-02-28"
    assert get(client, f"/plans/{PLAN}") == plan
    get(client, "/plans/nowhere-2020-2025", 404)


def test_chapters(client):
    page = get(client, "/chapters")
    assert [c["tasks"] for c in page["items"]] == [0, 8, 6, 9, 7, 3, 4, 3, 5]
    chapter = get(client, "/chapters/4")
    assert chapter["title"] == "打造海岛公共服务优质共享样板"
    assert [t["number"] for t in chapter["task_list"]] == list(range(15, 24))
    assert [g["number"] for g in get(client, "/chapters/1")["goal_list"]] == [1, 2, 3, 4, 5]
    get(client, "/chapters/10", 404)


def test_task_27_names_its_places_and_targets(client):
    task = get(client, "/tasks/27")
    assert task["title"] == "构建海岛特色现代化基础设施体系"
    assert task["chapter"] == 5 and task["chapter_title"] == "构建群岛共兴、城乡共富新格局"
    places = {p["id"]: p for p in task["places"]}
    assert {"shengsi", "liuheng", "daishan"} <= places.keys()
    shengsi = places["shengsi"]
    assert (
        shengsi["evidence"]
        == "抓好大陆引水,建成大陆引水三期、嵊泗大陆引水工程,推动域外优质水源引水工程,实现与浙江水网连通,融入国家水网。"
    )
    text = client.get("/plans").json()  # spans point into the plan text
    assert text["items"][0]["sha256"]
    assert task["indicators"] == []  # 220千伏 is a voltage, 1小时交通圈 a radius: no targets
    lead = [a for a in task["agencies"] if a["role"] == "lead"]
    assert len(lead) == 1 and lead[0]["basis"] == "inferred"


def test_task_with_targets(client):
    task = get(client, "/tasks/6")
    assert [(i["name"], i["value"], i["unit"]) for i in task["indicators"]][:2] == [
        ("大宗商品交易额", 2, "万亿元"),
        ("油品储存能力", 4000, "万立方米"),
    ]
    assert all(i["scope"] == "task" and i["scope_number"] == 6 for i in task["indicators"])


def test_task_filters(client):
    assert get(client, "/tasks")["total"] == 45
    assert [t["number"] for t in get(client, "/tasks", chapter=6)["items"]] == [31, 32, 33]
    assert [t["number"] for t in get(client, "/tasks", place="岱山")["items"]] == [26, 27, 31]
    assert get(client, "/tasks", place="daishan") == get(client, "/tasks", place="Daishan County")
    assert [t["number"] for t in get(client, "/tasks", q="慈善")["items"]] == [14]
    page = get(client, "/tasks", limit=10, offset=40)
    assert [t["number"] for t in page["items"]] == [41, 42, 43, 44, 45]
    assert (page["total"], page["limit"], page["offset"]) == (45, 10, 40)


def test_goals(client):
    page = get(client, "/goals")
    assert [(g["number"], g["year"]) for g in page["items"]] == [
        (1, 2025),
        (2, 2025),
        (3, 2025),
        (4, 2025),
        (5, 2035),
    ]
    goal = get(client, "/goals/5")
    assert [(i["name"], i["value"], i["comparator"]) for i in goal["indicators"]] == [
        ("人均地区生产总值", 30, ">"),
        ("常住人口城镇化率", 80, "~"),
    ]


def test_indicators(client):
    assert get(client, "/indicators", limit=500)["total"] == 70
    assert get(client, "/indicators", year=2035)["total"] == 2
    assert get(client, "/indicators", goal=1)["total"] == 6
    task10 = get(client, "/indicators", task=10)["items"]
    assert [(i["name"], i["value"], i["unit"], i["comparator"]) for i in task10] == [
        ("5年城镇新增就业", 15, "万人", "="),
        ("城镇登记失业率", 3, "%", "<="),
        ("大学生见习基地", 100, "家", "="),
    ]
    assert get(client, "/indicators", unit="亿吨")["total"] == 3
    assert [i["name"] for i in get(client, "/indicators", q="污水")["items"]] == [
        "新增城镇污水处理能力",
        "农村生活污水处理设施行政村覆盖率",
    ]


def test_places_by_chinese_and_english_name_agree(client):
    by_zh = get(client, "/places/岱山/tasks")
    assert (
        by_zh == get(client, "/places/daishan/tasks") == get(client, "/places/Daishan County/tasks")
    )
    assert [t["number"] for t in by_zh["items"]] == [26, 27, 31]
    place = get(client, "/places/衢山")
    assert place["parent"] == "daishan"
    assert [p["id"] for p in place["parents"]][:2] == ["daishan", "zhoushan"]
    get(client, "/places/atlantis", 404)


def test_places_include_parts(client):
    assert [t["number"] for t in get(client, "/places/putuo/tasks")["items"]] == [26]
    with_parts = get(client, "/places/普陀/tasks", include_parts="true")["items"]
    assert [(t["number"], [m["id"] for m in t["mentions"]]) for t in with_parts] == [
        (26, ["putuo", "puzhu", "liuheng", "shenjiamen"]),
        (27, ["liuheng"]),
        (31, ["mayidao"]),
        (33, ["putuoshan", "zhujiajian"]),
        (35, ["zhongjieshan-islands", "langgangshan-islands"]),
    ]
    daishan = get(client, "/places/daishan/tasks", include_parts="true")["items"]
    assert [m["id"] for m in daishan[0]["mentions"]] == ["daishan", "qushan"]  # 衢山 is in 岱山


def test_agencies(client):
    page = get(client, "/agencies", limit=500)
    leads = sum(a["leads"] for a in page["items"])
    assert leads == 45
    education = get(client, "/agencies/市教育局/tasks", role="lead")
    assert 16 in [t["number"] for t in education["items"]]


def test_themes_remote_islands(client):
    page = get(client, "/themes/remote-islands/tasks")
    numbers = [t["number"] for t in page["items"]]
    assert {16, 18, 20, 22, 27, 29, 38} <= set(numbers)
    assert all(t["evidence"] for t in page["items"])
    assert get(client, "/themes/Remote islands/tasks") == page
    get(client, "/themes/no-such-theme/tasks", 404)


@pytest.mark.parametrize("q", ["remote islands", "偏远海岛"])
def test_search_remote_islands(client, q):
    page = get(client, "/search", q=q)
    top = [hit["number"] for hit in page["items"][:5]]
    assert {20, 29, 38} <= set(top)
    hit = page["items"][0]
    assert any("<mark>" in h["marked"] for h in hit["highlights"])


def test_search_by_the_english_name_of_a_region_profile_place(client):
    """六横 is in the Zhoushan profile, not the national gazetteer: its English works too."""
    assert [h["number"] for h in get(client, "/search", q="Liuheng")["items"]] == [26, 27]


def test_search_mixed_query(client):
    page = get(client, "/search", q="elderly care 养老")
    assert page["items"][0]["number"] == 20


def test_graph_neighbourhood(client):
    graph = get(client, "/graph", focus=f"{PLAN}-task-27", depth=1)
    types = {n["type"] for n in graph["nodes"]}
    assert {"Task", "Chapter", "Place", "Agency", "Theme"} <= types
    assert graph["nodes"][0]["id"] == f"{PLAN}-task-27"
    assert graph["nodes"][0]["label"] == "27. 构建海岛特色现代化基础设施体系"
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    places = get(client, "/graph", focus=f"{PLAN}-task-27", depth=2, type="Place", lang="en")
    assert {n["type"] for n in places["nodes"][1:]} == {"Place"}
    assert "Shengsi County" in {n["label"] for n in places["nodes"]}
    get(client, "/graph", 404, focus="nothing")
    get(client, "/graph", 422, focus=f"{PLAN}-task-27", depth=4)


def test_graph_export(client):
    graphml = client.get("/graph/export", params={"format": "graphml"})
    assert graphml.status_code == 200
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert b"<graphml" in graphml.content and b"zhoushan-gongtongfuyu-2021-2025-task-27" in graphml.content
    data = get(client, "/graph/export", format="json")
    assert len([n for n in data["nodes"] if n["label"] == "Task"]) == 45


def test_errors_are_problem_json(client):
    response = client.get("/tasks/99")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": f"no task 99 in plan '{PLAN}'",
        "instance": "/tasks/99",
    }
    bad = client.get("/tasks", params={"limit": 0})
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    assert bad.json()["detail"].startswith("limit: Input should be greater than or equal to 1")
    long = client.get("/search", params={"q": "海" * 201})
    assert long.status_code == 422
    assert "at most 200 characters" in long.json()["detail"]


def test_etag_and_no_cors_by_default(client):
    first = client.get("/tasks/27", headers={"Origin": "http://example.org"})
    assert "access-control-allow-origin" not in first.headers  # PLANKG_CORS_ORIGINS unset
    assert first.headers["cache-control"].startswith("public")
    again = client.get("/tasks/27", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_openapi_documents_every_route(client):
    schema = get(client, "/openapi.json")
    for path in [
        "/health",
        "/plans",
        "/chapters/{number}",
        "/tasks/{number}",
        "/goals",
        "/indicators",
        "/places/{place}/tasks",
        "/agencies/{agency}/tasks",
        "/themes/{theme}/tasks",
        "/search",
        "/graph",
        "/graph/export",
    ]:
        assert path in schema["paths"]
    assert "Problem" in schema["components"]["schemas"]


def test_plankg_plans_loads_more_plans(monkeypatch):
    from tests.conftest import FIXTURES, ZHOUSHAN

    other = FIXTURES / "plans" / "genre-b.txt"
    monkeypatch.setenv("PLANKG_PLANS", f"{ZHOUSHAN}:{other}")
    with TestClient(create_app()) as two:
        assert [p["id"] for p in get(two, "/plans")["items"]] == ["chengzhou-zhongbudiqu-2023-2027", PLAN]
        assert get(two, "/health")["tasks"] == 45 + 18
        assert get(two, "/tasks/27", plan=PLAN)["title"] == "构建海岛特色现代化基础设施体系"
        assert get(two, "/tasks", plan="chengzhou-zhongbudiqu-2023-2027")["total"] == 18
        assert get(two, "/tasks/27", 404, plan="chengzhou-zhongbudiqu-2023-2027")["detail"] == (
            "no task 27 in plan 'chengzhou-zhongbudiqu-2023-2027'"
        )
        assert get(two, "/tasks", 404, plan="nowhere")["status"] == 404
        # cross-plan questions: plan=*
        urbanisation = get(two, "/indicators", plan="*", name="城镇化率")["items"]
        assert [(i["plan"], i["value"], i["year"]) for i in urbanisation] == [
            ("chengzhou-zhongbudiqu-2023-2027", 68, 2027),
            (PLAN, 75, 2025),
            (PLAN, 80, 2035),
        ]
        education = get(two, "/themes/education/tasks", plan="*")["items"]
        assert {t["plan"] for t in education} == {PLAN, "chengzhou-zhongbudiqu-2023-2027"}
        assert [t["score"] for t in education] == sorted(
            (t["score"] for t in education), reverse=True
        )
        assert get(two, "/tasks", plan="*")["total"] == 63
        # 市财政局 is the finance bureau of both cities: a plan's own, whichever id sorts first
        chengzhou = "chengzhou-zhongbudiqu-2023-2027"
        assert get(two, "/agencies/市财政局", plan=PLAN)["id"] == "zs-czj"
        assert get(two, "/agencies/市财政局", plan=chengzhou)["id"] == "chengzhou:cz"
        led = get(two, "/agencies/市财政局/tasks", plan=chengzhou)["items"]
        assert {t["plan"] for t in led} == {chengzhou}
        single = get(two, "/tasks/1", 422, plan="*")
        assert single["detail"].startswith("plan=* (every plan) works on /tasks, /indicators")


def test_two_plans_with_one_id_are_refused(zhoushan):
    from plankg.graph.build import build_graph

    copy = zhoushan.model_copy(update={"source": "copy.txt"})
    with pytest.raises(ValueError, match="copy.txt and zhoushan-2021-2025.txt are both plan"):
        build_graph([zhoushan, copy])
