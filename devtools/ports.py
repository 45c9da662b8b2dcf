"""Loopback ports for the tests and benchmarks: a free one, one that accepts connections
and never answers (as a frozen Neo4j, or something that is not Neo4j, would), and the
servers started on them: waiting until one answers, stopping it, `plankg serve` itself."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


@contextmanager
def silent_port() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        for sock in held:
            sock.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answers(process: subprocess.Popen, url: str, seconds: float) -> bool:
    """True once `url` answers 200; False if the process ends first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def stop(process: subprocess.Popen, timeout: float = 30) -> str:
    """Terminate the process (kill it if it outlives `timeout`) and return what it wrote:
    its standard error where that was piped apart, else its standard output."""
    process.terminate()
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return (err if err is not None else out) or ""


def plankg_serve(
    env: dict[str, str], *options: str, cwd: Path | None = None, stderr: int = subprocess.PIPE
) -> tuple[subprocess.Popen, str]:
    """`plankg serve` on a free port with these variables added; (process, base URL) once
    it answers /health. `stderr=subprocess.STDOUT` merges its output into one stream."""
    port = free_port()
    child = subprocess.Popen(
        [sys.executable, "-m", "plankg.cli", "serve", "--port", str(port), *options],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    if wait_until_answers(child, base + "/health", 120):
        return child, base
    child.kill()
    out, err = child.communicate()
    raise AssertionError(f"plankg serve did not start: {(err or out or '')[-2000:]}")
