"""Bad input the command line meets outside the plan text itself (issue 11, item 5): a
broken data folder (PLANKG_DATA_DIR), special or oversized files, an output path that is a
folder. Each gives one line naming the file (and the line, where there is one) and exit 2,
and leaves nothing behind."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app as cli
from plankg.loaders import PlanError, load_plan
from plankg.loaders.files import MAX_PLAN_BYTES, read_plan_bytes
from tests.bad_inputs import (
    ZHOUSHAN,
    assert_one_line_exit_2,
    broken_data_dir,
    data_cases,
    plankg,
)


@pytest.mark.parametrize("case", data_cases(full=False), ids=lambda case: case.id)
def test_a_broken_data_folder_is_one_line_and_exit_2(tmp_path, case) -> None:
    folder = broken_data_dir(tmp_path, case)
    result = plankg("inspect", str(ZHOUSHAN), env={"PLANKG_DATA_DIR": str(folder)})
    where = f"{folder / case.file}:{case.line}: " if case.line else f"{folder / case.file}:"
    assert_one_line_exit_2(result, f"error: {where}", case.says)


def test_dev_zero_is_refused_before_it_is_read() -> None:
    assert_one_line_exit_2(
        plankg("inspect", "/dev/zero"),
        "error: /dev/zero:1: expected a regular file of plan text, not a character device",
    )


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    assert_one_line_exit_2(
        plankg("inspect", str(fifo)),
        f"error: {fifo}:1: expected a regular file of plan text, not a FIFO (named pipe)",
    )


def test_a_folder_is_refused(tmp_path) -> None:
    with pytest.raises(PlanError) as caught:
        load_plan(tmp_path)
    assert str(caught.value) == f"{tmp_path}:1: expected a regular file of plan text, not a directory"


def test_a_huge_file_is_refused_by_its_size(tmp_path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(MAX_PLAN_BYTES + 1)  # sparse: no disk used
    with pytest.raises(PlanError) as caught:
        read_plan_bytes(huge)
    assert caught.value.line == 1
    assert caught.value.expected == (
        "the file is 20,000,001 bytes: expected a plan of at most 20,000,000 bytes"
    )
    assert read_plan_bytes(ZHOUSHAN) == ZHOUSHAN.read_bytes()  # a plan's size is fine


def test_a_missing_file(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["inspect", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nope.txt'}:1: no such file: expected a plan text file\n"


def test_a_file_unreadable_for_permissions(tmp_path) -> None:
    locked = tmp_path / "locked.txt"
    shutil.copy(ZHOUSHAN, locked)
    locked.chmod(0)
    command: list[str] = []
    if os.geteuid() == 0:  # root reads anything: run the command as nobody
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv is missing: cannot lose the permission")
        tmp_path.chmod(tmp_path.stat().st_mode | stat.S_IXOTH | stat.S_IROTH)
        for parent in tmp_path.parents:  # let nobody reach it (pytest's folders are 0700)
            if parent.stat().st_mode & stat.S_IXOTH == 0:
                parent.chmod(parent.stat().st_mode | stat.S_IXOTH)
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    import subprocess
    import sys

    result = subprocess.run(
        [*command, sys.executable, "-m", "plankg.cli", "inspect", str(locked)],
        cwd=Path(__file__).resolve().parent.parent,
        env=os.environ | {"NO_COLOR": "1", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_one_line_exit_2(
        result, f"error: {locked}:1: permission denied: expected a plan text file you may read"
    )


def test_export_to_a_folder_is_one_line_and_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    result = CliRunner().invoke(cli, ["export", str(ZHOUSHAN), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {target}: is a directory: expected a file name to write the JSON to\n"
    )
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["out"]


def test_export_into_a_missing_folder_is_one_line_and_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "no" / "plan.json"
    result = CliRunner().invoke(cli, ["export", str(ZHOUSHAN), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {target}: cannot write there (No such file or directory): "
        "expected a writable folder\n"
    )
    assert list(tmp_path.rglob("*")) == []


def test_export_over_an_existing_file_replaces_it_whole(tmp_path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(ZHOUSHAN), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith('{\n  "id": "zhoushan-gongtongfuyu-2021-2025"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
