"""Closed classes of words that carry no evidence of what a text says: left out of a
term's words, of dictionary keys, of word links and of rendering edges.

They are data, not code: ``glossary/data/function_words.en.txt`` and
``function_words.zh.txt`` say where their words come from (the Snowball project's
English stop-word list; jieba's own dictionary for Chinese), one word a line.
"""

from __future__ import annotations

from importlib.resources import files


def _words(name: str) -> frozenset[str]:
    """The first field of each line of a data file, comments and blank lines skipped."""
    text = (files("glossary") / "data" / name).read_text(encoding="utf-8")
    return frozenset(
        line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


ENGLISH_FUNCTION_WORDS = _words("function_words.en.txt")
CHINESE_FUNCTION_WORDS = _words("function_words.zh.txt")

# Punctuation a phrase never runs across: sentence and clause ends, brackets, quotation
# marks and dashes (a hyphen standing alone is half of an ASCII dash, "--").
CLAUSE_BREAKS = frozenset('.;:!?()[]“”"—–-')
