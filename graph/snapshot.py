"""The embedded store saved after it is built and read back on the next start, so a
server restarted on the same plans skips reading and linking them (and importing the
loaders, jieba's analysers and pypinyin at all).

A snapshot is named by a fingerprint of everything the graph is built from: the plan
files' bytes, the data folder's files, the source of the loaders and of the graph
code, and the versions of Python and of the libraries that shape the output. Any change
gives a new name, so a stale snapshot is never read; it is simply not found. Snapshots
live in the user's own cache folder (created private), are written whole or not at all
(a temporary file renamed into place), and only the newest few are kept.

A store that has to be built is read in a child process (graph/reader.py): the API
process merges the graphs the child wrote and saves the snapshot, but never imports
the loaders, so its peak is the store's size, not the store's plus the loaders'.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from plankg.config import data_dir
from plankg.graph import search
from plankg.graph.memory import MemoryStore, _release_freed_memory
from plankg.graph.reader import graphs_in, read_in_child
from plankg.graph.search import Vocabulary

FORMAT = "1"  # bump when what is pickled changes shape
KEEP = 8  # snapshots kept in the folder, newest first
# The code the graph is built by, wherever it is installed (found without importing it).
SOURCES = {
    name: Path(find_spec(f"plankg.{name}").submodule_search_locations[0])
    for name in ("loaders", "graph")
}
LIBRARIES = (
    "jieba",
    "pypinyin",
    "networkx",
    "pydantic",
    "PyYAML",
    "charset-normalizer",
    "ahocorasick-rs",
)


def fingerprint(files: Sequence[Path]) -> str:
    digest = hashlib.sha256()

    def add(label: str, payload: bytes) -> None:
        digest.update(f"{label}\0{len(payload)}\0".encode())
        digest.update(payload)

    add("format", FORMAT.encode())
    add("python", sys.version.encode())
    for library in LIBRARIES:
        add(library, metadata.version(library).encode())
    for name, folder in SOURCES.items():
        for source in sorted(folder.rglob("*.py")):
            add(f"{name}/{source.relative_to(folder)}", source.read_bytes())
    data = data_dir()
    for item in sorted(p for p in data.rglob("*") if p.is_file() and _is_data(p, data)):
        add(f"data/{item.relative_to(data)}", item.read_bytes())
    for plan in files:
        add(f"plan/{plan.name}", plan.read_bytes())
    return digest.hexdigest()[:32]


def _is_data(path: Path, folder: Path) -> bool:
    """A data file, not the Python that makes the shipped folder a package (plankg.data)."""
    parts = path.relative_to(folder).parts
    return path.suffix not in (".py", ".pyc") and "__pycache__" not in parts


def load_store(files: Sequence[Path], folder: Path | None) -> MemoryStore:
    """The store of these plan files: from a snapshot when there is one, else built (and
    saved for next time). `folder` None: no snapshot is read or written."""
    if folder is None:
        return _build(files, None)[0]
    path = folder / f"store-{fingerprint(files)}.pickle"
    try:
        with path.open("rb") as f:
            store, vocabulary = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        pass  # none yet, or unreadable: build it
    else:
        search.use_vocabulary(vocabulary)
        return store
    store, vocabulary = _build(files, folder)
    _save(path, (store, vocabulary))
    _release_freed_memory()  # what pickling's memo of every object took
    return store


def _build(files: Sequence[Path], folder: Path | None) -> tuple[MemoryStore, Vocabulary]:
    """Read in a child, merged here; the graphs pass through a private spool file, in
    the snapshot folder when there is one (the system's temporary folder may be memory)."""
    with _spool_folder(folder) as private:
        spool = Path(private) / "graphs.pickle"
        count, vocabulary = read_in_child(files, spool)
        search.use_vocabulary(vocabulary)
        store = MemoryStore()
        store.load_batches(graphs_in(spool, count))
    return store, vocabulary


def _spool_folder(folder: Path | None) -> tempfile.TemporaryDirectory:
    """A new private folder (mode 0700), removed with what is in it when done. Its name
    holds this process's id, so one left by a process that was killed is found and
    removed by the next start (and one of a process still reading is left alone)."""
    prefix = f".reading-{os.getpid()}-"
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            _remove_orphan_spools(folder)
            return tempfile.TemporaryDirectory(dir=folder, prefix=prefix)
        except OSError:
            pass  # a folder that cannot be written: the system's temporary folder
    return tempfile.TemporaryDirectory(prefix=f"plankg{prefix}")


def _remove_orphan_spools(folder: Path) -> None:
    for spool in folder.glob(".reading-*-*"):
        pid = spool.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(spool, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal sent: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, another user's
    return True


def _save(path: Path, content: object) -> None:
    """Whole or not at all; a folder that cannot be written only costs the next start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=".store-", suffix=".tmp", delete=False
        ) as f:
            partial = Path(f.name)
            pickle.dump(content, f, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError:
        if "partial" in locals():
            partial.unlink(missing_ok=True)
        return
    old = sorted(path.parent.glob("store-*.pickle"), key=lambda p: p.stat().st_mtime)
    for stale in old[:-KEEP]:
        stale.unlink(missing_ok=True)
