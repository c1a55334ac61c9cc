"""``glossary tm search``: looking a sentence or phrase up in the translation memory,
as a CAT tool's memory lookup and concordance would (``glossary.tm_search``)."""

from __future__ import annotations

from glossary.tm_search import TMHit, best_matches, memory_hits, prepare_query
from services.store import reading
from termbase import Termbase
from termbase.memory import found_units, iter_unit_texts


def search_memory(
    termbase: Termbase, query: str, minimum: int = 70, limit: int = 20, batch_size: int = 2000
) -> list[TMHit]:
    """The ``limit`` best units for ``query``, best first: those matching it by at
    least ``minimum`` percent, and those containing it whatever their percentage.
    The memory is read ``batch_size`` units at a time, so a search holds one page of
    it however large it is."""
    prepared = prepare_query(query, minimum, limit)
    with reading(termbase) as session:
        pages = iter_unit_texts(session, prepared.language, batch_size)
        matches = best_matches(prepared, pages)
        units = found_units(session, [match.unit_id for match in matches])
    return memory_hits(matches, units)
