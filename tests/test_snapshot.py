"""The store saved after it is built and read back on the next start: the same answers,
the same segmentation, a new snapshot whenever an input changes, and a server started
from one that never imports the loaders."""

from __future__ import annotations

import subprocess
import sys

from plankg.graph import search
from plankg.graph.records import ALL
from plankg.graph.snapshot import fingerprint, load_store
from plankg.loaders.segment import tokenizer
from tests.conftest import FIXTURES, ROOT, ZHOUSHAN

GENRE_A = FIXTURES / "plans" / "genre-a.txt"


def test_a_store_read_back_answers_alike(tmp_path):
    built = load_store([ZHOUSHAN, GENRE_A], tmp_path)
    assert len(list(tmp_path.glob("store-*.snapshot"))) == 1
    again = load_store([ZHOUSHAN, GENRE_A], tmp_path)
    assert again is not built
    assert again.counts() == built.counts()
    for plan in built.plan_ids():
        for number in (1, 5, 18, 27):
            assert again.task(plan, number) == built.task(plan, number)
        assert again.themes(plan, ALL) == built.themes(plan, ALL)
    assert again.neighbourhood("daishan", 2) == built.neighbourhood("daishan", 2)


def test_any_changed_input_names_another_snapshot(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_bytes(ZHOUSHAN.read_bytes())
    before = fingerprint([plan])
    assert fingerprint([plan]) == before
    plan.write_bytes(ZHOUSHAN.read_bytes() + b"\n")
    assert fingerprint([plan]) != before
    assert fingerprint([plan, GENRE_A]) != fingerprint([plan])


def test_the_snapshots_segmenter_cuts_like_the_loaders():
    rebuilt = search.tokenizer_of(search.build_vocabulary())
    texts = [p.read_text(encoding="utf-8") for p in (ZHOUSHAN, GENRE_A)]
    for text in texts:
        assert rebuilt.lcut(text) == tokenizer().lcut(text)
        assert rebuilt.lcut_for_search(text) == tokenizer().lcut_for_search(text)
    assert rebuilt.lcut("支持偏远海岛和六横、衢山发展,市发改委牵头") == [
        "支持",
        "偏远海岛",
        "和",
        "六横",
        "、",
        "衢山",
        "发展",
        ",",
        "市发改委",
        "牵头",
    ]


def test_a_server_started_from_a_snapshot_never_imports_the_loaders(tmp_path):
    load_store([ZHOUSHAN], tmp_path)  # the first start builds and saves it
    script = f"""
import sys
from pathlib import Path
from plankg.graph.snapshot import load_store
from plankg.graph.search import TaskIndex, parse_query
store = load_store([Path({str(ZHOUSHAN)!r})], Path({str(tmp_path)!r}))
hits = TaskIndex(store.search_corpus("zhoushan-gongtongfuyu-2021-2025")).search(parse_query("偏远海岛"))
print(len(hits), hits[0]["number"], sorted(m for m in sys.modules if m.split(".")[0] in
      ("loaders", "pypinyin")) or "none", "jieba.analyse" in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    hits = search.TaskIndex(
        load_store([ZHOUSHAN], tmp_path).search_corpus("zhoushan-gongtongfuyu-2021-2025")
    ).search(search.parse_query("偏远海岛"))
    assert out == [str(len(hits)), str(hits[0]["number"]), "none", "False"]
