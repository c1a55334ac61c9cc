"""What the term list searches for when an editor types.

The same decision as ``glossary terms --search`` (``search_ids`` in
``glossary.cli.terms_command``): Chinese is looked up in both scripts; anything else
as toneless pinyin and as English. One difference for search-as-you-type: English is
looked for from two letters on, because a single letter is in two thirds of all
renderings and only slows the first keystroke down; the pinyin initials still answer it.
"""

from __future__ import annotations

from glossary.pinyin import normalise_pinyin_query
from glossary.script import to_simplified
from glossary.tm_search import query_language
from termbase.browse import TermSearch

MIN_ENGLISH = 2


def term_search(query: str) -> TermSearch:
    query = query.strip()
    if not query:
        return TermSearch()
    if query_language(query) == "zh":
        return TermSearch(chinese=tuple(dict.fromkeys([query, to_simplified(query)])))
    return TermSearch(
        pinyin=normalise_pinyin_query(query) or None,
        english=query if len(query) >= MIN_ENGLISH else None,
    )
