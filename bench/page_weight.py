"""The explorer page's weight and first render, per view, as a headless Chromium sees it.

For each view: the bytes that crossed the wire (the resource timing API's `transferSize`,
so compressed when the server compressed, headers included), the bytes of script among
them, the bytes once decoded, how many requests; then two times from navigation start,
the first contentful paint (the page's shell) and the moment the view is shown (its
heading in place, the graph drawn), each on loopback and on an emulated 4 Mbit/s link
with 40 ms of latency (CDP), where the bytes cost what they cost a planner on a modest
connection. The browser's cache is off: every view is a first visit. On a shared machine
the loopback times are noisy; the bytes are exact. Nothing is asserted;
`python -m bench.page_weight --out FILE.json` also writes the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.api import server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
]
TASK_27 = "zhoushan-gongtongfuyu-2021-2025-task-27"
VIEWS = {
    "home": "#/",
    "task": "#/task/27",
    "search": "#/search?q=%E6%B5%B7%E5%B2%9B",  # 海岛
    "place": "#/place/daishan",
    "targets": "#/targets",
    "graph": f"#/graph?focus={TASK_27}",
    "graph depth 3": "#/graph?depth=3",
}
ROUNDS = 3
LINK = {"offline": False, "latency": 40, "downloadThroughput": 4e6 / 8, "uploadThroughput": 1e6 / 8}
# Installed before any page script runs (CDP; the page's CSP does not apply to it): notes
# when the view is shown, a heading in <main> with nothing loading, a graph once drawn.
SHOWN = """
const shown = () => {
  const main = document.querySelector('main');
  if (!main || main.hasAttribute('aria-busy') || !main.querySelector('h1')) return false;
  if (!location.hash.startsWith('#/graph')) return true;
  const canvas = document.getElementById('graph-canvas');
  return !!(canvas && canvas.dataset.nodes);
};
const watch = new MutationObserver(() => {
  if (!window.__plankgShown && shown()) window.__plankgShown = performance.now();
});
document.addEventListener('DOMContentLoaded', () => watch.observe(
  document.documentElement, {subtree: true, childList: true, attributes: true}));
"""
MEASURE = """
const byType = (type) => performance.getEntriesByType(type);
const entries = [...byType('navigation'), ...byType('resource')];
const paint = byType('paint').find((p) => p.name === 'first-contentful-paint');
return {
  fcp: paint ? paint.startTime : null,
  shown: window.__plankgShown || null,
  resources: entries.map((e) => ({
    name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
  })),
};
"""


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="plankg-bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SHOWN})
    return driver, profile


def visit(driver, url: str) -> dict:
    """One first visit: a blank page, then the view, measured once it is shown."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(url)
    WebDriverWait(driver, 120).until(lambda d: d.execute_script("return window.__plankgShown"))
    time.sleep(0.3)  # a request the view started last (a chunk, an image) lands
    found = driver.execute_script(MEASURE)
    resources = found["resources"]
    return {
        "fcp_ms": found["fcp"],
        "shown_ms": found["shown"],
        "requests": len(resources),
        "transfer_bytes": sum(r["transfer"] for r in resources),
        "script_transfer_bytes": sum(r["transfer"] for r in resources if ".js" in r["name"]),
        "decoded_bytes": sum(r["decoded"] for r in resources),
        "cytoscape_chunk": any("cytoscape" in r["name"] for r in resources),
    }


def median(rounds: list[dict], key: str) -> float | None:
    values = [r[key] for r in rounds if r[key] is not None]
    return statistics.median(values) if values else None


def measure(base: str) -> dict[str, dict]:
    driver, profile = browser()
    try:
        figures = {}
        for name, route in VIEWS.items():
            driver.execute_cdp_cmd(
                "Network.emulateNetworkConditions",
                {**LINK, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
            )
            near = [visit(driver, f"{base}/{route}") for _ in range(ROUNDS)]
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", LINK)
            far = [visit(driver, f"{base}/{route}") for _ in range(ROUNDS)]
            figures[name] = near[-1] | {
                "fcp_ms": median(near, "fcp_ms"),
                "shown_ms": median(near, "shown_ms"),
                "fcp_4mbit_ms": median(far, "fcp_ms"),
                "shown_4mbit_ms": median(far, "shown_ms"),
            }
        return figures
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def table(figures: dict[str, dict]) -> Table:
    out = Table(title="The page per view, first visit (headless Chromium, cache off)")
    columns = ("view", "requests", "over the wire", "of it script", "decoded")
    times = ("first paint", "shown", "first paint 4 Mbit/s", "shown 4 Mbit/s")
    for column in (*columns, *times):
        out.add_column(column, justify="left" if column == "view" else "right")

    def ms(value: float | None) -> str:
        return f"{value:.0f} ms" if value is not None else "-"

    for name, f in figures.items():
        out.add_row(
            name,
            str(f["requests"]),
            f"{f['transfer_bytes'] / 1024:.1f} KB",
            f"{f['script_transfer_bytes'] / 1024:.1f} KB",
            f"{f['decoded_bytes'] / 1024:.1f} KB",
            *(ms(f[k]) for k in ("fcp_ms", "shown_ms", "fcp_4mbit_ms", "shown_4mbit_ms")),
        )
    return out


def main(console: Console, out: Path | None = None) -> dict[str, dict] | None:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        console.print("[yellow]Page weight skipped:[/] no chromium (make browser installs it)")
        return None
    with server() as (base, _, _):
        figures = measure(base)
    console.print(table(figures))
    if out is not None:
        out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args()
    main(Console(width=160), args.out)
