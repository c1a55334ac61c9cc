"""Reading terms: the review app's paged list and term view, and the command line's
``terms`` and ``show``. Each service opens a reading session of its own, so that a
worker thread of the review app can run it while another runs the next; what the
database says goes wrong comes out as a TermbaseError (``services.errors``).

What an editor types to find a term is read one way everywhere
(``glossary.term_queries``): the searches here and the decisions of
``services.review`` find the same terms for the same text.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from glossary.term_queries import read_term_query
from records import DocumentInfo, TermQuery, TermRow, TermView
from services.store import reading
from termbase import browse, terms
from termbase.db import Termbase


def term_page(
    termbase: Termbase, query: TermQuery, offset: int = 0, limit: int = 100
) -> list[TermRow]:
    """Rows ``offset`` to ``offset + limit`` of the list ``query`` describes
    (``termbase.browse``)."""
    with reading(termbase) as session:
        return browse.term_page(session, query, offset, limit)


def count_terms(termbase: Termbase, query: TermQuery) -> int:
    """How many terms the list ``query`` describes holds."""
    with reading(termbase) as session:
        return browse.count_terms(session, query)


def warm_up(termbase: Termbase) -> None:
    """Read through what every search reads, so that the first keystrokes do not wait
    for the disk (``termbase.browse.warm_up``)."""
    with reading(termbase) as session:
        browse.warm_up(session)


def documents(termbase: Termbase) -> list[DocumentInfo]:
    """Every document, for the document filter and the columns of the term view."""
    with reading(termbase) as session:
        return browse.documents(session)


def term_view(termbase: Termbase, term_id: int, contexts: int = 3) -> TermView | None:
    """One term with its renderings and ``contexts`` sentence pairs per rendering;
    None when there is no such term (merged or deleted)."""
    with reading(termbase) as session:
        return terms.term_view(session, term_id, contexts=contexts)


def _matching_ids(session: Session, text: str, limit: int) -> list[int]:
    """Terms for what a user typed: Chinese in either script, toneless pinyin (with or
    without spaces, or initials), or an English rendering; exact matches first."""
    wanted = read_term_query(text)
    return terms.find_term_ids(
        session,
        simplified=list(wanted.chinese),
        pinyin=wanted.pinyin,
        english=wanted.english,
        limit=limit,
    )


def find_terms(
    termbase: Termbase, search: str | None = None, status: str | None = None, limit: int = 50
) -> list[TermView]:
    """At most ``limit`` terms, best first, of ``status`` (any when None): those
    ``search`` finds (as ``find_term``), or else all of them by rank."""
    with reading(termbase) as session:
        if search:
            ids = _matching_ids(session, search, limit)
        else:
            ids = [t.id for t in terms.list_terms(session, status=status, limit=limit)]
        views = terms.term_views(session, ids)
    if search and status:  # list_terms has already filtered by status
        views = [v for v in views if v.status == status]
    return views


def find_term(termbase: Termbase, text: str, contexts: int = 3) -> TermView | None:
    """The term that best matches what a user typed, with ``contexts`` sentence pairs
    per rendering; None when nothing matches."""
    with reading(termbase) as session:
        ids = _matching_ids(session, text, limit=1)
        return terms.term_view(session, ids[0], contexts=contexts) if ids else None


def resolve_id(session: Session, text: str) -> int:
    """The one term a decision is about, found as ``find_term`` finds it, in the
    session of the decision (``services.review``): no match, or several equally good
    ones, is an error naming them (``termbase.terms.resolve_term``)."""
    wanted = read_term_query(text)
    return terms.resolve_term(
        session,
        text,
        simplified=list(wanted.chinese),
        pinyin=wanted.pinyin,
        english=wanted.english,
    )
