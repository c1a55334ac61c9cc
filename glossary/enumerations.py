"""Numerical abbreviations and the English lists that spell them out.

Chinese political writing names a set of policies by counting them: 四风 (the "four
styles"), 四个意识, 五位一体, 三农. Linguists call these numerical abbreviations
(数字缩略语: Lü Shuxiang, 《现代汉语八百词》; Yu Genyuan, 《当代汉语新词词典》). A
translation either keeps the count as a label ("the eight-point decision") or spells
the set out as a list of as many items as the numeral says: 四风 "formalism,
bureaucratism, hedonism, and extravagance", 三农 "agriculture, rural areas, and
farmers". The word aligner links such a term to one or two of the items at best, since
no item recurs beside it; the count says that the whole list renders it.

A numeral names the items of the whole term (四风: four) or, where counts alternate
(三去一降一补, 两免一补), perhaps their sum; both are tried. Lists of three or more
are read: two items joined by "and" leave the first one's start to guesswork.

Lists also tie a term to its English by position: a translator keeps the order of a
list, so a term that is the third of five items set off by 、 is rendered by the
third item of an English list of five (去产能、去库存、去杠杆、降成本、补短板 and
"cutting overcapacity, reducing excess inventory, deleveraging, lowering costs, and
strengthening areas of weakness"), where the term's links reach that item
(``item_position``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from glossary.extraction.candidates import ENUMERATION_COMMA
from glossary.numbers import (
    CHINESE_NUMERAL,
    MEASURING_UNITS,
    chinese_numeral_value,
    english_cardinal,
)
from glossary.parts_of_speech import COORDINATORS
from glossary.word_alignment import Token
from glossary.word_classes import CLAUSE_BREAKS, ENGLISH_FUNCTION_WORDS

MIN_ITEMS = 3  # fewer items are joined by "and" alone, with no comma to mark the first
MAX_ITEM_WORDS = 6  # a longer stretch between commas is a clause, not a list item
_NUMERALS = "一二两三四五六七八九双"  # 双 "pair" counts two, as in 双创
_OPENING, _CLOSING = frozenset("(["), frozenset(")]")


def counted_items(term: str) -> frozenset[int]:
    """How many items a numerical abbreviation (a term opening with a numeral) may
    name: its first numeral, and the sum of its numerals where there are several
    (三去一降一补: 3 or 5); a count of one names no set."""
    if (
        not term[:1]
        or term[0] not in _NUMERALS
        or term[1:].startswith(MEASURING_UNITS)
        or CHINESE_NUMERAL.match(term[1:])
    ):
        # a count inside a name (全面两孩政策) abbreviates nothing; 五年 measures time;
        # a number of several characters (二十大, 十三五) names an ordinal, not a set
        return frozenset()
    values = [_value(char) for char in term if char in _NUMERALS]
    return frozenset(n for n in {values[0], sum(values)} if n > 1)


def _value(numeral: str) -> int:
    return 2 if numeral == "双" else chinese_numeral_value(numeral) or 0


def labels(english: Sequence[Token], counts: frozenset[int]) -> list[list[int]]:
    """The English names that keep the count: a cardinal of one of ``counts`` and the
    words after it up to a function word or a break ("five priority tasks", "the two
    centenary goals", "the Four-Pronged Comprehensive Strategy")."""
    found = []
    words = [token.text for token in english]
    for k, word in enumerate(words):
        if english_cardinal(word) not in counts:
            continue
        label = [k]
        for j in range(k + 1, min(len(words), k + 1 + MAX_ITEM_WORDS)):
            if not words[j][:1].isalnum() or words[j].lower() in ENGLISH_FUNCTION_WORDS:
                break
            label.append(j)
        if len(label) > 1 or "-" in word:
            found.append(label)
    return found


def enumerations(english: Sequence[Token], counts: frozenset[int]) -> list[list[list[int]]]:
    """The English lists of ``counts`` items ("A, B, C(,) and D"): for each, the
    indices of the words of each of its items. The first item is what follows the last
    function word before its comma, no longer than the shortest other item (so
    "address formalism" gives "formalism"); the last runs to the next comma, clause
    break or conjunction. A list in brackets is a translator's note explaining the
    term, not its rendering (四个全面 "the Four-Pronged Comprehensive Strategy (Note:
    This refers to …, …, …, and …)"), and is left out."""
    counts = frozenset(n for n in counts if n >= MIN_ITEMS)
    if not counts:
        return []
    words = [token.text for token in english]
    noted = _in_brackets(words)
    commas = [k for k, word in enumerate(words) if word == "," and not noted[k]]
    found = []
    for at in range(len(commas)):
        for n in sorted(counts):
            items = _list_items(words, commas[at:], n)
            if items and not any(noted[k] for item in items for k in item):
                found.append(items)
    return found


def _in_brackets(words: Sequence[str]) -> list[bool]:
    """Whether each word stands inside round or square brackets."""
    depth, inside = 0, []
    for word in words:
        depth = max(0, depth + (word in _OPENING) - (word in _CLOSING))
        inside.append(depth > 0)
    return inside


def _list_items(words: Sequence[str], commas: Sequence[int], n: int) -> list[list[int]] | None:
    """The ``n`` items of a list whose first comma is ``commas[0]``, or None. The last
    item follows "and" or "or", after a comma (A, B, and C) or not (A, B and C)."""
    if len(commas) < n - 2:
        return None
    middles = []
    for left, right in itertools.pairwise(commas[: n - 2]):
        middle = list(range(left + 1, right))
        if not _item(words, middle):
            return None
        middles.append(middle)
    rest = _run(words, commas[n - 3] + 1)  # after the last middle item's comma
    if rest and words[rest[0]].lower() in COORDINATORS:
        return None
    joined = [k for k in rest if words[k].lower() in COORDINATORS]
    if joined:  # A, B and C
        middles.append(rest[: rest.index(joined[0])])
        last = rest[rest.index(joined[0]) + 1 : rest.index(joined[1]) if len(joined) > 1 else None]
    else:  # A, B, and C
        middles.append(rest)
        after = rest[-1] + 2 if rest else len(words)
        if (
            after >= len(words)
            or words[after - 1] != ","
            or words[after].lower() not in COORDINATORS
        ):
            return None
        last = _run(words, after + 1, last=True)
    if not all(_item(words, m) for m in middles) or not last:
        return None
    lengths = [len(m) for m in middles]
    if len(last) > max(lengths) + 1:
        return None
    first = _first_item(words, commas[0], min([*lengths, len(last)]))
    if not first or (first[0] > 0 and words[first[0] - 1] == ","):
        return None  # no item, or the tail of a longer list
    return [first, *middles, last]


def _item(words: Sequence[str], indices: Sequence[int]) -> bool:
    """A stretch that can be a list item: a few words, no conjunction opening it."""
    return 0 < len(indices) <= MAX_ITEM_WORDS and words[indices[0]].lower() not in COORDINATORS


def _run(words: Sequence[str], start: int, *, last: bool = False) -> list[int]:
    """The words from ``start`` to the next comma or clause break, and for the
    ``last`` item of a list, to the next conjunction ("… and ecological progress and
    coordinated implementation …")."""
    run = []
    for k in range(start, len(words)):
        if _ends_item(words[k]) or (last and words[k].lower() in COORDINATORS):
            break
        run.append(k)
    return run


def _first_item(words: Sequence[str], comma: int, longest: int) -> list[int]:
    """The words before ``comma`` after the last function word or break, at most
    ``longest`` of them."""
    item: list[int] = []
    k = comma - 1
    while k >= 0 and len(item) < longest:
        word = words[k]
        if _ends_item(word) or word.lower() in ENGLISH_FUNCTION_WORDS:
            break
        item.insert(0, k)
        k -= 1
    return item


def _ends_item(word: str) -> bool:
    """A comma or a clause break (a dash among them) ends a list item."""
    return word == "," or word in CLAUSE_BREAKS


# Punctuation that ends a Chinese clause, and so a list set off by 、 within it.
_CHINESE_CLAUSE_BREAKS = frozenset("，。；：！？,;:!?（）()“”‘’《》\n")


def item_position(chinese: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the term at [start, end) of ``chinese`` stands in a list set off by 、:
    (how many items, which one, from 0), if it is an item whole, or the end of the
    first item after the verb that governs the list (加强|定向调控、相机调控); else
    None."""
    left = start
    while left > 0 and chinese[left - 1] not in _CHINESE_CLAUSE_BREAKS:
        left -= 1
    right = end
    while right < len(chinese) and chinese[right] not in _CHINESE_CLAUSE_BREAKS:
        right += 1
    items = chinese[left:right].split(ENUMERATION_COMMA)
    if len(items) < MIN_ITEMS:
        return None
    item_start = left
    for index, item in enumerate(items):
        item_end = item_start + len(item)
        if item_end == end and (start == item_start or (index == 0 and start > item_start)):
            return len(items), index
        item_start = item_end + 1
    return None
