"""Plan files read in a child process, so the API process never holds the loaders.

The loaders' libraries (jieba's dictionary, pypinyin, the gazetteer, each region's
matchers) take a few hundred MB that the API never needs once the graph is built, and a
process cannot give imported modules back. So a child reads the plans one at a time
and writes each plan's graph to a file, and exits; only then does the API process merge
them into its store. The two never hold their memory at the same moment: the peak of
the pair is the larger of the two, not their sum.

The child's outcome comes back on its standard output: the search vocabulary (which the
store's snapshot keeps) and how many graphs it wrote, or the error that stopped it,
raised again in the parent as the same type with the same message (a bad plan file is
still one line, file:line: what was expected).

    python -m plankg.graph.reader   (stdin: the pickled request; run by `read_in_child`)
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from plankg.errors import PlankgError
from plankg.graph.schema import GraphData

PROTOCOL = pickle.HIGHEST_PROTOCOL


class ReaderFailed(PlankgError, RuntimeError):
    """The child died without saying why (killed, out of memory, a bug: its traceback is
    on standard error above). Not bad input: the CLI says so in one line, exit 1."""

    exit_code = 1


class SpoolFailed(ReaderFailed):
    """The child could not write the graphs to the spool file (a full disk, a read-only
    folder): the file and the reason, so the caller can spool elsewhere or say so."""

    def __init__(self, spool: Path, reason: str) -> None:
        super().__init__(f"cannot write the plans' graphs to {spool}: {reason}")
        self.spool, self.reason = spool, reason


def read_in_child(files: Sequence[Path], spool: Path) -> tuple[int, object]:
    """Read the plans in a child process, their graphs written to `spool` in order.
    Returns (number of graphs, search vocabulary); the first bad file raises its error
    here, as reading in this process would have."""
    request = pickle.dumps(([str(f) for f in files], str(spool)), protocol=PROTOCOL)
    child = subprocess.run(
        [sys.executable, "-m", "plankg.graph.reader"],
        input=request,
        stdout=subprocess.PIPE,
        check=False,
    )
    try:
        kind, *payload = pickle.loads(child.stdout)
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError) as error:
        raise ReaderFailed(f"reading the plans failed (exit {child.returncode})") from error
    if kind == "error":
        raise pickle.loads(payload[0])
    if kind == "spool":
        raise SpoolFailed(spool, payload[0])
    count, vocabulary = payload
    return count, vocabulary


def graphs_in(spool: Path, count: int) -> Iterator[GraphData]:
    """The graphs the child wrote, one alive at a time."""
    with spool.open("rb") as f:
        for _ in range(count):
            yield pickle.load(f)


def main() -> int:
    from plankg.errors import PlankgError
    from plankg.graph import search
    from plankg.graph.plans import graphs_of

    names, spool = pickle.load(sys.stdin.buffer)
    # The outcome alone goes to the real standard output: anything else printed there
    # (a library's notice) goes to standard error, where it cannot garble the outcome.
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        count = _spool(graphs_of([Path(n) for n in names]), Path(spool))
        vocabulary = search.vocabulary()
    except _SpoolError as error:  # the spool's folder, not the plans: the parent decides
        outcome, code = ("spool", str(error)), 2
    except (PlankgError, ValueError, OSError) as error:  # bad input, not a bug
        # Pickled here and read back only on failure: on success the parent never loads
        # the loaders' modules (a PlanError's class lives in plankg.loaders).
        outcome, code = ("error", pickle.dumps(error, protocol=PROTOCOL)), 2
    else:
        outcome, code = ("ok", count, vocabulary), 0
    with out:
        out.write(pickle.dumps(outcome, protocol=PROTOCOL))
    return code


class _SpoolError(Exception):
    """Writing the spool failed (its reason: No space left on device, …)."""


def _spool(graphs: Iterator[GraphData], spool: Path) -> int:
    """Write each graph to the spool as it is read; a failure of the spool itself (not of
    reading a plan) raises _SpoolError."""
    try:
        f = open(spool, "wb")  # closed below, where its own failure is told apart
    except OSError as error:
        raise _SpoolError(error.strerror or str(error)) from None
    count = 0
    try:
        for graph in graphs:
            try:
                pickle.dump(graph, f, protocol=PROTOCOL)
            except OSError as error:
                raise _SpoolError(error.strerror or str(error)) from None
            count += 1
    except BaseException:
        with contextlib.suppress(OSError):
            f.close()
        raise
    try:
        f.close()  # flushes the last graphs: a full disk may show only here
    except OSError as error:
        raise _SpoolError(error.strerror or str(error)) from None
    return count


if __name__ == "__main__":
    sys.exit(main())
