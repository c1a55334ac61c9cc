"""How often each of many strings occurs in one text, in one pass over the text.

Ranking needs every candidate's frequency in the whole input. Asking ``str.count``
for each candidate scans the text once per candidate, and the number of candidates
grows with the text, so that costs candidates × characters: quadratic in the size
of a corpus. An Aho–Corasick automaton (pyahocorasick) finds all candidates in one
scan instead.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick


def count_all(strings: Iterable[str], text: str) -> dict[str, int]:
    """Each string's number of non-overlapping occurrences in ``text``, exactly as
    ``text.count(string)`` counts them (leftmost first, the next search starting
    where the last occurrence ended); empty strings are not counted."""
    automaton = ahocorasick.Automaton()
    counts: dict[str, int] = {}
    for string in strings:
        if string and string not in counts:
            automaton.add_word(string, string)
            counts[string] = 0
    if not counts:
        return counts
    automaton.make_automaton()
    free_from: dict[str, int] = {}  # where a string's next occurrence may start
    for end, string in automaton.iter(text):
        start = end - len(string) + 1
        if start >= free_from.get(string, 0):
            counts[string] += 1
            free_from[string] = end + 1
    return counts
