"""The one base of plankg's own errors: a bad plan or data file, a Neo4j that cannot be
reached or that fails a load. The command line prints any of them as one line and exits
with its `exit_code`: 2 for what the user gave (a file, a URI, a password), 1 for a load
the server failed midway."""

from __future__ import annotations


class PlankgError(Exception):
    exit_code = 2

    def __reduce__(self):
        # Pickled as its message and attributes, not through its constructor (PlanError's
        # takes a path, a line and what was expected): so the error a worker or child
        # process raised is raised again, the same, in the process that started it.
        return _rebuilt, (type(self), self.args, dict(self.__dict__))


def _rebuilt(cls: type[PlankgError], args: tuple, state: dict) -> PlankgError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error
