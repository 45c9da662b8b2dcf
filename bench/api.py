"""The API under a real server: uvicorn in a child process, requests over loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from devtools.ports import free_port


@contextmanager
def server(env: dict[str, str] | None = None) -> Iterator[tuple[str, float, int]]:
    """Start `plankg serve`; yield its base URL, the seconds to the first 200 /health and
    its process id."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "plankg.cli", "serve", "--port", str(port)],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = started + 1800  # a thousand plans take minutes to read
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.perf_counter() > deadline or process.poll() is not None:
                raise RuntimeError("the API did not start")
            time.sleep(0.02)
        yield base, time.perf_counter() - started, process.pid
    finally:
        process.terminate()
        process.wait(10)


def latencies(client: httpx.Client, url: str, count: int, fresh: bool = False) -> list[float]:
    """Milliseconds per request, after 20 warm-up requests. `fresh`: a new query string
    each time, so the embedded store's API computes every answer rather than serving the
    one it kept (what a corpus's size costs, not what a repeated request costs)."""
    sep = "&" if "?" in url else "?"
    for n in range(20):
        client.get(f"{url}{sep}fresh=w{n}" if fresh else url).raise_for_status()
    samples = []
    for n in range(count):
        start = time.perf_counter()
        client.get(f"{url}{sep}fresh={n}" if fresh else url).raise_for_status()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def throughput(client: httpx.Client, url: str, seconds: float) -> float:
    """Sequential requests per second over one keep-alive connection."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        client.get(url).raise_for_status()
        done += 1
    return done / (time.perf_counter() - start)
