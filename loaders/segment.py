"""jieba, configured once: quiet, and loaded with the project's user dictionary (every
place, agency and theme term in data/, every division name) so that 偏远海岛, 六横, 衢山,
市发改委 stay whole.

Matching uses jieba's word boundaries: a name counts only where it starts and ends on a
token boundary, so 新城 is not found in 创新城市 and 普陀 is not found in 普陀山.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import jieba
import jieba.analyse
from ahocorasick_rs import AhoCorasick, MatchKind

from plankg.loaders.resources import load_yaml

jieba.setLogLevel(logging.WARNING)


@cache
def tokenizer() -> jieba.Tokenizer:
    from plankg.loaders.catalogue import all_user_words

    words = all_user_words()  # the gazetteer reads jieba's dictionary (jieba.dt) for this
    tok = jieba.Tokenizer()
    # jieba's own dictionary, copied from jieba.dt (loaded by now, never changed here)
    # rather than loaded a second time from jieba's cache file (0.4-2 s per process).
    jieba.dt.check_initialized()
    if tok.dictionary == jieba.dt.dictionary and not jieba.dt.user_word_tag_tab:
        tok.FREQ, tok.total, tok.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    for word in words:
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
    for word in words_of(text):
        out.append((word, at, at + len(word)))
        at += len(word)
    return out


@lru_cache(maxsize=4096)  # a plan read again (the bench, a server reloading) hits
def words_of(text: str) -> tuple[str, ...]:
    """jieba's words of a text (a sentence), as `tokenizer().lcut(text)` gives them; they
    follow each other, so their ends are the running sum of their lengths."""
    return tuple(word for piece in _pieces(text) for word in _piece_words(piece))


def _pieces(text: str) -> list[str]:
    """The pieces jieba cuts one at a time and independently of each other: runs of
    Chinese characters, letters and digits, and what lies between them (its own split)."""
    return [piece for piece in jieba.re_han_default.split(text) if piece]


@lru_cache(maxsize=1 << 15)
def _piece_words(piece: str) -> tuple[str, ...]:
    """jieba's words of one piece, remembered: jieba cuts a piece the same way wherever it
    stands, and plans repeat phrases (synthetic plans share most of theirs), while cutting
    is most of the linker's time. `tokenizer().lcut(piece)` is what jieba does with the
    piece inside a longer text, so the words are the same as cutting the whole text."""
    return tuple(tokenizer().lcut(piece))


@cache
def _tfidf() -> jieba.analyse.TFIDF:
    from plankg.loaders.catalogue import catalogue

    # jieba's default extractor's IDF table, shared, not read again (its stop words are
    # replaced on the copy, not changed in place).
    tfidf = copy.copy(jieba.analyse.default_tfidf)
    units = set(load_yaml("indicators.yaml")["units"])  # 千伏, 万吨: not what a task is about
    tfidf.stop_words = tfidf.stop_words | catalogue().stopwords | units
    return tfidf


def keywords(words: Iterable[str], count: int = 8) -> list[str]:
    """jieba's TF-IDF (its own IDF table and stop words, plus data/stopwords.txt) over
    words already cut, so a task is segmented once. Ties keep first-seen order."""
    freq: dict[str, int] = {}
    for word in words:
        if _idf(word) is not None:
            freq[word] = freq.get(word, 0) + 1
    weight = {w: n * _idf(w) for w, n in freq.items()}
    return sorted(weight, key=lambda w: -weight[w])[:count]


@lru_cache(maxsize=1 << 15)
def _idf(word: str) -> float | None:
    """A word's IDF, or None for a word that is no keyword (too short, a stop word, with a
    digit); remembered, as a plan's tasks share most of their words."""
    tfidf = _tfidf()
    if len(word.strip()) < 2 or word.lower() in tfidf.stop_words:
        return None
    if any(ch.isdigit() for ch in word):
        return None
    return tfidf.idf_freq.get(word, tfidf.median_idf)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str


class Matcher:
    """Finds whole-word occurrences of a fixed set of surface forms, longest first.

    At each position the longest surface that starts and ends on a token boundary wins;
    matches do not overlap.

    The scanning is an Aho-Corasick automaton (ahocorasick-rs, compiled): one pass over a
    sentence, however many surfaces there are (thousands of place and body names).
    """

    def __init__(self, surfaces: Iterable[str]) -> None:
        self.surfaces = frozenset(surfaces)
        self._ordered = sorted(self.surfaces)  # a fixed order for the automata

    @classmethod
    def of(cls, surfaces: Iterable[str]) -> Matcher:
        """The matcher of these surfaces, built once per process: plans of different
        regions mostly share their sets of names, themes and remit terms."""
        key = frozenset(surfaces)
        if key not in _MATCHERS:
            _MATCHERS[key] = cls(key)
        return _MATCHERS[key]

    @cached_property
    def _leftmost_longest(self) -> AhoCorasick:
        # Leftmost-longest, non-overlapping: at the first position where a surface starts,
        # the longest surface there; then on after it. The substring rule exactly.
        return AhoCorasick(self._ordered, matchkind=MatchKind.LeftmostLongest)

    @cached_property
    def _every(self) -> AhoCorasick:
        return AhoCorasick(self._ordered)  # with overlapping=True: every occurrence

    def find(self, text: str, start: int, end: int, edges: set[int] | None = None) -> Iterator[Hit]:
        """Hits in text[start:end]. With `edges` (token boundaries, as offsets into
        `text`) only whole words count; without, any substring does."""
        if not self._ordered:
            return iter(())
        if edges is not None:
            return self._find_words(text, start, end, set(edges))
        return (
            Hit(start + a, start + b, text[start + a : start + b])
            for _, a, b in self._leftmost_longest.find_matches_as_indexes(text[start:end])
        )

    def find_words(self, text: str, ordered: list[int]) -> Iterator[Hit]:
        """Whole-word hits between the first and the last of `ordered`, the token
        boundaries in increasing order."""
        if not self._ordered or not ordered:
            return iter(())
        return self._find_words(text, ordered[0], ordered[-1], set(ordered))

    def _find_words(self, text: str, start: int, end: int, edges: set[int]) -> Iterator[Hit]:
        """Whole-word hits: at each token boundary, the longest surface that ends on a
        boundary too, then on after it. From every occurrence in the span, those that
        start and end on boundaries, the longest at each start."""
        longest: dict[int, int] = {}
        found = self._every.find_matches_as_indexes(text[start:end], overlapping=True)
        for _, a, b in found:
            a += start
            b += start
            if a in edges and b in edges and longest.get(a, a) < b:
                longest[a] = b
        last_end = start
        for a in sorted(longest):
            if a >= last_end:
                last_end = longest[a]
                yield Hit(a, last_end, text[a:last_end])


_MATCHERS: dict[frozenset[str], Matcher] = {}
