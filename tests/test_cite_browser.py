"""Citing the plan and working across plans (issue 22, points 3 and 4), in a real headless
Chromium against the real API: tasks named by their number as the plan writes it, "copy
with source" on the clipboard, the print stylesheet, the plans page as home, the plan
switcher keeping the targets view's filter, and the task view's links (stated apart from
inferred, each sentence once). On the Zhoushan plan alone, and on Zhoushan with three
corpus plans numbered in other styles (3.1.1, （三）, 第一节). Screenshots in tests/out/web/."""

from __future__ import annotations

import httpx
import pytest

from tests.corpus import PLANS, require_corpus
from tests.test_web_page import wait_for, wait_for_text, wait_until
from tests.web_browser import ROOT, api_server, screenshot

ZHOUSHAN = "zhoushan-gongtongfuyu-2021-2025"
ZHOUSHAN_TITLE = "舟山高质量发展建设共同富裕示范区先行市实施方案"
SHANGHAI = "shanghai-guominjingji-2021-2025"
ZHEJIANG = "zhejiang-chengshineilao-2021-2025"
BEIJING = "beijing-guotukongjian-2021-2035"
# Beside Zhoushan (1. 2. …): the Shanghai outline (3.1.1 …, line 462 of its text), the
# Zhejiang flood plan (（一） （二） …, full-width as its line 647 writes （三）整体提升城市排洪水平)
# and the Beijing restoration plan (第一节 …).
CORPUS_PLANS = [
    "06-shanghai-shisiwu-gangyao.txt",
    "04-zhejiang-neilao-shisiwu.txt",
    "05-beijing-shengtaixiufu-guihua.txt",
]
# Task 27's chapter, as data/plans/zhoushan-2021-2025.txt writes it (line 83).
CHAPTER_27 = "五、构建群岛共兴、城乡共富新格局"
# The sentence of task 27 naming 嵊泗 (the plan's text, as test_web_page reads it too).
SHENGSI_SENTENCE = (
    "抓好大陆引水,建成大陆引水三期、嵊泗大陆引水工程,推动域外优质水源引水工程,"
    "实现与浙江水网连通,融入国家水网。"
)


@pytest.fixture(scope="module")
def zhoushan() -> str:
    with api_server() as url:
        yield url


@pytest.fixture(scope="module")
def several() -> str:
    require_corpus()
    plans = [ROOT / "data" / "plans" / "zhoushan-2021-2025.txt", *(PLANS / n for n in CORPUS_PLANS)]
    with api_server({"PLANKG_PLANS": ":".join(map(str, plans))}) as url:
        yield url


def numbers_shown(driver, css: str = "main a.task-link .task-number") -> list[str]:
    return [e.text for e in wait_for(driver, css)]


def read_clipboard(driver) -> str:
    return driver.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, (e) => done('ERROR ' + e));"
    )


def grant_clipboard(driver, base: str) -> None:
    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )


def test_zhoushan_tasks_are_named_as_the_plan_numbers_them(zhoushan, driver):
    # One plan loaded: / is its page, not the plans page; its 45 tasks read 1. … 45.
    driver.get(f"{zhoushan}/#/")
    wait_for_text(driver, "main h1", ZHOUSHAN_TITLE)
    assert numbers_shown(driver) == [f"{n}." for n in range(1, 46)]
    # A place's, a theme's and an agency's task lists name them the same way.
    driver.get(f"{zhoushan}/#/place/daishan")
    wait_for_text(driver, "main h1", "岱山县")
    assert numbers_shown(driver, "#place-tasks a.task-link .task-number") == ["26.", "27.", "31."]
    remote = httpx.get(f"{zhoushan}/themes/remote-islands/tasks").json()["items"]
    driver.get(f"{zhoushan}/#/theme/remote-islands")
    wait_for_text(driver, "main h1", "偏远海岛")
    assert numbers_shown(driver, "main li[data-task] a.task-link .task-number") == [
        x["number_label"] for x in remote
    ]
    driver.get(f"{zhoushan}/#/task/27")
    wait_for_text(driver, "main h1", "27. 构建海岛特色现代化基础设施体系")
    related = httpx.get(f"{zhoushan}/tasks/27").json()["related"]
    assert numbers_shown(driver, "ul.related a.task-link .task-number") == [
        x["number_label"] for x in related
    ]
    lead_in = wait_for(driver, "main .lead-in")[0].text
    assert lead_in.startswith(f"{ZHOUSHAN_TITLE} · {CHAPTER_27}")
    # The targets table names the task stating each target by its label too (task 2's
    # targets: the API says which).
    stated_by_2 = httpx.get(f"{zhoushan}/indicators", params={"task": 2, "limit": 100}).json()
    driver.get(f"{zhoushan}/#/targets?task=2")
    cells = wait_until(
        driver,
        lambda d: (
            (c := d.find_elements("css selector", "#targets-table td.scope-cell"))
            and len(c) == stated_by_2["total"]
            and c
        ),
    )
    assert {c.text for c in cells} == {"2."}


def test_task_27_shows_each_sentence_once_and_inferred_apart(zhoushan, driver):
    detail = httpx.get(f"{zhoushan}/tasks/27").json()
    links = [*detail["places"], *detail["agencies"], *detail["themes"], *detail["indicators"]]
    spans = {(x["span"]["start"], x["span"]["end"]) for x in links}
    driver.get(f"{zhoushan}/#/task/27")
    groups = wait_for(driver, "#evidence-groups > li.evidence-group", len(spans))
    quotes = [g.find_element("css selector", "blockquote").text for g in groups]
    assert len(groups) == len(spans) and len(set(quotes)) == len(quotes)
    # Under the sentence naming 嵊泗: exactly the links read from it, as the API lists them.
    shengsi = detail_links_in(detail, SHENGSI_SENTENCE)
    group = next(
        g for g in groups if g.find_element("css selector", "blockquote").text == SHENGSI_SENTENCE
    )
    shown = {li.get_attribute("id") for li in group.find_elements("css selector", "ul > li.link")}
    assert shown == shengsi
    # Stated first (the two partner companies named in the text, the places), inferred
    # apart: the transport bureau's lead with its score and terms, and the themes.
    stated = wait_for(driver, "#links-stated li")
    inferred = wait_for(driver, "#links-inferred li")
    assert [li.get_attribute("data-id") for li in stated[:2]] == ["sinopec", "zhejiang-energy"]
    explicit = {x["id"] for x in detail["agencies"] if x["basis"] == "explicit"}
    guessed = {x["id"] for x in detail["agencies"] if x["basis"] == "inferred"}
    assert {
        li.get_attribute("data-id") for li in stated if li.get_attribute("data-kind") == "agency"
    } == explicit
    assert {
        li.get_attribute("data-id") for li in inferred if li.get_attribute("data-kind") == "agency"
    } == guessed
    lead = next(li for li in inferred if li.get_attribute("data-id") == "zs-jtj")
    assert "牵头 · 推断 · 得分 0.82" in lead.text and "跨海" in lead.text
    screenshot(driver, "cite-task-27")


def detail_links_in(detail: dict, sentence: str) -> set[str]:
    kinds = {"places": "place", "agencies": "agency", "themes": "theme", "indicators": "target"}
    return {
        f"link-{kind}-{x['id']}"
        for key, kind in kinds.items()
        for x in detail[key]
        if x["evidence"] == sentence
    }


def test_every_zhoushan_task_prints_each_sentence_once(zhoushan, driver):
    for number in range(1, 46):
        detail = httpx.get(f"{zhoushan}/tasks/{number}").json()
        links = [*detail["places"], *detail["agencies"], *detail["themes"], *detail["indicators"]]
        spans = {f"{x['span']['start']}-{x['span']['end']}" for x in links}
        driver.get(f"{zhoushan}/#/task/{number}")
        wait_for_text(driver, "main h1", f"{detail['number_label']} {detail['title']}")
        groups = driver.find_elements("css selector", "#evidence-groups > li.evidence-group")
        assert sorted(g.get_attribute("data-span") for g in groups) == sorted(spans), number
        # and every link under exactly one sentence
        assert len(driver.find_elements("css selector", "#evidence-groups li.link")) == len(links)


def test_an_inferred_lead_is_shown_apart_with_its_terms_and_none_without(several, driver):
    # The linker no longer infers a lead with no term behind it (score 0: the region's
    # development office guessed for a task with nothing to go on; Shanghai and Zhejiang had
    # them), so none reaches the page; an inferred lead shows its terms, apart from the stated.
    rows = {
        plan: httpx.get(f"{several}/plans/{plan}/responsibilities", params={"limit": 500}).json()[
            "items"
        ]
        for plan in (ZHEJIANG, SHANGHAI)
    }
    inferred = [
        (plan, row, d)
        for plan, items in rows.items()
        for row in items
        for d in row["leads"]
        if d["basis"] == "inferred"
    ]
    assert inferred, "these plans have inferred leads"
    assert [d for _, _, d in inferred if not d["terms"]] == []
    for plan, row, duty in (inferred[0], inferred[-1]):
        driver.get(f"{several}/#/task/{row['task']}?plan={plan}")
        label = row["number_label"]  # （四）整体… as plans print it; 3.2.1 持续… with a space
        gap = "" if label.endswith(("）", "、")) else " "
        wait_for_text(driver, "main h1", f"{label}{gap}{row['title']}")
        entry = wait_for(driver, f'#links-inferred li[data-id="{duty["agency"]}"]')[0]
        assert entry.find_element("css selector", ".badge-inferred").text.startswith("牵头 · 推断 · 得分 ")
        assert duty["terms"][0] in entry.find_element("css selector", ".terms").text
        assert not driver.find_elements("css selector", f'#links-stated li[data-id="{duty["agency"]}"]')
    screenshot(driver, "cite-inferred-lead-with-terms")


def test_copy_with_source_puts_the_citation_on_the_clipboard(zhoushan, driver):
    grant_clipboard(driver, zhoushan)
    driver.get(f"{zhoushan}/#/task/27")
    wait_for_text(driver, "main h1", "27. 构建海岛特色现代化基础设施体系")
    wait_for(driver, ".lead-in button.copy-source")[0].click()
    wait_for_text(driver, ".lead-in .copy-status", "已复制到剪贴板")
    assert read_clipboard(driver) == (
        "“构建海岛特色现代化基础设施体系”\n"
        f"出处:《{ZHOUSHAN_TITLE}》{CHAPTER_27} 27.\n"
        f"{zhoushan}/#/task/27?plan={ZHOUSHAN}"
    )
    # One evidence sentence: its link highlights it in the task's text.
    detail = httpx.get(f"{zhoushan}/tasks/27").json()
    span = next(x["span"] for x in detail["places"] if x["id"] == "shengsi")
    group = wait_for(driver, f'li.evidence-group[data-span="{span["start"]}-{span["end"]}"]')[0]
    group.find_element("css selector", "button.copy-source").click()
    copied = (
        f"“{SHENGSI_SENTENCE}”\n"
        f"出处:《{ZHOUSHAN_TITLE}》{CHAPTER_27} 27.\n"
        f"{zhoushan}/#/task/27?hl={span['start']}-{span['end']}&plan={ZHOUSHAN}"
    )
    wait_until(driver, lambda d: read_clipboard(d) == copied)
    # The link leads back to the sentence, highlighted.
    driver.get(copied.splitlines()[-1])
    # (marked in pieces where a place's mark cuts through it)
    pieces = wait_for(driver, "#task-text mark.hl-quote")
    assert "".join(m.text for m in pieces) == SHENGSI_SENTENCE
    # A target, from the targets table: its sentence, under the task stating it.
    target = httpx.get(f"{zhoushan}/indicators", params={"task": 2, "limit": 1}).json()["items"][0]
    task_2 = httpx.get(f"{zhoushan}/tasks/2").json()
    chapter = httpx.get(f"{zhoushan}/chapters/{task_2['chapter']}").json()
    driver.get(f"{zhoushan}/#/targets?task=2")
    wait_for(driver, "#targets-table tbody tr td.copy-cell button.copy-source")[0].click()
    wait_for_text(driver, "#targets-table .copy-status", "已复制到剪贴板")
    span = target["span"]
    assert read_clipboard(driver) == (
        f"“{target['evidence']}”\n"
        f"出处:《{ZHOUSHAN_TITLE}》{chapter['numeral']}、{chapter['title']} 2.\n"
        f"{zhoushan}/#/task/2?hl={span['start']}-{span['end']}&plan={ZHOUSHAN}"
    )
    # In English: the words change, the plan's title and number stay as written.
    driver.get(f"{zhoushan}/#/task/27?lang=en")
    wait_for_text(
        driver, "main h1", "27. Build a modern infrastructure system suited to the islands"
    )
    wait_for(driver, ".lead-in button.copy-source")[0].click()
    wait_for_text(driver, ".lead-in .copy-status", "Copied to the clipboard")
    assert read_clipboard(driver).splitlines()[1:] == [
        f"Source: 《{ZHOUSHAN_TITLE}》 {CHAPTER_27} 27.",
        f"{zhoushan}/#/task/27?plan={ZHOUSHAN}&lang=en",
    ]


def test_print_hides_the_header_and_heads_the_sheet_with_the_source(zhoushan, driver):
    driver.get(f"{zhoushan}/#/duties")
    wait_for(driver, "#duties-table tbody tr", 45)
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert not wait_for(driver, "header")[0].is_displayed()
        assert not any(
            b.is_displayed()
            for b in driver.find_elements("css selector", "main button, main a.button")
        )
        source = wait_for(driver, "main .print-source")[0]
        assert source.is_displayed() and source.text.startswith(
            f"《{ZHOUSHAN_TITLE}》 · 打印自 {zhoushan}/#/duties"
        )
        row = wait_for(driver, "#duties-table tbody tr")[0]
        assert row.value_of_css_property("break-inside") == "avoid"
        head = wait_for(driver, "#duties-table thead")[0]
        assert head.value_of_css_property("display") == "table-header-group"
        screenshot(driver, "cite-print-duties")
        driver.get(f"{zhoushan}/#/task/27")
        wait_for_text(driver, "main h1", "27. 构建海岛特色现代化基础设施体系")
        assert not wait_for(driver, "header")[0].is_displayed()
        assert not any(b.is_displayed() for b in driver.find_elements("css selector", "button"))
        screenshot(driver, "cite-print-task-27")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert wait_for(driver, "header")[0].is_displayed()


def test_several_plans_open_on_the_plans_page_with_exact_counts(several, driver):
    plans = httpx.get(f"{several}/plans").json()["items"]
    assert len(plans) == 4
    driver.get(f"{several}/#/")
    wait_for_text(driver, "main h1", "已载入的规划")
    rows = wait_for(driver, "#plans-table tbody tr", 4)
    assert [r.get_attribute("data-plan") for r in rows] == [p["id"] for p in plans]
    for row, plan in zip(rows, plans, strict=True):
        counts = {
            c.get_attribute("data-count"): int(c.text)
            for c in row.find_elements("css selector", "td[data-count]")
        }
        assert counts == {
            "chapters": plan["chapters"],
            "goals": plan["goals"],
            "tasks": plan["tasks"],
            "targets": plan["indicators"],
        }
    zhoushan = next(r for r in rows if r.get_attribute("data-plan") == ZHOUSHAN)
    # Zhoushan's: 9 chapters, 5 goals, 45 tasks (1. … 45.), 70 targets, and its period.
    assert [c.text for c in zhoushan.find_elements("css selector", "td[data-count]")] == [
        "9",
        "5",
        "45",
        "70",
    ]
    assert "2021–2025" in zhoushan.text
    screenshot(driver, "cite-plans")
    # In English: the page's words change, the counts stay.
    driver.get(f"{several}/#/plans?lang=en")
    wait_for_text(driver, "main h1", "Loaded plans")
    english = next(
        r
        for r in wait_for(driver, "#plans-table tbody tr", 4)
        if r.get_attribute("data-plan") == ZHOUSHAN
    )
    assert "prefecture-level" in english.text and english.text.endswith("9 5 45 70")
    # No plan is chosen: the switcher says so instead of showing the first.
    select = wait_for(driver, "select#plan")[0]
    assert select.get_attribute("value") == ""
    # A view of one plan with none named asks which, and leads to that view in the plan.
    driver.get(f"{several}/#/targets?year=2025")
    wait_for_text(driver, "#plans-count", "“指标”属于单个规划:请选择规划。")
    link = next(
        a
        for a in wait_for(driver, "#plans-table a.plan-link")
        if ZHOUSHAN in a.get_attribute("href")
    )
    link.click()
    wait_until(driver, lambda d: "#/targets" in d.current_url and "year=2025" in d.current_url)
    # An unknown plan is said, never replaced by another.
    driver.get(f"{several}/#/targets?plan=no-such-plan")
    wait_for_text(driver, "#error p", "没有载入编号为“no-such-plan”的规划。")
    assert not driver.find_elements("css selector", "#targets-table")


def test_number_labels_in_three_numbering_styles(several, driver):
    for plan, first in (
        (SHANGHAI, ["3.1.1", "3.1.2", "3.1.3"]),
        (ZHEJIANG, ["（一）", "（二）", "（三）"]),
        (BEIJING, ["第一节", "第二节", "第三节"]),
    ):
        tasks = httpx.get(f"{several}/tasks", params={"plan": plan, "limit": 3}).json()["items"]
        assert [x["number_label"] for x in tasks] == first
        title = httpx.get(f"{several}/plans/{plan}").json()["title"]
        driver.get(f"{several}/#/?plan={plan}")
        wait_for_text(driver, "main h1", title)
        assert numbers_shown(driver)[:3] == first
    # The graph draws a task under the same number.
    drawn = httpx.get(
        f"{several}/graph", params={"focus": f"{SHANGHAI}-task-1", "plan": SHANGHAI}
    ).json()
    assert drawn["nodes"][0]["label"] == "3.1.1 持续增强经济发展韧性"
    driver.get(f"{several}/#/task/1?plan={SHANGHAI}")
    wait_for_text(driver, "main h1", "3.1.1 持续增强经济发展韧性")
    driver.get(f"{several}/#/task/3?plan={ZHEJIANG}")
    wait_for_text(driver, "main h1", "（三）整体提升城市排洪水平")
    screenshot(driver, "cite-task-zhejiang-3")


def test_switching_plans_keeps_the_targets_filter(several, driver):
    from selenium.webdriver.support.ui import Select

    expected = httpx.get(
        f"{several}/indicators", params={"plan": SHANGHAI, "year": 2025, "limit": 500}
    ).json()
    driver.get(f"{several}/#/targets?plan={ZHOUSHAN}&year=2025")
    wait_for(driver, "#targets-table tbody tr")
    Select(wait_for(driver, "select#plan")[0]).select_by_value(SHANGHAI)
    wait_until(driver, lambda d: f"plan={SHANGHAI}" in d.current_url)
    assert "#/targets?" in driver.current_url and "year=2025" in driver.current_url
    rows = wait_until(
        driver,
        lambda d: (
            (r := d.find_elements("css selector", "#targets-table tbody tr"))
            and len(r) == expected["total"]
            and r
        ),
    )
    assert {r.get_attribute("data-year") for r in rows} == {"2025"}
    assert Select(wait_for(driver, "#filter-year")[0]).first_selected_option.text == "2025"
    screenshot(driver, "cite-targets-switched")
    # A task's number means another task in another plan: the switch leads to its page.
    driver.get(f"{several}/#/task/1?plan={SHANGHAI}")
    wait_for_text(driver, "main h1", "3.1.1 持续增强经济发展韧性")
    Select(wait_for(driver, "select#plan")[0]).select_by_value(ZHEJIANG)
    wait_for_text(driver, "main h1", "浙江省城市内涝治理“十四五”规划")
    assert f"#/home?plan={ZHEJIANG}" in driver.current_url


def test_plan_and_agency_pages_link_the_views_across_plans(several, driver):
    driver.get(f"{several}/#/?plan={SHANGHAI}")
    wait_for_text(driver, "main h1", httpx.get(f"{several}/plans/{SHANGHAI}").json()["title"])
    for css in ("#duties-link", "#lineage-link", "#families-link"):
        assert f"plan={SHANGHAI}" in wait_for(driver, css)[0].get_attribute("href")
    agency = httpx.get(f"{several}/agencies", params={"plan": ZHOUSHAN, "limit": 1}).json()[
        "items"
    ][0]
    driver.get(f"{several}/#/agency/{agency['id']}?plan={ZHOUSHAN}")
    # (the plan page's links of the same ids are there until the agency's page replaces it)
    wait_for_text(driver, "main h1", agency["name"])
    for css in ("#duties-link", "#lineage-link", "#families-link"):
        assert wait_for(driver, css)[0].get_attribute("href")
    wait_for(driver, "#lineage-link")[0].click()
    wait_until(driver, lambda d: "#/lineage" in d.current_url)
    wait_until(
        driver, lambda d: d.find_element("css selector", "main h1").text.endswith(ZHOUSHAN_TITLE)
    )


def test_without_the_clipboard_the_citation_is_selected_for_copying(zhoushan, driver):
    # A browser refusing the clipboard (a permission denied): the text is shown, selected.
    driver.execute_cdp_cmd(
        "Browser.setPermission",
        {"origin": zhoushan, "permission": {"name": "clipboard-write"}, "setting": "denied"},
    )
    try:
        driver.get(f"{zhoushan}/#/task/3")
        title = httpx.get(f"{zhoushan}/tasks/3").json()["title"]
        wait_for_text(driver, "main h1", f"3. {title}")
        wait_for(driver, ".lead-in button.copy-source")[0].click()
        wait_for_text(driver, ".lead-in .copy-status", "请按 Ctrl+C(或 ⌘C)复制选中的文字")
        box = wait_for(driver, ".lead-in textarea.copy-fallback")[0]
        text = box.get_attribute("value")
        assert text.startswith(f"“{title}”\n出处:《{ZHOUSHAN_TITLE}》")
        assert text.endswith(f"\n{zhoushan}/#/task/3?plan={ZHOUSHAN}")
        # Focused and wholly selected, so Ctrl+C copies it (all of it in UTF-16's BMP).
        state = driver.execute_script(
            "const b = arguments[0];"
            " return [document.activeElement === b, b.selectionStart, b.selectionEnd];",
            box,
        )
        assert state == [True, 0, len(text)]
        screenshot(driver, "cite-copy-fallback")
    finally:
        driver.execute_cdp_cmd(
            "Browser.setPermission",
            {"origin": zhoushan, "permission": {"name": "clipboard-write"}, "setting": "granted"},
        )
