"""Search over a plan's tasks: BM25 over titles and texts, in Chinese or English.

Chinese is segmented with jieba (the project's user dictionary keeps 偏远海岛 whole, and
search-mode cutting adds its parts). English is read through the bilingual lexicon and
the English names of places and agencies ("remote islands" -> 偏远海岛, 离岛, 海岛地区 …);
English words left over are matched against the tasks' English titles. Title matches
weigh double. The index is built from what the store returns, so both stores rank alike.

Hits come in three groups, in this order (`match`): `entity`, the tasks of the place,
agency or theme the whole query names (graph/search_entity.py; the same set as its own
page); `phrase`, tasks holding what was asked as written (each Chinese run of the query
whole, an English phrase's own Chinese name, or the English words in a row in the English
title); `words`, tasks found only by the query's sub-words (偏远 and 海岛 of 偏远海岛) or by
synonyms (离岛 for 偏远海岛): a wider, weaker answer kept apart. BM25 ranks within a group.
"""

from __future__ import annotations

import logging
import math
import re
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

    from plankg.graph.records import SearchDoc

K1, B = 1.2, 0.75
TITLE_WEIGHT = 2.0
EXPANSION_WEIGHT = 0.5  # a lexicon synonym counts half as much as the word asked for
ENGLISH_WORD = re.compile(r"[a-z0-9][a-z0-9.\-']*")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
MAX_HIGHLIGHTS = 3


@dataclass(frozen=True)
class Query:
    """A query is a list of concepts; a concept is a set of alternative Chinese terms with
    weights ({偏远海岛: 1, 离岛: 0.5, …}). A task scores, per concept, its best-scoring
    alternative, so a long list of synonyms does not outweigh the word asked for."""

    text: str
    concepts: list[dict[str, float]]
    english: list[str]  # words left over, matched against the English titles
    # What was asked as written: per Chinese run or English phrase, the forms one of
    # which a task must hold literally (the run itself; the phrase's own Chinese names).
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def holds_phrases(self, title: str, text: str, title_en: str) -> bool:
        """Whether a task holds every phrase of the query as written (and the English
        words left over in a row in its English title)."""
        if not self.phrases and not self.english:
            return False
        english = " ".join(self.english)
        return all(any(f in title or f in text for f in forms) for forms in self.phrases) and (
            not english or english in title_en.casefold()
        )

    @property
    def terms(self) -> list[str]:
        return list(dict.fromkeys(t for c in self.concepts for t in c)) + self.english


@dataclass(frozen=True)
class Vocabulary:
    """What search needs from the loaders' data, captured when the graph is built, so a
    server started from a snapshot (graph/snapshot.py) never imports the loaders: the
    segmenter's user words, the English lexicon, the theme expansions and the sentence
    pattern of the evidence."""

    user_words: tuple[str, ...]
    lexicon: dict[str, dict[str, float]]
    expansions: dict[str, dict[str, float]]
    sentence_pattern: str


_installed: list[Vocabulary] = []


def use_vocabulary(vocabulary: Vocabulary) -> None:
    """Search with this vocabulary (read from a snapshot) instead of the loaders'."""
    _installed[:] = [vocabulary]
    _segmenter.clear()
    for cached in (_english_lexicon, _sentences):
        cached.cache_clear()


def vocabulary() -> Vocabulary:
    if not _installed:
        _installed.append(build_vocabulary())
    return _installed[0]


def build_vocabulary() -> Vocabulary:
    from plankg.loaders.catalogue import all_user_words
    from plankg.loaders.targets import SENTENCE_RE

    return Vocabulary(
        user_words=tuple(all_user_words()),
        lexicon=_lexicon_phrases(),
        expansions=_expansions(),
        sentence_pattern=SENTENCE_RE.pattern,
    )


_building = threading.Lock()
_segmenter: list[jieba.Tokenizer] = []


def _tokenizer() -> jieba.Tokenizer:
    """The loaders' segmenter when this process has it already (it built the graph),
    otherwise the same one built from the vocabulary. Built once, under a lock: the
    first searches arrive together, and each building its own would cost 70 MB and a
    second of CPU apiece."""
    if not _segmenter:
        with _building:
            if not _segmenter:
                if "plankg.loaders.segment" in sys.modules:
                    _segmenter.append(sys.modules["plankg.loaders.segment"].tokenizer())
                else:
                    _segmenter.append(tokenizer_of(vocabulary()))
    return _segmenter[0]


def tokenizer_of(vocabulary: Vocabulary) -> jieba.Tokenizer:
    """jieba's dictionary plus the user words in their order, as loaders.segment builds
    it, so both cut every text alike."""
    import jieba  # here, not at the top: a server that never searches never loads it

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for word in vocabulary.user_words:
        tok.add_word(word)
    return tok


@cache
def _sentences() -> re.Pattern[str]:
    return re.compile(vocabulary().sentence_pattern)


def _tokens(text: str) -> list[str]:
    return [t for t in _tokenizer().lcut_for_search(text) if t.strip() and not _punct(t)]


def _punct(token: str) -> bool:
    return not any(ch.isalnum() for ch in token)


@dataclass(frozen=True)
class EnglishLexicon:
    """English phrases (one regex, longest first) and the Chinese terms each stands for."""

    pattern: re.Pattern[str]
    terms: dict[str, dict[str, float]]
    stop: frozenset[str] = frozenset({"the", "of", "and", "in", "to", "for", "a", "an", "on"})


def _lexicon_phrases() -> dict[str, dict[str, float]]:
    from plankg.loaders.catalogue import catalogue, profiles

    cat = catalogue()  # the genre's places and themes, and every region profile's below
    local = list(profiles().values())
    phrases: dict[str, dict[str, float]] = {}

    def add(phrase: str, terms: dict[str, float]) -> None:
        slot = phrases.setdefault(phrase.casefold().strip(), {})
        for term, weight in terms.items():
            slot[term] = max(slot.get(term, 0.0), weight)

    for theme in cat.themes.values():
        expansion = {t: EXPANSION_WEIGHT for t in theme.terms} | {theme.name: 1.0}
        for phrase in [theme.name_en, theme.id.replace("-", " "), *theme.terms_en]:
            add(phrase, expansion)
    all_places = {**cat.places, **{p.id: p for pr in local for p in pr.places.values()}}
    for place in all_places.values():
        names = {n: 1.0 for n in [place.name, *place.aliases]}
        add(place.name_en, names)
        add(place.id.replace("-", " "), names)
        for word in ("county", "district", "city", "island", "islands", "town", "province"):
            if place.name_en.casefold().endswith(" " + word):
                add(place.name_en[: -len(word) - 1], names)
    all_agencies = {**cat.agencies, **{a.id: a for pr in local for a in pr.agencies.values()}}
    for agency in all_agencies.values():
        add(agency.name_en, {n: 1.0 for n in [agency.short_name, agency.name, *agency.aliases]})
    return phrases


@cache
def _english_lexicon() -> EnglishLexicon:
    phrases = vocabulary().lexicon
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    alternatives = "|".join(re.escape(p) for p in ordered if p)
    return EnglishLexicon(re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])"), phrases)


def _expansions() -> dict[str, dict[str, float]]:
    """A Chinese word that is a theme's name or term brings the theme's other terms."""
    from plankg.loaders.catalogue import catalogue

    out: dict[str, dict[str, float]] = {}
    for theme in catalogue().themes.values():
        for term in [theme.name, *theme.terms]:
            out.setdefault(term, {}).update(
                {t: EXPANSION_WEIGHT for t in [theme.name, *theme.terms] if t != term}
            )
    return out


def parse_query(text: str) -> Query:
    concepts: list[dict[str, float]] = []
    phrases: list[tuple[str, ...]] = []
    expansions = vocabulary().expansions
    for run in CJK_RUN.findall(text):
        phrases.append((run,))
        words = [run, *_tokens(run)] if run in expansions else _tokens(run)
        for word in dict.fromkeys(words):
            concepts.append(
                {word: 1.0}
                | {
                    other: weight
                    for other, weight in expansions.get(word, {}).items()
                    if other != word
                }
            )
    lexicon = _english_lexicon()
    rest = CJK_RUN.sub(" ", text).casefold()
    for phrase in dict.fromkeys(m.group() for m in lexicon.pattern.finditer(rest)):
        concepts.append(dict(lexicon.terms[phrase]))
        phrases.append(own_names(lexicon.terms[phrase]))
    rest = lexicon.pattern.sub(" ", rest)
    english = [w for w in dict.fromkeys(ENGLISH_WORD.findall(rest)) if w not in lexicon.stop]
    return Query(text=text, concepts=concepts, english=english, phrases=phrases)


def own_names(terms: dict[str, float]) -> tuple[str, ...]:
    """An English phrase's own Chinese names (weight 1: 偏远海岛 for "remote islands"),
    not the synonyms it widens to (离岛, 海岛地区 at half weight)."""
    return tuple(t for t, weight in terms.items() if weight >= 1.0)


def english_names(text: str) -> tuple[str, ...]:
    """The Chinese names of the English phrase the whole query is (\"Daishan\" -> 岱山 …),
    or none: how an English query names a place, agency or theme."""
    folded = " ".join(text.casefold().split())
    lexicon = _english_lexicon()
    if lexicon.pattern.fullmatch(folded):
        return own_names(lexicon.terms[folded])
    return ()


class BM25Field:
    """One BM25 field over the documents."""

    def __init__(self, documents: list[list[str]]) -> None:
        self.counts = [Counter(doc) for doc in documents]
        self.lengths = [len(doc) for doc in documents]
        self.average = (sum(self.lengths) / len(documents)) if documents else 0.0
        self.df: Counter[str] = Counter()
        for counts in self.counts:
            self.df.update(counts.keys())
        self.n = len(documents)

    def score(self, index: int, term: str) -> float:
        tf = self.counts[index].get(term, 0)
        if not tf:
            return 0.0
        idf = math.log(1 + (self.n - self.df[term] + 0.5) / (self.df[term] + 0.5))
        norm = 1 - B + B * self.lengths[index] / (self.average or 1)
        return idf * tf * (K1 + 1) / (tf + K1 * norm)


class TaskIndex:
    def __init__(self, corpus: list[SearchDoc]) -> None:
        self.corpus = corpus
        self.title = BM25Field([_tokens(d.title) for d in corpus])
        self.text = BM25Field([_tokens(d.text) for d in corpus])
        self.title_en = BM25Field(
            [ENGLISH_WORD.findall((d.title_en or "").casefold()) for d in corpus]
        )

    def search(self, query: Query, entity: EntityTasks | None = None) -> list[dict]:
        """Every task the query finds, each with its group (`match`), best first: the
        entity's tasks, then the phrase's, then the sub-words' (module docstring)."""
        hits = []
        for i, doc in enumerate(self.corpus):
            score, matched = 0.0, []
            for concept in query.concepts:
                best, found = 0.0, None
                for term, weight in concept.items():
                    s = weight * (
                        TITLE_WEIGHT * self.title.score(i, term) + self.text.score(i, term)
                    )
                    if s > best:
                        best, found = s, term
                if found:
                    score += best
                    matched.append(found)
            for word in query.english:
                s = TITLE_WEIGHT * self.title_en.score(i, word)
                if s:
                    score += s
                    matched.append(word)
            if entity is not None and doc.id in entity.task_ids:
                group = "entity"
                matched += [n for n in entity.names if n in doc.text and n not in matched]
            elif query.holds_phrases(doc.title, doc.text, doc.title_en or ""):
                group = "phrase"
            elif score > 0:
                group = "words"
            else:
                continue
            hits.append((GROUPS.index(group), round(score, 4), doc, matched))
        hits.sort(key=rank)
        return [
            doc.model_dump(exclude={"text", "start"})
            | {
                "score": score,
                "matched": matched,
                "match": GROUPS[group],
                "highlights": _highlights(doc, matched),
            }
            for group, score, doc, matched in hits
        ]


GROUPS = ("entity", "phrase", "words")


def rank(hit: tuple) -> tuple:
    """Group first, then score, then the plan and the task's number (a stable order)."""
    group, score, doc, _ = hit
    return (group, -score, doc.plan, doc.number)


@dataclass(frozen=True)
class EntityTasks:
    """The tasks of the entity a query names, and its names to mark in their text."""

    task_ids: frozenset[str]
    names: tuple[str, ...]


def _highlights(doc: SearchDoc, matched: list[str]) -> list[dict]:
    chinese = sorted({m for m in matched if CJK_RUN.fullmatch(m)}, key=len, reverse=True)
    if not chinese:
        return []
    pattern = re.compile("|".join(map(re.escape, chinese)))
    out = []
    for s in _sentences().finditer(doc.text):
        sentence = s.group()
        if pattern.search(sentence):
            out.append(
                {
                    "sentence": sentence,
                    "span": {"start": doc.start + s.start(), "end": doc.start + s.end()},
                    "marked": pattern.sub(lambda m: f"<mark>{m.group()}</mark>", sentence),
                }
            )
            if len(out) == MAX_HIGHLIGHTS:
                break
    return out
