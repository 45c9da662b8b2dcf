"""Load from a separate process: wrk (Debian's package `wrk`, installed when missing),
and server processes started the way a user starts them."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from devtools.ports import free_port

WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)|Socket errors:.*")


def ensure_wrk() -> str:
    """The path of wrk, installing Debian's package if it is missing (needs root)."""
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-q", "wrk"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not installed and apt-get could not install it")
    return found


UNCACHED = Path(__file__).resolve().parent / "uncached.lua"


def wrk(
    url: str, seconds: int = 5, connections: int = 16, threads: int = 1, uncached: bool = False
) -> float:
    """Requests per second wrk reaches on one URL; any non-2xx/3xx answer is an error.
    `uncached`: a new query string on every request (the URL must have a query)."""
    script = ["-s", str(UNCACHED)] if uncached else []
    result = subprocess.run(
        [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", *script, url],
        check=True,
        capture_output=True,
        text=True,
    )
    if "Non-2xx" in result.stdout:
        raise RuntimeError(f"wrk saw error answers on {url}:\n{result.stdout}")
    return float(WRK_RATE.search(result.stdout).group(1))


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (uvicorn's workers)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


@contextmanager
def process(
    command: list[str],
    ready: str,
    env: dict[str, str] | None = None,
) -> Iterator[tuple[str, float, int]]:
    """Start a server command (with {port} filled in); yield its base URL, the seconds
    from start to the first 200 on `ready`, and its process id."""
    port = free_port()
    started = time.perf_counter()
    child = subprocess.Popen(
        [part.format(port=port) for part in command],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if httpx.get(base + ready, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if child.poll() is not None or time.perf_counter() - started > 600:
                raise RuntimeError(f"{command} did not start")
            time.sleep(0.01)
        yield base, time.perf_counter() - started, child.pid
    finally:
        child.terminate()
        child.wait(20)


def minimal_app() -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.minimal_app:app",
        "--port",
        "{port}",
        "--no-access-log",
        "--log-level",
        "warning",
    ]


def plankg(*options: str) -> list[str]:
    return [sys.executable, "-m", "plankg.cli", "serve", "--port", "{port}", *options]


def latency_under_load(
    base: str, heavy: str, probe: str, seconds: float = 6, connections: int = 64
) -> tuple[list[float], float]:
    """Milliseconds per `probe` request, one at a time, while wrk keeps `connections`
    connections busy on `heavy`; and the heavy route's req/s meanwhile."""
    load = subprocess.Popen(
        [
            ensure_wrk(),
            "-t1",
            f"-c{connections}",
            f"-d{seconds + 2:g}s",
            "--timeout",
            "30s",
            base + heavy,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    samples = []
    try:
        time.sleep(1)  # let the load build up
        with httpx.Client(base_url=base, timeout=30) as client:
            until = time.perf_counter() + seconds
            while time.perf_counter() < until:
                start = time.perf_counter()
                client.get(probe).raise_for_status()
                samples.append((time.perf_counter() - start) * 1000)
                time.sleep(0.02)
    finally:
        out, _ = load.communicate()
    found = WRK_RATE.search(out)
    return samples, float(found.group(1)) if found else 0.0


def p(samples: list[float], q: int) -> float:
    return (
        statistics.quantiles(samples, n=100, method="inclusive")[q - 1]
        if len(samples) > 1
        else samples[0]
    )
