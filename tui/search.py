"""What the term list searches for when an editor types: the decision every term
search shares (``glossary.term_queries``), with English looked for from two letters
on, for search-as-you-type."""

from __future__ import annotations

from glossary.term_queries import read_term_query
from records import TermSearch

MIN_ENGLISH = 2


def term_search(query: str) -> TermSearch:
    return read_term_query(query, min_english=MIN_ENGLISH)
