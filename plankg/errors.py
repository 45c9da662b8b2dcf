"""The one base of plankg's own errors: a bad plan or data file, a Neo4j that cannot be
reached or that fails a load. The command line prints any of them as one line and exits
with its `exit_code`: 2 for what the user gave (a file, a URI, a password), 1 for a load
the server failed midway."""

from __future__ import annotations


class PlankgError(Exception):
    exit_code = 2
