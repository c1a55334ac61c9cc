"""Closed classes of words that carry no evidence of what a text says: left out of a
term's words, of dictionary keys, of word links and of rendering edges.

They are data, not code: ``glossary/data/function_words.en.txt`` and
``function_words.zh.txt`` say where their words come from (the Snowball project's
English stop-word list; jieba's own dictionary for Chinese), one word a line; so
does ``english_closed_classes.txt``, the English classes that open a phrase or a
clause (determiners, subject and relative pronouns, subordinators), one class a
section.
"""

from __future__ import annotations

from importlib.resources import files


def _lines(name: str) -> list[str]:
    """The lines of a data file, comments and blank lines skipped."""
    text = (files("glossary") / "data" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    """The first field of each line of a data file."""
    return frozenset(line.split()[0] for line in _lines(name))


def _classes(name: str) -> dict[str, frozenset[tuple[str, ...]]]:
    """The classes of a data file: each "[name]" line opens one, whose entries are the
    lines after it, each a tuple of its words."""
    classes: dict[str, set[tuple[str, ...]]] = {}
    current: set[tuple[str, ...]] | None = None
    for line in _lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = classes.setdefault(line[1:-1], set())
        elif current is None:
            raise ValueError(f"{name}: an entry before the first [class] line: {line!r}")
        else:
            current.add(tuple(line.split()))
    return {name: frozenset(entries) for name, entries in classes.items()}


ENGLISH_FUNCTION_WORDS = _words("function_words.en.txt")
CHINESE_FUNCTION_WORDS = _words("function_words.zh.txt")
ENGLISH_CLOSED_CLASSES = _classes("english_closed_classes.txt")

# Punctuation a phrase never runs across: sentence and clause ends, brackets, quotation
# marks and dashes (a hyphen standing alone is half of an ASCII dash, "--").
CLAUSE_BREAKS = frozenset('.;:!?()[]“”"—–-')
