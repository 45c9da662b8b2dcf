"""The linker's fast paths give what the plain ones give (issue 13): jieba's words cut a
piece at a time and remembered, and names matched with Aho-Corasick automata, against
jieba's own cut of the whole text and a brute-force reading of the matching rule."""

from __future__ import annotations

import random

import jieba
import pytest

from plankg.loaders.clean import fold
from plankg.loaders.segment import Matcher, cut, tokenizer, tokens, words_of
from plankg.loaders.targets import SENTENCE_RE
from tests.conftest import ROOT, ZHOUSHAN

CORPUS = ROOT.parent / "shared" / "corpus" / "plans"


def plan_texts() -> list[str]:
    paths = [ZHOUSHAN, *sorted(CORPUS.glob("*.txt"))[:4]]
    return [fold(path.read_text(encoding="utf-8")) for path in paths]


def test_words_are_jiebas_cut_of_the_whole_sentence():
    sentences = [s.group() for text in plan_texts() for s in SENTENCE_RE.finditer(text)]
    assert len(sentences) > 300
    for sentence in sentences:
        assert list(words_of(sentence)) == tokenizer().lcut(sentence)
        assert cut(sentence) == tokenizer().lcut(sentence)
        assert tokens(sentence, 5) == [(w, a + 5, b + 5) for w, a, b in tokenizer().tokenize(sentence)]


def test_a_whole_text_cuts_as_jieba_cuts_it():
    text = plan_texts()[0][:4000]
    assert cut(text) == tokenizer().lcut(text)


def test_the_tokenizer_has_jiebas_dictionary_and_the_user_words():
    tok = tokenizer()
    assert tok.FREQ["偏远海岛"] > 0 and tok.FREQ["市发改委"] > 0  # user words
    assert tok.FREQ["发展"] == jieba.dt.FREQ["发展"]  # jieba's own entries, unchanged
    assert tok.FREQ is not jieba.dt.FREQ  # a copy: jieba.dt keeps no project words
    assert "偏远海岛" not in jieba.dt.FREQ


def test_substrings_leftmost_longest_without_overlap():
    m = Matcher(["普陀", "普陀山", "山", "陀山岛"])
    hits = [(h.start, h.end, h.surface) for h in m.find("去普陀山看山", 0, 6)]
    assert hits == [(1, 4, "普陀山"), (5, 6, "山")]
    # Within the span only: 普陀山 does not fit before offset 3, so 普陀 is the hit.
    assert [(h.start, h.end) for h in m.find("去普陀山看山", 1, 3)] == [(1, 3)]


def test_whole_words_end_on_a_boundary():
    m = Matcher(["新城", "ab", "abc"])
    text = "创新城市"
    edges = [0, *(b for _, _, b in tokens(text))]
    assert list(m.find_words(text, edges)) == []  # 新城 is not a word of 创新城市
    # The longest surface (abc) ends mid-word, so the shorter one that ends on a boundary.
    assert [(h.start, h.end) for h in m.find_words("abcd", [0, 2, 4])] == [(0, 2)]
    assert [(h.start, h.end) for h in m.find("abcd", 0, 4, {0, 2, 4})] == [(0, 2)]


def reference(surfaces, text, start, end, edges=None):
    """The rule, read plainly: from left to right, at each position (a token boundary,
    with edges) at or after the last hit's end, the longest surface that fits and (with
    edges) ends on a boundary."""
    out, at = [], start
    while at < end:
        if edges is None or at in edges:
            fits = [
                s
                for s in surfaces
                if text.startswith(s, at)
                and at + len(s) <= end
                and (edges is None or at + len(s) in edges)
            ]
            if fits:
                best = max(fits, key=len)
                out.append((at, at + len(best), best))
                at += len(best)
                continue
        at += 1
    return out


@pytest.mark.parametrize("seed", range(5))
def test_matches_the_plain_rule_on_random_text(seed):
    rnd = random.Random(seed)
    alphabet = "舟山岛普陀定海新城区市"
    surfaces = {"".join(rnd.choices(alphabet, k=rnd.randint(1, 4))) for _ in range(25)}
    m = Matcher(surfaces)
    for _ in range(300):
        text = "".join(rnd.choices(alphabet, k=rnd.randint(1, 20)))
        start = rnd.randint(0, len(text) - 1)
        end = rnd.randint(start + 1, len(text))
        edges = {start, end} | {rnd.randint(start, end) for _ in range(rnd.randint(0, 12))}
        found = [(h.start, h.end, h.surface) for h in m.find(text, start, end)]
        assert found == reference(surfaces, text, start, end)
        found = [(h.start, h.end, h.surface) for h in m.find(text, start, end, edges)]
        assert found == reference(surfaces, text, start, end, edges)
