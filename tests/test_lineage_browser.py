"""The explorer page's views of issue 21 in a real headless Chromium against the real API:
a plan's lineage (what it cites, which loaded plans cite it), one indicator family across
plans (a chart and a table) and the responsibility table with its downloads. On the
Zhoushan plan alone, and on Zhoushan with three corpus plans loaded together (two of
which cite one another). Each test leaves a screenshot in tests/out/web/."""

from __future__ import annotations

from urllib.parse import urljoin

import httpx
import pytest

from tests.corpus import PLANS, require_corpus
from tests.test_web_page import wait_for, wait_for_text, wait_until
from tests.web_browser import ROOT, api_server, screenshot

ZHOUSHAN = "zhoushan-gongtongfuyu-2021-2025"
# The corpus plans served beside Zhoushan: the Anhui action plan, the notice that issues it
# with a policy (and so cites it in 《》), and the Shanghai outline, whose indicators share
# families with Zhoushan's (income per head, urbanisation …).
ACTION_PLAN = "anhui-gongyehulian-2021-2023"
POLICY = "anhui-gongyehulian-2021"
CORPUS_PLANS = [
    "02-anhui-gongyehulianwang-xingdong.txt",
    "03-anhui-gongyehulianwang-zhengce.txt",
    "06-shanghai-shisiwu-gangyao.txt",
]
# The preamble sentence of data/plans/zhoushan-2021-2025.txt (line 15) that names the
# provincial plan Zhoushan implements, read from the text.
ZHEJIANG_PLAN = "浙江高质量发展建设共同富裕示范区实施方案"
ZHEJIANG_SENTENCE = (
    "为深入学习贯彻习近平新时代中国特色社会主义思想,全面落实《浙江高质量发展建设共同富裕示范区实施方案》,"
    "坚持浙江所需、舟山所能、群众所盼、未来所向,紧扣建设“四个舟山”目标,激情创业、拼搏赶超,"
    "创造性系统性落实各项任务,特制定舟山高质量发展建设共同富裕示范区先行市实施方案(“十四五”时期)如下。"
)
# The Anhui notice's sentence naming the action plan (03-anhui-gongyehulianwang-zhengce.txt, line 8).
ACTION_PLAN_TITLE = "安徽省工业互联网创新发展行动计划（2021-2023年）"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def zhoushan() -> str:
    with api_server() as url:
        yield url


@pytest.fixture(scope="module")
def several() -> str:
    require_corpus()
    plans = [
        ROOT / "data" / "plans" / "zhoushan-2021-2025.txt",
        *(PLANS / name for name in CORPUS_PLANS),
    ]
    with api_server({"PLANKG_PLANS": ":".join(map(str, plans))}) as url:
        yield url


def open_view(driver, url: str, heading_part: str) -> None:
    driver.get(url)
    wait_until(driver, lambda d: heading_part in d.find_element("css selector", "main h1").text)


def test_zhoushan_cites_the_zhejiang_plan_with_its_sentence(zhoushan, driver):
    cites = httpx.get(f"{zhoushan}/plans/{ZHOUSHAN}/citations").json()
    driver.get(f"{zhoushan}/#/")
    items = wait_for(
        driver, "#cites > li[data-document]", cites["total"] if cites["total"] < 50 else 50
    )
    assert len(items) == len(cites["items"])
    zhejiang = [li for li in items if f"《{ZHEJIANG_PLAN}》" in li.text]
    assert len(zhejiang) == 1
    assert zhejiang[0].find_element("css selector", ".badge-verb").text == "落实"
    assert (
        zhejiang[0]
        .find_element("css selector", "blockquote")
        .text.startswith(ZHEJIANG_SENTENCE.strip())
    )
    assert wait_for(driver, "#cited-by")[0].text == "没有已载入的规划引用该规划。"
    screenshot(driver, "lineage-zhoushan")

    # The quote leads to the sentence, highlighted: it lies in the preamble, outside every task.
    zhejiang[0].find_element("css selector", "a.in-text").click()
    quote = wait_for(driver, "#quote-text mark.hl-quote")[0]
    assert quote.text.strip() == ZHEJIANG_SENTENCE.strip()


def test_the_responsibility_table_of_zhoushan_and_its_downloads(zhoushan, driver):
    # 45 rows: the plan's tasks 1. to 45. (numbered 1. … 45. in the text, one row each).
    driver.get(f"{zhoushan}/#/")
    wait_for(driver, "#duties-link")[0].click()
    rows = wait_until(
        driver,
        lambda d: (
            (r := d.find_elements("css selector", "#duties-table tbody tr")) and len(r) == 45 and r
        ),
    )
    assert [r.get_attribute("data-task") for r in rows] == [str(n) for n in range(1, 46)]
    assert [r.find_element("css selector", "td").text for r in rows[:3]] == ["1.", "2.", "3."]
    expected = httpx.get(
        f"{zhoushan}/plans/{ZHOUSHAN}/responsibilities", params={"limit": 100}
    ).json()
    inferred = sum(d["basis"] == "inferred" for row in expected["items"] for d in row["leads"])
    shown = driver.find_elements(
        "css selector", '#duties-table td:nth-child(4) [data-basis="inferred"]'
    )
    assert len(shown) == inferred and all("推断" in chip.text for chip in shown)
    assert not driver.find_elements(
        "css selector", '#duties-table td:nth-child(3) [data-basis="inferred"]'
    )
    screenshot(driver, "duties-zhoushan")

    for css, media in (("#duties-csv", "text/csv"), ("#duties-xlsx", XLSX)):
        link = wait_for(driver, css)[0]
        assert link.get_attribute("download") is not None
        answer = httpx.get(urljoin(driver.current_url, link.get_attribute("href")))
        assert answer.status_code == 200 and answer.headers["content-type"].split(";")[0] == media
        assert answer.headers["content-disposition"].startswith("attachment")
    csv_lines = (
        httpx.get(f"{zhoushan}/plans/{ZHOUSHAN}/responsibilities?format=csv")
        .text.strip()
        .splitlines()
    )
    assert len(csv_lines) == 1 + 45

    # One agency's rows, reached from its page.
    agency = expected["items"][0]["leads"][0]["agency"]
    mine = httpx.get(
        f"{zhoushan}/agencies/{agency}/responsibilities", params={"plan": "*", "limit": 100}
    ).json()
    driver.get(f"{zhoushan}/#/agency/{agency}")
    wait_for(driver, "#duties-link")[0].click()
    rows = wait_until(
        driver,
        lambda d: (
            (r := d.find_elements("css selector", "#duties-table tbody tr"))
            and len(r) == mine["total"]
            and r
        ),
    )
    assert [int(r.get_attribute("data-task")) for r in rows] == [
        row["task"] for row in mine["items"]
    ]


def test_the_action_plan_is_cited_by_the_notice_that_issues_it(several, driver):
    citing = httpx.get(f"{several}/plans/{ACTION_PLAN}/cited-by").json()
    assert [c["plan"] for c in citing["items"]] == [POLICY]
    open_view(driver, f"{several}/#/?plan={ACTION_PLAN}", "安徽省工业互联网创新发展行动计划")
    entry = wait_for(driver, f'#cited-by li[data-plan="{POLICY}"]')[0]
    assert entry.find_element("css selector", "a.plan-link").text == "支持工业互联网发展若干政策"
    assert f"《{ACTION_PLAN_TITLE}》" in entry.find_element("css selector", "blockquote").text
    screenshot(driver, "lineage-cited-by")

    # From the notice's side: its citation of the action plan links to the loaded plan.
    open_view(driver, f"{several}/#/?plan={POLICY}", "支持工业互联网发展若干政策")
    cited = wait_for(driver, f'#cites li[data-plan="{ACTION_PLAN}"]')[0]
    cited.find_element("css selector", "a.plan-link").click()
    wait_until(driver, lambda d: f"plan={ACTION_PLAN}" in d.current_url)
    assert wait_for_text(driver, "main h1", "安徽省工业互联网创新发展行动计划")


def test_a_citation_inside_a_task_opens_that_task_with_the_sentence_marked(several, driver):
    shanghai = "shanghai-guominjingji-2021-2025"
    cites = httpx.get(f"{several}/plans/{shanghai}/citations").json()["items"]
    law = next(c for c in cites if c["title"] == "外商投资法")
    assert law["verb"] == "落实"
    open_view(driver, f"{several}/#/?plan={shanghai}", "上海市国民经济和社会发展第十四个五年规划")
    entry = wait_for(driver, f'#cites li[data-document="{law["document"]}"]')[0]
    entry.find_element("css selector", "a.in-text").click()
    # The quote view finds the task whose text holds the sentence and opens it there.
    wait_until(driver, lambda d: "#/task/" in d.current_url)
    marked = wait_for(driver, "#task-text mark.hl-quote")
    assert "".join(m.text for m in marked) == law["evidence"]
    number = int(driver.current_url.split("#/task/")[1].split("?")[0])
    task = httpx.get(f"{several}/tasks/{number}", params={"plan": shanghai}).json()
    assert task["span"]["start"] <= law["span_start"] < law["span_end"] <= task["span"]["end"]
    screenshot(driver, "quote-in-task")


def test_one_family_across_plans_draws_a_bar_per_target(several, driver):
    families = httpx.get(f"{several}/families", params={"plan": "*", "limit": 500}).json()["items"]
    shared = max(families, key=lambda f: (f["plans"], f["targets"]))
    assert shared["plans"] >= 2  # Zhoushan and Shanghai state targets of a common family
    targets = httpx.get(
        f"{several}/families/{shared['key']}", params={"plan": "*", "limit": 50}
    ).json()
    driver.get(f"{several}/#/families")
    wait_for(driver, f'#families-table tr[data-family="{shared["key"]}"] a')[0].click()
    bars = wait_for(driver, "#family-chart svg.chart rect", len(targets["items"]))
    assert len(bars) == len(targets["items"])
    rows = driver.find_elements("css selector", "#family-table tbody tr")
    assert [
        (r.get_attribute("data-plan"), int(r.get_attribute("data-indicator"))) for r in rows
    ] == [(x["plan"], x["indicator"]) for x in targets["items"]]
    assert len({x["plan"] for x in targets["items"]}) >= 2
    screenshot(driver, f"family-{shared['key']}")

    # The first bar leads to its target's sentence, highlighted in its task or goal.
    first = targets["items"][0]
    bars[0].click()
    marked = wait_for(driver, "#task-text mark.hl-quote")
    assert "".join(m.text for m in marked).replace("\n", "") == first["evidence"].replace("\n", "")
    assert f"plan={first['plan']}" in driver.current_url

    # scope=plan keeps to the plan shown: Zhoushan's own targets of the family (plan=<id>).
    own = httpx.get(f"{several}/families/{shared['key']}", params={"plan": ZHOUSHAN}).json()
    assert 0 < own["total"] < targets["total"]
    driver.get(f"{several}/#/family/{shared['key']}?plan={ZHOUSHAN}&scope=plan")
    rows = wait_until(
        driver,
        lambda d: (
            (r := d.find_elements("css selector", "#family-table tbody tr"))
            and len(r) == own["total"]
            and r
        ),
    )
    assert {r.get_attribute("data-plan") for r in rows} == {ZHOUSHAN}
    assert len(driver.find_elements("css selector", "#family-chart svg.chart rect")) == own["total"]


def test_the_new_views_speak_english(several, driver):
    driver.get(f"{several}/#/families?lang=en")
    assert wait_for_text(driver, "main h1", "Indicator families across plans")
    headers = [th.text for th in wait_for(driver, "#families-table th", 6)]
    assert headers == ["Name", "Dimension", "Unit", "Targets", "Plans", "Source"]
    assert "Compare" in [a.text for a in wait_for(driver, "header nav a")]
    driver.get(f"{several}/#/duties?plan={ZHOUSHAN}&lang=en")
    assert wait_for(driver, "#duties-csv")[0].text == "Download CSV"
    assert wait_for(driver, "main h1")[0].text.startswith("Responsibility table")
