"""Where the development corpus lies (../shared/corpus, beside the repository) and what a
test does without it: skip with one line, except in CI, where its absence is a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
PLANS = CORPUS / "plans"
GOLD = CORPUS / "gold"


def require_corpus() -> None:
    """Call at the start of a test that reads the corpus plans or their gold readings."""
    if GOLD.is_dir() and any(PLANS.glob("*.txt")):
        return
    reason = f"the development corpus is not beside the repository: expected {CORPUS}"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)
