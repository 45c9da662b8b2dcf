"""Issue 23's page in a real headless Chromium against the real API, on the Zhoushan plan:
an editor (configured in a temporary editors file, corrections kept in a temporary SQLite
file) enters a key, rejects a place link of task 27 and adds a theme from words selected
in the task's text; the links change at once, and the review list shows both. A wrong key
is refused in words; edit mode lasts as long as the browser session. The links rejected
and added here are chosen to exercise the page, not as readings anyone has made of the
plan. Each test leaves a screenshot in tests/out/web/."""

from __future__ import annotations

import tempfile
from pathlib import Path

import httpx
import pytest

from tests.corpus import PLANS, require_corpus
from tests.test_web_page import csp_violations, wait_for, wait_for_text, wait_until
from tests.web_browser import ROOT, api_server, chromium, screenshot

ZHOUSHAN = "zhoushan-gongtongfuyu-2021-2025"
PLAN_TEXT = ROOT / "data" / "plans" / "zhoushan-2021-2025.txt"
TASK = 27
# Task 27 plans a bridge, "谋划青山大桥": the loader links the place 青山 through it.
REJECTED = "qingshan"
# Task 27 builds "城乡服务设施"; the loader does not link it to urban development.
ADDED_THEME = "urban-development"
ADDED_WORDS = "城乡服务设施"
EDITOR = "测试编辑"
# The Shanghai outline is hard-wrapped (a line break every ~27 characters): its task 33
# has 杨 at the end of one line and 浦 at the start of the next (tests/test_wrapped_plans.py).
SHANGHAI = PLANS / "06-shanghai-shisiwu-gangyao.txt"
WRONG_KEY = "pk_0123456789abcdef_" + "A" * 43  # the form of a key, known to no editor


@pytest.fixture(scope="module")
def setup():
    from plankg.api.editors import add_editor

    with tempfile.TemporaryDirectory(prefix="plankg-corr-page-") as folder:
        editors = Path(folder) / "editors.toml"
        key = add_editor(editors, EDITOR, [ZHOUSHAN])
        other = add_editor(editors, "另一规划的编辑", ["some-other-plan"])
        env = {
            "PLANKG_EDITORS": str(editors),
            "PLANKG_CORRECTIONS": str(Path(folder) / "corrections.sqlite"),
        }
        with api_server(env) as url:
            yield {"url": url, "key": key, "other": other}


@pytest.fixture(scope="module")
def wrapped():
    require_corpus()
    with api_server({"PLANKG_PLANS": str(SHANGHAI)}) as url:
        yield url


def select_words(driver, words: str) -> None:
    """Select the first occurrence of `words` in the task's text, as an editor does with
    the mouse (the words may run across several marks)."""
    driver.execute_script(
        """const root = document.getElementById('task-text');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const nodes = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
        const whole = nodes.map((n) => n.data).join('');
        let at = whole.indexOf(arguments[0]);
        if (at < 0) throw new Error('not in the text: ' + arguments[0]);
        let end = at + arguments[0].length;
        const range = document.createRange();
        for (const node of nodes) {
          if (at >= 0 && at <= node.data.length) { range.setStart(node, at); at = -1; }
          else if (at >= 0) at -= node.data.length;
          if (end <= node.data.length) { range.setEnd(node, end); break; }
          end -= node.data.length;
        }
        getSelection().removeAllRanges();
        getSelection().addRange(range);""",
        words,
    )


def task_json(url: str) -> dict:
    return httpx.get(
        f"{url}/tasks/{TASK}", params={"plan": ZHOUSHAN}, headers={"Cache-Control": "no-cache"}
    ).json()


def enter_key(driver, key: str) -> None:
    wait_for(driver, "#edit-mode")[0].click()
    wait_for(driver, "#editor-key")[0].send_keys(key)
    driver.find_element("css selector", "#editor-form button[type=submit]").click()


def open_task(driver, url: str) -> None:
    driver.get("about:blank")  # a fresh page: the same URL again would only be a fragment
    driver.get(f"{url}/#/task/{TASK}?plan={ZHOUSHAN}")
    wait_until(driver, lambda d: d.find_element("css selector", "main h1").text.startswith(f"{TASK}. "))


def test_each_key_is_answered_for_itself(setup):
    # GET /editor depends on the Authorization header alone: the server's kept answers
    # (keyed by path) must not hand one editor's answer to another key, or to a wrong one.
    def ask(key: str) -> httpx.Response:
        return httpx.get(f"{setup['url']}/editor", headers={"Authorization": f"Bearer {key}"})

    for _ in range(2):
        assert ask(setup["key"]).json() == {"name": EDITOR, "plans": [ZHOUSHAN]}
        assert ask(setup["other"]).json()["name"] == "另一规划的编辑"
        assert ask(WRONG_KEY).status_code == 401


def test_a_wrong_key_is_refused_in_words(setup, driver):
    open_task(driver, setup["url"])
    enter_key(driver, WRONG_KEY)
    wait_for_text(driver, "#editor-error", "编辑密钥无效或已失效,请重新输入。")
    assert driver.execute_script("return sessionStorage.getItem('plankg.editor')") is None  # no key kept
    assert not driver.find_elements("css selector", "#edit-panel")
    screenshot(driver, "corrections-wrong-key")


def test_a_key_for_another_plan_shows_no_controls(setup, driver):
    open_task(driver, setup["url"])
    enter_key(driver, setup["other"])
    wait_for_text(driver, "#editor-name", "编辑者:另一规划的编辑")
    assert "此密钥无权编辑本规划" in driver.find_element("css selector", "#edit-switch").text
    assert not driver.find_elements("css selector", "#edit-panel")
    driver.find_element("css selector", "#leave-edit").click()
    wait_for(driver, "#edit-mode")
    assert driver.execute_script("return sessionStorage.getItem('plankg.editor')") is None  # no key kept


def test_rejecting_a_place_removes_it_at_once_and_the_review_list_shows_it(setup, driver):
    url = setup["url"]
    before = task_json(url)
    places = [p["id"] for p in before["places"]]
    assert REJECTED in places
    open_task(driver, url)
    wait_for(driver, f"#link-place-{REJECTED}")
    enter_key(driver, setup["key"])
    wait_for_text(driver, "#editor-name", f"编辑者:{EDITOR}")
    # One row per link of the task in the edit panel: its places, agencies, themes, targets.
    rows = wait_for(driver, "#edit-panel li.corr-row")
    assert len(rows) == sum(len(before[k]) for k in ("places", "agencies", "themes", "indicators"))

    row = wait_for(driver, f"#edit-place-{REJECTED}")[0]
    button = row.find_element("css selector", "button.corr-reject")
    assert button.get_attribute("aria-label") == "否决: 地点 青山 青山大桥"  # which link it rejects
    button.click()
    # No reason, no write.
    row.find_element("css selector", "form button[type=submit]").click()
    assert not row.find_element("css selector", "input.corr-why").get_property("validity")["valid"]
    row.find_element("css selector", "input.corr-why").send_keys("青山大桥是桥名,并非指青山。")
    row.find_element("css selector", "form button[type=submit]").click()

    flash = wait_for(driver, "#edit-flash")[0].text
    assert flash.startswith("已保存更正 #")
    assert not driver.find_elements("css selector", f"#link-place-{REJECTED}")
    assert not driver.find_elements("css selector", f'#task-text mark[data-id="{REJECTED}"]')
    after = task_json(url)
    assert [p["id"] for p in after["places"]] == [p for p in places if p != REJECTED]
    screenshot(driver, "corrections-task-rejected")

    driver.get(f"{url}/#/corrections?plan={ZHOUSHAN}")
    rows = wait_for(driver, "#corrections-table tbody tr")
    assert len(rows) == 1
    listed = httpx.get(f"{url}/plans/{ZHOUSHAN}/corrections").json()
    assert listed["total"] == 1 and flash == f"已保存更正 #{listed['items'][0]['id']}。"
    cells = [td.text for td in rows[0].find_elements("css selector", "td")]
    assert rows[0].get_attribute("data-action") == "reject"
    assert cells[2] == EDITOR and cells[3] == "否决"
    assert "青山" in cells[4] and f"{TASK}. 构建海岛特色现代化基础设施体系" in cells[4]  # as the plan numbers it
    assert cells[7] == "青山大桥是桥名,并非指青山。" and cells[8] == "已生效"
    assert cells[6] == "—"  # after a rejection, the link is gone
    link = rows[0].find_element("css selector", "a.corr-fact")
    assert link.get_attribute("href").endswith(f"#/task/{TASK}?plan={ZHOUSHAN}")
    screenshot(driver, "corrections-review-list")


def test_adding_a_theme_from_selected_words(setup, driver):
    url = setup["url"]
    text = PLAN_TEXT.read_text(encoding="utf-8")
    detail = task_json(url)
    start = text.index(ADDED_WORDS, detail["span"]["start"])
    assert start < detail["span"]["end"] and ADDED_THEME not in [x["id"] for x in detail["themes"]]
    open_task(driver, url)
    wait_for(driver, "#add-form")
    select_words(driver, ADDED_WORDS)
    shown = wait_for_text(driver, "#add-span", ADDED_WORDS)
    assert shown and driver.find_element("css selector", "#add-span").get_attribute(
        "data-start"
    ) == str(start)
    assert driver.find_element("css selector", "#add-span").get_attribute("data-end") == str(
        start + len(ADDED_WORDS)
    )
    from selenium.webdriver.support.ui import Select

    # A place is added only on words that name it: the API's 422, in the page's words.
    Select(driver.find_element("css selector", "#add-kind")).select_by_value("place")
    Select(driver.find_element("css selector", "#add-entity")).select_by_value(
        "shanghai-metropolitan-area"
    )
    driver.find_element("css selector", "#why-add").send_keys("城乡服务设施属城市建设。")
    driver.find_element("css selector", "#add-form button[type=submit]").click()
    refused = wait_for(driver, "#error-add:not([hidden])")[0].text
    assert refused.startswith("更正未被接受:") and ADDED_WORDS in refused
    Select(driver.find_element("css selector", "#add-kind")).select_by_value("theme")
    Select(driver.find_element("css selector", "#add-entity")).select_by_value(ADDED_THEME)
    driver.find_element("css selector", "#add-form button[type=submit]").click()

    wait_for(driver, "#edit-flash")
    badge = wait_for(driver, f"#edit-theme-{ADDED_THEME} .badge-reviewed")[0]
    added = next(x for x in task_json(url)["themes"] if x["id"] == ADDED_THEME)
    assert (
        added["basis"] == "reviewed"
        and badge.get_attribute("data-correction") == added["correction"]
    )
    assert added["match_span"] == {"start": start, "end": start + len(ADDED_WORDS)}
    wait_for(driver, f"#link-theme-{ADDED_THEME}")
    screenshot(driver, "corrections-task-added")


def test_withdrawing_from_the_review_list(setup, driver):
    url = setup["url"]
    driver.get(f"{url}/#/corrections?plan={ZHOUSHAN}")
    rows = wait_for(driver, "#corrections-table tbody tr", 2)
    # Newest first: the theme added, then the place rejected.
    assert [r.get_attribute("data-action") for r in rows] == ["add", "reject"]
    rows[0].find_element("css selector", "button.corr-withdraw").click()
    wait_until(
        driver,
        lambda d: (
            d.find_element("css selector", "#corrections-table tbody tr").get_attribute(
                "data-status"
            )
            == "withdrawn"
        ),
    )
    assert ADDED_THEME not in [x["id"] for x in task_json(url)["themes"]]
    # A withdrawn correction has no withdraw button; the other keeps its own.
    rows = wait_for(driver, "#corrections-table tbody tr", 2)
    assert [len(r.find_elements("css selector", "button.corr-withdraw")) for r in rows] == [0, 1]
    screenshot(driver, "corrections-withdrawn")
    # Only the withdrawn ones: the API's status filter, kept in the URL.
    driver.find_element("css selector", '#corrections-filter a[data-status="withdrawn"]').click()
    wait_until(driver, lambda d: "status=withdrawn" in d.current_url)
    rows = wait_until(
        driver,
        lambda d: (
            (r := d.find_elements("css selector", "#corrections-table tbody tr"))
            and len(r) == 1
            and r
        ),
    )
    assert rows[0].get_attribute("data-action") == "add"
    # In English: the same list in the page's English words.
    driver.get(f"{url}/#/corrections?plan={ZHOUSHAN}&lang=en")
    wait_until(
        driver,
        lambda d: d.find_element("css selector", "main h1").text.startswith("Corrections · "),
    )
    rows = wait_for(driver, "#corrections-table tbody tr", 2)
    statuses = [r.find_elements("css selector", "td")[8].text for r in rows]
    assert statuses == ["withdrawn", "applied"]
    assert [r.find_elements("css selector", "td")[3].text for r in rows] == ["add", "reject"]
    screenshot(driver, "corrections-review-list-english")


def test_correcting_a_target_s_year(setup, driver):
    # Task 3's target 规上工业企业装备数控化率 ≥ 60% is read without a year ("达到60%以上"
    # in a plan for 2021-2025); an editor gives it the plan's last year.
    url = setup["url"]
    target = f"{ZHOUSHAN}-indicator-37"

    def indicator() -> dict:
        found = httpx.get(f"{url}/tasks/3", params={"plan": ZHOUSHAN}).json()["indicators"]
        return next(x for x in found if x["id"] == target)

    was = indicator()
    assert (was["name"], was["value"], was["unit"], was["year"]) == (
        "规上工业企业装备数控化率",
        60,
        "%",
        None,
    )
    driver.get("about:blank")
    driver.get(f"{url}/#/task/3?plan={ZHOUSHAN}")
    form = wait_for(driver, f"#edit-target-{target}-fields")[0]
    form.find_element("css selector", "summary").click()
    value = form.find_element("css selector", "input[name=value]")
    value.clear()
    value.send_keys("六十")
    form.find_element("css selector", "input[name=why]").send_keys("原文为2025年目标。")
    form.find_element("css selector", "button[type=submit]").click()
    wait_for_text(driver, f"#error-target-{target}-fields", "“数值”必须是数字。")
    value.clear()
    value.send_keys("60")
    form.find_element("css selector", "input[name=year]").send_keys("2025")
    form.find_element("css selector", "button[type=submit]").click()

    flash = wait_for(driver, "#edit-flash")[0].text
    now = indicator()
    assert (now["value"], now["year"], now["basis"]) == (60, 2025, "reviewed")
    assert flash == f"已保存更正 #{now['correction']}。"
    row = wait_for(driver, f"#edit-target-{target}")[0]
    assert "(2025)" in row.text and "已审核" in row.text
    assert "(2025)" in wait_for(driver, f"#link-target-{target}")[0].text
    kept = httpx.get(f"{url}/plans/{ZHOUSHAN}/corrections/{now['correction']}").json()
    assert kept["fact"] == {"kind": "target", "indicator": 37, "fields": {"year": 2025}}
    screenshot(driver, "corrections-target-corrected")


def test_confirming_a_place_of_a_goal(setup, driver):
    # Goal 2 names 长江经济带 in its own words; a goal's places are facts too ({goal: 2}).
    url = setup["url"]

    def belt() -> dict:
        places = httpx.get(f"{url}/goals/2", params={"plan": ZHOUSHAN}).json()["places"]
        return next(p for p in places if p["id"] == "yangtze-river-economic-belt")

    assert (belt()["surface"], belt()["basis"]) == ("长江经济带", None)
    driver.get("about:blank")
    driver.get(f"{url}/#/goal/2?plan={ZHOUSHAN}")
    row = wait_for(driver, "#edit-place-yangtze-river-economic-belt")[0]
    assert wait_for(driver, "#edit-panel h2")[0].text == "编辑本目标的关联"
    # A goal has places and targets only: nothing else to add.
    kinds = driver.find_elements("css selector", "#add-kind option")
    assert [o.get_attribute("value") for o in kinds] == ["place"]
    row.find_element("css selector", "button.corr-confirm").click()
    row.find_element("css selector", "input.corr-why").send_keys("目标原文写明“长江经济带”。")
    row.find_element("css selector", "form button[type=submit]").click()
    badge = wait_for(driver, "#edit-place-yangtze-river-economic-belt .badge-reviewed")[0]
    now = belt()
    assert (
        now["basis"] == "reviewed" and badge.get_attribute("data-correction") == now["correction"]
    )
    kept = httpx.get(f"{url}/plans/{ZHOUSHAN}/corrections/{now['correction']}").json()
    assert kept["fact"] == {"kind": "place", "goal": 2, "place": "yangtze-river-economic-belt"}
    assert kept["action"] == "confirm" and kept["after"]["basis"] == "reviewed"
    screenshot(driver, "corrections-goal-confirmed")


def test_edit_mode_lasts_the_session_not_longer(setup, driver):
    open_task(driver, setup["url"])
    wait_for_text(driver, "#editor-name", f"编辑者:{EDITOR}")
    driver.refresh()
    wait_for_text(driver, "#editor-name", f"编辑者:{EDITOR}")
    wait_for(driver, "#edit-panel")
    # The key is in sessionStorage only: no cookie, nothing in the URL.
    assert driver.get_cookies() == []
    assert setup["key"] not in driver.current_url
    with chromium() as fresh:
        open_task(fresh, setup["url"])
        wait_for(fresh, "#edit-mode")
        assert not fresh.find_elements("css selector", "#edit-panel")
        assert not fresh.find_elements("css selector", "#editor-name")


def test_a_selection_across_line_breaks_gets_plan_offsets(wrapped, driver):
    # No write here: the edit panel is shown from an editor session the test writes itself
    # (the page trusts sessionStorage for showing controls; the server checks every write).
    plan = httpx.get(f"{wrapped}/plans").json()["items"][0]["id"]
    task = httpx.get(f"{wrapped}/tasks/33", params={"plan": plan}).json()
    yangpu = next(m for m in task["places"] if m["id"] == "yangpu")
    assert yangpu["match_span"]["end"] - yangpu["match_span"]["start"] == 3  # 杨, break, 浦
    driver.get(f"{wrapped}/#/")
    driver.execute_script(
        "sessionStorage.setItem('plankg.editor', JSON.stringify({key: 'none', name: 'offsets', plans: ['*']}))"
    )
    driver.get(f"{wrapped}/#/task/33?plan={plan}")
    wait_for(driver, "#add-form")
    for words, span in (("杨浦", yangpu["match_span"]), (yangpu["evidence"], yangpu["span"])):
        select_words(driver, words)
        wait_for_text(driver, "#add-span", words)
        shown = driver.find_element("css selector", "#add-span")
        assert (int(shown.get_attribute("data-start")), int(shown.get_attribute("data-end"))) == (
            span["start"],
            span["end"],
        )
    screenshot(driver, "corrections-selection-wrapped")
    driver.execute_script("sessionStorage.clear()")


def test_edit_mode_ran_under_the_page_s_csp(driver):
    # Every panel, form and list the tests above drove ran under the Content-Security-Policy.
    assert csp_violations(driver) == []


def test_the_review_list_is_paged(setup, driver):
    # Fifty to a page, newest first: confirmations of one link fill the list to 52.
    url = setup["url"]
    listed = f"{url}/plans/{ZHOUSHAN}/corrections"
    have = httpx.get(listed).json()["total"]
    body = {
        "action": "confirm",
        "fact": {"kind": "place", "task": TASK, "place": "zhoushan"},
        "why": "甬舟铁路连接舟山。",
    }
    headers = {"Authorization": f"Bearer {setup['key']}"}
    for _ in range(52 - have):
        assert httpx.post(listed, json=body, headers=headers).status_code == 201
    first = httpx.get(listed, params={"limit": 50}).json()
    rest = httpx.get(listed, params={"limit": 50, "offset": 50}).json()
    assert first["total"] == 52 and len(rest["items"]) == 2
    driver.get("about:blank")
    driver.get(f"{url}/#/corrections?plan={ZHOUSHAN}")
    rows = wait_for(driver, "#corrections-table tbody tr", 50)
    assert [r.get_attribute("data-id") for r in rows] == [c["id"] for c in first["items"]]
    driver.find_element("css selector", ".pager a[rel=next]").click()
    rows = wait_until(
        driver,
        lambda d: (
            (r := d.find_elements("css selector", "#corrections-table tbody tr"))
            and len(r) == 2
            and r
        ),
    )
    assert [r.get_attribute("data-id") for r in rows] == [c["id"] for c in rest["items"]]
