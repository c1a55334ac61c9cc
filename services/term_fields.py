"""What a build derives from a term, for terms that arrive by import: the traditional
form and the pinyin fields (marks, tone numbers, toneless spelling, initials), so
that an imported term is as searchable as a built one.

An import may bring a million terms, so the pinyin fields are derived a word at a
time through a cache (``fast_pinyin_fields``): terms share their words ("fāzhǎn",
"jiànshè"), and a million terms cost a few thousand derivations instead of a
million. The import's screening checks a file's pinyin with the same function
(``exports.screening.screen_terms``), so the merge finds it cached. Where the import
reads its file in another process, that process derives the fields too and the
merge looks them up (``DerivedAhead``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from exports.screening import has_han
from glossary.pinyin import pinyin_fields, pinyin_marks
from glossary.script import to_traditional
from records import TermRecord


def derive_term_fields(simplified: str, pinyin: str | None) -> dict[str, str]:
    """What a build derives from a term, for terms that arrive by import: the file's
    pinyin where it gives one (deriving it from the characters costs 0.1 ms a term),
    and the fields that follow from pinyin through a cache of words
    (``fast_pinyin_fields``)."""
    fields = (
        _cached_pinyin_fields(pinyin)  # copied into the new dict: the cache's stays as it is
        if pinyin
        else derived_pinyin_fields(pinyin_marks(simplified))
    )
    return {"traditional": to_traditional(simplified), **fields}


def _joined(marks: str, words: list[tuple[str, str, str]]) -> dict[str, str]:
    """The pinyin fields of ``marks`` from those of its words (empty ones left out)."""
    numbers, toneless, initials = zip(*words, strict=True) if words else ((), (), ())
    return {
        "pinyin_marks": marks,
        "pinyin_numbers": " ".join(filter(None, numbers)),
        "pinyin_toneless": " ".join(filter(None, toneless)),
        "pinyin_initials": "".join(initials),
    }


@lru_cache(maxsize=65536)
def _word_fields(word: str) -> tuple[str, str, str]:
    """Tone numbers, toneless spelling and initials of one pinyin word."""
    fields = pinyin_fields(word)
    return fields["pinyin_numbers"], fields["pinyin_toneless"], fields["pinyin_initials"]


@lru_cache(maxsize=1024)  # screening asks, then the merge: the second is free
def _cached_pinyin_fields(marks: str) -> dict[str, str]:
    return _uncached_pinyin_fields(marks)


def fast_pinyin_fields(marks: str) -> dict[str, str]:
    """``glossary.pinyin.pinyin_fields``, fast: see ``_uncached_pinyin_fields``."""
    return dict(_cached_pinyin_fields(marks))  # a copy: the cache's own stays as it is


def _uncached_pinyin_fields(marks: str) -> dict[str, str]:
    """``glossary.pinyin.pinyin_fields``, a word at a time through a cache.

    Each derived field of pinyin is its words' fields joined (numbers and toneless
    spellings with spaces, initials run together), and terms share their words
    ("fāzhǎn", "jiànshè"): so a million imported terms cost a few thousand
    derivations instead of a million (60 µs each: half of what everything else an
    import does for a term costs). Pinyin holding Han characters is derived whole, as the
    pinyin module reads it. The tests check this against ``pinyin_fields``."""
    if has_han(marks):
        return pinyin_fields(marks)
    return _joined(marks, list(map(_word_fields, marks.split())))


def _foreign_word_fields(word: str) -> tuple[str, str, str]:
    """A word of derived pinyin that is no pinyin ("cmd" in cmd命令) is kept as it
    is, as the pinyin module keeps 5G and AI."""
    try:
        return _word_fields(word)
    except ValueError:
        return word, word.lower(), word[:1].lower()


def derived_pinyin_fields(marks: str) -> dict[str, str]:
    """``fast_pinyin_fields`` of pinyin derived from a term's characters, which may
    carry Latin words of the term that are no pinyin."""
    try:
        return fast_pinyin_fields(marks)
    except ValueError:
        return _joined(marks, [_foreign_word_fields(word) for word in marks.split()])


# Records whose derived fields ``DerivedAhead`` keeps at least: more than a merge
# batch (``termbase.exchange.TERM_BATCH``) holds, so that the merge finds every one.
KEPT_AHEAD = 1024


class DerivedAhead:
    """``derive_term_fields`` for a merge whose records come with their fields
    derived already, in the process that read them: the merge's calls find them here
    (the last ``KEPT_AHEAD`` records' fields at least, at most twice as many, so
    memory stays flat), and a record further back is derived again, with the same
    result.

    The fields are kept in two dicts, the newer filled until it holds
    ``KEPT_AHEAD`` and then made the older one, the older dropped: dropping the
    oldest record one at a time made a dict scan its dead entries again and
    again."""

    def __init__(self, pairs: Iterable[tuple[TermRecord, dict[str, str]]]) -> None:
        self._pairs = pairs
        self._newer: dict[tuple[str, str | None], dict[str, str]] = {}
        self._older: dict[tuple[str, str | None], dict[str, str]] = {}

    def records(self) -> Iterator[TermRecord]:
        """The records, each one's fields kept as it is handed on."""
        for record, derived in self._pairs:
            newer = self._newer
            newer[record.simplified, record.pinyin] = derived
            if len(newer) == KEPT_AHEAD:
                self._older, self._newer = newer, {}
            yield record

    def __call__(self, simplified: str, pinyin: str | None) -> dict[str, str]:
        key = (simplified, pinyin)
        derived = self._newer.get(key) or self._older.get(key)
        return derive_term_fields(simplified, pinyin) if derived is None else derived


def with_derived_fields(
    records: Iterable[TermRecord],
) -> Iterator[tuple[TermRecord, dict[str, str]]]:
    """Each record with ``derive_term_fields`` of it, for ``DerivedAhead``."""
    for record in records:
        yield record, derive_term_fields(record.simplified, record.pinyin)
