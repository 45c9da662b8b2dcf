"""Hard-wrapped plans (text converted from a PDF, a line break every ~27 characters): the
Beijing ecological-restoration plan and the Shanghai 14th five-year outline of the corpus.

A task's text is its span of the plan less the line breaks inside a paragraph (and a page
number on its own line); `gaps` lists the plan offsets it leaves out, so that a link's
plan-text span can be placed in the text (the page's marks): without it, 118 of the 126
place marks in the Shanghai plan's tasks fall on the wrong characters. And the linker
reads such a plan without those characters (loaders/unwrap.py): before, a sentence ended at
every line break, so evidence was a line's fragment and a name a break cut (杨\n浦) was
not found. Zhoushan's text is not wrapped: nothing changes for it."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from plankg.api.app import create_app
from plankg.graph.memory import MemoryStore
from plankg.graph.plans import graphs_of
from plankg.loaders.unwrap import text_gaps
from tests.corpus import PLANS as CORPUS
from tests.corpus import require_corpus

HERE = Path(__file__).resolve().parent

ZHOUSHAN = HERE.parent / "data" / "plans" / "zhoushan-2021-2025.txt"
WRAPPED = {  # plan file: (tasks, every one wrapped; place mentions in tasks)
    "05-beijing-shengtaixiufu-guihua.txt": (34, 9),  # not 平原(地区), 河湖滨, 滨水城: words
    # 3.1.1-14.6.3, page numbers unglued; zones with words before their zone word
    # (虹桥临空经济示范区, 金山第二工业区 …), 嘉定-昆山-太仓地区, G60 科创走廊, 苏锡常; not
    # 中国金融法治研究院, 上海产业技术研究院 (institutions), 东平 (of 东平森林旅游度假区)
    "06-shanghai-shisiwu-gangyao.txt": (152, 223),  # not 青龙镇 of 青龙镇遗址; 佘山国家旅游度假区
}


def test_gaps_are_what_the_text_leaves_out() -> None:
    source = "前言\n抓\n好落实\n12\n工作。"
    # The kept line break is the first one; then the page number and its line break go.
    assert text_gaps(source, 3, len(source), "抓好落实\n工作。") == [4, 9, 10, 11]
    assert text_gaps(source, 3, len(source), "抓") == []  # nothing before the text ends
    assert text_gaps(source, 3, 8, "抓好落实\n工作。") == []  # not within its span


@pytest.fixture(scope="module")
def client():
    require_corpus()
    files = [ZHOUSHAN, *(CORPUS / name for name in WRAPPED)]
    store = MemoryStore()
    store.load_batches(graphs_of(files))
    with TestClient(create_app(store=store)) as c:
        yield c


def tasks_of(client, plan: str) -> list[dict]:
    listed = client.get("/tasks", params={"plan": plan, "limit": 500}).json()["items"]
    return [client.get(f"/tasks/{t['number']}", params={"plan": plan}).json() for t in listed]


def placed(task: dict, start: int, end: int) -> str:
    """The text under a plan-text span, placed the way the page places its marks."""

    def local(at: int) -> int:
        return at - task["span"]["start"] - bisect_left(task["gaps"], at)

    return task["text"][local(start) : local(end)]


def test_zhoushan_tasks_leave_nothing_out(client) -> None:
    tasks = tasks_of(client, "zhoushan-gongtongfuyu-2021-2025")
    assert len(tasks) == 45 and all(t["gaps"] == [] for t in tasks)


@pytest.mark.parametrize("name", sorted(WRAPPED))
def test_every_place_mark_falls_on_its_words(client, name: str) -> None:
    plan = next(p["id"] for p in client.get("/plans").json()["items"] if p["source"] == name)
    tasks = tasks_of(client, plan)
    mentions = [(t, m) for t in tasks for m in t["places"]]
    assert all(t["gaps"] for t in tasks)
    assert (len(tasks), len(mentions)) == WRAPPED[name]
    for task, mention in mentions:
        span = mention["match_span"]
        assert placed(task, span["start"], span["end"]) == mention["surface"], mention
    # Without the gaps, most marks would be off.
    off = sum(
        1
        for task, m in mentions
        if task["text"][
            m["match_span"]["start"] - task["span"]["start"] : m["match_span"]["end"]
            - task["span"]["start"]
        ]
        != m["surface"]
    )
    assert off == {"05": 7, "06": 202}[name[:2]]  # 06: 186 before the long zone names


def test_a_name_a_wrap_break_cuts_is_found_with_its_whole_sentence(client) -> None:
    # The Shanghai outline, task 33: the source has 杨 at the end of one line and 浦 at the
    # start of the next, and the sentence spans three lines.
    plan = next(
        p["id"]
        for p in client.get("/plans").json()["items"]
        if p["source"] == "06-shanghai-shisiwu-gangyao.txt"
    )
    task = client.get("/tasks/33", params={"plan": plan}).json()
    yangpu = next(m for m in task["places"] if m["id"] == "yangpu")
    assert yangpu["surface"] == "杨浦"
    assert yangpu["evidence"] == (
        "强化临港、杨浦、徐汇、闵行、嘉定、松江等关键承载区承接科学技术转移、"
        "加快成果产业化等功能，放大创新集成和辐射带动效应。"
    )
    span = yangpu["match_span"]
    assert span["end"] - span["start"] == 3  # 杨, the line break, 浦
    assert placed(task, span["start"], span["end"]) == "杨浦"


def test_page_numbers_glued_to_a_line_are_left_out() -> None:
    """A number at a line's start is a page number when such numbers count up through the
    document (a page may start with a heading instead: up to two missing), as in the
    Shanghai outline, where the PDF put 1 to 122 before each page's first line."""
    from plankg.loaders.clean import fold
    from plankg.loaders.reading import Wrapping, physical_lines, unglue_page_numbers

    pages = ["1建设", "2推进", "3完善", "5加快", "6实施", "7形成"]
    text = "\n".join(f"{page}一批重点园区整体转型升级，\n30个园区共建、产业共育" for page in pages)
    lines = physical_lines(text)
    out = unglue_page_numbers(lines, Wrapping(True, 27))
    assert [line.text[:2] for line in out[::2]] == ["建设", "推进", "完善", "加快", "实施", "形成"]
    assert all(line.text.startswith("30个") for line in out[1::2])  # not the next page
    assert fold(text[out[2].start : out[2].end]) == out[2].text  # offsets still into the source
    # Fewer than five counting up: nothing is taken for a page number.
    assert unglue_page_numbers(lines[:8], Wrapping(True, 27)) == lines[:8]
    assert unglue_page_numbers(lines, Wrapping(False, 0)) == lines


def test_the_shanghai_outline_reads_without_its_page_numbers(client) -> None:
    plan = next(
        p["id"]
        for p in client.get("/plans").json()["items"]
        if p["source"] == "06-shanghai-shisiwu-gangyao.txt"
    )
    text = client.get("/tasks/107", params={"plan": plan}).json()["text"]  # 11.2.2
    assert "实施第二轮城乡学校携手共进计划" in text  # the source: 携 / 93手共进计划
