"""Where a term stands in a Chinese sentence as a unit of it.

A term's characters may stand in a sentence without the term: 科技工作 ("science and
technology work") is in 科技工作者 ("scientists and engineers") only as 科技 and the
first character of 工作者 ("worker"). Such a unit says nothing of how a translation
renders the term, and taking its English as the term's gives the longer word's
rendering to the shorter. The segmenter's words tell the two apart; only words the
dictionary knows count, so that an unknown word the segmenter happens to glue to the
term's edge does not hide the term.
"""

from __future__ import annotations

from functools import lru_cache

import jieba

from glossary.lexicon import Lexicon, chinese_words, english_keys, key_stem


def untranslated_before(term: str, chinese: str, english: str, lexicon: Lexicon) -> str | None:
    """The word right before an occurrence of the term in ``chinese`` that ``english``
    leaves untranslated (世界 of 面向世界科技前沿, where the English says "global"),
    or None: at each occurrence the term opens the text or a clause, follows a
    function word (的), or follows a word the English translates somewhere (发展 of
    未来发展制高点 → "development"). Where there is none, an adjective the English puts
    before the term's rendering is the translator's own addition ("the strategic high
    ground"), not the translation of that word ("the global frontiers")."""
    stems: set[str] | None = None
    ends = {end: word for word, _start, end in _tokens(chinese)}
    for start, _end in occurrences(term, chinese):
        before = ends.get(start)
        if not before or not chinese_words(before):
            continue  # the text's start, punctuation, a function word, or the term cut inside a word
        neighbour = lexicon.parts(before)[-1]  # 世界 of 面向世界
        if stems is None:
            stems = {key_stem(key) for key in english_keys(english)}
        if not any(key_stem(key) in stems for key in lexicon.glosses(neighbour)):
            return neighbour
    return None


def stands_in(term: str, text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` holds ``term`` at least once without either edge of it falling
    inside a dictionary word of the text."""
    words = [(start, end) for word, start, end in _tokens(text) if len(word) > 1 and lexicon.senses(word)]
    return any(
        not any(first < edge < last for first, last in words for edge in (start, end))
        for start, end in occurrences(term, text)
    )


def occurrences(term: str, text: str) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of ``term`` in ``text``, overlapping ones too."""
    found, start = [], text.find(term)
    while start != -1:
        found.append((start, start + len(term)))
        start = text.find(term, start + 1)
    return found


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(jieba.tokenize(text))
