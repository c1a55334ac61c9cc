"""``glossary stats``: what the termbase holds, counted."""

from __future__ import annotations

from services.store import reading
from termbase import Termbase
from termbase.store import stats


def termbase_stats(termbase: Termbase) -> dict:
    """Documents, paragraphs and sentences per language, translation units, terms and
    renderings, per document and in total (``termbase.store.stats``)."""
    with reading(termbase) as session:
        return stats(session)
