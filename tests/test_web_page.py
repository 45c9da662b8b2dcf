"""The explorer page in a real headless Chromium against the real API (embedded store,
the Zhoushan plan). Each test drives the page as a planner would, asserts on the DOM and
leaves a screenshot in tests/out/web/."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.web_browser import api_server, screenshot

REMOTE_ISLAND_TASKS = [16, 18, 20, 22, 27, 29, 38]
WAIT = 60  # seconds a page may take to show what is awaited (not a speed assertion)


@pytest.fixture(scope="module")
def base() -> str:
    with api_server() as url:
        yield url


def wait_until(driver, condition):
    """condition(driver) once it is truthy; a view re-rendering meanwhile is waited out."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, WAIT, ignored_exceptions=[StaleElementReferenceException])
    return wait.until(condition)


def wait_for(driver, css: str, count: int = 1):
    """The elements matching css, once there are at least `count` of them."""
    return wait_until(
        driver,
        lambda d: (found := d.find_elements("css selector", css)) and len(found) >= count and found,
    )


def wait_for_text(driver, css: str, text: str):
    """The first element matching css once its text is `text`. Reading the text of an
    element found earlier races the page: the view that was showing (the previous test's)
    may be replaced between the two steps, and the element gone stale."""
    return wait_until(
        driver,
        lambda d: (found := d.find_elements("css selector", css)) and found[0].text == text,
    )


def task_numbers(driver, css: str) -> list[int]:
    return [int(li.get_attribute("data-task")) for li in wait_for(driver, css)]


def test_search_remote_islands_finds_the_seven_tasks(base, driver):
    # The expected set is what the API itself says touches the theme.
    theme = httpx.get(f"{base}/themes/remote-islands/tasks").json()
    assert sorted(t["number"] for t in theme["items"]) == REMOTE_ISLAND_TASKS

    driver.get(f"{base}/")
    box = wait_for(driver, "header input#q")[0]
    assert wait_for_text(driver, "main h1", "舟山高质量发展建设共同富裕示范区先行市实施方案")
    box.send_keys("remote islands\n")
    numbers = task_numbers(driver, "#search-results li[data-task]")
    assert sorted(numbers) == REMOTE_ISLAND_TASKS
    path, query = urlsplit(driver.current_url).fragment.split("?")
    assert (path, parse_qs(query)) == ("/search", {"q": ["remote islands"]})
    marks = [m.text for m in wait_for(driver, "#search-results mark")]
    assert "偏远海岛" in marks and "海岛教育" in marks
    assert [a.text for a in wait_for(driver, "#direct-hits a")] == ["偏远海岛"]
    screenshot(driver, "search-remote-islands")

    # The page is a link: reloading it shows the same answer.
    driver.refresh()
    assert sorted(task_numbers(driver, "#search-results li[data-task]")) == REMOTE_ISLAND_TASKS


def test_task_27_marks_shengsi_and_liuheng_with_their_evidence(base, driver):
    driver.get(f"{base}/#/task/27")
    # Named by its number as the plan writes it (27.), not a word of the page's own.
    assert wait_for_text(driver, "main h1", "27. 构建海岛特色现代化基础设施体系")
    shengsi = wait_for(driver, '#task-text mark[data-kind="place"][data-id="shengsi"]')
    liuheng = wait_for(driver, '#task-text mark[data-kind="place"][data-id="liuheng"]')
    assert [m.text for m in shengsi] == ["嵊泗"]
    assert [m.text for m in liuheng] == ["六横大桥"]
    # The whole text is there, marks and all, exactly as the API gives it.
    text = httpx.get(f"{base}/tasks/27").json()["text"]
    assert wait_for(driver, "#task-text")[0].text.replace("\n", "") == text

    entry = wait_for(driver, "#link-place-shengsi")[0]
    # The entry sits under its sentence, printed once for every link read from it.
    sentence = entry.find_element("xpath", "ancestor::li[contains(@class, 'evidence-group')]/blockquote")
    assert sentence.text == (
        "抓好大陆引水,建成大陆引水三期、嵊泗大陆引水工程,推动域外优质水源引水工程,"
        "实现与浙江水网连通,融入国家水网。"
    )
    assert "偏远海岛" in wait_for(driver, "#link-place-liuheng")[0].text
    # A click on the marked words leads to the link's evidence.
    shengsi[0].click()
    assert driver.switch_to.active_element.get_attribute("id") == "link-place-shengsi"
    bases = {b.get_attribute("data-basis") for b in wait_for(driver, ".links [data-basis]")}
    assert bases <= {"explicit", "inferred"} and bases
    screenshot(driver, "task-27")


def test_daishan_by_search_then_its_tasks(base, driver):
    driver.get(f"{base}/#/search?q=岱山")
    hit = wait_for(driver, '#direct-hits a[href*="place/daishan"]')[0]
    assert hit.text == "岱山县"
    hit.click()
    wait_until(driver, lambda d: d.find_element("css selector", "main h1").text == "岱山县")
    assert "#/place/daishan" in driver.current_url
    assert task_numbers(driver, "#place-tasks > li[data-task]") == [26, 27, 31]
    facts = wait_for(driver, "dl.facts")[0].text
    assert "330921" in facts and "舟山市" in facts and "衢山镇" in facts
    screenshot(driver, "place-daishan")
    driver.back()
    wait_until(driver, lambda d: "#/search" in d.current_url)
    assert wait_for(driver, '#direct-hits a[href*="place/daishan"]')


def test_targets_filter_to_2025_and_percent(base, driver):
    from selenium.webdriver.support.ui import Select

    expected = httpx.get(f"{base}/indicators", params={"year": 2025, "unit": "%"}).json()
    assert expected["total"] == 18  # of tests/fixtures/zhoushan.expected.yaml: year 2025, unit %
    driver.get(f"{base}/#/targets")
    assert len(wait_for(driver, "#targets-table tbody tr", 70)) == 70
    Select(wait_for(driver, "#filter-year")[0]).select_by_value("2025")
    wait_until(driver, lambda d: "year=2025" in d.current_url)
    Select(wait_for(driver, "#filter-unit")[0]).select_by_value("%")
    wait_until(driver, lambda d: "unit=%25" in d.current_url)
    rows = wait_until(
        driver,
        lambda d: (r := d.find_elements("css selector", "#targets-table tbody tr")) and len(r) == 18 and r,
    )
    assert {(r.get_attribute("data-year"), r.get_attribute("data-unit")) for r in rows} == {("2025", "%")}
    names = sorted(r.find_element("css selector", "td").text for r in rows)
    assert names == sorted(i["name"] for i in expected["items"])
    assert wait_for_text(driver, "#targets-count", "显示 18 / 70 项")
    assert wait_for(driver, "svg.chart rect", 2)
    screenshot(driver, "targets-2025-percent")


def test_graph_draws_nodes_and_expands_on_click(base, driver):
    focus = "zhoushan-gongtongfuyu-2021-2025-task-27"
    expected = httpx.get(f"{base}/graph", params={"focus": focus}).json()
    driver.get(f"{base}/#/graph?focus={focus}")
    canvas = wait_for(driver, f'#graph-canvas[data-nodes="{len(expected["nodes"])}"]')[0]
    assert canvas.find_elements("css selector", "canvas")  # Cytoscape drew into it
    drawn = driver.execute_script("return window.plankgGraph.nodes().map(n => n.id())")
    assert sorted(drawn) == sorted(n["id"] for n in expected["nodes"])
    legend = [li.text.split(" (")[0] for li in wait_for(driver, "ul.legend li")]
    assert legend == ["章节", "任务", "地点", "部门", "主题"]  # the types drawn
    screenshot(driver, "graph-task-27")

    # Clicking Daishan adds its neighbours (its part places, the tasks naming it).
    around = httpx.get(f"{base}/graph", params={"focus": "daishan"}).json()
    union = {n["id"] for n in expected["nodes"]} | {n["id"] for n in around["nodes"]}
    driver.execute_script("window.plankgGraph.getElementById('daishan').emit('tap')")
    wait_for(driver, f'#graph-canvas[data-nodes="{len(union)}"]')


def test_english_toggle(base, driver):
    driver.get(f"{base}/#/task/27")
    wait_for(driver, '#task-text mark[data-id="shengsi"]')
    wait_for(driver, "button#lang")[0].click()
    wait_until(driver, lambda d: "lang=en" in d.current_url)
    assert wait_for_text(driver, "main h1", "27. Build a modern infrastructure system suited to the islands")
    assert wait_for_text(driver, "#link-place-shengsi a", "Shengsi County")
    assert [a.text for a in wait_for(driver, "header nav a")][:3] == ["Plans", "Home", "Targets"]
    assert driver.find_element("css selector", "html").get_attribute("lang") == "en"
    screenshot(driver, "task-27-english")
    # The language stays with the links: the next page is English too.
    wait_for(driver, "#link-place-shengsi a")[0].click()
    wait_until(driver, lambda d: d.find_element("css selector", "main h1").text == "Shengsi County")


def test_a_store_that_is_down_shows_a_message(driver):
    # A Neo4j that cannot be reached: every data route answers 503 problem+json.
    down = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_TIMEOUT": "2"}
    with api_server(down) as url:
        assert httpx.get(f"{url}/plans").status_code == 503
        driver.get(f"{url}/#/task/27")
        alert = wait_for(driver, '#error[role="alert"]')[0]
        assert alert.text.startswith("数据库暂时不可用,请稍后重试。")
        assert "Neo4j at bolt://127.0.0.1:1" in alert.text  # the problem's detail, as the API says it
        screenshot(driver, "store-unavailable")


def csp_violations(driver) -> list[str]:
    """Console messages since the last call that say the CSP refused something."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if "Content Security Policy" in entry["message"] or "Content-Security-Policy" in entry["message"]
    ]


def test_the_page_and_the_docs_work_under_their_csp(base, driver):
    """Every view the tests above drove (the graph with Cytoscape included) ran under the
    served CSP ('self' only) without a refusal; /docs draws Swagger UI and /redoc ReDoc
    from local files, without one either."""
    policy = httpx.get(base + "/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    driver.get(f"{base}/#/graph?focus=zhoushan-gongtongfuyu-2021-2025-task-27&depth=2")
    wait_until(driver, lambda d: (d.execute_script("return window.plankgGraph ? window.plankgGraph.nodes().length : 0") or 0) > 5)
    wait_for(driver, ".swatch", 3)
    assert csp_violations(driver) == []
    driver.get(f"{base}/docs")
    wait_for(driver, ".opblock", 20)  # an operation block per route
    screenshot(driver, "docs")
    assert csp_violations(driver) == []
    driver.get(f"{base}/redoc")
    wait_for(driver, "[data-section-id^='operation/']", 20)  # a section per operation
    screenshot(driver, "redoc")
    assert csp_violations(driver) == []
