"""The graph view in a real headless Chromium against the real API (embedded store, the
Zhoushan plan): the drawing capped with "show more" that moves nothing already drawn, node
types switched off from the legend, edges named in the page's language, labels that keep
their size on screen, and Cytoscape fetched by the graph view only. Screenshots in
tests/out/web/."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.web_browser import api_server, screenshot

PLAN = "zhoushan-gongtongfuyu-2021-2025"
TASK_27 = f"{PLAN}-task-27"
CAP = 60  # web/src/views/graph.ts
WAIT = 60  # seconds a page may take to show what is awaited (not a speed assertion)
ASSETS = Path(__file__).resolve().parent.parent / "api" / "static" / "assets"


@pytest.fixture(scope="module")
def base() -> str:
    with api_server() as url:
        yield url


def wait_until(driver, condition):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, WAIT, ignored_exceptions=[StaleElementReferenceException])
    return wait.until(condition)


def wait_for(driver, css: str):
    return wait_until(driver, lambda d: d.find_elements("css selector", css))


def open_view(driver, url: str) -> None:
    """A fresh page load (not a hash change), so the resource timings are this view's."""
    driver.get("about:blank")
    driver.get(url)


def positions(driver) -> dict[str, tuple[float, float]]:
    found = driver.execute_script(
        "return window.plankgGraph.nodes().map(n => [n.id(), n.position('x'), n.position('y')])"
    )
    return {node: (x, y) for node, x, y in found}


def visible_types(driver) -> dict[str, int]:
    return driver.execute_script(
        "const c = {}; window.plankgGraph.nodes(':visible').forEach(n => {"
        " c[n.data('type')] = (c[n.data('type')] || 0) + 1 }); return c"
    )


def test_depth_3_draws_the_cap_and_show_more_moves_nothing(base, driver):
    whole = httpx.get(f"{base}/graph", params={"focus": PLAN, "depth": 3}).json()
    total = len(whole["nodes"])
    assert total == 254  # the plan, 9 chapters, 5 goals, 45 tasks, 70 targets, ...
    open_view(driver, f"{base}/#/graph?depth=3")
    canvas = wait_for(driver, f'#graph-canvas[data-nodes="{CAP}"]')[0]
    assert canvas.get_attribute("data-waiting") == str(total - CAP)
    assert (
        driver.find_element("css selector", "#graph-count").text == f"显示 {CAP} / {total} 个节点"
    )
    more = driver.find_element("css selector", "#graph-more")
    assert more.text == f"再显示 {CAP} 个(还有 {total - CAP} 个未画出)"
    # The nearest first: the plan, its chapters and goals (distance 1) are all drawn.
    drawn = set(positions(driver))
    assert {n["id"] for n in whole["nodes"] if n["properties"]["distance"] <= 1} <= drawn
    screenshot(driver, "graph-depth-3-capped")

    before = positions(driver)
    more.click()
    wait_for(driver, f'#graph-canvas[data-nodes="{2 * CAP}"]')
    after = positions(driver)
    assert len(after) == 2 * CAP and set(after) <= {n["id"] for n in whole["nodes"]}
    for node, (x, y) in before.items():
        assert after[node] == pytest.approx((x, y), abs=0.01), node
    assert (
        driver.find_element("css selector", "#graph-count").text
        == f"显示 {2 * CAP} / {total} 个节点"
    )
    screenshot(driver, "graph-depth-3-more")

    # A click adds the clicked node's neighbours (only those) around it; nothing moves.
    before = positions(driver)
    drawn_places = [n["id"] for n in whole["nodes"] if n["type"] == "Place" and n["id"] in before]
    place, new = next(
        (p, fresh)
        for p in drawn_places
        if (
            fresh := {
                n["id"] for n in httpx.get(f"{base}/graph", params={"focus": p}).json()["nodes"]
            }
            - set(before)
        )
    )
    driver.execute_script("window.plankgGraph.getElementById(arguments[0]).emit('tap')", place)
    wait_for(driver, f'#graph-canvas[data-nodes="{len(before) + min(len(new), CAP)}"]')
    after = positions(driver)
    assert set(after) - set(before) <= new
    for node, (x, y) in before.items():
        assert after[node] == pytest.approx((x, y), abs=0.01), node
    screenshot(driver, "graph-depth-3-clicked")


def test_node_type_filters_hide_nodes(base, driver):
    expected = httpx.get(f"{base}/graph", params={"focus": TASK_27}).json()
    counts: dict[str, int] = {}
    for n in expected["nodes"]:
        counts[n["type"]] = counts.get(n["type"], 0) + 1
    open_view(driver, f"{base}/#/graph?focus={TASK_27}")
    wait_for(driver, f'#graph-canvas[data-nodes="{len(expected["nodes"])}"]')
    legend = [li.text for li in driver.find_elements("css selector", "ul.graph-legend li")]
    names = {
        "Plan": "规划",
        "Chapter": "章节",
        "Task": "任务",
        "Place": "地点",
        "Agency": "部门",
        "Theme": "主题",
    }
    assert legend == [f"{names[t]} ({counts[t]})" for t in names if t in counts]
    assert visible_types(driver) == counts
    driver.find_element("css selector", 'ul.graph-legend input[data-type="Place"]').click()
    wait_until(driver, lambda d: "Place" not in visible_types(d))
    assert visible_types(driver) == {t: c for t, c in counts.items() if t != "Place"}
    listed = driver.execute_script(
        "return [...document.querySelectorAll('.node-list li a')].map(a => a.textContent)"
    )
    assert len(listed) == len(expected["nodes"]) - counts["Place"]
    assert not [text for text in listed if text.startswith("地点:")]
    screenshot(driver, "graph-task-27-no-places")
    driver.find_element("css selector", 'ul.graph-legend input[data-type="Place"]').click()
    wait_until(driver, lambda d: visible_types(d) == counts)


def test_edges_say_their_relationship_in_both_languages(base, driver):
    expected = httpx.get(f"{base}/graph", params={"focus": TASK_27}).json()
    assert len(expected["edges"]) == 97  # more than the 40 the view names unasked
    chapter_edge = next(
        e for e in expected["edges"] if e["type"] == "HAS_TASK" and e["target"] == TASK_27
    )
    lead = next(
        e
        for e in expected["edges"]
        if e["type"] == "RESPONSIBLE_FOR" and e["properties"]["role"] == "lead"
    )
    label = "return window.plankgGraph.getElementById(arguments[0]).style('label')"
    unnamed = "return window.plankgGraph.edges().filter(e => !e.style('label')).map(e => e.id())"
    for lang, has_task, leads in (("zh", "含任务", "牵头"), ("en", "has task", "leads")):
        open_view(driver, f"{base}/#/graph?focus={TASK_27}&lang={lang}")
        wait_for(driver, f'#graph-canvas[data-nodes="{len(expected["nodes"])}"]')
        # So many edges: none is named until a node is pointed at or clicked...
        toggle = driver.find_element("css selector", "#graph-edge-labels")
        assert not toggle.is_selected()
        assert len(driver.execute_script(unnamed)) == len(expected["edges"])
        driver.execute_script(
            "window.plankgGraph.getElementById(arguments[0]).emit('tap')", TASK_27
        )
        mine = {e["id"] for e in expected["edges"] if TASK_27 in (e["source"], e["target"])}
        wait_until(
            driver,
            lambda d, m=mine: (
                set(d.execute_script(unnamed)) == {e["id"] for e in expected["edges"]} - m
            ),
        )
        assert driver.execute_script(label, chapter_edge["id"]) == has_task
        # ... or every edge is asked for.
        toggle.click()
        wait_until(driver, lambda d: d.execute_script(unnamed) == [])
        assert driver.execute_script(label, lead["id"]) == leads
    screenshot(driver, "graph-task-27-english")
    # The legend is in English too.
    legend = driver.find_element("css selector", 'ul.graph-legend li[data-type="Task"]')
    assert legend.text.startswith("Task (")


def test_labels_keep_12px_on_screen_and_hide_when_far_out(base, driver):
    open_view(driver, f"{base}/#/graph?focus={TASK_27}")
    wait_for(driver, "#graph-canvas[data-nodes]")
    smallest = """
      const cy = window.plankgGraph;
      const sizes = cy.nodes(':visible').filter(n => n.style('label') !== '')
        .map(n => n.pstyle('font-size').pfValue * cy.zoom());
      return sizes.length ? Math.min(...sizes) : null;
    """
    for zoom in (0.5, 0.8, 1.0, 2.0):
        driver.execute_script("window.plankgGraph.zoom(arguments[0])", zoom)
        wait_until(driver, lambda d: (d.execute_script(smallest) or 0) >= 12)
        assert driver.execute_script(smallest) >= 12, zoom
    driver.execute_script("window.plankgGraph.zoom(0.2)")
    wait_for(driver, '#graph-canvas[data-labels="hidden"]')
    assert driver.execute_script(smallest) is None  # no label drawn at all, not specks
    assert driver.find_element("css selector", "#graph-zoom-hint").text == "放大后显示名称"
    # Long titles are cut to their start: 12 Chinese characters (24 half-widths), marked.
    pairs = driver.execute_script(
        "return window.plankgGraph.nodes('[type = \"Task\"]').map(n => [n.data('label'), n.data('short')])"
    )

    def width(text: str) -> int:
        return sum(2 if ord(c) > 0x2E7F else 1 for c in text)

    cut = [(label, short) for label, short in pairs if short != label]
    assert cut and len(cut) < len(pairs)
    for label, short in cut:
        assert short.endswith("…") and label.startswith(short[:-1]) and width(short[:-1]) <= 24
    assert all(width(label) <= 24 for label, short in pairs if short == label)
    driver.execute_script("window.plankgGraph.zoom(1); window.plankgGraph.center()")
    wait_for(driver, '#graph-canvas[data-labels="shown"]')
    assert not driver.find_element("css selector", "#graph-zoom-hint").is_displayed()


def resources(driver) -> list[str]:
    return driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")


def test_cytoscape_is_fetched_by_the_graph_view_only(base, driver):
    chunk = next((ASSETS / "chunks").glob("cytoscape*.js")).name
    open_view(driver, f"{base}/#/")
    wait_until(driver, lambda d: d.execute_script("return !!document.querySelector('main h1')"))
    fetched = resources(driver)
    assert any(name.endswith("/assets/app.js") for name in fetched)
    assert not [name for name in fetched if "cytoscape" in name]
    open_view(driver, f"{base}/#/graph?focus={TASK_27}")
    wait_for(driver, "#graph-canvas[data-nodes]")
    assert [name for name in resources(driver) if "cytoscape" in name] == [
        f"{base}/assets/chunks/{chunk}"
    ]
    # What Chromium was sent is a compressed copy, and it decoded to the very script.
    sent = driver.execute_script(
        "return performance.getEntriesByType('resource').find(e => e.name.endsWith('/assets/app.js')).encodedBodySize"
    )
    sizes = {(ASSETS / f"app.js{ext}").stat().st_size: ext for ext in (".gz", ".br")}
    assert sent in sizes
    text = driver.execute_script(
        "return fetch('/assets/app.js', {cache: 'no-store'}).then(r => r.text())"
    )
    assert text == (ASSETS / "app.js").read_text(encoding="utf-8")


def test_favicon_is_served(base, driver):
    assert httpx.get(f"{base}/favicon.ico").status_code == 200
    open_view(driver, f"{base}/#/")
    icon = driver.execute_script("return document.querySelector('link[rel=icon]').href")
    assert httpx.get(icon).status_code == 200
