"""`make bench`: the speed targets the issues set, measured on this machine in one run.

Every number is reported next to its budget (or its baseline) as a ratio; nothing
here is asserted, and nothing here runs in `make test`.
"""

from __future__ import annotations

import http.client
import statistics
import time
from collections.abc import Callable
from contextlib import closing
from urllib.parse import quote, urlsplit

import httpx
from rich.console import Console
from rich.table import Table

from bench import corrections, mixed, page_weight, plansize, throughput
from bench.api import latencies, server
from plankg.config import DEFAULT_PLAN
from plankg.loaders import read_plan
from plankg.loaders.link import link_plan

PLAN = DEFAULT_PLAN
TASK_27 = "zhoushan-gongtongfuyu-2021-2025-task-27"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call, after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    console = Console()
    table = Table(title="plankg benchmarks (this machine, one run)")
    for column in ("measure", "p50", "p99", "budget", "p50 / budget"):
        table.add_column(column, justify="left" if column == "measure" else "right")

    def row(name: str, samples: list[float], budget: float, unit: str = "ms") -> None:
        p50 = statistics.median(samples)
        p99 = statistics.quantiles(samples, n=100)[98] if len(samples) > 1 else p50
        table.add_row(
            name,
            f"{p50:.2f} {unit}",
            f"{p99:.2f} {unit}",
            f"{budget:g} {unit}",
            f"{p50 / budget:.2f}",
        )

    plan = read_plan(PLAN)
    row(
        "read the plan (decode, clean, outline, targets), warm",
        timed(lambda: read_plan(PLAN), 30),
        100,
    )
    row(
        "link the plan (places, agencies, themes, keywords), warm",
        timed(lambda: link_plan(plan), 20),
        200,
    )

    with server() as (base, startup, _):
        table.add_row("API start-up to first 200 /health", f"{startup:.2f} s", "", "", "")
        with httpx.Client(base_url=base) as client:
            for url, budget in (
                ("/tasks/27", 2),
                ("/search?q=remote islands", 10),
                (f"/graph?focus={TASK_27}&depth=2", 10),
            ):
                row(f"GET {url}", latencies(client, url, 300), budget)
    console.print(table)
    # The page: bytes over the wire and first paint per view, in headless Chromium.
    page_weight.main(console)
    throughput.main(console)
    corrections.main(console)  # issue 23: 1,000 kept corrections, start-up and requests
    mixed.main(console)
    # One plan's read+link cost at 1k, 10k and 100k tasks, and the worst the limits accept.
    plansize.main(console)
    neo4j_section(console)


class KeepAlive:
    """GET over one keep-alive HTTP/1.1 connection with the standard library's client, which
    does less per request than httpx (0.54 against 1.13 ms for /livez in one run): a latency
    ratio against the raw driver should measure the server, not the client."""

    def __init__(self, base: str) -> None:
        self.connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)

    def get(self, path: str) -> bytes:
        try:
            self.connection.request("GET", quote(path, safe="/?=&"))
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # The server closed the idle connection (uvicorn keeps one 5 s): open another.
            self.connection.close()
            self.connection.request("GET", quote(path, safe="/?=&"))
            response = self.connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status}")
        return body

    def close(self) -> None:
        self.connection.close()


def _httpx_get(client: httpx.Client) -> Callable[[str], object]:
    return lambda url: client.get(url).raise_for_status()


WARM_UP_WINDOW = 500  # rounds
WARM_UP_MAX = 12_000


def interleaved(
    first: Callable[[], object], second: Callable[[], object], count: int
) -> tuple[float, float]:
    """Median milliseconds of each, sampled in turn, so that both see the same machine: a
    busy moment slows both, not one, and the ratio holds.

    First both are run until `second` (the raw query) has settled: its median over one
    window of rounds within 3 % of the window before. A fresh Neo4j keeps getting faster
    for thousands of queries (its JIT): in one run the raw query took 2.9, 2.3, 2.1, 2.0
    and 1.9 ms in five windows of 1,000 while the API stayed 1.4 ms above it, so a ratio
    taken too early reads better than the steady one."""
    previous = None
    for _ in range(WARM_UP_MAX // WARM_UP_WINDOW):
        window = []
        for _ in range(WARM_UP_WINDOW):
            first()
            start = time.perf_counter()
            second()
            window.append(time.perf_counter() - start)
        now = statistics.median(window)
        if previous is not None and abs(now - previous) <= 0.03 * previous:
            break
        previous = now
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(count):
        for fn, out in zip((first, second), samples, strict=True):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples[0]), statistics.median(samples[1])


def neo4j_section(console: Console) -> None:
    """Loading into Neo4j, and each route through the API against the raw driver running
    the Cypher that route runs (cypher/queries)."""
    from neo4j import Query, RoutingControl

    from devtools.neo4j_server import start_server
    from plankg.graph.neo4j_load import cypher, load_plans
    from plankg.loaders import load_plan

    try:
        neo = start_server()
    except RuntimeError as error:
        console.print(f"[yellow]Neo4j section skipped:[/] {error}".splitlines()[0])
        return
    with neo, neo.driver() as driver:
        plan = load_plan(PLAN)
        started = time.perf_counter()
        load_plans(driver, [plan])
        first = time.perf_counter() - started
        again = timed(lambda: load_plans(driver, [plan]), 5)

        def raw(name: str, **parameters) -> Callable[[], object]:
            query = Query(cypher(f"queries/{name}"))
            return lambda: driver.execute_query(query, parameters, routing_=RoutingControl.READ)

        default_plan = raw("default_plan")
        task = raw("task", plan=plan.id, number=27)
        corpus = raw("search_corpus", plan=plan.id)
        table = Table(title="Neo4j (the harness server on this machine)")
        for column in ("measure", "API p50", "raw driver p50", "API / raw"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        table.add_row("load the plan, empty database (s)", f"{first:.2f}", "", "")
        table.add_row("load it again, unchanged (ms)", f"{statistics.median(again):.1f}", "", "")
        with (
            server({"NEO4J_URI": neo.bolt_uri}) as (base, _, _),
            httpx.Client(base_url=base) as client,
            closing(KeepAlive(base)) as lean,
        ):
            for url, api, cyphers, label in (
                ("/tasks/27", lean.get, [task], "task (the plan is known)"),
                ("/tasks/27", lean.get, [default_plan, task], "default_plan + task"),
                ("/search?q=remote islands", lean.get, [corpus], "search_corpus (uncached)"),
                ("/tasks/27", _httpx_get(client), [task], "task, the API through httpx"),
            ):
                api_ms, direct = interleaved(
                    lambda u=url, g=api: g(u), lambda c=cyphers: [q() for q in c], 300
                )
                table.add_row(
                    f"GET {url} vs {label}",
                    f"{api_ms:.2f} ms",
                    f"{direct:.2f} ms",
                    f"{api_ms / direct:.2f}",
                )
            livez = statistics.median(timed(lambda: lean.get("/livez"), 300))
            table.add_row("GET /livez (the HTTP exchange alone)", f"{livez:.2f} ms", "", "")
    console.print(table)
    console.print(
        "goal: API / raw <= 1.5 for /tasks/27. The API is asked over one keep-alive "
        "connection with http.client, the leanest Python client, so that the client's own "
        "cost is not counted as the server's; the httpx row is the same request through httpx."
    )


if __name__ == "__main__":
    main()
