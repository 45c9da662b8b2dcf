"""Tables people filter (GET /plans/{id}/table/{kind}) on the Zhoushan plan and on corpus
plan 01 (Anhui RCEP): facets, counts, sorting, paging, and the CSV of every filtered row.

The counts come from the plan text: its chapter headings (二、… holds tasks 1.–8.), the
tasks whose paragraphs name 岱山 (26. 岱山建成…, 27. 舟岱大桥, 31. 岱山、嵊泗创成…), and the
RCEP plan's responsibility clauses (its gold reading lists every task's leads).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.loaders import load_plan
from tests.corpus import GOLD, PLANS, require_corpus

PLAN = "zhoushan-gongtongfuyu-2021-2025"
TABLE = f"/plans/{PLAN}/table"
RCEP = "anhui-rcep-2022-2024"
# Tasks the loader reads a target in (test_zhoushan_targets holds the targets themselves).
WITH_TARGETS = [2, 3, 4, 6, 7, 8, 10, 12, 16, 17, 18, 21, 28, 29, 34]


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app()) as c:
        yield c


def get(client, url, status=200, **params):
    # httpx replaces a URL's own query with `params`, even an empty one.
    response = client.get(url, params=params) if params else client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def numbers(page: dict) -> list[int]:
    return [row["number"] for row in page["items"]]


def facet(page: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in page["facets"][name]}


def test_tasks_of_a_chapter(client):
    # 二、建设海洋经济高质量发展高地 holds 1.–8.; 三、实施居民收入… holds 9.–14.
    page = get(client, f"{TABLE}/tasks", chapter=2)
    assert (page["total"], numbers(page)) == (8, list(range(1, 9)))
    assert page["items"][0]["chapter_title"] == "建设海洋经济高质量发展高地"
    # A facet's own filter is left out of its counts: the other chapters stay in view.
    assert facet(page, "chapter") == {
        "2": 8,
        "3": 6,
        "4": 9,
        "5": 7,
        "6": 3,
        "7": 4,
        "8": 3,
        "9": 5,
    }
    both = get(client, f"{TABLE}/tasks?chapter=2&chapter=3")
    assert (both["total"], numbers(both)) == (14, list(range(1, 15)))


def test_tasks_naming_daishan_agree_with_its_place_page(client):
    by_name = get(client, f"{TABLE}/tasks", place="岱山")
    assert numbers(by_name) == [26, 27, 31]
    assert numbers(get(client, f"{TABLE}/tasks", place="Daishan County")) == [26, 27, 31]
    assert get(client, "/places/岱山/tasks")["total"] == by_name["total"]
    # Every other facet counts over these three rows only.
    assert facet(by_name, "chapter") == {"5": 2, "6": 1}
    assert facet(by_name, "has_target") == {"false": 3}  # none of the three states a target


def test_tasks_with_a_target(client):
    page = get(client, f"{TABLE}/tasks", has_target="true")
    assert numbers(page) == WITH_TARGETS
    assert all(row["has_target"] and row["targets"] > 0 for row in page["items"])
    assert facet(page, "has_target") == {"true": 15, "false": 30}
    # 6. 高水平建设自贸试验区 states nine targets: the most of any task.
    assert [r["targets"] for r in page["items"] if r["number"] == 6] == [9]


def test_stated_and_inferred_leads(client):
    # One task of Zhoushan's 45 names its lead (43.: 市委、市政府社会建设委员会); 44 are inferred.
    everything = get(client, f"{TABLE}/tasks")
    assert facet(everything, "basis") == {"stated": 1, "inferred": 44}
    stated = get(client, f"{TABLE}/tasks", basis="stated")
    assert numbers(stated) == [43]
    row = stated["items"][0]
    assert row["leads"] and row["leads_inferred"] == []


def test_filters_combine(client):
    page = get(client, f"{TABLE}/tasks?chapter=5&place=daishan&theme=rural-revitalisation")
    assert numbers(page) == [26]  # 27. (舟岱大桥) is about transport, not the countryside


def test_sorting_and_paging(client):
    page = get(client, f"{TABLE}/tasks", sort="targets", order="desc", limit=5)
    counts = [r["targets"] for r in page["items"]]
    assert page["items"][0]["number"] == 6 and counts == sorted(counts, reverse=True)
    # Ties keep the plan's order.
    ties = get(client, f"{TABLE}/tasks", sort="targets", limit=500)["items"]
    zero = [r["number"] for r in ties if r["targets"] == 0]
    assert zero == sorted(zero) and ties[0]["targets"] == 0
    # A number as written sorts as its number (10. after 9., not after 1.).
    labels = get(client, f"{TABLE}/tasks", sort="number_label", limit=12)
    assert numbers(labels) == list(range(1, 13))
    last = get(client, f"{TABLE}/tasks", limit=10, offset=40)
    assert (last["total"], numbers(last)) == (45, [41, 42, 43, 44, 45])


def test_places_count_the_tasks_that_pass(client):
    places = get(client, f"{TABLE}/places", limit=500)
    plain = {p["id"]: p["tasks"] for p in get(client, "/places", limit=500)["items"]}
    assert {p["id"]: p["tasks"] for p in places["items"]} == plain
    daishan = next(p for p in places["items"] if p["id"] == "daishan")
    assert (daishan["tasks"], daishan["chapters"]) == (3, [5, 6])
    in_six = get(client, f"{TABLE}/places", chapter=6, limit=500)
    daishan = next(p for p in in_six["items"] if p["id"] == "daishan")
    assert (daishan["tasks"], daishan["chapters"]) == (1, [6])  # 31. only


def test_agencies_split_stated_from_inferred(client):
    table = get(client, f"{TABLE}/agencies", limit=500)["items"]
    plain = {
        a["id"]: (a["leads"], a["partners"]) for a in get(client, "/agencies", limit=500)["items"]
    }
    assert {
        a["id"]: (a["leads_stated"] + a["leads_inferred"], a["partners"]) for a in table
    } == plain
    assert sum(a["leads_stated"] for a in table) == 1  # 43.'s one stated lead
    assert sum(a["leads_inferred"] for a in table) == 44


def test_targets_by_goal_and_task(client):
    page = get(client, f"{TABLE}/targets", limit=500)
    assert page["total"] == 70
    # 一、全面落实发展目标 holds the goals: their 31 targets are chapter 1's.
    assert facet(page, "chapter")["1"] == 31
    assert sum(1 for t in page["items"] if t["goal"] is not None) == 31
    six = get(client, f"{TABLE}/targets?chapter=2&limit=500")
    of_six = [t for t in six["items"] if t["task"] == 6]
    assert len(of_six) == 9 and {t["task_label"] for t in of_six} == {"6."}


def test_csv_is_every_filtered_row_in_order(client):
    url = f"{TABLE}/tasks?chapter=2&chapter=5&sort=targets&order=desc"
    rows = get(client, url + "&limit=500")["items"]
    response = client.get(url + "&format=csv&limit=2")  # paging does not cut a file
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == f'attachment; filename="{PLAN}-tasks.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(lines) == len(rows) == 15
    for line, row in zip(lines, rows, strict=True):
        assert int(line["number"]) == row["number"] and line["title"] == row["title"]
        assert line["targets"] == str(row["targets"])
        assert line["places"] == "、".join(p["name"] for p in row["places"])
        assert line["leads_inferred"] == "、".join(a["name"] for a in row["leads_inferred"])


def test_bad_requests_are_problems(client):
    for url, status, words in [
        (f"{TABLE}/nope", 404, "no table 'nope'"),
        (f"{TABLE}/places?place=daishan", 400, "no filter 'place'"),
        (f"{TABLE}/tasks?sort=themes", 400, "cannot sort by 'themes'"),
        (f"{TABLE}/tasks?place=nowhere", 404, "no place named 'nowhere'"),
        ("/plans/nope/table/tasks", 404, "no plan 'nope'"),
        (f"{TABLE}/tasks?basis=maybe", 422, "basis"),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert response.headers["content-type"] == "application/problem+json"
        assert words in response.json()["detail"], response.json()


def test_openapi_documents_the_tables(client):
    paths = get(client, "/openapi.json")["paths"]
    for kind in ("tasks", "places", "agencies", "targets"):
        operation = paths[f"/plans/{{plan_id}}/table/{kind}"]["get"]
        assert "text/csv" in operation["responses"]["200"]["content"]


def test_a_corpus_plan_with_stated_leads():
    require_corpus()
    plan = load_plan(PLANS / "01-anhui-rcep.txt")
    gold = json.loads((GOLD / "01-anhui-rcep.gold.json").read_text(encoding="utf-8"))
    with TestClient(create_app(store=MemoryStore(build_graph([plan])))) as client:
        table = f"/plans/{RCEP}/table"
        page = get(client, f"{table}/tasks", limit=500)
        assert page["total"] == len(gold["tasks"]) == 24
        # Every task ends with its clause (（省商务厅牵头，合肥海关配合）…): all leads stated.
        assert facet(page, "basis") == {"stated": 24}
        # 二、重点任务 holds 1.–21., 三、保障措施 22.–24.
        assert facet(page, "chapter") == {"2": 21, "3": 3}
        leads = sum(1 for t in gold["tasks"] if "省商务厅" in t["leads"])
        agencies = get(client, f"{table}/agencies", limit=500, basis="stated")["items"]
        commerce = next(a for a in agencies if a["short_name"] == "省商务厅")
        assert commerce["leads_stated"] == leads == 16


def test_theme_and_agency_facets_agree_with_their_pages(client):
    # The same counts as each theme's and agency's own page, value by value.
    facets = get(client, f"{TABLE}/tasks")["facets"]
    themes = {x["id"]: x["tasks"] for x in get(client, "/themes", limit=500)["items"]}
    assert facet({"facets": facets}, "theme") == {k: v for k, v in themes.items() if v}
    agencies = get(client, "/agencies", limit=500)["items"]
    assert facet({"facets": facets}, "agency") == {
        a["id"]: a["leads"] + a["partners"] for a in agencies
    }
