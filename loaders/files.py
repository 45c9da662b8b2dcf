"""A plan file's bytes, read only if it is a regular file of a plan's size.

`/dev/zero` would be read until memory runs out, a FIFO would block forever and a directory
cannot be read: each is refused with one PlanError line before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from plankg.loaders.errors import PlanError

# The Zhoushan plan is 40 KB and the longest plans of the genre a few hundred KB: a file 50
# times larger is something else (a dump, a binary), and reading it whole would cost memory.
MAX_PLAN_BYTES = 20_000_000


def read_plan_bytes(path: Path) -> bytes:
    """The file's bytes; PlanError (file, line 1, what was expected) if it is not a regular
    file, is larger than MAX_PLAN_BYTES, or cannot be read."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait for one.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise PlanError(path, 1, _why(error)) from None
    try:
        info = os.fstat(fd)  # of what was opened, not of what the name points to later
        if not stat.S_ISREG(info.st_mode):
            raise PlanError(path, 1, f"expected a regular file of plan text, not {_kind(info)}")
        if info.st_size > MAX_PLAN_BYTES:
            raise PlanError(
                path,
                1,
                f"the file is {info.st_size:,} bytes: expected a plan of at most "
                f"{MAX_PLAN_BYTES:,} bytes",
            )
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        # One byte more than the cap: a file that grew since fstat is still caught.
        raw = f.read(MAX_PLAN_BYTES + 1)
    if len(raw) > MAX_PLAN_BYTES:
        raise PlanError(path, 1, f"expected a plan of at most {MAX_PLAN_BYTES:,} bytes")
    return raw


def _why(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file: expected a plan text file"
    if error.errno == errno.EACCES:
        return "permission denied: expected a plan text file you may read"
    if error.errno == errno.EISDIR:
        return "expected a regular file of plan text, not a directory"
    return f"cannot read the file ({error.strerror}): expected a plan text file"


def _kind(info: os.stat_result) -> str:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
