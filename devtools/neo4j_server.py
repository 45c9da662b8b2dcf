"""A real, throwaway Neo4j 5.26 server for tests and local use, without Docker.

Neo4j's own test harness (Maven jars in devtools/neo4j/lib, fetched once by ensure_jars) is
started by devtools/neo4j/Launcher.java on loopback, and its data is deleted on stop. With a
password, auth is on (user neo4j); without one (the test fixture), auth is off. Either way
LOAD CSV takes no file URLs and the HTTP API allows only its own origin, so a web page cannot
use it against the user.

    with start_server() as server, server.driver() as driver:
        driver.execute_query("RETURN 1")

`python -m devtools.neo4j_server` runs one in the foreground for a person (Ctrl-C stops it);
with `--load` (`make neo4j-loaded`) it first loads PLANKG_PLANS with `plankg load`.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import neo4j

HERE = Path(__file__).resolve().parent
NEO4J_DIR = HERE / "neo4j"
LIB_DIR = NEO4J_DIR / "lib"
WORK_DIR = NEO4J_DIR / "work"  # git-ignored, like lib
LAUNCHER = NEO4J_DIR / "Launcher.java"

# The plugin version is pinned: without it Maven 3.8 picks the ancient 2.8.
MVN_ARGS = [
    "-B",
    "-q",
    "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies",
    "-DincludeScope=runtime",
]
# The flags the stock neo4j.conf passes, plus a heap cap: the default on a 24 GiB machine is
# ~6 GiB, and an uncapped server has been killed by the OS.
JVM_FLAGS = [
    "-Xmx1g",
    "-XX:+ExitOnOutOfMemoryError",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
]


def _harness_jar() -> Path:
    """The harness jar that neo4j/pom.xml asks for (so a version bump re-downloads)."""
    pom = (NEO4J_DIR / "pom.xml").read_text(encoding="utf-8")
    found = re.search(r"<artifactId>neo4j-harness</artifactId>\s*<version>([^<]+)</version>", pom)
    if found is None:
        raise RuntimeError(f"{NEO4J_DIR / 'pom.xml'}: no neo4j-harness <version> found")
    return LIB_DIR / f"neo4j-harness-{found.group(1)}.jar"


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def ensure_jars() -> Path:
    """Download the server's jars into neo4j/lib beside this file once (about 160 MB); return
    that folder."""
    if _harness_jar().is_file():
        return LIB_DIR
    mvn = shutil.which("mvn")
    if mvn is None:
        raise RuntimeError(
            "Maven (mvn) is not on PATH; it is needed once to download the Neo4j test server "
            f"jars into {LIB_DIR} (apt-get install maven)"
        )
    # Download into a fresh folder and swap it in whole: an interrupted run or an old version's
    # jars never end up on the classpath.
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="lib-", dir=WORK_DIR))
    try:
        result = subprocess.run(
            [mvn, *MVN_ARGS, f"-DoutputDirectory={tmp}"],
            cwd=NEO4J_DIR,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"mvn failed (exit {result.returncode}) downloading the Neo4j test server jars "
                f"for {NEO4J_DIR / 'pom.xml'}:\n{_tail(result.stdout + result.stderr)}"
            )
        if not (tmp / _harness_jar().name).is_file():
            raise RuntimeError(f"mvn ran but did not produce {_harness_jar().name} in {tmp}")
        tmp.chmod(0o755)  # mkdtemp makes it private
        shutil.rmtree(LIB_DIR, ignore_errors=True)
        tmp.rename(LIB_DIR)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return LIB_DIR


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if java is None or not Path(java).is_file():
        raise RuntimeError("java (17 or 21) is not on PATH or JAVA_HOME; the Neo4j server needs it")
    return java


class Neo4jServer:
    """One harness server process. Use as a context manager, or call start() and stop()."""

    def __init__(
        self,
        bolt_port: int = 0,
        http_port: int = 0,
        timeout: float = 180.0,
        password: str | None = None,
    ) -> None:
        self.bolt_port = bolt_port
        self.password = password or None  # None: auth off
        self.user = "neo4j"
        self.http_port = http_port
        self.timeout = timeout
        self.bolt_uri = ""
        self.http_uri = ""
        self.browser_url: str | None = None  # None when the Browser is not served
        self._proc: subprocess.Popen[bytes] | None = None
        self._dir: Path | None = None

    @property
    def log_path(self) -> Path | None:
        """The launcher's stdout and stderr (the harness keeps its own logs beside it)."""
        return self._dir / "launcher.log" if self._dir else None

    def start(self) -> Neo4jServer:
        java = _java()
        lib = ensure_jars()
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        # One folder per server, so tests and a person's server can run side by side.
        self._dir = Path(tempfile.mkdtemp(prefix="run-", dir=WORK_DIR))
        assert self.log_path is not None
        cmd = [java, *JVM_FLAGS, "-cp", f"{lib}/*", str(LAUNCHER), str(self._dir / "db")]
        cmd += [str(self.bolt_port), str(self.http_port)]
        # The password goes by environment, not argv, where any local user's `ps` would see it.
        env = {k: v for k, v in os.environ.items() if k != "PLANKG_NEO4J_PASSWORD"}
        if self.password:
            env["PLANKG_NEO4J_PASSWORD"] = self.password
        with self.log_path.open("wb") as log:
            # stdin stays open: the launcher exits when it closes, so it dies with this process.
            # Its own session: a terminal's Ctrl-C reaches us, and stop() shuts it down in order.
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=env,
            )
        try:
            self._wait_ready()
            self._check_bolt()
        except BaseException as exc:
            message = f"Neo4j test server did not start: {exc}\n{self._logs_tail()}"
            self.stop()
            if isinstance(exc, Exception):
                raise RuntimeError(message) from exc
            raise
        self.browser_url = self._find_browser()
        return self

    def _wait_ready(self) -> None:
        assert self._proc is not None and self.log_path is not None
        deadline = time.monotonic() + self.timeout
        while True:
            out = self.log_path.read_text(encoding="utf-8", errors="replace")
            if "\nREADY" in "\n" + out:
                break
            if self._proc.poll() is not None:
                raise RuntimeError(f"the launcher exited with code {self._proc.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"no READY line after {self.timeout:.0f} s")
            time.sleep(0.2)
        for line in out.splitlines():
            key, _, value = line.partition(" ")
            if key == "BOLT":
                self.bolt_uri = value.rstrip("/")
            elif key == "HTTP":
                self.http_uri = value.rstrip("/")

    def _check_bolt(self) -> None:
        with self.driver() as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            if records[0]["one"] != 1:
                raise RuntimeError(f"RETURN 1 over {self.bolt_uri} gave {records!r}")

    def _find_browser(self) -> str | None:
        # Served only when the neo4j-browser jar is on the classpath.
        try:
            with urllib.request.urlopen(f"{self.http_uri}/browser/", timeout=10) as response:
                page = response.read(100_000).decode("utf-8", errors="replace")
        except OSError:
            return None
        if "<html" not in page.lower():
            return None
        if self.password is None:
            return f"{self.http_uri}/browser/?dbms={self.bolt_uri}&preselectAuthMethod=NO_AUTH"
        # The Browser takes the user from the connect URL, never a password (it reads only
        # the URL's username), so the password is printed beside this URL.
        user_uri = self.bolt_uri.replace("bolt://", f"bolt://{self.user}@", 1)
        return f"{self.http_uri}/browser/?dbms={user_uri}&preselectAuthMethod=NATIVE"

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password) if self.password else None

    def _logs_tail(self) -> str:
        """The launcher's output and the harness's logs, which stop() would delete."""
        if self._dir is None:
            return ""
        parts = []
        for path in sorted(self._dir.rglob("*.log"), key=lambda path: path != self.log_path):
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.strip():
                parts.append(f"--- tail of {path} ---\n{_tail(text)}")
        return "\n".join(parts)

    def driver(self, routing: bool = False) -> neo4j.Driver:
        """A driver for this server (close it); routing=True uses neo4j:// instead of bolt://."""
        uri = self.bolt_uri.replace("bolt://", "neo4j://") if routing else self.bolt_uri
        return neo4j.GraphDatabase.driver(uri, auth=self.auth)

    @contextmanager
    def frozen(self) -> Iterator[None]:
        """The server stopped (SIGSTOP: its sockets stay open, nothing answers) for the
        block, and running again (SIGCONT) after it, whatever happens in it."""
        if self._proc is None:
            raise RuntimeError("the server is not running")
        pid = self._proc.pid  # the launcher is the JVM itself (java Launcher.java)
        os.kill(pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(pid, signal.SIGCONT)

    def wait(self) -> int | None:
        """Block until the server exits by itself; its exit code (None if not started)."""
        return self._proc.wait() if self._proc is not None else None

    def stop(self) -> None:
        """SIGTERM the server, wait for it, and delete its data. Safe to call twice."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.send_signal(signal.SIGCONT)  # in case it was left frozen: SIGTERM waits
                proc.send_signal(signal.SIGTERM)  # the launcher's shutdown hook closes Neo4j
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            if proc.stdin is not None:
                proc.stdin.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> Neo4jServer:
        return self if self._proc is not None else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_server(
    bolt_port: int = 0, http_port: int = 0, timeout: float = 180.0, password: str | None = None
) -> Neo4jServer:
    """Start a server (ports 0 = free ports) and return it once Bolt answers `RETURN 1`;
    with a password, auth is on for user neo4j."""
    return Neo4jServer(bolt_port, http_port, timeout, password).start()


def _free_or_zero(port: int) -> int:
    """`port` if nothing listens on it on loopback, else 0 (the server then picks one)."""
    with socket.socket() as sock:
        # As the server does: a port that only lingers in TIME_WAIT (a just-stopped one) is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return 0
    return port


def load_plans_into(server: Neo4jServer, files: list[Path]) -> subprocess.CompletedProcess:
    """Run `plankg load FILES` against this server: the CLI itself, so a bad plan gives its
    one-line message and exit 2, as it would for the person typing it."""
    env = {**os.environ, "NEO4J_URI": server.bolt_uri, "NEO4J_PASSWORD": server.password or ""}
    env.pop("NEO4J_DATABASE", None)  # the harness serves one database, the default
    command = [sys.executable, "-c", "from plankg.cli import app; app()", "load", *map(str, files)]
    return subprocess.run(command, env=env, capture_output=True, text=True)


def _plan_files() -> list[Path]:
    from plankg.config import Settings  # the API's PLANKG_PLANS, default the Zhoushan plan

    return Settings().plan_files()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--load"]):
        print("usage: python -m devtools.neo4j_server [--load]", file=sys.stderr)
        return 2
    load = args == ["--load"]
    bolt, http = _free_or_zero(7687), _free_or_zero(7474)
    if not _harness_jar().is_file():
        print(f"Downloading the Neo4j jars (~160 MB) into {LIB_DIR} with Maven...", flush=True)
    print("Starting Neo4j 5.26...", flush=True)
    # SIGTERM and a closed terminal should stop the server (and delete its data) like Ctrl-C.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: sys.exit(0))
    # Auth always: any web page the user opens can reach loopback ports (Bolt over WebSocket
    # included), so a server without a password is a server every page can write to.
    password = os.environ.get("NEO4J_PASSWORD") or secrets.token_urlsafe(18)
    with start_server(bolt, http, password=password) as server:
        if load:
            files = _plan_files()
            print(f"Loading {len(files)} plan file(s) with plankg load...", flush=True)
            result = load_plans_into(server, files)
            if result.returncode != 0:
                sys.stderr.write(result.stderr)
                return result.returncode
            print(f"Loaded:   {result.stdout.strip().splitlines()[-1]}")
        print(f"Bolt:     {server.bolt_uri}")
        print(f"User:     {server.user}")
        print(f"Password: {password}")
        print(f"HTTP:     {server.http_uri}  (allows only its own origin; no LOAD CSV from files)")
        print(f"Browser:  {server.browser_url or 'not served (neo4j-browser jar missing)'}")
        if server.browser_url:
            print(
                "          (the user is filled in; paste the password: the Browser takes none "
                "from its URL)"
            )
        print(f"Load:     NEO4J_URI={server.bolt_uri} NEO4J_PASSWORD={password} plankg load")
        print("Data is deleted on exit. Ctrl-C to stop.", flush=True)
        try:
            server.wait()
        except KeyboardInterrupt:
            print("\nStopping...", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
