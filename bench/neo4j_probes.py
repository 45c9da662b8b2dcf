"""The Neo4j time-out probes of issue 20, as a person would meet them: how long `plankg load`
and `plankg serve` take to give up on a port that accepts and never answers, what they say
to an http:// URI, and how long the API takes to answer while its Neo4j is frozen (SIGSTOP)
and after it thaws (SIGCONT).

    .venv/bin/python -m bench.neo4j_probes [--timeout 5] [--freeze 20] [--cap 60]

Starts its own throwaway Neo4j (devtools/neo4j_server.py) for the frozen-server probe.
Nothing is asserted (tests/test_neo4j_timeouts.py does that): it prints one line per probe.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from devtools.ports import free_port, silent_port, stop, wait_until_answers

ROOT = Path(__file__).resolve().parent.parent
PLANKG = [sys.executable, "-c", "from plankg.cli import app; app()"]


def run(args: list[str], env: dict[str, str], cap: float) -> tuple[float, str, str]:
    """Seconds until the command ended (or `cap`), its exit code and its stderr's lines."""
    started = time.monotonic()
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=cap)
    except subprocess.TimeoutExpired as stopped:
        err = stopped.stderr.decode() if isinstance(stopped.stderr, bytes) else stopped.stderr
        lines = len((err or "").splitlines())
        return cap, "still running", f"{lines} lines"
    seconds = time.monotonic() - started
    lines = done.stderr.splitlines()
    first = lines[0][:110] if lines else ""
    return seconds, f"exit {done.returncode}", f"{len(lines)} lines: {first}"


def environment(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return env | {"NO_COLOR": "1", **values}


def report(name: str, seconds: float, *what: str) -> None:
    print(f"{name:<46} {seconds:6.1f} s  {'  '.join(what)}", flush=True)


def cli_probes(timeout: float, cap: float) -> None:
    # Nothing listening: refused at once, so this is the cost of reading the plan first.
    load = [*PLANKG, "load", "--neo4j-uri", f"bolt://127.0.0.1:{free_port()}"]
    report("load, dead port (reading the plan, refused)", *run(load, environment(), cap))
    with silent_port() as port:
        uri = f"bolt://127.0.0.1:{port}"
        env = environment()
        load = [*PLANKG, "load", "--neo4j-uri", uri, "--timeout", f"{timeout:g}"]
        report("load, silent port", *run(load, env, cap))
        env = environment(NEO4J_URI=uri, NEO4J_TIMEOUT=f"{timeout:g}")
        serve = [*PLANKG, "serve", "--port", str(free_port())]
        report("serve, silent port", *run(serve, env, cap))
    for uri in ("http://127.0.0.1:7474", "https://127.0.0.1:7473"):
        load = [*PLANKG, "load", "--neo4j-uri", uri, "--timeout", f"{timeout:g}"]
        report(f"load, {uri.split(':')[0]}://", *run(load, environment(), cap))
        env = environment(NEO4J_URI=uri, NEO4J_TIMEOUT=f"{timeout:g}")
        serve = [*PLANKG, "serve", "--port", str(free_port())]
        report(f"serve, {uri.split(':')[0]}://", *run(serve, env, cap))


def timed_get(client: httpx.Client, url: str, cap: float) -> tuple[float, str]:
    started = time.monotonic()
    try:
        status = str(client.get(url, timeout=cap).status_code)
    except httpx.TimeoutException:
        status = "no answer"
    return time.monotonic() - started, status


def frozen_probe(timeout: float, freeze: float, cap: float) -> None:
    from devtools.neo4j_server import load_plans_into, start_server
    from plankg.config import DEFAULT_PLAN

    with start_server() as server:
        loaded = load_plans_into(server, [DEFAULT_PLAN])
        assert loaded.returncode == 0, loaded.stderr
        port = free_port()
        env = environment(NEO4J_URI=server.bolt_uri, NEO4J_TIMEOUT=f"{timeout:g}")
        api = subprocess.Popen(
            [*PLANKG, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client() as client:
                wait_until_answers(api, base + "/tasks/27", 60)
                java = server._proc.pid  # the launcher is the JVM
                os.kill(java, signal.SIGSTOP)
                frozen_at = time.monotonic()
                print(f"-- Neo4j frozen (SIGSTOP), NEO4J_TIMEOUT={timeout:g}", flush=True)
                try:
                    results: dict[str, tuple[float, str]] = {}

                    def ask(path: str) -> None:
                        results[path] = timed_get(client, base + path, cap)

                    # At once, as a browser's requests come: the store must not queue them.
                    paths = ["/health", "/tasks/27", "/plans", "/tasks?plan=*", "/livez"]
                    askers = [threading.Thread(target=ask, args=(p,)) for p in paths]
                    for asker in askers:
                        asker.start()
                    for asker in askers:
                        asker.join()
                    for path in paths:
                        seconds, status = results[path]
                        report(f"frozen: {path}", seconds, status)
                    seconds, status = timed_get(client, base + "/health", cap)
                    report("frozen: /health again", seconds, status)
                    while time.monotonic() - frozen_at < freeze:
                        time.sleep(0.2)
                finally:
                    os.kill(java, signal.SIGCONT)
                thawed = time.monotonic()
                print("-- Neo4j thawed (SIGCONT)", flush=True)
                for path in ("/health", "/tasks/27"):
                    while True:
                        seconds, status = timed_get(client, base + path, cap)
                        if status == "200" or time.monotonic() - thawed > cap:
                            break
                    report(f"thawed: {path} answers 200 after", time.monotonic() - thawed, status)
        finally:
            stop(api)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=5.0, help="NEO4J_TIMEOUT (seconds)")
    parser.add_argument("--freeze", type=float, default=20.0, help="seconds Neo4j stays frozen")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds before giving up")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-frozen", action="store_true")
    args = parser.parse_args()
    os.chdir(ROOT)
    if not args.skip_cli:
        cli_probes(args.timeout, args.cap)
    if not args.skip_frozen:
        frozen_probe(args.timeout, args.freeze, args.cap)


if __name__ == "__main__":
    main()
