"""The explorer page's finish (issue 22, point 7) in a real headless Chromium against the
real API: every view in both languages shows no raw enum value or slug (and, in Chinese, no
English word of the page's own); errors say what went wrong in a planner's words, with
Retry only where retrying can help; the language toggle is a history entry; Back puts the
reader back where they were. On the Zhoushan plan and on two corpus plans loaded beside it
(the Anhui industrial-internet action plan and Baotou's digital-government assessment,
chosen for their provincial and municipal agencies). Screenshots go to tests/out/web/."""

from __future__ import annotations

import re

import httpx
import pytest

from graph.schema import ALLOWED_VALUES
from tests.corpus import PLANS, require_corpus
from tests.test_web_page import wait_for, wait_until
from tests.web_browser import ROOT, api_server, screenshot

ZHOUSHAN = "zhoushan-gongtongfuyu-2021-2025"
CORPUS_PLANS = ["02-anhui-gongyehulianwang-xingdong.txt", "10-baotou-shuzizhengfu-kaoping.txt"]
WORD_FILES = [
    ROOT / "web" / "src" / "i18n.ts",
    *sorted((ROOT / "web" / "src" / "words").glob("*.ts")),
]
# A word of the page: `key: ["中文", "English"],` in i18n.ts and web/src/words/*.ts.
WORD = re.compile(r'^\s*"?[\w.]+"?: \["((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\]', re.M)
# What could be a slug, an id or an enum value in a piece of text.
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_:\-]*|>=|<=")

# Every text node shown on screen and every label, title and placeholder of the page with
# the language it is in (the nearest lang attribute), but not a theme's own lexicon (its
# English terms are data, not page words), nor what only paper shows (the print line's URL).
TEXTS_JS = """
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement;
  if (!el || el.closest("script, style, .terms") || !node.textContent.trim()) continue;
  if (!el.checkVisibility()) continue;
  out.push([node.textContent.trim(), el.closest("[lang]").getAttribute("lang")]);
}
// and what is read out or shown on hover: labels, titles, placeholders
for (const el of document.querySelectorAll("[title], [aria-label], [placeholder]")) {
  if (el.closest(".terms")) continue;
  for (const name of ["title", "aria-label", "placeholder"]) {
    const value = el.getAttribute(name);
    if (value && value.trim()) out.push([value.trim(), el.closest("[lang]").getAttribute("lang")]);
  }
}
return out;
"""


@pytest.fixture(scope="module")
def zhoushan() -> str:
    with api_server() as url:
        yield url


@pytest.fixture(scope="module")
def three() -> str:
    require_corpus()
    plans = [ROOT / "data" / "plans" / "zhoushan-2021-2025.txt", *(PLANS / n for n in CORPUS_PLANS)]
    with api_server({"PLANKG_PLANS": ":".join(map(str, plans))}) as url:
        yield url


def show(driver, base: str, route: str) -> None:
    """Open `route` (#/…) and wait until its view (or its error) has replaced the last one."""
    if not driver.current_url.startswith(base):
        driver.get(f"{base}/")
        wait_for(driver, "main h1, main #error")
    driver.execute_script(
        "const old = document.querySelector('main').firstElementChild;"
        "if (old) old.dataset.old = '1';"
        "location.hash = arguments[0];",
        route,
    )
    wait_for(driver, "main:not([aria-busy]) > :not([data-old])")


def page_words() -> tuple[set[str], set[str]]:
    """The Chinese and the English side of every page word without a placeholder, each less
    any string that is also on the other side ("English" is the toggle's label in Chinese)."""
    chinese, english = set(), set()
    for path in WORD_FILES:
        for zh, en in WORD.findall(path.read_text(encoding="utf-8")):
            if "{" not in zh and re.search("[\u3400-\u9fff]", zh):  # "—" is no one's
                chinese.add(zh)
            if "{" not in en and re.search("[A-Za-z]", en):
                english.add(en)
    return chinese - english, english - chinese


def ids_of(base: str, plan: str) -> tuple[set[str], set[str], set[str]]:
    page = {"plan": plan, "limit": 500}
    got = [
        httpx.get(f"{base}/{kind}", params=page).json()["items"]
        for kind in ("places", "agencies", "themes")
    ]
    return tuple({x["id"] for x in items} for items in got)


def routes_of(base: str, plan: str) -> dict[str, str]:
    """Every view of the page for one plan, each on the item with the most to show."""
    page = {"plan": plan, "limit": 500}
    places = httpx.get(f"{base}/places", params=page).json()["items"]
    agencies = httpx.get(f"{base}/agencies", params=page).json()["items"]
    themes = httpx.get(f"{base}/themes", params=page).json()["items"]
    tasks = httpx.get(f"{base}/tasks", params=page).json()["items"]
    goals = httpx.get(f"{base}/goals", params=page).json()["items"]
    families = httpx.get(f"{base}/families", params=page).json()["items"]
    cites = httpx.get(f"{base}/plans/{plan}/citations", params={"limit": 50}).json()["items"]
    routes = {
        view: f"#/{view}"
        for view in (
            "home",
            "places",
            "agencies",
            "themes",
            "targets",
            "families",
            "documents",
            "lineage",
            "duties",
            "graph",
        )
    }
    routes["task"] = f"#/task/{related_task(base, plan, tasks)}"
    if goals:
        routes["goal"] = f"#/goal/{goals[0]['number']}"
    if places:
        routes["place"] = f"#/place/{max(places, key=lambda p: p['tasks'])['id']}"
    if agencies:
        busiest = max(agencies, key=lambda a: (a["leads"], a["partners"]))["id"]
        routes["agency"] = f"#/agency/{busiest}"
        routes["agency-duties"] = f"#/duties/{busiest}"
    if themes:
        routes["theme"] = f"#/theme/{max(themes, key=lambda x: x['tasks'])['id']}"
    if families:
        routes["family"] = f"#/family/{families[0]['key']}"
    if cites:
        routes["document"] = f"#/document/{cites[0]['document']}"
    routes["search"] = f"#/search?q={tasks[0]['title'][:4]}"
    return {
        name: f"{route}{'&' if '?' in route else '?'}plan={plan}" for name, route in routes.items()
    }


def related_task(base: str, plan: str, tasks: list[dict]) -> int:
    """The first task whose related tasks share places (else themes) with it."""
    fallback = tasks[0]["number"]
    for task in tasks[:60]:
        related = httpx.get(f"{base}/tasks/{task['number']}", params={"plan": plan}).json()[
            "related"
        ]
        if any(r["places"] for r in related):
            return task["number"]
        if fallback == tasks[0]["number"] and any(r["themes"] for r in related):
            fallback = task["number"]
    return fallback


def raw_values(
    texts: list[list[str]], lang: str, slugs: set[str], plain_ids: set[str], words: set[str]
) -> list[str]:
    """What a reader should never see: in Chinese, any enum value, id or English page word;
    in English, any slug-shaped id or enum value, any place id (pinyin in lower case) and
    any Chinese page word. `words` are the other language's page words."""
    found = []
    for text, where in texts:
        if re.sub(r"\s*\(\d+\)$", "", text) in words and where == (
            "zh-CN" if lang == "zh" else "en"
        ):
            found.append(text)
        if lang == "zh" and where == "zh-CN":
            found += [tok for tok in TOKEN.findall(text) if tok in slugs or tok in plain_ids]
        elif lang == "en":
            found += [tok for tok in TOKEN.findall(text) if tok in slugs]
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_view_shows_names_not_slugs(three, driver, lang):
    plans = [p["id"] for p in httpx.get(f"{three}/plans").json()["items"]]
    assert sorted(plans) == sorted(
        [ZHOUSHAN, "anhui-gongyehulian-2021-2023", "baotou-shuzizhengfu-2022-2022"]
    )
    enums = {v for values in ALLOWED_VALUES.values() for v in values if re.search("[A-Za-z<>]", v)}
    chinese, english = page_words()
    other = english if lang == "zh" else chinese
    seen, wrong = 0, {}
    for plan in plans:
        places, agencies, themes = ids_of(three, plan)
        shaped = {x for x in places | agencies | themes | enums if re.search(r"[-_:<>]", x)}
        # Plain ids and enum values that are English words ("education", "county") only
        # count in Chinese; pinyin place ids ("ningbo") count in both languages.
        slugs = shaped | places
        plain = (agencies | themes | enums) - shaped
        for name, route in routes_of(three, plan).items():
            show(driver, three, f"{route}&lang={lang}")
            assert not driver.find_elements("css selector", "main #error"), (
                plan,
                name,
                driver.find_element("css selector", "main").text,
            )
            shown = raw_values(driver.execute_script(TEXTS_JS), lang, slugs, plain, other)
            if shown:
                wrong[f"{plan} {name}"] = sorted(set(shown))
            seen += 1
            if name in ("task", "agency", "place", "targets", "graph"):
                screenshot(driver, f"finish-{plan}-{name}-{lang}")
    assert wrong == {}
    assert seen >= 3 * 17


def test_related_tasks_name_their_places(zhoushan, driver):
    detail = httpx.get(f"{zhoushan}/tasks/27").json()
    shared = next(r for r in detail["related"] if r["places"])
    places = {
        p["id"]: p for p in httpx.get(f"{zhoushan}/places", params={"limit": 500}).json()["items"]
    }
    for lang, key in (("zh", "name"), ("en", "name_en")):
        show(driver, zhoushan, f"#/task/27?lang={lang}")
        items = wait_for(driver, "ul.related > li", len(detail["related"]))
        line = next(li.text for li in items if f"{shared['number']}." in li.text)
        for place in shared["places"]:
            assert places[place][key] in line and place not in line.split()
    screenshot(driver, "finish-related-names")


def error_text(driver) -> str:
    return wait_for(driver, "main #error p")[0].text


@pytest.mark.parametrize(
    ("route", "zh", "en"),
    [
        ("#/task/999", "本规划中没有第 999 项任务。", "There is no task 999 in this plan."),
        (
            "#/task/abc",
            "“abc”不是任务编号:编号是正整数,例如 3。",
            "“abc” is not a task number: numbers are whole numbers such as 3.",
        ),
        (
            "#/graph?depth=9",
            "地址中的“深度”是 9,最大只能是 3。",
            "The address asks for depth 9; the most is 3.",
        ),
        ("#/place/nowhere", "本规划中没有地点“nowhere”。", "This plan names no place “nowhere”."),
        ("#/duties/nobody", "本规划中没有部门“nobody”。", "This plan names no agency “nobody”."),
        ("#/nosuchview", "没有这个页面:“nosuchview”。", "There is no page “nosuchview”."),
    ],
)
def test_a_bad_address_says_what_is_wrong_and_offers_a_way_back(zhoushan, driver, route, zh, en):
    for lang, sentence in (("zh", zh), ("en", en)):
        show(driver, zhoushan, f"{route}{'&' if '?' in route else '?'}lang={lang}")
        assert error_text(driver) == sentence
        # Trying again cannot help: no Retry, a way home instead.
        assert not driver.find_elements("css selector", "#error #retry")
        home = driver.find_element("css selector", "#error a#go-home")
        assert home.get_attribute("href").endswith(f"#/home?lang={lang}")
    screenshot(driver, f"finish-error-{route.strip('#/').replace('/', '-').replace('?', '-')}")


def test_no_answer_offers_retry_and_retry_shows_the_view(zhoushan, driver):
    show(driver, zhoushan, "#/home")
    driver.execute_cdp_cmd("Network.enable", {})
    offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    try:
        show(driver, zhoushan, "#/task/5")
        assert error_text(driver) == "接口没有响应。"
        retry = wait_for(driver, "#error button#retry")[0]
        assert retry.text == "重试" and not driver.find_elements("css selector", "#error #go-home")
        screenshot(driver, "finish-error-offline")
    finally:
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {**offline, "offline": False})
    retry.click()
    title = httpx.get(f"{zhoushan}/tasks/5").json()["title"]
    wait_until(driver, lambda d: title in d.find_element("css selector", "main h1").text)


def test_a_store_that_is_down_offers_retry(driver):
    # A Neo4j that cannot be reached: every data route answers 503 problem+json.
    with api_server({"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_TIMEOUT": "2"}) as url:
        driver.get(f"{url}/#/task/27?lang=en")
        assert error_text(driver) == "The graph store is unavailable; try again in a moment."
        assert wait_for(driver, "#error button#retry")[0].text == "Retry"
        assert not driver.find_elements("css selector", "#error #go-home")
        screenshot(driver, "finish-error-store-down")


def test_the_language_toggle_is_a_history_entry(zhoushan, driver):
    task = httpx.get(f"{zhoushan}/tasks/27").json()
    # A tab of its own: Chromium counts at most 50 entries, which the other tests fill.
    driver.switch_to.new_window("tab")
    show(driver, zhoushan, "#/task/27")
    wait_until(driver, lambda d: task["title"] in d.find_element("css selector", "main h1").text)
    before = driver.execute_script("return history.length")
    wait_for(driver, "#lang")[0].click()
    wait_until(driver, lambda d: task["title_en"] in d.find_element("css selector", "main h1").text)
    assert driver.execute_script("return [history.length, document.documentElement.lang]") == [
        before + 1,
        "en",
    ]
    driver.back()
    wait_until(driver, lambda d: task["title"] in d.find_element("css selector", "main h1").text)
    assert driver.execute_script("return document.documentElement.lang") == "zh-CN"
    assert "lang=en" not in driver.current_url
    driver.forward()
    wait_until(driver, lambda d: task["title_en"] in d.find_element("css selector", "main h1").text)
    screenshot(driver, "finish-toggle-forward")
    driver.close()
    driver.switch_to.window(driver.window_handles[0])


SCROLL_JS = """
const [y, done] = arguments;
window.scrollTo(0, y);
// the scroll event comes with the next frame
requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY)));
"""


def test_back_restores_the_scroll_position(zhoushan, driver):
    show(driver, zhoushan, "#/home")
    height = driver.execute_script("return document.documentElement.scrollHeight - innerHeight")
    assert height > 1200  # the plan's chapters and 45 tasks: a long page
    at = driver.execute_async_script(SCROLL_JS, 900)
    assert abs(at - 900) <= 1
    # A task link in view, clicked as a reader would.
    link = driver.execute_script(
        "return [...document.querySelectorAll('main a.task-link')]"
        ".find(a => a.getBoundingClientRect().top > 200 && a.getBoundingClientRect().bottom < innerHeight - 100)"
    )
    number = link.get_attribute("href").split("#/task/")[1].split("?")[0]
    link.click()
    wait_until(
        driver,
        lambda d: (
            f"#/task/{number}" in d.current_url and d.find_elements("css selector", "#task-text")
        ),
    )
    assert driver.execute_script("return window.scrollY") == 0  # a new view opens at its top
    driver.back()
    wait_for(driver, "main ol.chapters")
    wait_until(driver, lambda d: abs(d.execute_script("return window.scrollY") - at) <= 3)
    screenshot(driver, "finish-back-scroll")
    # Forward opens the task where it was left: at its top.
    driver.forward()
    wait_until(
        driver,
        lambda d: (
            f"#/task/{number}" in d.current_url and d.find_elements("css selector", "#task-text")
        ),
    )
    wait_until(driver, lambda d: d.execute_script("return window.scrollY") == 0)
    driver.back()
    wait_for(driver, "main ol.chapters")
    wait_until(driver, lambda d: abs(d.execute_script("return window.scrollY") - at) <= 3)
