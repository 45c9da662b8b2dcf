"""The distribution as a new user gets it: the wheel built from the sources, installed into a
fresh virtual environment with its dependencies from the package index, used from a folder
that is not the repository. It must carry its data, its Cypher and the explorer page, and
put one import name, plankg, into site-packages.

Needs the package index (setuptools to build, the dependencies to install; pip's cache makes
it quick after the first run). Unreachable: the test skips with the reason, except in CI
(CI=true), where it fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from devtools.ports import free_port
from tests.conftest import ROOT, ZHOUSHAN

PLAN_ID = "zhoushan-gongtongfuyu-2021-2025"
GENERIC = ("api", "graph", "loaders", "data", "cypher", "devtools", "bench", "tests", "web")


def run(command: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def require_index(tmp_path: Path) -> None:
    """Skip (fail in CI) when pip cannot reach the package index."""
    probe = run([sys.executable, "-m", "pip", "index", "versions", "setuptools"], tmp_path)
    if probe.returncode == 0:
        return
    reason = (probe.stderr.strip().splitlines() or ["no answer"])[-1]
    message = f"the package index is unreachable ({reason[:120]})"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def sources(target: Path) -> Path:
    """The files a fresh clone has (tracked, or new and not ignored), copied apart, so no
    build/ left in the working tree by an earlier build can slip stale modules in."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the venv's bin folder, its site-packages) with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    require_index(tmp)
    source = sources(tmp / "src")
    built = run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-w", tmp], tmp)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (wheel,) = tmp.glob("plankg-*.whl")
    made = run([sys.executable, "-m", "venv", tmp / "venv"], tmp)
    assert made.returncode == 0, made.stderr
    bin_dir = tmp / "venv" / "bin"
    pip = run([bin_dir / "python", "-m", "pip", "install", "--quiet", wheel], tmp)
    assert pip.returncode == 0, pip.stdout[-2000:] + pip.stderr[-2000:]
    where = run([bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp)
    return bin_dir, Path(where.stdout.strip())


@pytest.fixture
def elsewhere(tmp_path) -> tuple[Path, dict]:
    """A working folder outside the repository and an environment naming no project paths
    (the user's cache redirected, so the server's snapshot lands in the test's folder)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PLANKG_", "NEO4J_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return tmp_path, env


def test_site_packages_holds_plankg_and_nothing_generic(installed) -> None:
    _, site = installed
    assert [name for name in GENERIC if (site / name).exists()] == []
    assert (site / "plankg" / "data" / "genre.yaml").is_file()
    assert (site / "plankg" / "data" / "regions" / "zhoushan" / "places.yaml").is_file()
    assert (site / "plankg" / "data" / "plans" / "zhoushan-2021-2025.txt").is_file()
    assert (site / "plankg" / "cypher" / "schema.cypher").is_file()
    assert (site / "plankg" / "cypher" / "queries" / "task.cypher").is_file()
    assert (site / "plankg" / "api" / "static" / "index.html").is_file()
    assert (site / "plankg" / "api" / "static" / "assets" / "app.js").is_file()
    # The graph view's chunk (Cytoscape), which app.js imports when that view opens.
    assert list((site / "plankg" / "api" / "static" / "assets" / "chunks").glob("cytoscape*.js"))
    assert not (site / "plankg" / "synth.py").exists()  # a benchmark tool, not shipped


def test_inspect_and_export_from_another_folder(installed, elsewhere) -> None:
    bin_dir, site = installed
    folder, env = elsewhere
    inspected = run([bin_dir / "plankg", "inspect", ZHOUSHAN], folder, env)
    assert inspected.returncode == 0, inspected.stderr
    assert f"id {PLAN_ID}" in inspected.stdout
    assert "9 chapters, 5 goals, 45 tasks, 70 targets" in inspected.stdout
    exported = run([bin_dir / "plankg", "export", ZHOUSHAN, "-o", "x.json"], folder, env)
    assert exported.returncode == 0, exported.stderr
    model = json.loads((folder / "x.json").read_text(encoding="utf-8"))
    assert (model["id"], len(model["tasks"]), len(model["indicators"])) == (PLAN_ID, 45, 70)
    # The data folder it read is the one installed with it, not the repository's.
    data = run([bin_dir / "python", "-c", "from plankg.config import data_dir; print(data_dir())"], folder, env)
    assert data.stdout.strip() == str(site / "plankg" / "data")


def test_serve_answers_health_and_the_page(installed, elsewhere) -> None:
    bin_dir, _ = installed
    folder, env = elsewhere
    port = free_port()
    child = subprocess.Popen(
        [str(bin_dir / "plankg"), "serve", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    health = None
    try:
        deadline = time.monotonic() + 180  # a bound on waiting, not a speed assertion
        while health is None and time.monotonic() < deadline and child.poll() is None:
            try:
                health = httpx.get(base + "/health", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None, "plankg serve did not answer"
        assert health.status_code == 200
        assert (health.json()["backend"], health.json()["tasks"]) == ("memory", 45)
        page = httpx.get(base + "/", timeout=10)
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert httpx.get(base + "/tasks/27", timeout=10).json()["number"] == 27
    finally:
        child.terminate()
        log = child.communicate(timeout=30)[0]
    assert health is not None, log[-2000:]
