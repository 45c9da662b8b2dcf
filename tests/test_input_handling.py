"""Encodings, full-width forms, determinism, and clear errors for bad input."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from plankg.loaders import PlanError, load_plan, read_plan
from plankg.loaders.clean import fold
from tests.conftest import FIXTURES, ZHOUSHAN

TEXT = ZHOUSHAN.read_text(encoding="utf-8")
NAME = "zhoushan-2021-2025.txt"  # same file name, so `source` matches too


def _write(tmp_path, data: bytes, name: str = NAME):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _model_json(path) -> str:
    return load_plan(path).model_dump_json()


def test_same_input_gives_byte_identical_output(zhoushan):
    assert _model_json(ZHOUSHAN) == _model_json(ZHOUSHAN) == zhoushan.model_dump_json()
    assert zhoushan.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("gbk"),
        lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.encode("utf-16"),
    ],
    ids=["gb18030", "gbk", "utf8-bom-crlf", "utf16-bom"],
)
def test_encodings_load_to_the_identical_model(tmp_path, zhoushan, encode):
    assert _model_json(_write(tmp_path, encode(TEXT))) == zhoushan.model_dump_json()


def test_full_width_forms_read_alike_and_are_quoted_verbatim(tmp_path, zhoushan):
    wide = TEXT.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})  # １．（），：％
    plan = load_plan(_write(tmp_path, wide.encode("utf-8")))
    assert plan.text == wide
    assert [fold(t.title) for t in plan.tasks] == [t.title for t in zhoushan.tasks]
    assert "，" in plan.tasks[0].text and "," not in plan.tasks[0].text
    assert [t.span for t in plan.tasks] == [t.span for t in zhoushan.tasks]
    assert [
        (fold(i.name), i.value, i.unit, i.comparator, i.year, i.kind, i.span)
        for i in plan.indicators
    ] == [
        (i.name, i.value, i.unit, i.comparator, i.year, i.kind, i.span) for i in zhoushan.indicators
    ]
    assert [(m.place, m.span) for m in plan.mentions] == [
        (m.place, m.span) for m in zhoushan.mentions
    ]
    assert [(r.task, r.agency, r.role) for r in plan.responsibilities] == [
        (r.task, r.agency, r.role) for r in zhoushan.responsibilities
    ]


def _error(tmp_path, data: bytes) -> PlanError:
    path = _write(tmp_path, data, "bad.txt")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert caught.value.path == str(path)
    return caught.value


def _lines(text: str) -> list[str]:
    return text.split("\n")


def test_empty_file(tmp_path):
    error = _error(tmp_path, b"")
    assert (error.line, error.expected) == (1, "the file is empty: expected the text of a plan")
    assert _error(tmp_path, b" \n\r\n ").line == 1


def test_binary_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    error = _error(tmp_path, png)
    assert error.line == 3  # the first NUL byte follows two line feeds
    assert error.expected.startswith("this is binary data, not text")


def test_one_bad_byte_is_reported_at_its_line(tmp_path):
    lines = TEXT.encode("utf-8").split(b"\n")
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(b"12."))
    lines[at] = lines[at][:20] + b"\xff" + lines[at][20:]
    error = _error(tmp_path, b"\n".join(lines))
    assert error.line == at + 1
    assert error.expected.startswith("invalid UTF-8 at byte ")


def test_no_plan_structure(tmp_path):
    text = "关于做好春节期间安全生产工作的通知\n\n各单位:春节将至,请做好值班工作。\n"
    error = _error(tmp_path, text.encode("utf-8"))
    assert error.line == 3
    assert error.expected.startswith("no chapter headings: expected '一、…', '第一章…'")


def _read(tmp_path, text: str):
    return read_plan(_write(tmp_path, text.encode("utf-8"), "odd.txt"))


def test_a_repeated_task_number_is_text_with_a_warning(tmp_path):
    lines = _lines(TEXT)
    at = lines.index(next(line for line in lines if line.strip().startswith("13.")))
    lines[at] = lines[at].replace("13.", "12.", 1)
    plan = _read(tmp_path, "\n".join(lines))
    assert plan.warnings == [
        f"line {at + 1}: expected 13. next, found 12.: read as text, not as a heading",
        f"line {at + 3}: expected 13. next, found 14.: taken as the next one",
    ]
    assert len(plan.tasks) == 44  # the second 12. is part of task 12; 14. goes on after it
    assert "12.创新完善财政政策制度" in plan.tasks[11].text


def test_a_missing_task_number_is_said(tmp_path):
    lines = [line for line in _lines(TEXT) if not line.strip().startswith("30.")]
    plan = _read(tmp_path, "\n".join(lines))
    line_31 = next(i for i, line in enumerate(lines) if line.strip().startswith("31.")) + 1
    assert plan.warnings == [f"line {line_31}: expected 30. next, found 31.: taken as the next one"]
    assert [t.number for t in plan.tasks] == [*range(1, 30), *range(31, 46)]


def test_task_numbers_past_999(tmp_path):
    """Numbers of any width: 1000. follows 999. (a three-digit limit merged them)."""
    tasks = "\n".join(f"{n}.第{n}项任务。推进第{n}项工作。" for n in range(1, 1201))
    plan = _read(tmp_path, f"临澜市试点工作方案\n一、主要任务\n{tasks}\n")
    assert [t.number for t in plan.tasks] == list(range(1, 1201))
    assert plan.tasks[999].title == "第1000项任务"


def test_a_task_number_run_into_its_title(tmp_path):
    text = "临澜市试点工作方案\n一、主要任务\n" + "\n".join(
        f"{n}.任务{n}。推进工作。" for n in range(1, 11)
    )
    plan = _read(tmp_path, text + "\n11.121个项目全部开工。推进工作。\n")
    assert plan.tasks[-1].number == 11 and plan.tasks[-1].title == "121个项目全部开工"


def test_a_target_paragraph_after_the_dashed_goals(tmp_path):
    """A county's style: the dated paragraph after the —— goals is a goal with targets."""
    plan = _read(
        tmp_path,
        "临澜县共同富裕示范区建设实施方案(2021-2025年)\n一、发展目标\n"
        "——率先建成共同富裕示范县。\n——率先实现公共服务均等化。\n"
        "到2025年，全县居民人均可支配收入达到6万元，城乡居民收入倍差≤1.6，"
        "累计达到3万户，新建学校1~2所。\n二、主要任务\n1.推进就业。扩大就业。\n",
    )
    assert [(g.number, g.year) for g in plan.goals] == [(1, 2025), (2, 2025), (3, 2025)]
    assert [
        (i.scope_number, i.value, i.value_max, i.unit, i.comparator, i.kind)
        for i in plan.indicators
    ] == [
        (3, 6.0, None, "万元", ">=", "level"),
        (3, 1.6, None, "", "<=", "level"),
        (3, 3.0, None, "万户", ">=", "cumulative"),
        (3, 1.0, 2.0, "所", "~", "increment"),
    ]
    assert plan.indicators[1].name == "城乡居民收入倍差"


def test_truncated_plan_loads_with_a_warning(tmp_path):
    cut = TEXT.index("充分激发全体人民的积极性")
    plan = _read(tmp_path, TEXT[:cut])
    line = _lines(TEXT).index(next(line for line in _lines(TEXT) if "45.凝聚" in line)) + 1
    assert plan.warnings == [
        f"line {line}: the text stops mid-sentence ('…用,进一步凝聚共识、拧成合力,'): "
        "the file may be truncated"
    ]
    assert len(plan.tasks) == 45


def test_truncated_after_a_chapter_heading(tmp_path):
    cut = TEXT.index("41.加强党的全面领导")
    plan = _read(tmp_path, TEXT[:cut])
    line = _lines(TEXT).index(next(line for line in _lines(TEXT) if "九、构建" in line)) + 1
    assert plan.warnings == [
        f"line {line}: '九、构建强有力的保障措施和推进机制' is empty: nothing follows its "
        "heading (is the file truncated?)"
    ]
    assert len(plan.tasks) == 40


def test_chapters_out_of_order(tmp_path):
    plan = _read(tmp_path, TEXT.replace("  五、构建群岛", "  六、构建群岛"))
    assert any("expected 五、 next, found 六、" in w for w in plan.warnings)
    assert len(plan.chapters) == 8


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True, check=False
    )


def test_cli_error_goes_to_stderr_with_nonzero_exit(tmp_path):
    path = _write(tmp_path, b"", "empty.txt")
    result = _cli("export", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr.strip() == f"error: {path}:1: the file is empty: expected the text of a plan"
    )


def test_cli_export_to_stdout_and_to_a_file(tmp_path, zhoushan):
    result = _cli("export", str(ZHOUSHAN), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads(zhoushan.model_dump_json())
    target = tmp_path / "plan.json"
    assert _cli("export", str(ZHOUSHAN), "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == result.stdout
    assert not (tmp_path / "plan.json.tmp").exists()


def test_cli_inspect_prints_the_outline():
    result = _cli("inspect", str(ZHOUSHAN))
    assert result.returncode == 0
    assert "9 chapters, 5 goals, 45 tasks, 70 targets" in result.stdout
    assert "二、建设海洋经济高质量发展高地  8 tasks, 0 goals, 21 targets" in result.stdout
    assert "27. 构建海岛特色现代化基础设施体系  0 targets" in result.stdout


def test_a_bad_file_among_many_stops_the_batch_with_its_own_error(tmp_path):
    # Enough files to be read by the worker pool: the first bad file in the given order
    # is raised, as itself (type, file, line, message), though a later one failed too.
    from plankg.loaders.batch import PARALLEL_FROM, load_plans

    plan = (FIXTURES / "plans" / "genre-a.txt").read_bytes()
    paths = []
    for n in range(PARALLEL_FROM + 2):
        path = tmp_path / f"{n:02d}.txt"
        path.write_bytes(b"" if n in (4, 7) else plan)
        paths.append(path)
    with pytest.raises(PlanError) as raised:
        load_plans(paths)
    assert (raised.value.path, raised.value.line) == (str(paths[4]), 1)
    assert str(raised.value).startswith(f"{paths[4]}:1: ")
