from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plankg.loaders import load_plan
from plankg.loaders.model import Plan

ROOT = Path(__file__).resolve().parent.parent
ZHOUSHAN = ROOT / "data" / "plans" / "zhoushan-2021-2025.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def zhoushan() -> Plan:
    return load_plan(ZHOUSHAN)


@pytest.fixture(scope="session")
def expected() -> dict:
    return yaml.safe_load((FIXTURES / "zhoushan.expected.yaml").read_text(encoding="utf-8"))


from tests.neo4j_fixture import neo4j_server  # noqa: E402, F401  (session-scoped server)


@pytest.fixture(autouse=True, scope="session")
def _own_corrections(tmp_path_factory):
    """No test reads or writes the user's own corrections (PLANKG_CORRECTIONS): a server a
    test starts would apply them to the plans it asserts on."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("corrections")
        patch.setenv("PLANKG_CORRECTIONS", str(folder / "corrections.sqlite"))
        yield


@pytest.fixture(scope="module")
def driver():
    """One headless Chromium per test module (tests/web_browser.py: skips with a reason off
    CI when the browser is missing, fails in CI)."""
    from tests.web_browser import chromium

    with chromium() as browser:
        yield browser
