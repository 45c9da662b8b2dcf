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
    count = 0
    try:
        with open(spool, "wb") as f:
            for graph in graphs_of([Path(n) for n in names]):
                pickle.dump(graph, f, protocol=PROTOCOL)
                count += 1
        vocabulary = search.vocabulary()
    except (PlankgError, ValueError, OSError) as error:  # bad input, not a bug
        # Pickled here and read back only on failure: on success the parent never loads
        # the loaders' modules (a PlanError's class lives in plankg.loaders).
        outcome, code = ("error", pickle.dumps(error, protocol=PROTOCOL)), 2
    else:
        outcome, code = ("ok", count, vocabulary), 0
    with out:
        out.write(pickle.dumps(outcome, protocol=PROTOCOL))
    return code


if __name__ == "__main__":
    sys.exit(main())
