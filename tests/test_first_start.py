"""The first start on plans without a snapshot: the plans are read in a child process and
merged in the API's own (graph/reader.py), with the same store as reading them in-process,
the same one-line errors, and the API process never importing the loaders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from plankg.graph import plans as plan_reading
from plankg.graph.build import DuplicatePlan
from plankg.graph.memory import MemoryStore
from plankg.graph.plans import graphs_of
from plankg.graph.records import ALL
from plankg.graph.snapshot import load_store
from plankg.loaders import PlanError
from tests.conftest import FIXTURES, ROOT, ZHOUSHAN

FILES = [ZHOUSHAN, FIXTURES / "plans" / "genre-a.txt", FIXTURES / "plans" / "genre-b.txt"]


@pytest.fixture(autouse=True)
def snapshot_key(tmp_path_factory, monkeypatch) -> Path:
    """Each test its own signing key (never the user's own config)."""
    key = tmp_path_factory.mktemp("config") / "plankg" / "snapshot.key"
    monkeypatch.setenv("PLANKG_SNAPSHOT_KEY", str(key))
    return key


def _edges(store: MemoryStore) -> list:
    return sorted(
        (u, v, k, sorted(d.items(), key=str))
        for u, v, k, d in store.graph.edges(keys=True, data=True)
    )


def test_the_childs_store_is_the_in_process_store(tmp_path):
    here = MemoryStore()
    here.load_batches(graphs_of(FILES))
    there = load_store(FILES, None)  # built through the child, nothing saved
    assert dict(there.graph.nodes(data=True)) == dict(here.graph.nodes(data=True))
    assert _edges(there) == _edges(here)
    assert (
        there.counts()
        == here.counts()
        == {
            "Plan": 3,
            "Chapter": 18,
            "Goal": 13,
            "Task": 79,
            "Indicator": 181,
            "Place": 52,
            "Agency": 64,
            "Theme": 39,
            "Document": 1,  # Zhoushan cites one; the genre plans none
            "IndicatorFamily": 39,
        }
    )
    for plan in here.plan_ids():
        assert there.tasks([plan], ALL) == here.tasks([plan], ALL)
        assert there.search_corpus(plan) == here.search_corpus(plan)
    assert there.neighbourhood("daishan", 2) == here.neighbourhood("daishan", 2)
    assert not list(tmp_path.iterdir())


def test_a_bad_file_raises_its_own_error_and_leaves_nothing(tmp_path):
    bad = tmp_path / "plans" / "empty.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    snapshots = tmp_path / "snapshots"
    with pytest.raises(PlanError) as raised:
        load_store([ZHOUSHAN, bad], snapshots)
    assert str(raised.value) == f"{bad}:1: the file is empty: expected the text of a plan"
    assert (raised.value.path, raised.value.line) == (str(bad), 1)
    assert list(snapshots.iterdir()) == []  # no snapshot, no spool left behind


def test_two_files_of_one_plan_are_refused_through_the_child(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(ZHOUSHAN.read_bytes())
    with pytest.raises(DuplicatePlan) as in_process:
        list(graphs_of([ZHOUSHAN, copy]))
    with pytest.raises(DuplicatePlan) as through_child:
        load_store([ZHOUSHAN, copy], None)
    assert str(through_child.value) == str(in_process.value)
    assert "copy.txt and zhoushan-2021-2025.txt are both plan" in str(in_process.value)


def test_the_api_process_never_imports_the_loaders_on_a_first_start(tmp_path):
    script = f"""
import sys
from pathlib import Path
from plankg.graph.snapshot import load_store
store = load_store([Path({str(ZHOUSHAN)!r})], Path({str(tmp_path)!r}))
print(store.counts()["Task"], sorted(m for m in sys.modules if m.split(".")[0] in
      ("jieba", "pypinyin") or m.startswith("plankg.loaders")) or "none")
"""
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["45", "none"]
    assert [p.name.startswith("store-") for p in tmp_path.iterdir()] == [True]


def test_serve_with_a_bad_plan_file_says_one_line_and_exits_2(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    snapshots = tmp_path / "snapshots"
    result = subprocess.run(
        [sys.executable, "-m", "plankg.cli", "serve", "--port", "1"],
        cwd=ROOT,
        env={
            **os.environ,
            "PLANKG_PLANS": f"{ZHOUSHAN}:{bad}",
            "PLANKG_SNAPSHOT_DIR": str(snapshots),
        },
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"error: {bad}:1: the file is empty: expected the text of a plan\n")
    assert list(snapshots.iterdir()) == []


def test_reading_many_regions_keeps_few_catalogues_and_the_same_graphs(tmp_path, monkeypatch):
    from bench.synth import generate
    from plankg.loaders.catalogue import catalogue_for
    from plankg.loaders.link import forget_regions

    files = generate(plan_reading.KEEP_REGIONS + 3, tmp_path, seed=0)  # a region each
    forget_regions()
    bounded = list(graphs_of(files))
    assert catalogue_for.cache_info().currsize <= plan_reading.KEEP_REGIONS
    monkeypatch.setattr(plan_reading, "KEEP_REGIONS", 10_000)  # never forget
    forget_regions()
    kept = list(graphs_of(files))
    assert catalogue_for.cache_info().currsize == len(files)  # more than are kept
    assert bounded == kept
    forget_regions()


def test_a_spool_left_by_a_killed_start_is_removed_by_the_next(tmp_path):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    orphan = tmp_path / f".reading-{gone}-x1"
    reading = tmp_path / f".reading-{os.getpid()}-x2"  # a start still reading: kept
    for spool in (orphan, reading):
        spool.mkdir()
        (spool / "graphs.pickle").write_bytes(b"partial")
    load_store([ZHOUSHAN], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("store-")) == [
        reading.name
    ]
    assert len(list(tmp_path.glob("store-*.snapshot"))) == 1


# -- a snapshot folder that is full or cannot be written ---------------------------------------


def _mount_tmpfs(where: Path, options: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (and, as root, chmod cannot forbid writing)")
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


@pytest.fixture
def full_disk(tmp_path):
    """A private snapshot folder on a 64 KiB tmpfs: the Zhoushan store's snapshot (about
    1 MB) and the child's spool cannot fit."""
    where = tmp_path / "full"
    _mount_tmpfs(where, "size=64k,mode=0700")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def unwritable(tmp_path):
    """A private snapshot folder nothing can be written to: a read-only tmpfs as root,
    else a folder of mode 0500."""
    where = tmp_path / "read-only"
    if os.geteuid() != 0:
        where.mkdir(mode=0o500)
        yield where
        where.chmod(0o700)
        return
    _mount_tmpfs(where, "size=1m,mode=0700,ro")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def _warnings(err: str) -> list[str]:
    assert "Traceback" not in err and "error:" not in err
    return [line for line in err.splitlines() if line]


def test_a_full_snapshot_disk_is_one_warning_and_the_store_is_served(full_disk, capfd):
    store = load_store([ZHOUSHAN], full_disk)  # the spool does not fit there either
    assert store.counts()["Task"] == 45
    (line,) = _warnings(capfd.readouterr().err)
    assert line.startswith(f"warning: snapshot {full_disk}/store-")
    assert ".snapshot not saved: No space left on device (the server serves without it" in line
    assert list(full_disk.iterdir()) == []  # nothing half-written, no spool left


def test_an_unwritable_snapshot_folder_is_one_warning_and_the_store_is_served(
    unwritable, capfd
):
    store = load_store([ZHOUSHAN], unwritable)
    assert store.counts()["Task"] == 45
    (line,) = _warnings(capfd.readouterr().err)
    assert line.startswith(f"warning: snapshot {unwritable}/store-")
    reason = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
    assert f".snapshot not saved: {reason} (the server serves without it" in line
    assert list(unwritable.iterdir()) == []


def test_serve_on_a_full_snapshot_disk_answers_and_says_one_line(full_disk):
    from tests.test_snapshot import serve, stop

    child, base = serve({"PLANKG_SNAPSHOT_DIR": str(full_disk), "PLANKG_PLANS": str(ZHOUSHAN)})
    try:
        assert httpx.get(base + "/tasks/27").status_code == 200
    finally:
        err = stop(child)
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "No space left on device" in warnings[0]
    assert str(full_disk) in warnings[0]
    assert "Traceback" not in err and "error:" not in err


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_serve_with_a_fifo_or_a_device_as_a_plan_says_one_line_not_hangs(kind, tmp_path):
    """The snapshot's fingerprint reads no more than the loaders would: a FIFO with no
    writer (which would block) or /dev/zero (which never ends) is refused in one line."""
    if kind == "fifo":
        plan = tmp_path / "plan.txt"
        os.mkfifo(plan)
        why = "expected a regular file of plan text, not a FIFO (named pipe)"
    else:
        plan, why = Path("/dev/zero"), "expected a regular file of plan text, not a character device"
    result = subprocess.run(
        [sys.executable, "-m", "plankg.cli", "serve", "--port", "1"],
        cwd=ROOT,
        env={
            **os.environ,
            "PLANKG_PLANS": str(plan),
            "PLANKG_SNAPSHOT_DIR": str(tmp_path / "snapshots"),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stderr) == (2, f"error: {plan}:1: {why}\n")
