"""Paged term queries for the review app: one screenful of rows at a time, filtered,
sorted and searched in the database, so that a termbase of 100,000 terms is never
loaded whole.

Searching matches what ``find_term_ids`` matches (a Chinese form in either script, the
toneless pinyin run together or its initials, an English rendering; exact matches
first) with two differences made for search-as-you-type: pinyin and initials match
as prefixes (``search_keys`` in ``glossary.pinyin`` defines them so), and every
condition is written so that SQLite answers it in tens of milliseconds at 100,000
terms: index ranges before the string functions, and a case-insensitive ``LIKE``
instead of ``lower()`` on every rendering.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    UnaryExpression,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from records import DocumentInfo, RenderingStatus, SortKey, TermQuery, TermRow, TermSearch
from termbase.models import RANK_ORDER, Attestation, Document, Rendering, Term
from termbase.variants import group_variants

# Renderings still in the running: the ones an editor has to choose between.
COMPETING = (
    RenderingStatus.CANDIDATE.value,
    RenderingStatus.PREFERRED.value,
    RenderingStatus.ADMITTED.value,
)

# An English query this long or longer also puts the terms it renders exactly first.
# Shorter ones match a quarter of all terms, and checking each of those costs more
# than the search (10–20 ms at 100,000 terms) for a ranking that only a rendering of
# one to three letters equal to what has been typed so far would change.
EXACT_ENGLISH_FROM = 4


def _next_prefix(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix``,
    so that ``prefix <= x < _next_prefix(prefix)`` is an index range."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _contains(column: SQLColumnExpression[str], text: str, dialect: str) -> ColumnElement[bool]:
    """Case-insensitive substring match. SQLite's LIKE already ignores ASCII case (its
    ``lower()`` folds nothing more), and ``lower()`` on every row triples the cost."""
    if dialect == "sqlite":
        return column.contains(text, autoescape=True)
    return column.icontains(text, autoescape=True)


def _same(column: SQLColumnExpression[str], text: str, dialect: str) -> ColumnElement[bool]:
    if dialect == "sqlite":
        return column.like(
            text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"), escape="\\"
        )
    return func.lower(column) == text.lower()


def compact_pinyin() -> ColumnElement[str]:
    """The toneless pinyin run together: "keji qiangguo" → "kejiqiangguo"."""
    return func.replace(Term.pinyin_toneless, " ", "")


def _search_conditions(
    search: TermSearch, dialect: str
) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """(matches, exact match) for a search."""
    matches: list[ColumnElement[bool]] = []
    exact: list[ColumnElement[bool]] = []
    for text in search.chinese:
        matches += [
            Term.simplified.contains(text, autoescape=True),
            Term.traditional.contains(text, autoescape=True),
        ]
        exact += [Term.simplified == text, Term.traditional == text]
    if search.pinyin:
        pinyin = search.pinyin
        first = pinyin[0]
        # The index range on the first letter leaves replace() a twentieth of the rows.
        first_letter = and_(
            Term.pinyin_toneless >= first, Term.pinyin_toneless < _next_prefix(first)
        )
        matches += [
            and_(first_letter, compact_pinyin().startswith(pinyin, autoescape=True)),
            and_(Term.pinyin_initials >= pinyin, Term.pinyin_initials < _next_prefix(pinyin)),
        ]
        exact += [
            Term.pinyin_initials == pinyin,
            and_(first_letter, compact_pinyin() == pinyin),
        ]
    if search.english:
        matches.append(
            Term.id.in_(
                select(Rendering.term_id).where(_contains(Rendering.text, search.english, dialect))
            )
        )
        if len(search.english) >= EXACT_ENGLISH_FROM:
            # correlated, so that it runs on the matching terms only (through the
            # (term_id, text) index) instead of scanning every rendering a second time
            exact.append(
                exists(
                    select(Rendering.id).where(
                        Rendering.term_id == Term.id, _same(Rendering.text, search.english, dialect)
                    )
                )
            )
    return or_(false(), *matches), or_(false(), *exact)


def _competing_count() -> ColumnElement[int]:
    return (
        select(func.count())
        .where(Rendering.term_id == Term.id, Rendering.status.in_(COMPETING))
        .correlate(Term)
        .scalar_subquery()
    )


def _ordered(statement: Select, query: TermQuery, exact: ColumnElement[bool] | None) -> Select:
    """ORDER BY for a sort key; every order ends in a unique key so that pages never
    overlap or skip a row. Terms without a rank (or frequency) come last either way."""

    def direction(column: SQLColumnExpression[Any]) -> UnaryExpression[Any]:
        return column.desc() if query.descending else column.asc()

    by_rank = RANK_ORDER
    keys: list[SQLColumnExpression[Any]]
    if query.sort is SortKey.RANK:
        keys = [case((exact, 0), else_=1)] if exact is not None else []
        keys += [direction(Term.rank).nulls_last(), direction(Term.simplified)]
    elif query.sort is SortKey.TERM:
        keys = [direction(Term.simplified)]
    elif query.sort is SortKey.PINYIN:
        keys = [
            direction(Term.pinyin_toneless).nulls_last(),
            direction(Term.pinyin_numbers),
            Term.simplified,
        ]
    elif query.sort is SortKey.STATUS:
        keys = [direction(Term.status), *by_rank]
    elif query.sort is SortKey.FREQUENCY:
        keys = [direction(Term.frequency), *by_rank]
    else:  # RENDERINGS: costs a count per term (0.2–0.8 s at 100,000 terms)
        keys = [direction(_competing_count()), *by_rank]
    return statement.order_by(*keys, Term.id)


def _filtered(
    statement: Select, query: TermQuery, dialect: str
) -> tuple[Select, ColumnElement[bool] | None]:
    exact = None
    if query.search:
        matches, exact = _search_conditions(query.search, dialect)
        statement = statement.where(matches)
    if query.status:
        statement = statement.where(Term.status == query.status)
    if query.document:
        statement = statement.where(
            Term.id.in_(
                select(Attestation.term_id).where(Attestation.document_id == query.document)
            )
        )
    return statement, exact


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def term_page(
    session: Session, query: TermQuery, offset: int = 0, limit: int = 100
) -> list[TermRow]:
    """Rows ``offset`` to ``offset + limit`` of the list ``query`` describes."""
    statement, exact = _filtered(
        select(
            Term.id,
            Term.simplified,
            Term.pinyin_marks,
            Term.status,
            Term.frequency,
            Term.rank,
            Term.version,
        ),
        query,
        _dialect(session),
    )
    rows = session.execute(_ordered(statement, query, exact).offset(offset).limit(limit)).all()
    summaries = _rendering_summaries(session, [row.id for row in rows])
    return [
        TermRow(
            id=row.id,
            simplified=row.simplified,
            pinyin=row.pinyin_marks,
            rendering=summaries[row.id][0],
            decided=summaries[row.id][1],
            competing=summaries[row.id][2],
            status=row.status,
            frequency=row.frequency,
            rank=None if row.rank is None else int(row.rank),
            version=row.version,
        )
        for row in rows
    ]


def count_terms(session: Session, query: TermQuery) -> int:
    """How many terms the list ``query`` describes holds (sorting aside)."""
    statement, _exact = _filtered(select(func.count()).select_from(Term), query, _dialect(session))
    return session.scalar(statement) or 0


def warm_up(session: Session) -> None:
    """Read through everything a search reads whatever is typed: the two pinyin key
    indexes (a search reads one letter's range of each), the terms (scanned for
    Chinese, looked up for pinyin matches) and the index of the renderings' texts
    (scanned for English). The review app runs it in a worker once its first page is
    on screen, because otherwise the first keystrokes after the termbase has sat
    unread wait for the disk: at 100,000 terms, with the file out of the operating
    system's cache, "k" took 120 ms and "ke" 250 ms instead of 10 and 35; reading it
    all through here takes about 0.4 s (0.1 s when cached)."""
    for key in (Term.pinyin_toneless, Term.pinyin_initials):
        session.scalar(select(func.count()).select_from(Term).where(key >= ""))
    # a text no term holds: only the scans are wanted, not what they find
    count_terms(session, TermQuery(search=TermSearch(chinese=("\n",), english="\n")))


def _grouped(renderings: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """(text, status, count) of each rendering with its variants (``termbase.variants``)
    as one: the head's text and status, the count of all of them; so that the list
    counts the competitors the term view shows."""
    return [
        (group[0][0], group[0][1], sum(count for _, _, count in group))
        for group in group_variants(renderings, itemgetter(0), itemgetter(1), itemgetter(2))
    ]


def _rendering_summaries(
    session: Session, term_ids: Sequence[int]
) -> dict[int, tuple[str | None, bool, int]]:
    """Per term of a page: (the rendering to show, whether it is the preferred one, how
    many renderings compete), from one query over the page's renderings."""
    found: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    if term_ids:
        attested = func.coalesce(func.sum(Attestation.count), literal(0))
        rows = session.execute(
            select(Rendering.term_id, Rendering.text, Rendering.status, attested)
            .outerjoin(Attestation, Attestation.rendering_id == Rendering.id)
            .where(Rendering.term_id.in_(term_ids))
            .group_by(Rendering.id, Rendering.term_id, Rendering.text, Rendering.status)
        )
        for term_id, text, status, count in rows:
            found[term_id].append((text, status, count))
    summaries: dict[int, tuple[str | None, bool, int]] = {}
    for term_id in term_ids:
        renderings = _grouped(found.get(term_id, []))
        preferred = [
            text for text, status, _ in renderings if status == RenderingStatus.PREFERRED.value
        ]
        competing = [(-count, text) for text, status, count in renderings if status in COMPETING]
        if preferred:
            summaries[term_id] = (min(preferred), True, len(competing))
        else:
            summaries[term_id] = (min(competing)[1] if competing else None, False, len(competing))
    return summaries


def documents(session: Session) -> list[DocumentInfo]:
    """Every document, for the document filter and the columns of the term view."""
    return [
        DocumentInfo(id=row.id, title=row.title, role=row.role, official=bool(row.official))
        for row in session.execute(
            select(Document.id, Document.title, Document.role, Document.official).order_by(
                Document.id
            )
        )
    ]
