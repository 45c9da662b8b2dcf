"""Bytes -> the decoded source text, and its folded twin for matching.

Plans published on Chinese government sites come as UTF-8 (with or without BOM) or
GB18030/GBK, with Windows line ends and full-width digits and punctuation. The decoded
text (LF line ends) is the plan's own text: titles, task texts and evidence are quoted
from it verbatim, and every span indexes it. Matching runs on `fold(text)`, which maps
full-width ASCII forms to half-width (１．→ 1., （一）→ (一), ，→ ,) character for
character, so an offset in the folded text is the same offset in the source.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from plankg.loaders.errors import PlanError
from plankg.loaders.files import read_plan_bytes

# Full-width ASCII variants U+FF01..U+FF5E map onto U+0021..U+007E; the ideographic
# space onto a plain space; the small full stop ﹒ (U+FE52, a task-number separator in
# some plans) onto '.'. One character to one character, so offsets are kept. Other
# characters (。、“” Ⅲ) are kept as they are.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20,
    0xA0: 0x20,
    0x2002: 0x20,
    0x2003: 0x20,
    0xFE52: 0x2E,
    0xFE51: 0x3001,  # ﹑ small ideographic comma
    0x2236: 0x3A,  # ∶ ratio, used as a colon
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str  # decoded, LF line ends: the plan's own characters
    sha256: str

    def line_of(self, offset: int) -> int:
        """The 1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


def decode(raw: bytes, path: Path) -> str:
    """Decode a plan file, refusing empty and binary input with a clear message."""
    if not raw.strip():
        raise PlanError(path, 1, "the file is empty: expected the text of a plan")
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw[len(codecs.BOM_UTF8) :], "utf-8", path)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(raw, "utf-16", path)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise PlanError(path, raw.count(b"\n", 0, nul) + 1, _BINARY)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    best = from_bytes(raw).best()
    if best is None or len(_CONTROL.findall(text := str(best))) > len(text) // 100:
        # Mostly UTF-8 with a bad byte or two: say where, rather than "binary" at line 1.
        line = raw.count(b"\n", 0, utf8_error.start) + 1
        raise PlanError(
            path,
            line,
            f"invalid UTF-8 at byte {utf8_error.start}: expected a plan as UTF-8 or GB18030 text",
        )
    return text


_BINARY = "this is binary data, not text: expected a plan as UTF-8 or GB18030 text"


def _strict(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise PlanError(path, line, f"invalid {encoding} at byte {err.start}: {_BINARY}") from err


# Runs of characters that fold: a plan is mostly characters that do not, and scanning for
# the runs (in C) and translating only them is several times faster than translating the
# whole text character by character.
_FOLDS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _FULLWIDTH) + "]+")


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FULLWIDTH)


def fold(text: str) -> str:
    """Full-width ASCII forms to half-width, one character for one: same length."""
    return _FOLDS.sub(_fold_run, text)


def read_source(path: Path) -> SourceText:
    raw = read_plan_bytes(path)
    text = decode(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        line = text.count("\n", 0, _CONTROL.search(text).start()) + 1
        raise PlanError(path, line, _BINARY)
    if not fold(text).strip():
        raise PlanError(path, 1, "the file holds only white space: expected the text of a plan")
    return SourceText(path=path, text=text, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
