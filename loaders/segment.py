"""jieba, configured once: quiet, and (once the data files exist) loaded with the
project's user dictionary so that names such as 偏远海岛, 六横, 市发改委 stay whole."""

from __future__ import annotations

import logging
from functools import cache

import jieba

jieba.setLogLevel(logging.WARNING)


@cache
def tokenizer() -> jieba.Tokenizer:
    return jieba.Tokenizer()


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text)
