"""The embedded store saved after it is built and read back on the next start, so a
server restarted on the same plans skips reading and linking them (and importing the
loaders, jieba's analysers and pypinyin at all).

A snapshot is named by a fingerprint of everything the graph is built from: the plan
files' bytes, the data folder's files, the source of the loaders and of the graph
code, and the versions of Python and of the libraries that shape the output. Any change
gives a new name, so a stale snapshot is never read; it is simply not found. A store
whose inputs changed while it was built (re-fingerprinted, and every input's inode, size
and times compared, so an edit undone meanwhile counts too) is served but not saved.

A snapshot is data, never code: JSON (orjson) of the nodes, the edges and the search
vocabulary, with a table of the distinct strings that the columns of each shape of node
and edge refer to. Its name is public (anyone can compute the fingerprint), so nothing
in it is trusted by name: the folder must be the user's own and writable by nobody else
(else one warning line, and the store is built without it), the file the user's own,
and the content must match its SHA-256 and an HMAC with the user's private key
(PLANKG_SNAPSHOT_KEY, ~/.config/plankg/snapshot.key, made 0600 in a 0700 folder when
missing). A file that fails any check is rebuilt with one warning line naming it; a
snapshot that cannot be saved (a full disk, a read-only folder) is one warning line too:
it is an optimisation, and the server serves without it.

Layout: MAGIC (16 bytes), the payload's SHA-256 (32), the HMAC-SHA256 of the format, the
fingerprint and that digest (32), the payload (orjson). Snapshots are written whole or
not at all (a temporary file renamed into place) and only the newest few are kept.

A store that has to be built is read in a child process (graph/reader.py): the API
process merges the graphs the child wrote and saves the snapshot, but never imports
the loaders, so its peak is the store's size, not the store's plus the loaders'.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from importlib.util import find_spec
from itertools import repeat
from operator import itemgetter
from pathlib import Path

import networkx as nx
import orjson

from plankg.config import data_dir, snapshot_key
from plankg.graph import search
from plankg.graph.memory import MemoryStore, _release_freed_memory
from plankg.graph.reader import SpoolFailed, graphs_in, read_in_child
from plankg.graph.schema import EDGE_PROPERTIES, NODE_PROPERTIES, REVIEW_ONLY, Label, Rel
from plankg.graph.search import Vocabulary

FORMAT = "2"  # bump when the file's layout or what it holds changes shape
KEEP = 8  # snapshots kept in the folder, newest first
SUFFIX = ".snapshot"
MAGIC = b"plankg snapshot\n"  # 16 bytes, then the digest and the HMAC
HEADER = len(MAGIC) + 32 + 32
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
    "orjson",
)


class Refused(Exception):
    """A snapshot folder, file or key that is not safe or not sound: why, in a few words."""


def _inputs(files: Sequence[Path]) -> list[tuple[str, Path]]:
    """Everything the graph is built from, each with the label it is hashed under."""
    found = []
    for name, folder in SOURCES.items():
        found += [(f"{name}/{p.relative_to(folder)}", p) for p in sorted(folder.rglob("*.py"))]
    data = data_dir()
    for item in sorted(p for p in data.rglob("*") if p.is_file() and _is_data(p, data)):
        found.append((f"data/{item.relative_to(data)}", item))
    found += [(f"plan/{plan.name}", plan) for plan in files]
    return found


def fingerprint(files: Sequence[Path]) -> str:
    digest = hashlib.sha256()

    def add(label: str, payload: bytes) -> None:
        digest.update(f"{label}\0{len(payload)}\0".encode())
        digest.update(payload)

    add("format", FORMAT.encode())
    add("python", sys.version.encode())
    for library in LIBRARIES:
        add(library, metadata.version(library).encode())
    for label, path in _inputs(files):
        _add_file(digest, label, path)
    return digest.hexdigest()[:32]


def _add_file(digest, label: str, path: Path) -> None:
    """The file's bytes, read in blocks (a plan of any size costs no memory here). What is
    not a regular file (a FIFO, /dev/zero) is hashed by its kind and not read: the build
    refuses it in one line, as it refuses any bad plan file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            digest.update(f"{label}\0special {stat.S_IFMT(info.st_mode)}\0".encode())
            return
        digest.update(f"{label}\0{info.st_size}\0".encode())
        while block := f.read(1 << 20):
            digest.update(block)


def _is_data(path: Path, folder: Path) -> bool:
    """A data file, not the Python that makes the shipped folder a package (plankg.data)."""
    parts = path.relative_to(folder).parts
    return path.suffix not in (".py", ".pyc") and "__pycache__" not in parts


def _state(files: Sequence[Path]) -> list[tuple | None]:
    """Each input's inode, size and modification and change times: a file written while
    the store was built differs here even if its bytes were put back (its ctime moved)."""
    state: list[tuple | None] = []
    for _, path in _inputs(files):
        try:
            info = path.stat()
        except OSError:
            state.append(None)  # fingerprint() says why, as the build would
        else:
            state.append((info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return state


def _warn(message: str) -> None:
    """One line on standard error: what a snapshot check found, and what happens instead."""
    print(f"warning: {message}".replace("\n", " "), file=sys.stderr, flush=True)


def load_store(
    files: Sequence[Path], folder: Path | None, key: Path | None = None
) -> MemoryStore:
    """The store of these plan files: from a snapshot when there is a sound one, else
    built (and saved for next time). `folder` None: no snapshot is read or written. `key`:
    the signing key's file (default PLANKG_SNAPSHOT_KEY, else ~/.config/plankg/snapshot.key)."""
    if folder is None:
        return _build(files, None)[0]
    try:
        _check_folder(folder, create=True)
    except Refused as why:
        _warn(f"snapshot folder {folder} {why}: the store is built without a snapshot")
        return _build(files, None)[0]
    key = key or snapshot_key()
    try:
        secret = signing_key(key)
    except Refused as why:
        _warn(f"snapshot key {key} {why}: the store is built without a snapshot")
        return _build(files, None)[0]
    before = _state(files)
    name = fingerprint(files)
    path = folder / f"store-{name}{SUFFIX}"
    try:
        found = read_snapshot(path, name, secret)
    except Refused as why:
        _warn(f"snapshot {path} {why}: rebuilding it")
        found = None
    if found is not None:
        store, vocabulary = found
        search.use_vocabulary(vocabulary)
        return store
    store, vocabulary = _build(files, folder)
    try:
        held_still = _state(files) == before and fingerprint(files) == name
    except OSError:  # a plan removed meanwhile: changed too
        held_still = False
    if not held_still:
        _warn(
            f"the plans or data files changed while the store was built: not saved as {path} "
            "(the next start reads them again)"
        )
    else:
        save_snapshot(path, name, secret, store, vocabulary)
    _release_freed_memory()  # what encoding the snapshot took
    return store


# -- who may have written it ---------------------------------------------------------------


def _owner_and_mode(info: os.stat_result, what: str, private: bool = False) -> None:
    """Refused unless this user owns it and nobody else may write it (nor, when private,
    read it)."""
    if info.st_uid != os.geteuid():
        raise Refused(f"is owned by uid {info.st_uid}, not by this user (uid {os.geteuid()})")
    others = 0o077 if private else 0o022
    if info.st_mode & others:
        who = "read or written" if private else "written"
        raise Refused(
            f"may be {who} by other users (mode {stat.S_IMODE(info.st_mode):04o}; "
            f"chmod {'go-rwx' if private else 'go-w'} the {what})"
        )


def _check_folder(folder: Path, create: bool) -> None:
    """The folder exists (made 0700 when missing), is a folder, is this user's own and
    is writable by nobody else; else Refused."""
    if create and not folder.exists():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except FileExistsError:
            pass  # made meanwhile (another worker): checked below like any other
        except OSError as error:
            raise Refused(f"cannot be created ({error.strerror})") from None
    try:
        info = folder.stat()
    except OSError as error:
        raise Refused(f"cannot be read ({error.strerror})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise Refused("is not a folder")
    _owner_and_mode(info, "folder")


def _read_own_file(path: Path, limit: int = -1, private: bool = False) -> bytes:
    """The bytes of a regular file this user owns and nobody else may write (nor, when
    private, read), opened without following a symbolic link and without blocking on a
    FIFO; FileNotFoundError when there is none, Refused (why) for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise Refused(f"cannot be read ({error.strerror})") from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused("is not a regular file")
        _owner_and_mode(info, "file", private)
        try:
            return f.read(limit)
        except OSError as error:  # an I/O error of the disk
            raise Refused(f"cannot be read ({error.strerror})") from None


def signing_key(path: Path) -> bytes:
    """The user's snapshot key, made (32 random bytes, as hex) when missing: the file 0600
    in a folder made 0700. Refused when it or its folder is not the user's private own."""
    _check_folder(path.parent, create=True)
    try:
        text = _read_own_file(path, 200, private=True).strip()
    except FileNotFoundError:
        _make_key(path)
        try:
            text = _read_own_file(path, 200, private=True).strip()
        except FileNotFoundError:  # removed again the moment it was made
            raise Refused("cannot be read (it vanished as it was made)") from None
    try:
        secret = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        secret = b""
    if len(secret) < 32:
        raise Refused("is not a key (expected 64 hexadecimal digits; delete it to get a new one)")
    return secret


def _make_key(path: Path) -> None:
    """Written under another name, then linked into place: never seen half-written, and
    of two processes making it at once, the first one's wins."""
    try:
        fd, partial = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
        try:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32) + "\n")
            with contextlib.suppress(FileExistsError):
                os.link(partial, path)
        finally:
            os.unlink(partial)
    except OSError as error:
        raise Refused(f"cannot be created ({error.strerror})") from None


def _tag(secret: bytes, name: str, digest: bytes) -> bytes:
    message = b"\0".join((MAGIC, FORMAT.encode(), name.encode(), digest))
    return hmac.new(secret, message, hashlib.sha256).digest()


# -- reading -------------------------------------------------------------------------------

# What a snapshot that passed its checksum and HMAC can still get wrong (one written by an
# older plankg with this key, say): any of these means "not a store", and it is rebuilt.
_NOT_A_STORE = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    StopIteration,
    re.error,
)


def read_snapshot(path: Path, name: str, secret: bytes) -> tuple[MemoryStore, Vocabulary] | None:
    """The store and search vocabulary saved at `path`; None when there is no such file;
    Refused (why, in a few words) when it is not this user's own sound snapshot of
    `name`. Nothing in it is run: it is JSON, parsed only once its HMAC holds."""
    try:
        blob = _read_own_file(path)
    except FileNotFoundError:
        return None
    if len(blob) < HEADER or not blob.startswith(MAGIC):
        raise Refused("is not a plankg snapshot (no header)")
    digest, tag = blob[16:48], blob[48:80]
    with memoryview(blob) as view:
        if hashlib.sha256(view[HEADER:]).digest() != digest:
            raise Refused("does not match its checksum (truncated or corrupted)")
    if not hmac.compare_digest(tag, _tag(secret, name, digest)):
        raise Refused("is not signed with this user's key (another key's, or not plankg's)")
    # Millions of new lists and dicts, none of them garbage: the cyclic collector would
    # scan the growing heap again and again (it doubled the time at 1,000 plans).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with memoryview(blob) as view:
            doc = orjson.loads(view[HEADER:])
        del blob  # the file's bytes, before the store is built beside the document
        store, vocabulary = _from_document(doc, name)
        _smoke_test(store)
    except _NOT_A_STORE as error:
        raise Refused(f"does not hold a store ({type(error).__name__}: {error})") from None
    finally:
        if collecting:
            gc.enable()
    return store, vocabulary


def _from_document(doc: dict, name: str) -> tuple[MemoryStore, Vocabulary]:
    if doc["format"] != FORMAT or doc["fingerprint"] != name:
        raise ValueError("written for other inputs")
    table = [None, *doc["strings"]]
    nodes, edges = doc["nodes"], doc["edges"]
    ids = list(_at(table, nodes["ids"]))
    node_shapes = [_rows(shape, table) for shape in nodes["shapes"]]
    for shape, rows in zip(nodes["shapes"], node_shapes, strict=True):
        for label in {row["label"] for row in rows}:
            _has_keys(shape["keys"], _built(label, NODE_PROPERTIES[Label(label)]))
    edge_shapes = [_rows(shape, table) for shape in edges["shapes"]]
    kinds = [Rel(shape["type"]).value for shape in edges["shapes"]]
    for shape, kind in zip(edges["shapes"], kinds, strict=True):
        _has_keys(shape["keys"], _built(kind, EDGE_PROPERTIES[Rel(kind)]))
    sources, targets, groups = edges["sources"], edges["targets"], edges["groups"]
    if len(sources) != len(targets) or len(sources) != len(groups):
        raise ValueError("edge columns of different lengths")
    if sources and min(min(sources), min(targets)) < 0:
        raise ValueError("an edge's end is not a node")
    if len(nodes["groups"]) != len(ids) or sum(len(rows) for rows in node_shapes) != len(ids):
        raise ValueError("node columns of different lengths")
    if sum(len(rows) for rows in edge_shapes) != len(sources):
        raise ValueError("edge columns of different lengths")

    # Filled the way add_node and add_edge fill them, in the saved order: the nodes',
    # each node's successors' and (with the saved corrections) predecessors' order are
    # the built store's, so every answer lists them alike. Through add_edge this takes
    # six times as long.
    graph = nx.MultiDiGraph()
    graph.graph.update(doc["graph"])
    node, succ, pred = graph._node, graph._succ, graph._pred
    take = [iter(rows).__next__ for rows in node_shapes]
    for node_id, group in zip(ids, nodes["groups"], strict=True):
        node[node_id] = take[group]()
        succ[node_id] = {}
        pred[node_id] = {}
    if len(node) != len(ids):
        raise ValueError("a node id twice")
    take = [iter(rows).__next__ for rows in edge_shapes]
    ends = zip(_at(ids, sources), _at(ids, targets), groups, strict=True)
    for source, target, group in ends:
        keys = succ[source].get(target)
        if keys is None:
            keys = succ[source][target] = pred[target][source] = {}
        keys[kinds[group]] = take[group]()
    for position, order in doc["predecessors"].items():
        target = ids[int(position)]
        before = pred[target]
        pred[target] = {ids[u]: before[ids[u]] for u in order}
        if len(pred[target]) != len(before):
            raise ValueError("a node's predecessors differ")
    store = MemoryStore()
    store.load_graph(graph)
    return store, _vocabulary(doc["vocabulary"])


def _vocabulary(words: dict) -> Vocabulary:
    """The search vocabulary, its types checked (a wrong one would fail /search alone)."""
    user_words, pattern = words["user_words"], words["sentence_pattern"]
    if not all(type(word) is str for word in user_words):
        raise TypeError("a user word that is not a string")
    for weighted in (words["lexicon"], words["expansions"]):
        for term, alternatives in weighted.items():
            if not all(type(w) in (int, float) for w in alternatives.values()):
                raise TypeError(f"a weight of {term!r} that is not a number")
    re.compile(pattern)
    return Vocabulary(
        user_words=tuple(user_words),
        lexicon=words["lexicon"],
        expansions=words["expansions"],
        sentence_pattern=pattern,
    )


def _at(items: list, positions: list[int]) -> tuple:
    """items[p] for each position, in one call (IndexError past the end)."""
    if not positions:
        return ()
    found = itemgetter(*positions)(items)
    return found if len(positions) > 1 else (found,)


def _rows(shape: dict, table: list) -> list[dict]:
    """The property dicts of one shape (one label's or type's keys, in their order),
    from its columns: "s" string (or None), "l" list of strings, "v" as stored."""
    count, keys = shape["count"], shape["keys"]
    columns = []
    for code, column in zip(shape["codes"], shape.pop("columns"), strict=True):
        if len(column) != count:
            raise ValueError("a column of another length")
        if code == "s":
            columns.append(_at(table, column))
        elif code == "l":
            columns.append([[table[i] for i in value] for value in column])
        elif code == "v":
            columns.append(column)
        else:
            raise ValueError(f"a column of unknown kind {code!r}")
    if len(columns) != len(keys):
        raise ValueError("columns and keys differ")
    if not keys:
        return [{} for _ in range(count)]
    return list(map(dict, map(zip, repeat(keys), zip(*columns, strict=True))))


def _built(owner: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The declared keys a built graph holds: not those only a correction sets."""
    return tuple(k for k in keys if f"{owner}.{k}" not in REVIEW_ONLY)


def _has_keys(keys: list[str], wanted: tuple[str, ...]) -> None:
    missing = set(wanted) - set(keys)
    if missing:
        raise KeyError(f"no {', '.join(sorted(missing))}")


def _smoke_test(store: MemoryStore) -> None:
    """Ask what every start's first requests ask, so a store that would answer 500 is
    refused here: each plan's summary, and its first task and search corpus of one."""
    plans = store.plan_ids()
    for plan in plans:
        if store.plan(plan) is None:
            raise ValueError(f"plan {plan} cannot be read")
    if plans:
        first = plans[0]
        tasks = store.task_ids(first)
        if tasks:
            store.task(first, store.graph.nodes[tasks[0]]["number"])
        store.search_corpus(first)


# -- writing -------------------------------------------------------------------------------


def save_snapshot(
    path: Path, name: str, secret: bytes, store: MemoryStore, vocabulary: Vocabulary
) -> bool:
    """Whole or not at all. A snapshot that cannot be saved (a full disk, a read-only
    folder) is one warning line: it only costs the next start its time. True if saved."""
    collecting = gc.isenabled()
    gc.disable()  # as in read_snapshot: many new lists, no garbage among them
    try:
        payload = orjson.dumps(_document(store, vocabulary, name))
    except (TypeError, ValueError) as error:  # a value JSON cannot hold
        _warn(f"snapshot {path} not saved: {error}")
        return False
    finally:
        if collecting:
            gc.enable()
    digest = hashlib.sha256(payload).digest()
    partial: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=".store-", suffix=".tmp", delete=False
        ) as f:  # mode 0600
            partial = Path(f.name)
            f.write(MAGIC + digest + _tag(secret, name, digest))
            f.write(payload)
        partial.replace(path)
    except OSError as error:
        if partial is not None:
            partial.unlink(missing_ok=True)
        _warn(
            f"snapshot {path} not saved: {error.strerror or error} "
            "(the server serves without it; the next start builds the store again)"
        )
        return False
    del payload
    _prune(path.parent)
    return True


def _prune(folder: Path) -> None:
    """Keep the newest KEEP snapshots (an earlier version's store-*.pickle is never read,
    and left to that version)."""
    with contextlib.suppress(OSError):
        found = sorted(folder.glob(f"store-*{SUFFIX}"), key=lambda p: p.stat().st_mtime)
        for stale in found[:-KEEP]:
            stale.unlink(missing_ok=True)


def _document(store: MemoryStore, vocabulary: Vocabulary, name: str) -> dict:
    """The store as JSON-able columns: nodes and edges grouped by shape (their keys in
    order), strings as positions in one table of distinct strings (0: None)."""
    strings: dict[str, int] = {}

    def ref(text: str) -> int:
        found = strings.get(text)
        if found is None:
            found = strings[text] = len(strings) + 1
        return found

    graph = store.graph
    position = {node_id: i for i, node_id in enumerate(graph)}
    node_shapes: dict[tuple, list[dict]] = {}
    node_groups = []
    for attrs in graph._node.values():
        shape = tuple(attrs)
        rows = node_shapes.get(shape)
        if rows is None:
            rows = node_shapes[shape] = []
        node_groups.append(shape)
        rows.append(attrs)
    shape_index = {shape: i for i, shape in enumerate(node_shapes)}

    edge_shapes: dict[tuple, list[dict]] = {}
    sources, targets, groups = [], [], []
    natural: dict[str, list[str]] = {node_id: [] for node_id in graph}
    for source, successors in graph._succ.items():
        for target, keyed in successors.items():
            natural[target].append(source)
            for kind, attrs in keyed.items():
                shape = (kind, *attrs)
                rows = edge_shapes.setdefault(shape, [])
                rows.append(attrs)
                sources.append(position[source])
                targets.append(position[target])
                groups.append(shape)
    edge_index = {shape: i for i, shape in enumerate(edge_shapes)}
    # Where a node's predecessors were added in another order than its edges are listed.
    predecessors = {
        str(position[node_id]): [position[u] for u in graph._pred[node_id]]
        for node_id, order in natural.items()
        if list(graph._pred[node_id]) != order
    }
    return {
        "format": FORMAT,
        "fingerprint": name,
        "vocabulary": {  # as they are (dataclasses.asdict would deep-copy the lexicon)
            "user_words": vocabulary.user_words,
            "lexicon": vocabulary.lexicon,
            "expansions": vocabulary.expansions,
            "sentence_pattern": vocabulary.sentence_pattern,
        },
        "graph": graph.graph,
        "nodes": {
            "ids": [ref(node_id) for node_id in graph],
            "groups": [shape_index[shape] for shape in node_groups],
            "shapes": [_columns(list(s), rows, ref) for s, rows in node_shapes.items()],
        },
        "edges": {
            "sources": sources,
            "targets": targets,
            "groups": [edge_index[shape] for shape in groups],
            "shapes": [
                {"type": s[0], **_columns(list(s[1:]), rows, ref)}
                for s, rows in edge_shapes.items()
            ],
        },
        "predecessors": predecessors,
        "strings": list(strings),
    }


def _columns(keys: list[str], rows: list[dict], ref) -> dict:
    codes, columns = [], []
    for key in keys:
        values = [row[key] for row in rows]
        if all(v is None or type(v) is str for v in values):
            codes.append("s")
            columns.append([0 if v is None else ref(v) for v in values])
        elif all(type(v) is list and all(type(x) is str for x in v) for v in values):
            codes.append("l")
            columns.append([[ref(x) for x in v] for v in values])
        else:
            codes.append("v")
            columns.append(values)
    return {"keys": keys, "count": len(rows), "codes": "".join(codes), "columns": columns}


# -- building ------------------------------------------------------------------------------


def _build(files: Sequence[Path], folder: Path | None) -> tuple[MemoryStore, Vocabulary]:
    """Read in a child, merged here; the graphs pass through a private spool file, in
    the snapshot folder when there is one (the system's temporary folder may be memory).
    A spool the snapshot folder cannot hold (a full disk) is read again through the
    system's temporary folder: the snapshot's own save then says what is wrong there, in
    one line; a spool that fails there too is an error naming its file."""
    try:
        return _build_through(files, folder)
    except SpoolFailed:
        if folder is None:
            raise
        return _build_through(files, None)


def _build_through(
    files: Sequence[Path], folder: Path | None
) -> tuple[MemoryStore, Vocabulary]:
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
