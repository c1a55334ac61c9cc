"""Terms whose own structure is a clause, and where a text quotes one.

Most terms are noun phrases and are rendered by English noun phrases. An idiom, a
quoted slogan or a term that begins with a verb (十年磨一剑, 集中力量办大事) says
something, and translations render it as a verb phrase or an infinitive ("spend ten
years to forge one sword"); translators also render such terms more freely, word for
word less often. ``glossary.renderings`` weighs spans for these terms accordingly.
"""

from __future__ import annotations

from collections.abc import Collection

from glossary.extraction.candidates import tokens
from glossary.extraction.reference import dictionary_senses

# Kinds term extraction gives a candidate (glossary.extraction) that mark a clause:
# an expression its author quotes, an idiom the dictionary lists, or a slogan of two
# verb–object pairs (extraction marks it "slogan").
CLAUSE_KINDS = frozenset({"quoted", "idiom", "slogan"})
_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"), ('"', '"'))


def clause_shaped(term: str, kinds: Collection[str] = ()) -> bool:
    """Whether a term is a clause rather than a noun phrase: extraction found it quoted
    or as an idiom, CC-CEDICT marks it "(idiom)", or its first word is a verb (jieba's
    tag, CC-CEDICT's "to …" sense having the last word; see ``Token.is_verb``)."""
    if CLAUSE_KINDS.intersection(kinds):
        return True
    if any("(idiom)" in sense for sense in dictionary_senses(term) or ()):
        return True
    words = tokens(term)
    return bool(words) and words[0].is_verb


def quoted_in(term: str, chinese: str) -> bool:
    """Whether ``chinese`` puts the term, and nothing else, in quotation marks: the
    author marks it as one expression, and a translator who keeps the marks marks
    its rendering."""
    return any(f"{opening}{term}{closing}" in chinese for opening, closing in _QUOTES)
