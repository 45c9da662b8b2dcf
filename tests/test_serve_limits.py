"""`plankg serve` against clients that hold connections (issue 20, item 4), as probes on a
real server in a child process on a free loopback port: endless headers are cut off (431)
without the server's memory growing, headers sent slowly and connections left idle are
closed after their timeouts, a cap on connections answers 503 past it (but /livez, which
the protocol answers itself), and /livez answers while hundreds of slow connections are
open, kept-alive and pipelined alike. Every loop is bounded in bytes and seconds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from devtools.ports import free_port
from tests.conftest import ROOT

HEADER_TIMEOUT = 2.0  # seconds (PLANKG_HEADER_TIMEOUT)
KEEPALIVE = 1  # seconds (PLANKG_KEEPALIVE_TIMEOUT)
MAX_CONNECTIONS = 400  # PLANKG_MAX_CONNECTIONS
SLOW = 300  # slow connections held open while /livez is asked


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    env = {
        **os.environ,
        "PLANKG_SNAPSHOT_DIR": str(tmp_path_factory.mktemp("snapshots")),
        "PLANKG_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
        "PLANKG_KEEPALIVE_TIMEOUT": str(KEEPALIVE),
        "PLANKG_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
    }
    env.pop("PLANKG_HEADER_MAX_KB", None)  # the default, 32 KiB
    child = subprocess.Popen(
        [sys.executable, "-m", "plankg.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            pytest.fail("plankg serve did not start")
        time.sleep(0.1)
    yield port, child.pid
    child.terminate()
    child.wait(30)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closes the connection (what it sent before is read and
    dropped), or None if it is still open after `seconds`."""
    start = time.monotonic()
    sock.settimeout(0.2)
    while time.monotonic() - start < seconds:
        try:
            if sock.recv(65536) == b"":
                return time.monotonic() - start
        except TimeoutError:
            continue
        except ConnectionError:
            return time.monotonic() - start
    return None


def test_endless_headers_are_cut_off_without_memory_growing(server):
    """Four clients each try to send 64 MB of one unfinished header (the probe that took
    the server from 158 to 621 MB): each gets 431 and is closed after at most a few
    hundred KB (the limit, 32 KiB, plus what the kernel's buffers held), in seconds."""
    port, pid = server
    before = rss_mib(pid)
    chunk = b"a" * 65536
    for _ in range(4):
        with connect(port) as sock:
            sock.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Flood: ")
            sent, start = 0, time.monotonic()
            try:
                while sent < 64 * 2**20 and time.monotonic() - start < 20:
                    sock.sendall(chunk)
                    sent += len(chunk)
            except ConnectionError:
                pass
            elapsed = time.monotonic() - start
            assert sent < 8 * 2**20, f"the server read {sent} bytes of headers"
            assert elapsed < 10
            sock.settimeout(5)
            try:
                answer = sock.recv(200)
            except ConnectionError:
                answer = b""  # reset before we read: the 431 was in the dropped buffer
            assert answer == b"" or answer.startswith(b"HTTP/1.1 431 ")
    grown = rss_mib(pid) - before
    assert grown < 20, f"RSS grew {grown:.1f} MiB under the header flood"
    assert httpx.get(f"http://127.0.0.1:{port}/livez", timeout=5).status_code == 200


def test_headers_sent_slowly_are_cut_off_after_the_header_timeout(server):
    port, _ = server
    with connect(port) as sock:
        sock.sendall(b"GET /livez HTTP/1.1\r\n")
        start = time.monotonic()
        answer = b""
        sock.settimeout(0.25)
        while time.monotonic() - start < HEADER_TIMEOUT + 5:  # a header line every 0.25 s
            try:
                sock.sendall(b"X-Slow: y\r\n")
                answer += sock.recv(200)
                if answer.endswith(b"in time") or not answer:
                    break
            except TimeoutError:
                continue
            except ConnectionError:
                break
        elapsed = time.monotonic() - start
    assert HEADER_TIMEOUT - 0.5 < elapsed < HEADER_TIMEOUT + 2, elapsed
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408 ")


def test_idle_connections_are_closed(server):
    port, _ = server
    with connect(port) as silent:  # connects and never sends a byte
        waited = closed_within(silent, HEADER_TIMEOUT + 5)
    assert waited is not None and waited < HEADER_TIMEOUT + 1.5, waited
    with connect(port) as kept:  # one request, then idle on a kept-alive connection
        kept.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\n\r\n")
        kept.settimeout(5)
        assert kept.recv(4096).startswith(b"HTTP/1.1 200 ")
        waited = closed_within(kept, KEEPALIVE + 5)
    assert waited is not None and waited < KEEPALIVE + 1.5, waited


def test_livez_answers_while_many_slow_connections_are_open(server):
    port, _ = server
    slow = []
    try:
        for _ in range(SLOW):
            sock = connect(port)
            sock.sendall(b"GET /tasks/27 HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(sock)
        took = []
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            for _ in range(20):
                start = time.monotonic()
                assert client.get("/livez").status_code == 200
                took.append(time.monotonic() - start)
        assert max(took) < 1.0, took
    finally:
        for sock in slow:
            sock.close()


def test_connections_past_the_cap_get_503(server):
    port, _ = server
    idle = []
    try:
        for _ in range(MAX_CONNECTIONS):
            idle.append(connect(port))
        time.sleep(0.3)  # accepted by the server's loop
        refused = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
        assert refused.status_code == 503
        # /livez is answered by the protocol itself, before the cap: the process is alive.
        assert httpx.get(f"http://127.0.0.1:{port}/livez", timeout=5).status_code == 200
    finally:
        for sock in idle:
            sock.close()
    deadline = time.monotonic() + 5
    while httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code != 200:
        assert time.monotonic() < deadline, "still refused after the connections closed"
        time.sleep(0.1)


def test_livez_keeps_http_semantics(server):
    """/livez answered by the protocol: keep-alive, HEAD, HTTP/1.0, and in order when
    pipelined behind a request still being answered."""
    port, _ = server
    with connect(port) as sock:
        sock.sendall(
            b"GET /tasks/27 HTTP/1.1\r\nHost: x\r\n\r\n"
            b"GET /livez HTTP/1.1\r\nHost: x\r\n\r\n"
            b"HEAD /livez HTTP/1.1\r\nHost: x\r\n\r\n"
            b"GET /livez?probe=1 HTTP/1.0\r\n\r\n"
        )
        data = b""
        sock.settimeout(5)
        while chunk := sock.recv(65536):
            data += chunk
    assert data.count(b"HTTP/1.1 200 OK") == 4
    assert data.index(b'"number":27') < data.index(b'{"status":"ok"}')
    assert data.count(b'{"status":"ok"}') == 2  # not after the HEAD
    assert data.count(b"x-frame-options: DENY") == 4


@pytest.mark.parametrize(
    "name, value", [("PLANKG_HEADER_MAX_KB", "abc"), ("PLANKG_MAX_CONNECTIONS", "0")]
)
def test_a_bad_limit_is_one_line_and_exit_2(tmp_path, name, value):
    result = subprocess.run(
        [sys.executable, "-m", "plankg.cli", "serve", "--port", str(free_port())],
        cwd=ROOT,
        env={**os.environ, name: value, "PLANKG_SNAPSHOT_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {name}="), result.stderr
