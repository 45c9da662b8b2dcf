"""A real API server and a real headless Chromium for the explorer page's tests.

The server is uvicorn in a child process on a free port (embedded store, the Zhoushan
plan, or whatever environment a test passes); the browser is Debian's chromium driven by
its chromedriver through selenium. Without the browser the tests skip with one line,
except in CI (CI=true), where they fail: `make browser` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from devtools.ports import free_port, stop, wait_until_answers

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out" / "web"  # screenshots (gitignored)
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
]
STARTUP = 120  # seconds: loading and linking the plan on a busy 2-core machine




def unavailable(reason: str) -> None:
    """Fail in CI, where the browser must be there; skip elsewhere with the reason."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"the browser tests cannot run: {reason}")
    pytest.skip(reason)


@contextmanager
def api_server(env: dict[str, str] | None = None) -> Iterator[str]:
    """The API (what `plankg serve` runs) on a free port; yields its base URL once /livez answers."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    environment.update(env or {})
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "plankg.api.app:create_app", "--factory"]
        + ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_answers(process, f"{base}/livez", STARTUP):
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"the API exited with {process.returncode}: {log.read()[-2000:]!r}")
            pytest.fail(f"the API did not answer /livez within {STARTUP} s")
        yield base
    finally:
        stop(process, timeout=15)
        log.close()


@contextmanager
def chromium() -> Iterator[object]:
    """A selenium WebDriver for headless Chromium with a fresh profile."""
    for needed in (CHROMIUM, CHROMEDRIVER):
        if not needed.exists():
            unavailable(f"{needed} is missing (make browser installs chromium, chromium-driver)")
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="plankg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    # The console, for the tests that check the page meets its Content-Security-Policy.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        unavailable(f"chromium did not start: {exc.msg}")
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
