"""The store saved after it is built and read back on the next start: the same answers,
the same segmentation, a new snapshot whenever an input changes, and a server started
from one that never imports the loaders. And a snapshot that cannot carry code nor be
stale or silently wrong: a planted file (a pickle that would run code) is neither run nor
served, a damaged or foreign snapshot is rebuilt with one warning line naming it, a
folder, file or key another user could have written is refused, and a store whose plans
changed while it was built is not saved."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import orjson
import pytest

from devtools.ports import plankg_serve, stop
from plankg.graph import search, snapshot
from plankg.graph.records import ALL
from plankg.graph.snapshot import fingerprint, load_store
from plankg.loaders.segment import tokenizer
from tests.conftest import FIXTURES, ROOT, ZHOUSHAN

GENRE_A = FIXTURES / "plans" / "genre-a.txt"
PLAN = "zhoushan-gongtongfuyu-2021-2025"
TASK_27 = "构建海岛特色现代化基础设施体系"
OTHER_UID = 54321  # no user of this machine: a file or folder "another user" owns


@pytest.fixture(autouse=True)
def snapshot_key(tmp_path_factory, monkeypatch) -> Path:
    """Each test its own key, made where the test says (never the user's own config)."""
    key = tmp_path_factory.mktemp("config") / "plankg" / "snapshot.key"
    monkeypatch.setenv("PLANKG_SNAPSHOT_KEY", str(key))
    return key


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


# -- planted, damaged and foreign snapshots --------------------------------------------------


class Planted:
    """Unpickling this runs `touch marker`: what a planted snapshot did before."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def planted_pickle(marker: Path, probe: Path) -> bytes:
    """A pickle whose payload creates `marker`; shown to be live first (on `probe`)."""
    pickle.loads(pickle.dumps(Planted(probe)))
    assert probe.exists(), "the planted payload would not have run code anyway"
    return pickle.dumps(Planted(marker))


@pytest.fixture(scope="module")
def built():
    """The Zhoushan store and vocabulary, read once for the tests that only need a build
    to happen (the reading itself is tested in test_first_start.py)."""
    return snapshot._build([ZHOUSHAN], None)


@pytest.fixture
def builds(monkeypatch, built) -> list[int]:
    """Count the builds, each answered with the store read once."""
    calls: list[int] = []

    def build(files, folder):
        calls.append(1)
        return built

    monkeypatch.setattr(snapshot, "_build", build)
    return calls


def warnings_of(capsys) -> list[str]:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return [line for line in captured.err.splitlines() if line]


def answers_like_zhoushan(store) -> None:
    assert store.counts()["Task"] == 45
    assert store.task(PLAN, 27).title == TASK_27


def test_a_planted_pickle_in_a_shared_folder_is_neither_run_nor_served(
    tmp_path, capsys, builds
):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: anyone may put a file here
    marker = tmp_path / "code-ran"
    name = fingerprint([ZHOUSHAN])
    payload = planted_pickle(marker, tmp_path / "probe")
    for planted in (f"store-{name}{snapshot.SUFFIX}", f"store-{name}.pickle"):
        (shared / planted).write_bytes(payload)
        if os.geteuid() == 0:
            os.chown(shared / planted, OTHER_UID, OTHER_UID)
    before = sorted(shared.iterdir())
    store = load_store([ZHOUSHAN], shared)
    answers_like_zhoushan(store)
    assert not marker.exists()
    assert builds == [1]
    assert warnings_of(capsys) == [
        f"warning: snapshot folder {shared} may be written by other users (mode 1777; "
        "chmod go-w the folder): the store is built without a snapshot"
    ]
    assert sorted(shared.iterdir()) == before  # nothing read, written or removed there


def test_a_planted_file_under_the_exact_name_in_the_own_folder_is_rebuilt(
    tmp_path, capsys, builds
):
    marker = tmp_path / "code-ran"
    path = tmp_path / "snapshots" / f"store-{fingerprint([ZHOUSHAN])}{snapshot.SUFFIX}"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(planted_pickle(marker, tmp_path / "probe"))
    answers_like_zhoushan(load_store([ZHOUSHAN], path.parent))
    assert not marker.exists()
    assert warnings_of(capsys) == [
        f"warning: snapshot {path} is not a plankg snapshot (no header): rebuilding it"
    ]
    answers_like_zhoushan(load_store([ZHOUSHAN], path.parent))  # the rebuilt one, sound
    assert warnings_of(capsys) == [] and builds == [1]


def _sign(path: Path, name: str, secret: bytes, payload: bytes) -> None:
    """Write `payload` as the key's holder would: a sound header around any content."""
    digest = hashlib.sha256(payload).digest()
    path.write_bytes(snapshot.MAGIC + digest + snapshot._tag(secret, name, digest) + payload)


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _document(built, name: str) -> dict:
    return orjson.loads(orjson.dumps(snapshot._document(built[0], built[1], name)))


def _without_task_numbers(doc: dict) -> dict:
    for shape in doc["nodes"]["shapes"]:
        if "number_label" in shape["keys"]:  # the tasks' shape
            at = shape["keys"].index("number")
            shape["keys"].pop(at)
            shape["columns"].pop(at)
            shape["codes"] = shape["codes"][:at] + shape["codes"][at + 1 :]
    return doc


def _plans_without_titles(doc: dict) -> dict:
    for shape in doc["nodes"]["shapes"]:
        if "task_level" in shape["keys"]:  # the plans' shape: title None answers 500
            shape["columns"][shape["keys"].index("title")] = [0] * shape["count"]
    return doc


def _edge_to_nowhere(doc: dict) -> dict:
    doc["edges"]["targets"][0] = len(doc["nodes"]["ids"]) + 10
    return doc


def _bad_sentence_pattern(doc: dict) -> dict:
    doc["vocabulary"]["sentence_pattern"] = "[unclosed"  # /search alone would fail
    return doc


# Each damage: (what it does to the file, the reason the warning gives).
DAMAGES = {
    "truncated": (lambda f, n, k, b: f.write_bytes(f.read_bytes()[:-1000]), "checksum"),
    "cut in the header": (lambda f, n, k, b: f.write_bytes(f.read_bytes()[:40]), "no header"),
    "empty": (lambda f, n, k, b: f.write_bytes(b""), "no header"),
    "a byte of the content": (
        lambda f, n, k, b: f.write_bytes(_flip(f.read_bytes(), f.stat().st_size // 2)),
        "checksum",
    ),
    "the last byte": (lambda f, n, k, b: f.write_bytes(_flip(f.read_bytes(), -1)), "checksum"),
    "a byte of the checksum": (
        lambda f, n, k, b: f.write_bytes(_flip(f.read_bytes(), 20)),
        "checksum",
    ),
    "a byte of the signature": (
        lambda f, n, k, b: f.write_bytes(_flip(f.read_bytes(), 60)),
        "not signed with this user's key",
    ),
    "another key": (
        lambda f, n, k, b: snapshot.save_snapshot(f, n, b"\x07" * 32, *b),
        "not signed with this user's key",
    ),
    "another store's snapshot renamed": (
        lambda f, n, k, b: snapshot.save_snapshot(f, "0" * 32, k, *b),
        "not signed with this user's key",
    ),
    "signed JSON that is no store": (
        lambda f, n, k, b: _sign(f, n, k, orjson.dumps({"format": "2", "fingerprint": n})),
        "does not hold a store (KeyError",
    ),
    "signed JSON that is not JSON": (
        lambda f, n, k, b: _sign(f, n, k, b"\x80\x03}q\x00."),
        "does not hold a store (JSONDecodeError",
    ),
    "signed store for other inputs": (
        lambda f, n, k, b: _sign(f, n, k, orjson.dumps(_document(b, "1" * 32))),
        "does not hold a store (ValueError: written for other inputs)",
    ),
    "signed store with tasks lacking numbers": (
        lambda f, n, k, b: _sign(f, n, k, orjson.dumps(_without_task_numbers(_document(b, n)))),
        "does not hold a store (KeyError: 'no number')",
    ),
    "signed store whose plans have no title": (
        lambda f, n, k, b: _sign(f, n, k, orjson.dumps(_plans_without_titles(_document(b, n)))),
        "does not hold a store (ValidationError",
    ),
    "signed store whose search vocabulary is broken": (
        lambda f, n, k, b: _sign(f, n, k, orjson.dumps(_bad_sentence_pattern(_document(b, n)))),
        "does not hold a store (error: unterminated character set",
    ),
    "signed store with an edge to no node": (
        lambda f, n, k, b: _sign(f, n, k, orjson.dumps(_edge_to_nowhere(_document(b, n)))),
        "does not hold a store (IndexError",
    ),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_or_foreign_snapshot_is_rebuilt_with_one_warning(
    damage, tmp_path, capsys, builds, built, snapshot_key
):
    folder = tmp_path / "snapshots"
    load_store([ZHOUSHAN], folder)  # built and saved
    name = fingerprint([ZHOUSHAN])
    path = folder / f"store-{name}{snapshot.SUFFIX}"
    assert path.exists() and builds == [1]
    do, reason = DAMAGES[damage]
    do(path, name, snapshot.signing_key(snapshot_key), built)
    capsys.readouterr()
    answers_like_zhoushan(load_store([ZHOUSHAN], folder))
    (line,) = warnings_of(capsys)
    assert line.startswith(f"warning: snapshot {path} ") and line.endswith(": rebuilding it")
    assert reason in line
    assert builds == [1, 1]
    answers_like_zhoushan(load_store([ZHOUSHAN], folder))  # saved anew, and sound
    assert warnings_of(capsys) == [] and builds == [1, 1]


def test_a_symlink_under_the_snapshots_name_is_not_followed(tmp_path, capsys, builds):
    folder = tmp_path / "snapshots"
    load_store([ZHOUSHAN], folder)
    path = folder / f"store-{fingerprint([ZHOUSHAN])}{snapshot.SUFFIX}"
    path.rename(tmp_path / "elsewhere")
    path.symlink_to(tmp_path / "elsewhere")
    answers_like_zhoushan(load_store([ZHOUSHAN], folder))
    (line,) = warnings_of(capsys)
    assert line.startswith(f"warning: snapshot {path} cannot be read (")
    assert not path.is_symlink() and builds == [1, 1]


# -- who may have written it -----------------------------------------------------------------


def test_a_folder_or_snapshot_others_may_write_is_refused(tmp_path, capsys, builds):
    folder = tmp_path / "snapshots"
    load_store([ZHOUSHAN], folder)
    path = folder / f"store-{fingerprint([ZHOUSHAN])}{snapshot.SUFFIX}"
    path.chmod(0o620)
    load_store([ZHOUSHAN], folder)
    assert warnings_of(capsys) == [
        f"warning: snapshot {path} may be written by other users (mode 0620; chmod go-w "
        "the file): rebuilding it"
    ]
    assert path.stat().st_mode & 0o777 == 0o600  # the rebuilt one, private
    folder.chmod(0o770)
    answers_like_zhoushan(load_store([ZHOUSHAN], folder))
    assert warnings_of(capsys) == [
        f"warning: snapshot folder {folder} may be written by other users (mode 0770; "
        "chmod go-w the folder): the store is built without a snapshot"
    ]
    assert builds == [1, 1, 1]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_folder_snapshot_or_key_another_user_owns_is_refused(
    tmp_path, capsys, builds, snapshot_key
):
    folder = tmp_path / "snapshots"
    load_store([ZHOUSHAN], folder)
    path = folder / f"store-{fingerprint([ZHOUSHAN])}{snapshot.SUFFIX}"
    os.chown(path, OTHER_UID, OTHER_UID)
    load_store([ZHOUSHAN], folder)
    assert warnings_of(capsys) == [
        f"warning: snapshot {path} is owned by uid {OTHER_UID}, not by this user (uid 0): "
        "rebuilding it"
    ]
    assert path.stat().st_uid == 0  # replaced by the user's own
    os.chown(folder, OTHER_UID, OTHER_UID)
    load_store([ZHOUSHAN], folder)
    assert warnings_of(capsys) == [
        f"warning: snapshot folder {folder} is owned by uid {OTHER_UID}, not by this user "
        "(uid 0): the store is built without a snapshot"
    ]
    os.chown(folder, 0, 0)
    os.chown(snapshot_key, OTHER_UID, OTHER_UID)
    load_store([ZHOUSHAN], folder)
    assert warnings_of(capsys) == [
        f"warning: snapshot key {snapshot_key} is owned by uid {OTHER_UID}, not by this user "
        "(uid 0): the store is built without a snapshot"
    ]
    assert builds == [1, 1, 1, 1]


def test_the_key_is_made_private_and_one_others_may_read_is_refused(
    tmp_path, capsys, builds, snapshot_key
):
    assert not snapshot_key.exists()
    load_store([ZHOUSHAN], tmp_path / "snapshots")
    assert snapshot_key.stat().st_mode & 0o777 == 0o600
    assert snapshot_key.parent.stat().st_mode & 0o777 == 0o700
    assert len(snapshot.signing_key(snapshot_key)) == 32
    snapshot_key.chmod(0o644)
    load_store([ZHOUSHAN], tmp_path / "snapshots")
    assert warnings_of(capsys) == [
        f"warning: snapshot key {snapshot_key} may be read or written by other users "
        "(mode 0644; chmod go-rwx the file): the store is built without a snapshot"
    ]
    snapshot_key.chmod(0o600)
    snapshot_key.write_text("not a key\n")
    load_store([ZHOUSHAN], tmp_path / "snapshots")
    assert warnings_of(capsys) == [
        f"warning: snapshot key {snapshot_key} is not a key (expected 64 hexadecimal digits; "
        "delete it to get a new one): the store is built without a snapshot"
    ]
    assert builds == [1, 1, 1]


# -- plans that change while the store is built ------------------------------------------------


def _edit(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(f"{TASK_27}。", "构建海岛特色现代化基础设施网络。", 1), "utf-8")


def test_a_plan_edited_while_the_store_is_built_is_not_saved(tmp_path, capsys, monkeypatch):
    plan = tmp_path / "plan.txt"
    shutil.copyfile(ZHOUSHAN, plan)
    read = snapshot.read_in_child

    def read_then_edit(files, spool):
        found = read(files, spool)
        _edit(plan)  # after the child read the plan, before the snapshot is saved
        return found

    monkeypatch.setattr(snapshot, "read_in_child", read_then_edit)
    folder = tmp_path / "snapshots"
    assert load_store([plan], folder).task(PLAN, 27).title == TASK_27  # what it read
    (line,) = warnings_of(capsys)
    assert line.startswith("warning: the plans or data files changed while the store was built")
    assert not list(folder.glob("store-*"))
    monkeypatch.undo()
    monkeypatch.setenv("PLANKG_SNAPSHOT_KEY", str(tmp_path / "key" / "snapshot.key"))
    assert load_store([plan], folder).task(PLAN, 27).title == "构建海岛特色现代化基础设施网络"
    assert warnings_of(capsys) == [] and len(list(folder.glob("store-*"))) == 1


def test_a_plan_edited_and_put_back_while_the_store_is_built_is_not_saved(
    tmp_path, capsys, monkeypatch
):
    """The probe's case: the build read an edit that was undone before it finished; the
    plan's bytes are those of the fingerprint again, but its change time is not."""
    plan = tmp_path / "plan.txt"
    shutil.copyfile(ZHOUSHAN, plan)
    read = snapshot.read_in_child

    def edit_read_undo(files, spool):
        _edit(plan)
        try:
            return read(files, spool)
        finally:
            shutil.copyfile(ZHOUSHAN, plan)

    monkeypatch.setattr(snapshot, "read_in_child", edit_read_undo)
    folder = tmp_path / "snapshots"
    before = fingerprint([plan])
    first = load_store([plan], folder)
    assert first.task(PLAN, 27).title == "构建海岛特色现代化基础设施网络"  # what it read
    assert fingerprint([plan]) == before  # the same bytes as when it started
    (line,) = warnings_of(capsys)
    assert "changed while the store was built: not saved as" in line
    assert not list(folder.glob("store-*"))
    monkeypatch.setattr(snapshot, "read_in_child", read)
    assert load_store([plan], folder).task(PLAN, 27).title == TASK_27  # the file as it is
    assert warnings_of(capsys) == []


# -- through the server ------------------------------------------------------------------------


def serve(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """`plankg serve` on a free port with these variables; (process, base URL) once it
    answers /health. `stop` gives back its standard error."""
    return plankg_serve(env, cwd=ROOT)


def test_the_server_runs_nothing_planted_and_serves_a_damaged_snapshots_plans(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    marker = tmp_path / "code-ran"
    path = shared / f"store-{fingerprint([ZHOUSHAN])}{snapshot.SUFFIX}"
    path.write_bytes(planted_pickle(marker, tmp_path / "probe"))
    child, base = serve({"PLANKG_SNAPSHOT_DIR": str(shared), "PLANKG_PLANS": str(ZHOUSHAN)})
    try:
        assert httpx.get(base + "/tasks/27").json()["title"] == TASK_27
    finally:
        err = stop(child)
    assert not marker.exists()
    assert [line for line in err.splitlines() if line.startswith("warning:")] == [
        f"warning: snapshot folder {shared} may be written by other users (mode 1777; "
        "chmod go-w the folder): the store is built without a snapshot"
    ]
    assert "Traceback" not in err

    own = tmp_path / "own"
    load_store([ZHOUSHAN], own)
    good = own / path.name
    good.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # truncated
    child, base = serve({"PLANKG_SNAPSHOT_DIR": str(own), "PLANKG_PLANS": str(ZHOUSHAN)})
    try:
        assert httpx.get(base + "/tasks/27").json()["title"] == TASK_27
        assert httpx.get(base + "/search", params={"q": "偏远海岛"}).status_code == 200
    finally:
        err = stop(child)
    assert [line for line in err.splitlines() if line.startswith("warning:")] == [
        f"warning: snapshot {good} does not match its checksum (truncated or corrupted): "
        "rebuilding it"
    ]
    assert "Traceback" not in err


def test_a_plan_removed_while_the_store_is_built_is_not_saved(
    tmp_path, capsys, monkeypatch, built
):
    plan = tmp_path / "plan.txt"
    shutil.copyfile(ZHOUSHAN, plan)

    def build_then_remove(files, folder):
        plan.unlink()
        return built

    monkeypatch.setattr(snapshot, "_build", build_then_remove)
    answers_like_zhoushan(load_store([plan], tmp_path / "snapshots"))
    (line,) = warnings_of(capsys)
    assert "changed while the store was built: not saved" in line
    assert not list((tmp_path / "snapshots").glob("store-*"))
