"""Search and the agencies list in a real headless Chromium against the real API (issue 22,
points 1 and 2): the named entity's tasks, the phrase's and the sub-words' shown as separate
groups with their counts; the agencies list with stated and inferred leads apart; search
across every plan when several are loaded. Screenshots in tests/out/web/.

The numbers were read from data/plans/zhoushan-2021-2025.txt: 公共服务 is written in 13
tasks; 偏远海岛 is the theme of 7 tasks (16, 18, 20, 22, 27, 29, 38), and its sub-words and
synonyms reach 13 more; of the 45 leads one is stated (task 43's text names the 社会建设委员会,
承担…抓总工作), 44 are inferred; 市发改委 is named as a partner in task 43 and leads 6 tasks by
inference.
"""

from __future__ import annotations

import httpx
import pytest

from tests.corpus import PLANS, require_corpus
from tests.test_web_page import wait_for, wait_until
from tests.web_browser import ROOT, api_server, screenshot

REMOTE_ISLANDS = [16, 18, 20, 22, 27, 29, 38]
PUBLIC_SERVICES = [3, 4, 5, 10, 15, 16, 18, 23, 26, 28, 30, 37, 44]


@pytest.fixture(scope="module")
def zhoushan() -> str:
    with api_server() as url:
        yield url


def numbers(driver, css: str) -> list[int]:
    return sorted(int(li.get_attribute("data-task")) for li in wait_for(driver, css))


def count(driver, group: str) -> int:
    return int(wait_for(driver, f"#search-{group}")[0].get_attribute("data-count"))


def test_remote_islands_theme_first_then_the_widened_words(zhoushan, driver):
    driver.get(f"{zhoushan}/")
    box = wait_for(driver, "header input#q")[0]
    wait_for(driver, "main h1")
    box.send_keys("偏远海岛\n")
    wait_until(driver, lambda d: d.find_elements("css selector", "#search-entity"))
    assert count(driver, "entity") == 7
    assert numbers(driver, "#search-entity li[data-task]") == REMOTE_ISLANDS
    assert count(driver, "words") == 13
    assert len(wait_for(driver, "#search-words li[data-task]", 13)) == 13
    assert not driver.find_elements("css selector", "#search-phrase")
    # the groups in their order, the entity's first, named as its page names it
    groups = [s.get_attribute("id") for s in wait_for(driver, "#search-results > section")]
    assert groups == ["search-entity", "search-words"]
    heading = wait_for(driver, "#search-entity h2")[0].text
    assert heading == "主题「偏远海岛」的任务 (7)"
    assert "仅含部分词语或近义词的任务 (13)" == wait_for(driver, "#search-words h2")[0].text
    theme = httpx.get(f"{zhoushan}/themes/remote-islands/tasks").json()
    assert sorted(t["number"] for t in theme["items"]) == REMOTE_ISLANDS
    screenshot(driver, "search-remote-islands-groups")
    words = wait_for(driver, "#search-words")[0]
    driver.execute_script("arguments[0].scrollIntoView()", words)
    screenshot(driver, "search-remote-islands-widened")


def test_the_groups_in_english(zhoushan, driver):
    driver.get(f"{zhoushan}/#/search?q=remote islands&lang=en")
    wait_until(driver, lambda d: d.find_elements("css selector", "#search-entity h2"))
    heading = wait_for(driver, "#search-entity h2")[0].text
    assert heading == "Tasks about the theme Remote islands (7)"
    assert numbers(driver, "#search-entity li[data-task]") == REMOTE_ISLANDS
    assert not driver.find_elements("css selector", "#search-words")
    screenshot(driver, "search-remote-islands-en")


def test_a_phrase_before_its_sub_words(zhoushan, driver):
    answer = httpx.get(f"{zhoushan}/search", params={"q": "公共服务", "limit": 500}).json()
    driver.get(f"{zhoushan}/#/search?q=公共服务")
    wait_until(driver, lambda d: d.find_elements("css selector", "#search-phrase"))
    assert count(driver, "phrase") == 13
    assert numbers(driver, "#search-phrase li[data-task]") == PUBLIC_SERVICES
    assert count(driver, "words") == answer["total"] - 13 > 0
    assert not driver.find_elements("css selector", "#search-entity")
    marks = {m.text for m in wait_for(driver, "#search-phrase mark")}
    assert "公共服务" in marks
    screenshot(driver, "search-phrase-public-services")


def test_agencies_list_shows_stated_and_inferred_apart(zhoushan, driver):
    listed = httpx.get(f"{zhoushan}/agencies", params={"limit": 500}).json()["items"]
    stated = sum(a["leads_stated"] for a in listed)
    inferred = sum(a["leads_inferred"] for a in listed)
    assert (stated, inferred) == (1, 44)
    driver.get(f"{zhoushan}/#/agencies")
    rows = wait_for(driver, "#agencies-table tbody tr[data-agency]", len(listed))

    def cells(agency: str) -> list[int]:
        row = next(r for r in rows if r.get_attribute("data-agency") == agency)
        return [int(c.text) for c in row.find_elements("css selector", "td.num")]

    assert cells("zs-fgw") == [0, 6, 1, 0]  # 6 inferred leads; named as a partner in task 43
    columns = [th.text for th in wait_for(driver, "#agencies-table thead th")]
    assert columns[2:] == ["牵头(明确)", "牵头(推断)", "配合(明确)", "配合(推断)"]
    legend = wait_for(driver, "#chart-legend")[0].text
    assert "明确" in legend and "推断" in legend
    bars = wait_for(driver, ".chart-stacked g[data-stated]")
    drawn = [
        (int(g.get_attribute("data-stated")), int(g.get_attribute("data-inferred"))) for g in bars
    ]
    assert sum(s for s, _ in drawn) == 1 and sum(i for _, i in drawn) == 44
    screenshot(driver, "agencies-stated-inferred")


def test_search_every_plan_when_several_are_loaded(driver):
    """Zhoushan with two State Council plans: 商务部 is in 8 tasks' clauses of the 综保区
    plan and partners in 3 of the farm machinery plan's."""
    require_corpus()
    plans = [
        ROOT / "data" / "plans" / "zhoushan-2021-2025.txt",
        PLANS / "07-guowuyuan-zongbaoqu.txt",
        PLANS / "08-guowuyuan-nongjihua.txt",
    ]
    with api_server({"PLANKG_PLANS": ":".join(map(str, plans))}) as url:
        driver.get(f"{url}/#/search?q=商务部&plan=quanguo-zonghebaoshui")
        wait_until(driver, lambda d: d.find_elements("css selector", "#search-entity"))
        assert count(driver, "entity") == 8
        wait_for(driver, "#search-scope a")[0].click()
        wait_until(driver, lambda d: "scope=all" in d.current_url)
        wait_until(
            driver,
            lambda d: (
                (s := d.find_elements("css selector", "#search-entity"))
                and s[0].get_attribute("data-count") == "11"
            ),
        )
        hits = wait_for(driver, "#search-entity li[data-task]", 11)
        by_plan = {}
        for li in hits:
            by_plan.setdefault(li.get_attribute("data-plan"), []).append(li)
        assert {p: len(x) for p, x in by_plan.items()} == {
            "quanguo-zonghebaoshui": 8,
            "quanguo-nongyejixie-2018-2025": 3,
        }
        link = by_plan["quanguo-nongyejixie-2018-2025"][0].find_element("css selector", "a")
        assert "plan=quanguo-nongyejixie-2018-2025" in link.get_attribute("href")
        screenshot(driver, "search-every-plan")
