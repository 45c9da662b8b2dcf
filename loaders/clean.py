"""Bytes -> normalised text -> paragraphs with their source line numbers.

Plans published on Chinese government sites come as UTF-8 (with or without BOM) or
GB18030/GBK, with Windows line ends and full-width digits and punctuation. Everything
downstream sees one form: LF line ends and half-width ASCII for the full-width forms
(１．→ 1., （一）→ (一), ，→ ,), so the same plan in any of these encodings gives the
same model.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from loaders.errors import PlanError
from loaders.files import read_plan_bytes

# Full-width ASCII variants U+FF01..U+FF5E map onto U+0021..U+007E; the ideographic
# space onto a plain space. Other characters (。、“” Ⅲ) are kept as they are.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Paragraph:
    """One non-blank line of the source, stripped, with its 1-based line number."""

    line: int
    text: str


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str  # decoded, LF line ends, not yet folded
    sha256: str
    paragraphs: list[Paragraph]


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
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise PlanError(path, 1, _BINARY)
    text = str(best)
    if len(_CONTROL.findall(text)) > len(text) // 100:
        raise PlanError(path, 1, _BINARY)
    return text


_BINARY = "this is binary data, not text: expected a plan as UTF-8 or GB18030 text"


def _strict(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise PlanError(path, line, f"invalid {encoding} at byte {err.start}: {_BINARY}") from err


def fold(text: str) -> str:
    """NFC, then full-width ASCII forms to half-width."""
    return unicodedata.normalize("NFC", text).translate(_FULLWIDTH)


def read_source(path: Path) -> SourceText:
    raw = read_plan_bytes(path)
    text = decode(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        line = text.count("\n", 0, _CONTROL.search(text).start()) + 1
        raise PlanError(path, line, _BINARY)
    paragraphs = [
        Paragraph(number, stripped)
        for number, line in enumerate(fold(text).split("\n"), start=1)
        if (stripped := line.strip())
    ]
    if not paragraphs:
        raise PlanError(path, 1, "the file holds only white space: expected the text of a plan")
    return SourceText(
        path=path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        paragraphs=paragraphs,
    )
