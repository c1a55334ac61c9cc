"""What a user typed to find a term: Chinese in either script, toneless pinyin (with
or without spaces, or initials), or English.

One decision for every place that searches terms (``glossary terms --search``,
``glossary show`` and ``edit``, the review app's search box), so that they all find
the same terms for the same text.
"""

from __future__ import annotations

from glossary.pinyin import normalise_pinyin_query
from glossary.script import to_simplified
from glossary.tm_search import query_language
from records import TermSearch


def read_term_query(text: str, min_english: int = 1) -> TermSearch:
    """Chinese is looked up in both scripts; anything else as pinyin and as English.
    ``min_english`` letters before English is searched at all: search-as-you-type
    asks for two, because one letter is in most renderings and only slows the first
    keystroke down (pinyin initials still answer it)."""
    text = text.strip()
    if not text:
        return TermSearch()
    if query_language(text) == "zh":  # as typed, and its simplified form
        return TermSearch(chinese=tuple(dict.fromkeys([text, to_simplified(text)])))
    return TermSearch(
        pinyin=normalise_pinyin_query(text) or None,
        english=text if len(text) >= min_english else None,
    )
