"""/livez under mixed load (issue 20: p99 <= 50 ms at 200 connections): wrk keeps 200
connections busy with a mix of kept and computed answers (bench/mixed.lua) while a probe
asks /livez every 20 ms on a new connection each time, as a load balancer's health check
does, with a 2 s time-out. Loopback only, bounded in time; `python -m bench.mixed` runs it
alone, `make bench` with the rest."""

from __future__ import annotations

import http.client
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from rich.console import Console

from bench.load import WRK_RATE, ensure_wrk, p, plankg, process

SCRIPT = Path(__file__).resolve().parent / "mixed.lua"
CONNECTIONS = 200
SECONDS = 20
PROBE_TIMEOUT = 2.0  # seconds: a probe slower than this counts as a time-out
WRK_TIMEOUTS = re.compile(r"timeout (\d+)")
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")


def probe(host: str, port: int) -> float | None:
    """Milliseconds for GET /livez on a fresh connection; None on a time-out or error."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=PROBE_TIMEOUT)
    try:
        connection.request("GET", "/livez")
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            return None
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
    return (time.perf_counter() - start) * 1000


def mixed_load(base: str, seconds: int = SECONDS, connections: int = CONNECTIONS) -> dict:
    """/livez latencies (ms) and time-outs while wrk runs the mix; wrk's own figures."""
    host, port = base.removeprefix("http://").split(":")
    load = subprocess.Popen(
        [
            ensure_wrk(),
            "-t1",
            f"-c{connections}",
            f"-d{seconds + 2}s",
            "--timeout",
            "10s",
            "-s",
            str(SCRIPT),
            base,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    samples: list[float] = []
    timeouts = 0
    try:
        time.sleep(1.5)  # let the load build up
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            took = probe(host, int(port))
            if took is None:
                timeouts += 1
            else:
                samples.append(took)
            time.sleep(0.02)
    finally:
        out, _ = load.communicate(timeout=seconds + 60)
    rate = WRK_RATE.search(out)
    wrk_timeouts = WRK_TIMEOUTS.search(out)
    errors = WRK_NON_2XX.search(out)
    return {
        "samples": samples,
        "timeouts": timeouts,
        "rate": float(rate.group(1)) if rate else 0.0,
        "wrk_timeouts": int(wrk_timeouts.group(1)) if wrk_timeouts else 0,
        "wrk_errors": int(errors.group(1)) if errors else 0,
    }


def report(console: Console, result: dict, label: str = "") -> None:
    samples = result["samples"] or [float("nan")]
    console.print(
        f"/livez under mixed load{label} (wrk -c{CONNECTIONS} on bench/mixed.lua, "
        f"{result['rate']:,.0f} req/s, {result['wrk_timeouts']} of its requests timed out, "
        f"{result['wrk_errors']} non-2xx): p50 {statistics.median(samples):.1f} ms, "
        f"p99 {p(samples, 99):.1f} ms, max {max(samples):.1f} ms over {len(samples)} probes, "
        f"{result['timeouts']} over {PROBE_TIMEOUT:g} s (goal: p99 <= 50 ms)"
    )


def main(console: Console | None = None) -> None:
    console = console or Console()
    with tempfile.TemporaryDirectory() as snapshots:
        env = {"PLANKG_SNAPSHOT_DIR": snapshots}
        with process(plankg(), "/health", env) as (base, _, _):
            report(console, mixed_load(base))


if __name__ == "__main__":
    main()
