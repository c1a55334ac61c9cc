"""Renderings that are one rendering written differently.

Translations write the same English in several ways: "Scientific and Technological
Power" in a title, "scientific and technological power" in a sentence, "a country
strong in science and technology" after a verb, "science and technology powers" in
the plural. Shown apart they look like competitors, and an editor would have to
decide each of them; they are one rendering with its variants. Every reader of
renderings (``termbase.terms.term_view`` for ``glossary show``, ``terms`` and the
review app, ``termbase.browse`` for the review app's list, ``termbase.exchange``
for exports) groups them here, so that all of them agree.

The grouping is only a way of reading: the termbase keeps each written form as its
own row, with its own evidence, so that an editor's decision names the exact form
that goes into a CAT tool, and nothing is lost if the rules here change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from records import RENDERING_ORDER, RenderingStatus

T = TypeVar("T")

ARTICLES = frozenset({"a", "an", "the"})
_CANDIDATE = RenderingStatus.CANDIDATE.value


def _singular(word: str) -> str:
    """The singular of an English plural by the regular rules, the word itself
    otherwise. Both forms of a pair come out alike ("powers" and "power" → "power",
    "strategies" → "strategy", "approaches" → "approach"); words whose singular ends
    in s ("process", "status", "analysis") are left alone."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)  # an import asks of each stored rendering, then of the file's
def variant_key(text: str) -> str:
    """What the variants of a rendering share: its words in lower case, without a
    leading article, with the last word in the singular."""
    words = text.casefold().split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    if words:
        words[-1] = _singular(words[-1])
    return " ".join(words)


def _head_order(text: str, count: int) -> tuple[int, int, int, str]:
    """The most frequent form first; between equals the one with fewer capitals (a
    heading's Title Case loses to the sentence's form), then the shorter one."""
    return (-count, sum(ch.isupper() for ch in text), len(text), text)


def group_variants(
    items: Iterable[T],
    text: Callable[[T], str],
    status: Callable[[T], str],
    count: Callable[[T], int],
) -> list[list[T]]:
    """The renderings of one term in groups, each group's head first, then its
    variants, most frequent first.

    Undecided forms that share a ``variant_key`` are one group, headed by the most
    frequent. A form an editor decided is the head of its group and takes in the
    undecided variants (the decision about "country strong in science and technology"
    holds for "Country Strong in Science and Technology"); where an editor decided
    two forms of one key differently ("Belt and Road" preferred, "belt and road"
    deprecated), each stays apart, because that difference was the decision, and the
    undecided ones join the best-ranked decision."""
    by_key: dict[str, list[T]] = defaultdict(list)
    for item in items:
        by_key[variant_key(text(item))].append(item)
    groups: list[list[T]] = []
    for members in by_key.values():
        if len(members) == 1:  # most renderings have no variant: no order to decide
            groups.append(members)
            continue
        undecided = sorted(
            (m for m in members if status(m) == _CANDIDATE),
            key=lambda m: _head_order(text(m), count(m)),
        )
        decided = sorted(
            (m for m in members if status(m) != _CANDIDATE),
            key=lambda m: (RENDERING_ORDER[status(m)], *_head_order(text(m), count(m))),
        )
        if not decided:
            groups.append(undecided)
            continue
        groups.append([decided[0], *undecided])
        groups.extend([m] for m in decided[1:])
    return groups
