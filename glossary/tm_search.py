"""Fuzzy search of the translation memory, with a CAT-style match percentage.

Translators judge a memory hit by one number, the match percentage their CAT tool
shows (memoQ, Trados): how much of the whole segment would have to be edited to
turn it into the one they are translating. ``percent`` is that number here: the
Levenshtein similarity of the query and a unit's text, over characters for Chinese
(which has no spaces to find words by) and over words for English (where a changed
word is one edit, not as many edits as it has letters), after the differences no
editor would count are normalised away: whitespace, full-width against half-width
forms (``，`` and ``,``, ``。`` and ``.``, ``２０２４`` and ``2024``) and case. 100 means
identical after that, and only then.

A whole-segment percentage is low for a unit that merely contains the query, which
is exactly what someone looking up how a phrase was translated wants to see; units
containing the query are therefore returned whatever their percentage (concordance),
ranked with the others by it.

The memory is read by ``services.memory``, one page at a time, and handed here.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from glossary.textutils import count_cjk
from records import CandidateText, FoundUnit

Language = Literal["zh", "en"]

# The most characters of a unit a search compares: an import refuses longer segments
# (``exports.screening``, 10,000 characters by default), but a memory filled before
# that, or with a raised limit, may hold a "segment" of millions, and comparing the
# query with all of it cost minutes and gigabytes. A unit is compared by its first
# SEARCHED characters (a match percentage against a text this long is 0 anyway,
# and a concordance hit must start within them) and shown cut there too.
SEARCHED = 10_000

# Full-width punctuation and the half-width mark it means to an editor. The first
# half NFKC leaves alone; the second half NFKC maps too, but replacing them first lets
# most Chinese sentences skip NFKC (as costly as all the rest of a search).
_WIDE_PUNCTUATION = (
    ("。", "."),
    ("、", ","),
    ("“", '"'),
    ("”", '"'),
    ("‘", "'"),
    ("’", "'"),
    ("「", '"'),
    ("」", '"'),
    ("『", '"'),
    ("』", '"'),
    ("【", "["),
    ("】", "]"),
    ("〔", "("),
    ("〕", ")"),
    ("，", ","),
    ("：", ":"),
    ("；", ";"),
    ("！", "!"),
    ("？", "?"),
    ("（", "("),
    ("）", ")"),
    ("\u3000", " "),
)

# An English token: a word (with its inner apostrophes and hyphens: "don't",
# "well-being") or one punctuation mark, so that punctuation counts, as it does in CAT
# tools, but as one edit per mark.
_ENGLISH_TOKEN = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class TMHit:
    """One unit found for a query."""

    percent: int
    zh: str
    en: str
    document_id: str
    document_title: str | None
    unit_id: int
    alignment_score: float
    contains_query: bool  # the unit holds the whole query (a concordance hit)


def query_language(query: str) -> Language:
    """Chinese if the query has any Han character (Chinese text often carries Latin
    words and digits, English text never carries Han characters), else English."""
    return "zh" if count_cjk(query) else "en"


def _narrow_punctuation(text: str) -> str:
    # A chain of str.replace is three times as fast as str.translate with a dict.
    for wide, narrow in _WIDE_PUNCTUATION:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


def _fold(text: str) -> str:
    """NFKC (full-width letters, digits and compatibility forms), the punctuation
    NFKC keeps wide, and case."""
    if text.isascii():  # NFKC and the punctuation map leave ASCII as it is
        return text.lower()
    text = _narrow_punctuation(text)
    if not unicodedata.is_normalized("NFKC", text):
        # NFKC can make a wide mark of its own: halfwidth ｡ becomes 。
        text = _narrow_punctuation(unicodedata.normalize("NFKC", text))
    return text.casefold()


def normalise_chinese(text: str) -> str:
    """Characters to compare: folded, with every space dropped (spaces in Chinese are
    typesetting, not content)."""
    return "".join(_fold(text).split())


def english_tokens(text: str) -> list[str]:
    """Words and punctuation marks to compare, folded."""
    return _ENGLISH_TOKEN.findall(_fold(text))


def _english_candidate(needle: list[str], minimum: int) -> Callable[[str], list[str]]:
    """``english_tokens`` for the units of one search, or ``[]`` for a unit that cannot
    be a hit, found without tokenising it (tokenising is most of an English search).

    In a Levenshtein alignment every position of the longer segment is matched to an
    equal token or costs one edit, so a unit ``minimum`` percent like the query has at
    least ``minimum`` percent of the query's tokens; a unit containing the query has
    all of them. Each of those is a substring of the folded text, which a substring
    test finds far faster than a tokeniser.
    """
    required = -(-len(needle) * minimum // 100)  # ceil, in integers
    counts = Counter(needle)

    def candidate(text: str) -> list[str]:
        folded = _fold(text)
        if required and sum(n for token, n in counts.items() if token in folded) < required:
            return []
        return _ENGLISH_TOKEN.findall(folded)

    return candidate


def match_percent(query: Sequence[str], text: Sequence[str]) -> int:
    """Whole-segment similarity as a CAT tool shows it: 100 × (1 − edits / length of
    the longer), rounded down so that only an identical segment shows 100. Exact
    integer arithmetic, so that a cut-off at N% keeps what is shown as N%."""
    longer = max(len(query), len(text))
    if not longer:
        return 100
    return 100 * (longer - Levenshtein.distance(query, text)) // longer


def _contains(text: Sequence[str], query: Sequence[str], language: Language) -> bool:
    if language == "zh":
        return query in text
    # Whole words only: "law" is not in "lawyers".
    return f" {' '.join(query)} " in f" {' '.join(text)} "


def _shown(text: str) -> str:
    """A hit's text as far as it was searched."""
    return text if len(text) <= SEARCHED else text[:SEARCHED] + "…"


@dataclass(frozen=True)
class MemoryQuery:
    """A query checked and normalised, with how its side of each unit is normalised
    to compare with it."""

    text: str
    language: Language
    needle: Sequence[str]
    normalise: Callable[[str], Sequence[str]]
    minimum: int
    limit: int


@dataclass(frozen=True)
class Match:
    """A unit kept by a search, before its texts and document are fetched."""

    unit_id: int
    percent: int
    contains_query: bool


def prepare_query(query: str, minimum: int = 70, limit: int = 20) -> MemoryQuery:
    """``query`` ready to look for: the ``limit`` best units matching it by at least
    ``minimum`` percent, or containing it. ValueError for a query with nothing to
    search for or bounds out of range."""
    if not 0 <= minimum <= 100:
        raise ValueError(f"the minimum match must be between 0 and 100, not {minimum}")
    if limit < 1:
        raise ValueError(f"the limit must be at least 1, not {limit}")
    language = query_language(query)
    needle: Sequence[str]
    if language == "zh":
        needle = normalise_chinese(query)
        normalise: Callable[[str], Sequence[str]] = normalise_chinese
    else:
        needle = english_tokens(query)
        normalise = _english_candidate(needle, minimum)
    if not needle:
        raise ValueError(f"nothing to search for in {query!r}")
    return MemoryQuery(query, language, needle, normalise, minimum, limit)


def best_matches(query: MemoryQuery, pages: Iterable[Sequence[CandidateText]]) -> list[Match]:
    """The ``query.limit`` best units of ``pages`` (the ``query.language`` side of
    every aligned unit, a page at a time), best first: those matching the query by at
    least ``query.minimum`` percent, and those containing it whatever their
    percentage.

    Only the ``limit`` best hits so far are kept, so memory use does not grow with
    the memory, nor with a query as common as "的". Within a page rapidfuzz scores
    every unit in C with a score cut-off, which lets it give up early on units too
    different (or too different in length) to reach ``minimum``. Ties are broken by
    the aligner's score, then by age.
    """
    needle, minimum, language = query.needle, query.minimum, query.language
    # rapidfuzz's float cut-off only preselects, and it drops units lying exactly on it
    # (0.8 - 1e-9 loses a 12-of-15 match): preselect a little below, let the exact
    # integer percentage decide.
    cutoff = max(0.0, minimum / 100 - 0.001)
    best: list[tuple[int, float, int, bool]] = []  # min-heap of (percent, score, -id, contains)
    for page in pages:
        texts = [query.normalise(candidate.text[:SEARCHED]) for candidate in page]
        found: dict[int, tuple[int, bool]] = {}
        for _, _, index in process.extract(
            needle, texts, scorer=Levenshtein.normalized_similarity, score_cutoff=cutoff, limit=None
        ):
            percent = match_percent(needle, texts[index])
            if percent >= minimum:
                found[index] = (percent, _contains(texts[index], needle, language))
        for index, text in enumerate(texts):
            if index not in found and len(text) > len(needle) and _contains(text, needle, language):
                # Only insertions turn the query into a text containing it.
                found[index] = (100 * len(needle) // len(text), True)
        for index, (percent, contains) in found.items():
            candidate = page[index]
            key = (percent, candidate.score, -candidate.unit_id, contains)
            if len(best) < query.limit:
                heapq.heappush(best, key)
            elif key > best[0]:
                heapq.heapreplace(best, key)
    return [
        Match(-negated_id, percent, contains)
        for percent, _, negated_id, contains in sorted(best, reverse=True)
    ]


def memory_hits(matches: Sequence[Match], units: Mapping[int, FoundUnit]) -> list[TMHit]:
    """The hits for ``matches``, in their order, with the ``units`` fetched for them;
    a unit missing there (deleted by a rebuild while the memory was searched) is
    left out."""
    hits = []
    for match in matches:
        unit = units.get(match.unit_id)
        if unit is None:
            continue
        hits.append(
            TMHit(
                percent=match.percent,
                zh=_shown(unit.zh_text),
                en=_shown(unit.en_text),
                document_id=unit.document_id,
                document_title=unit.document_title,
                unit_id=unit.id,
                alignment_score=unit.score,
                contains_query=match.contains_query,
            )
        )
    return hits
