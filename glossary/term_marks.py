"""What the Chinese around one occurrence of a term says about the shape of its English.

Each mark is a habit translators share, read off the Chinese alone:

* a count: a numerical abbreviation (四风, 三去一降一补) is rendered by a label that
  keeps the count or a list of as many items (``enumerations.counted_items``);
* a place in a list set off by 、: the English list keeps the order
  (``enumerations.item_position``);
* book-title marks (《中国制造2025》, 《巴黎协定》): the author names a document, plan
  or treaty, and English writes a title in capitals, so the rendering is a run of
  capitalised words that the term's links reach, and only that ("Made in China
  2025", not "Made in China 2025 initiative"; "the Paris Agreement", not "ensuring
  that the Paris Agreement").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from glossary.enumerations import counted_items, item_position
from glossary.word_alignment import Token
from glossary.word_classes import ENGLISH_FUNCTION_WORDS

_TITLE_OPENING, _TITLE_CLOSING = "《", "》"


class Marks(NamedTuple):
    """The marks of one occurrence: how many items the term counts, its place in a
    list (how many items, which one), and whether it stands between book-title marks."""

    counted: frozenset[int] = frozenset()
    item: tuple[int, int] | None = None
    titled: bool = False


UNMARKED = Marks()


def marks(chinese: str, start: int, end: int) -> Marks:
    """The marks of the term standing at [start, end) of ``chinese``."""
    return Marks(
        counted_items(chinese[start:end]),
        item_position(chinese, start, end),
        chinese[start - 1 : start] == _TITLE_OPENING and chinese[end : end + 1] == _TITLE_CLOSING,
    )


def title_runs(english: Sequence[Token]) -> list[list[int]]:
    """Runs of words written as a title: capitalised words and numbers, with the
    lowercase function words between them ("Made in China 2025"), a function word
    that opens the run only for being the first of a sentence left out ("The")."""
    words = [token.text for token in english]
    runs, k = [], 0
    while k < len(words):
        if not _title_word(words[k]):
            k += 1
            continue
        last = k
        while True:
            after = last + 1
            while after < len(words) and words[after] in ENGLISH_FUNCTION_WORDS:
                after += 1  # lowercase, as the function words inside a title are
            if after < len(words) and _title_word(words[after]):
                last = after
            else:
                break
        run = list(range(k, last + 1))
        if words[k].lower() in ENGLISH_FUNCTION_WORDS:
            run = run[1:]
        if run:
            runs.append(run)
        k = last + 1
    return runs


def _title_word(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()
