"""The tables view (#/table/<kind>) in a real headless Chromium against the real API: a
click on a facet filters the rows and keeps the filter in the URL, a click on a header
sorts, the pager walks the targets, and both exports hold exactly the rows shown. On the
Zhoushan plan, and on Zhoushan with corpus plan 01 (Anhui RCEP) loaded beside it. Each
test leaves a screenshot in tests/out/web/."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urljoin

import httpx
import pytest

from tests.corpus import PLANS, require_corpus
from tests.test_web_page import csp_violations, wait_for, wait_until
from tests.web_browser import ROOT, api_server, screenshot

ZHOUSHAN = "zhoushan-gongtongfuyu-2021-2025"
RCEP = "anhui-rcep-2022-2024"


@pytest.fixture(scope="module")
def base() -> str:
    with api_server() as url:
        yield url


def total(driver) -> int:
    return int(wait_for(driver, "#table-count")[0].get_attribute("data-total"))


def keys(driver) -> list[str]:
    return [
        tr.get_attribute("data-key")
        for tr in driver.find_elements("css selector", "#table-rows tbody tr")
    ]


def wait_total(driver, expected: int) -> None:
    wait_until(driver, lambda d: total(d) == expected)


def click(driver, css: str) -> None:
    wait_for(driver, css)[0].click()


def sorted_by(driver, column: str) -> str | None:
    found = driver.find_elements("css selector", f'th[data-sort="{column}"]')
    return found[0].get_attribute("aria-sort") if found else None


def sort(driver, column: str, order: str) -> None:
    """Click a header until the table says it is sorted so, waiting out each re-render (a
    click on the header of the view being replaced would be lost)."""
    for _ in range(2):
        if sorted_by(driver, column) == order:
            return
        before = sorted_by(driver, column)
        click(driver, f'th[data-sort="{column}"] a')
        wait_until(driver, lambda d, before=before: sorted_by(d, column) != before)
    assert sorted_by(driver, column) == order


def test_a_facet_filters_sorts_and_exports_the_rows_shown(base, driver):
    driver.get(f"{base}/#/table/tasks")
    wait_total(driver, 45)
    assert (
        driver.find_element("css selector", 'header nav a[data-view="table"]').get_attribute(
            "aria-current"
        )
        == "page"
    )
    # 岱山 is named by 26. (岱山建成…), 27. (舟岱大桥) and 31. (岱山、嵊泗创成…).
    daishan = 'a[data-facet="place"][data-value="daishan"]'
    assert wait_for(driver, daishan)[0].text.endswith("3")
    click(driver, daishan)
    wait_total(driver, 3)
    assert keys(driver) == ["26", "27", "31"]
    assert "place=daishan" in driver.current_url
    assert driver.find_element("css selector", daishan).get_attribute("aria-current") == "true"
    # The chapter facet counts over the three: two in 五、, one in 六、.
    chapters = {
        a.get_attribute("data-value"): a.find_element("css selector", ".count").text
        for a in driver.find_elements("css selector", 'a[data-facet="chapter"]')
    }
    assert chapters == {"5": "2", "6": "1"}
    click(driver, 'a[data-facet="chapter"][data-value="5"]')
    wait_total(driver, 2)
    # The number column: once ascending, again descending.
    sort(driver, "number_label", "ascending")
    sort(driver, "number_label", "descending")
    assert "sort=number_label&order=desc" in driver.current_url
    wait_until(driver, lambda d: keys(d) == ["27", "26"])
    screenshot(driver, "table-tasks-daishan")

    # The CSV link: the API's file of exactly these rows, in this order.
    link = driver.find_element("css selector", "#table-csv").get_attribute("href")
    response = httpx.get(urljoin(base, link))
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["number"] for r in rows] == ["27", "26"]
    # The JSON export: every page fetched, one Blob; caught as the page hands it over.
    driver.execute_script(
        "window.__exported = null; const make = URL.createObjectURL;"
        "URL.createObjectURL = (blob) => { blob.text().then((t) => { window.__exported = t; });"
        " return make(blob); };"
    )
    click(driver, "#table-json")
    exported = wait_until(driver, lambda d: d.execute_script("return window.__exported"))
    assert [row["number"] for row in json.loads(exported)] == [27, 26]

    # A second click on a chosen value drops it: chapter 五、's seven tasks, 24.–30.
    click(driver, daishan)
    wait_total(driver, 7)
    assert sorted(map(int, keys(driver))) == list(range(24, 31))
    # Clearing the filters brings every task back.
    click(driver, "#table-clear")
    wait_total(driver, 45)
    assert csp_violations(driver) == []  # the view and its exports under the served CSP


def test_targets_page_through_and_agencies_in_english(base, driver):
    driver.get(f"{base}/#/table/targets")
    wait_total(driver, 70)
    assert len(keys(driver)) == 50
    click(driver, ".table-pager a[rel=next]")
    wait_until(driver, lambda d: keys(d) == [str(n) for n in range(51, 71)])
    # One facet value chosen: the goals' 31 targets are chapter 一's.
    click(driver, 'a[data-facet="chapter"][data-value="1"]')
    wait_total(driver, 31)
    assert "offset" not in driver.current_url  # a new filter starts at the first page
    # The goals' targets have no theme or agency: those panels are left out.
    panels = [p.get_attribute("data-facet") for p in wait_for(driver, "section.facet")]
    assert panels == ["chapter", "place", "basis"]
    screenshot(driver, "table-targets-goals")

    driver.get(f"{base}/#/table/agencies?lang=en")
    wait_total(driver, 41)
    assert wait_for(driver, "main h1")[0].text == "Tables · Agencies"
    headers = [th.text for th in driver.find_elements("css selector", "#table-rows th")]
    assert headers[:4] == ["Name", "Level", "Kind", "Stated leads"]
    click(driver, 'a[data-facet="basis"][data-value="stated"]')
    wait_total(driver, 16)  # agencies a clause or the text names, as a lead or a partner
    sort(driver, "leads_stated", "descending")
    # The one stated lead (43.'s 社会建设委员会) first.
    wait_until(driver, lambda d: keys(d)[0] == "zs-sjw")
    screenshot(driver, "table-agencies-en")


def test_a_corpus_plan_beside_zhoushan(driver):
    require_corpus()
    plans = [ROOT / "data" / "plans" / "zhoushan-2021-2025.txt", PLANS / "01-anhui-rcep.txt"]
    with api_server({"PLANKG_PLANS": ":".join(map(str, plans))}) as url:
        driver.get(f"{url}/#/table/tasks?plan={RCEP}")
        wait_total(driver, 24)
        # Every RCEP task ends with its clause: all 24 leads stated, none inferred.
        basis = {
            a.get_attribute("data-value"): a.find_element("css selector", ".count").text
            for a in wait_for(driver, 'a[data-facet="basis"]')
        }
        assert basis == {"stated": "24"}
        click(driver, 'a[data-facet="chapter"][data-value="3"]')  # 三、保障措施: 22.–24.
        wait_total(driver, 3)
        assert keys(driver) == ["22", "23", "24"]
        assert f"plan={RCEP}" in driver.current_url
        screenshot(driver, "table-rcep-chapter-3")
