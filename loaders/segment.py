"""jieba, configured once: quiet, and loaded with the project's user dictionary (every
place, agency and theme term in data/, every division name) so that 偏远海岛, 六横, 衢山,
市发改委 stay whole.

Matching uses jieba's word boundaries: a name counts only where it starts and ends on a
token boundary, so 新城 is not found in 创新城市 and 普陀 is not found in 普陀山.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import jieba
import jieba.analyse

from plankg.loaders.resources import load_yaml

jieba.setLogLevel(logging.WARNING)


@cache
def tokenizer() -> jieba.Tokenizer:
    from plankg.loaders.catalogue import all_user_words

    tok = jieba.Tokenizer()
    for word in all_user_words():
        tok.add_word(word)
    return tok


def cut(text: str) -> list[str]:
    return [w for piece in _pieces(text) for w in _piece_words(piece)]


def is_word(text: str) -> bool:
    """Is this a word of jieba's dictionary (with the project's user words)?"""
    tok = tokenizer()
    tok.check_initialized()
    return bool(tok.FREQ.get(text))


def tokens(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(word, start, end) for each jieba token, offsets shifted by `offset`."""
    out = []
    at = offset
    for piece in _pieces(text):
        for word in _piece_words(piece):
            out.append((word, at, at + len(word)))
            at += len(word)
    return out


def _pieces(text: str) -> list[str]:
    """The pieces jieba cuts one at a time and independently of each other: runs of
    Chinese characters, letters and digits, and what lies between them (its own split)."""
    return [piece for piece in jieba.re_han_default.split(text) if piece]


@lru_cache(maxsize=1 << 17)
def _piece_words(piece: str) -> tuple[str, ...]:
    """jieba's words of one piece, remembered: jieba cuts a piece the same way wherever it
    stands, and plans repeat phrases (synthetic plans share most of theirs), while cutting
    is most of the linker's time. `tokenizer().lcut(piece)` is what jieba does with the
    piece inside a longer text, so the words are the same as cutting the whole text."""
    return tuple(tokenizer().lcut(piece))


@cache
def _tfidf() -> jieba.analyse.TFIDF:
    from plankg.loaders.catalogue import catalogue

    tfidf = jieba.analyse.TFIDF()
    units = set(load_yaml("indicators.yaml")["units"])  # 千伏, 万吨: not what a task is about
    tfidf.stop_words = tfidf.stop_words | catalogue().stopwords | units
    return tfidf


def keywords(words: Iterable[str], count: int = 8) -> list[str]:
    """jieba's TF-IDF (its own IDF table and stop words, plus data/stopwords.txt) over
    words already cut, so a task is segmented once. Ties keep first-seen order."""
    tfidf = _tfidf()
    freq: dict[str, int] = {}
    for word in words:
        if len(word.strip()) < 2 or word.lower() in tfidf.stop_words:
            continue
        if any(ch.isdigit() for ch in word):
            continue
        freq[word] = freq.get(word, 0) + 1
    weight = {w: n * tfidf.idf_freq.get(w, tfidf.median_idf) for w, n in freq.items()}
    return sorted(weight, key=lambda w: -weight[w])[:count]


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str


class Matcher:
    """Finds whole-word occurrences of a fixed set of surface forms, longest first.

    At each position the longest surface that starts and ends on a token boundary wins;
    matches do not overlap.
    """

    def __init__(self, surfaces: Iterable[str]) -> None:
        self.surfaces = frozenset(surfaces)
        # By first character, the lengths its surfaces have, longest first: at a position
        # a few set lookups find the longest surface there, however many share its start.
        lengths: dict[str, set[int]] = {}
        for surface in self.surfaces:
            lengths.setdefault(surface[0], set()).add(len(surface))
        self.lengths = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}
        # Jump between characters that can start a surface; compare only there.
        first = "".join(sorted(self.lengths))
        self.starts = re.compile(f"[{re.escape(first)}]") if self.surfaces else None
        self.longest = max(map(len, self.surfaces), default=0)

    @classmethod
    def of(cls, surfaces: Iterable[str]) -> Matcher:
        """The matcher of these surfaces, built once per process: plans of different
        regions mostly share their sets of names, themes and remit terms."""
        key = frozenset(surfaces)
        if key not in _MATCHERS:
            _MATCHERS[key] = cls(key)
        return _MATCHERS[key]

    def find(self, text: str, start: int, end: int, edges: set[int] | None = None) -> Iterator[Hit]:
        """Hits in text[start:end]. With `edges` (token boundaries, as offsets into
        `text`) only whole words count; without, any substring does."""
        if self.starts is None:
            return
        if edges is not None:
            yield from self._find_words(text, start, end, sorted(edges))
            return
        last_end = start
        surfaces = self.surfaces
        for m in self.starts.finditer(text, start, end):
            at = m.start()
            if at < last_end:
                continue
            for length in self.lengths[text[at]]:
                stop = at + length
                if stop <= end and text[at:stop] in surfaces:
                    yield Hit(at, stop, text[at:stop])
                    last_end = stop
                    break

    def find_words(self, text: str, ordered: list[int]) -> Iterator[Hit]:
        """Whole-word hits between the first and the last of `ordered`, the token
        boundaries in increasing order."""
        if self.starts is None or not ordered:
            return iter(())
        return self._find_words(text, ordered[0], ordered[-1], ordered)

    def _find_words(self, text: str, start: int, end: int, edges: list[int]) -> Iterator[Hit]:
        """Whole-word hits: at each token boundary, the longest surface that ends on a
        boundary too (a set lookup per boundary, however many surfaces there are)."""
        ordered = [e for e in edges if start <= e <= end]
        last_end = start
        for i, at in enumerate(ordered):
            if at < last_end or text[at : at + 1] not in self.lengths:
                continue
            j = bisect.bisect_right(ordered, at + self.longest) - 1
            while j > i:
                stop = ordered[j]
                if text[at:stop] in self.surfaces:
                    yield Hit(at, stop, text[at:stop])
                    last_end = stop
                    break
                j -= 1


_MATCHERS: dict[frozenset[str], Matcher] = {}
