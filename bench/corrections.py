"""What 1,000 kept corrections cost the embedded store's API (issue 23): start-up and
request latency with them over without, as ratios (the issue's goal: within 10 %).

The corrections are made on the Zhoushan plan's real facts, by the API's own rules
(graph/corrections.py): one task link (place, agency, theme) in ten rejected, the others
confirmed, over and over until there are 1,000 (a fact confirmed several times, as a
reviewed plan's facts are). Both servers start from a warm snapshot.
`python -m bench.corrections`; `make bench` runs it last.
"""

from __future__ import annotations

import secrets
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from bench.api import server
from plankg.api.kept_corrections import apply_kept
from plankg.config import DEFAULT_PLAN
from plankg.graph.correction_store import SqliteCorrections
from plankg.graph.corrections import Correction, CorrectionIn, after_of, locate
from plankg.graph.snapshot import load_store

PLAN = "zhoushan-gongtongfuyu-2021-2025"
COUNT = 1000
URLS = (
    "/tasks/27",
    f"/plans/{PLAN}/responsibilities?limit=50",
    "/agencies?limit=50",
    "/places/zhoushan/tasks",
)


def facts(store) -> list[dict]:
    found = []
    for number in range(1, 46):
        task = store.task(PLAN, number)
        found += [{"kind": "place", "task": number, "place": p.id} for p in task.places]
        found += [
            {"kind": "agency", "task": number, "agency": a.id, "role": a.role}
            for a in task.agencies
        ]
        found += [{"kind": "theme", "task": number, "theme": t.id} for t in task.themes]
    return found


def make_corrections(path: Path, snapshots: Path) -> int:
    store = load_store([DEFAULT_PLAN], snapshots)
    text, sha256 = store.plan_text(PLAN)
    kept = SqliteCorrections(path)
    links = facts(store)
    made = 0
    rejected = set()
    while made < COUNT:
        for n, fact in enumerate(links):
            if made >= COUNT:
                break
            if n in rejected:
                continue  # gone: nothing left to confirm
            # One link in ten rejected (answers keep nearly their size), the rest confirmed.
            action = "reject" if n % 10 == 9 else "confirm"
            if action == "reject":
                rejected.add(n)
            request = CorrectionIn(action=action, fact=fact, why="bench")
            correction_id = secrets.token_hex(8)

            def work(graph, request=request, correction_id=correction_id):
                where = locate(graph, PLAN, request.fact)
                return where, *after_of(graph, text, where, request, correction_id, PLAN)

            where, before, after = store.correcting(work, edit=False)
            kept.add(
                Correction(
                    id=correction_id,
                    plan=PLAN,
                    plan_sha256=sha256,
                    key=where.key,
                    action=action,
                    fact=request.fact.model_dump(exclude_none=True),
                    before=before,
                    after=after,
                    who="bench",
                    when=datetime.now(UTC).isoformat(timespec="microseconds"),
                    why="bench",
                    status="applied",
                )
            )
            made += 1
    kept.close()
    return made


def startups(envs: list[dict[str, str]], rounds: int = 7) -> list[float]:
    """Median seconds to the first 200 /health of each setting, started in turn."""
    seconds: list[list[float]] = [[] for _ in envs]
    for _ in range(rounds):
        for n, env in enumerate(envs):
            with server(env) as (_, startup, _):
                seconds[n].append(startup)
    return [statistics.median(s) for s in seconds]


def interleaved_p50(bases: list[str], url: str, count: int = 200) -> list[float]:
    """Each server's p50 ms for `url`, asked in turn (a busy moment slows both), each time
    with a new query string, so the answer is computed rather than taken from the kept
    ones."""
    clients = [httpx.Client(base_url=b) for b in bases]
    samples: list[list[float]] = [[] for _ in bases]
    sep = "&" if "?" in url else "?"
    try:
        for n in range(count + 20):
            for k, client in enumerate(clients):
                start = time.perf_counter()
                client.get(f"{url}{sep}fresh={n}").raise_for_status()
                if n >= 20:  # after a warm-up
                    samples[k].append((time.perf_counter() - start) * 1000)
    finally:
        for client in clients:
            client.close()
    return [statistics.median(s) for s in samples]


def apply_seconds(path: Path, snapshots: Path) -> float:
    """What the kept corrections add to a start, alone: read from SQLite and applied to the
    store read from the snapshot (api/kept_corrections.py), best of three."""
    best = float("inf")
    for _ in range(3):
        store = load_store([DEFAULT_PLAN], snapshots)
        kept = SqliteCorrections(path)
        start = time.perf_counter()
        apply_kept(store, kept)
        best = min(best, time.perf_counter() - start)
        kept.close()
    return best


def main(console: Console | None = None) -> None:
    console = console or Console()
    with tempfile.TemporaryDirectory(prefix="plankg-bench-corrections-") as folder:
        root = Path(folder)
        snapshots = root / "snapshots"
        base_env = {"PLANKG_SNAPSHOT_DIR": str(snapshots), "PLANKG_PLANS": str(DEFAULT_PLAN)}
        made = make_corrections(root / "many.sqlite", snapshots)
        envs = [
            {**base_env, "PLANKG_CORRECTIONS": str(root / "none.sqlite")},
            {**base_env, "PLANKG_CORRECTIONS": str(root / "many.sqlite")},
        ]
        none_start, many_start = startups(envs)
        applying = apply_seconds(root / "many.sqlite", snapshots)
        with server(envs[0]) as (none_base, _, _), server(envs[1]) as (many_base, _, _):
            p50 = {url: interleaved_p50([none_base, many_base], url) for url in URLS}
    table = Table(
        title=f"{made:,} corrections on the Zhoushan plan (embedded store, warm snapshot)"
    )
    for column in ("measure", "no corrections", f"{made:,} corrections", "ratio"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    table.add_row(
        "start-up to first 200 /health (median of 7, in turn)",
        f"{none_start:.2f} s",
        f"{many_start:.2f} s",
        f"{many_start / none_start:.2f}",
    )
    table.add_row(
        "of it: applying the kept corrections (in one process)",
        "",
        f"{applying * 1000:.0f} ms",
        f"{applying / none_start:.2f} of a start",
    )
    for url, (none, many) in p50.items():
        table.add_row(
            f"GET {url} (computed, p50)", f"{none:.2f} ms", f"{many:.2f} ms", f"{many / none:.2f}"
        )
    console.print(table)


if __name__ == "__main__":
    main()
