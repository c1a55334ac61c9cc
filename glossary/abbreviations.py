"""English abbreviations and what they stand for, so that "S&T workers" is matched as
"science and technology workers" and "GDP" meets the dictionary's 国内生产总值.

Two general sources, no list of our own:

* CC-CEDICT, whose senses give many an abbreviation in brackets after its long form
  ("gross domestic product (GDP)", "value added tax (VAT)");
* the texts themselves: English prose defines an abbreviation at its first use the
  same way ("global science and technology (S&T)", "the Communist Party of China
  (CPC)"). Such definitions are found as Schwartz & Hearst ("A simple algorithm for
  identifying abbreviation definitions in biomedical text", PSB 2003) find them,
  the letters of the short form matched last to first in the words before the
  bracket, only more strictly: each letter must begin a word (a part of a hyphenated
  one counts), function words are skipped, and the long form is the shortest run of
  words before the bracket that spells the short form.

A short form is matched as written, capitals and all ("IT" is information
technology, "it" a pronoun). Where one short form is defined two ways, the long form
given most often wins, ties going to the alphabetically first, so the result does not
depend on the order of the texts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from glossary import cedict
from glossary.disk_cache import MARSHAL, cached
from glossary.word_classes import ENGLISH_FUNCTION_WORDS

PARSE_VERSION = 2  # bump when definitions are found differently: the cache is derived again
Abbreviations = Mapping[str, str]  # short form as written -> long form, lower-cased

# A short form in brackets: two to ten letters (and &, as in R&D), two capitals at
# least; its long form is sought in the words before it, back to a clause break.
_SHORT_FORM = re.compile(r"\(([A-Za-z][A-Za-z&]{1,9})\)")
_CLAUSE_BREAK = re.compile(r"[()\[\].;:!?]")
_LOOK_BACK = 200  # characters before a bracket: more than the longest long form
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")


def _long_form(short: str, before: str) -> str | None:
    """The long form ``short`` abbreviates at the end of ``before``, or None: each
    letter of ``short``, last to first, begins a word further left in ``before``
    (the parts of a hyphenated word count as words: state-owned enterprises, SOEs),
    function words skipped (Communist Party of China, CPC); a final
    lower-case s is a plural. The long form runs from the word of the first letter to
    the end, at most min(len + 5, 2 × len) words, as Schwartz & Hearst advise."""
    letters = [ch.lower() for ch in short.removesuffix("s") if ch.isalnum()]
    limit = min(len(letters) + 5, 2 * len(letters))
    words = [word.lower() for word in _WORD.findall(before)][-limit:]
    parts = [(k, part) for k, word in enumerate(words) for part in word.split("-") if part]
    remaining = list(letters)
    first = None
    for k, part in reversed(parts):
        if not remaining:
            break
        if part in ENGLISH_FUNCTION_WORDS:
            continue
        if part[0] != remaining[-1]:
            return None
        remaining.pop()
        first = k
    if remaining or first is None:
        return None
    return " ".join(words[first:])


def defined_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """Abbreviations the texts define in brackets, with their long forms."""
    given: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for match in _SHORT_FORM.finditer(text):
            short = match.group(1)
            if sum(ch.isupper() for ch in short) < 2:
                continue
            before = _CLAUSE_BREAK.split(text[max(0, match.start() - _LOOK_BACK) : match.start()])
            long_form = _long_form(short, before[-1])
            if long_form:
                given[(short, long_form)] += 1
    best: dict[str, tuple[int, str]] = {}
    for (short, long_form), count in sorted(given.items()):
        if short not in best or count > best[short][0]:
            best[short] = (count, long_form)
    return {short: long_form for short, (_count, long_form) in best.items()}


@cache
def dictionary_abbreviations() -> dict[str, str]:
    """The abbreviations CC-CEDICT's senses define in brackets (derived once, 0.15 s,
    then read from the disk cache)."""
    return cached(
        f"cedict-abbreviations-{cedict.fingerprint()}-{PARSE_VERSION}.marshal",
        _dictionary_abbreviations,
        MARSHAL,
    )


def _dictionary_abbreviations() -> dict[str, str]:
    return defined_abbreviations(
        definition
        for definitions in cedict.definitions().values()
        for definition in definitions
        if "(" in definition
    )


def abbreviations_in(texts: Iterable[str]) -> dict[str, str]:
    """The dictionary's abbreviations, overridden by those the texts define."""
    return {**dictionary_abbreviations(), **defined_abbreviations(texts)}
