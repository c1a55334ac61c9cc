"""Reading the termbase out as interchange records, and merging records back in.

Exports and imports are exact inverses: records read out of a termbase that was
filled by merging records give the same records again. That is what lets an export
→ import → export round trip reproduce its file byte for byte, so every choice here
(order, which decision is "the" decision, where imported evidence lives) is made so
that it survives the trip.

Imported evidence belongs to documents that have no text in the termbase: a build
only replaces the evidence of documents it read, so imports outlive rebuilds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from hashlib import blake2b
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Dialect,
    Row,
    Select,
    Table,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler

from records import (
    RENDERING_ORDER,
    UNDECIDED,
    Decision,
    DocumentRole,
    RenderingRecord,
    RenderingStatus,
    TermRecord,
    TermStatus,
    UnitRecord,
    as_utc,
)
from termbase.memory import COMPLETE_UNIT
from termbase.models import (
    IMPORTED,
    Attestation,
    Base,
    Document,
    Rendering,
    ReviewLogEntry,
    Term,
    TranslationUnit,
    utc_now,
)
from termbase.variants import group_variants, variant_key

_APPROVED_RENDERINGS = (
    RenderingStatus.PREFERRED.value,
    RenderingStatus.ADMITTED.value,
    RenderingStatus.DEPRECATED.value,
)
BATCH = 2000  # rows per bulk INSERT, and per fetch of a streamed SELECT


# --- reading out -------------------------------------------------------------------


def count_units(session: Session, documents: Sequence[str] = ()) -> int:
    """How many units the memory holds (of ``documents``, if given): at most what a
    TMX export writes."""
    statement = select(func.count()).select_from(TranslationUnit)
    if documents:
        statement = statement.where(TranslationUnit.document_id.in_(documents))
    return session.scalar(statement) or 0


def count_exported_terms(session: Session, approved_only: bool = False) -> int:
    """How many terms there are (approved ones, if ``approved_only``): at most what a
    terms export writes."""
    statement = select(func.count()).select_from(Term)
    if approved_only:
        statement = statement.where(Term.status == TermStatus.APPROVED.value)
    return session.scalar(statement) or 0


def newest_unit_date(session: Session, documents: Sequence[str] = ()) -> datetime | None:
    """When the newest unit (of ``documents``, if given) was made, in UTC: the date a
    TMX export's header carries, so that exporting the same memory twice gives the
    same file."""
    statement = select(func.max(TranslationUnit.created_at))
    if documents:
        statement = statement.where(TranslationUnit.document_id.in_(documents))
    newest = session.scalar(statement)
    return as_utc(newest) if newest else None


def iter_unit_records(
    session: Session, documents: Sequence[str] = (), confident_only: bool = False
) -> Iterator[UnitRecord]:
    """The memory's complete units (both sides non-empty), document by document,
    fetched in batches so that a million units never sit in memory at once. A pair
    a document repeats (a greeting, a slogan) is given once, as an import keeps it."""
    statement = (
        select(
            TranslationUnit.zh_text,
            TranslationUnit.en_text,
            TranslationUnit.document_id,
            TranslationUnit.original_id,
            Document.outlet,
            TranslationUnit.score,
            TranslationUnit.method,
            TranslationUnit.created_at,
        )
        .join(Document, Document.id == TranslationUnit.document_id)
        .where(COMPLETE_UNIT)
        .order_by(TranslationUnit.document_id, TranslationUnit.id)
        .execution_options(yield_per=BATCH)
    )
    if documents:
        statement = statement.where(TranslationUnit.document_id.in_(documents))
    if confident_only:
        statement = statement.where(TranslationUnit.low_confidence.is_(False))
    seen: set[bytes] = set()
    for zh, en, document, original, outlet, score, method, created in session.execute(statement):
        key = _unit_key(document, zh, en)
        if key in seen:
            continue
        seen.add(key)
        yield UnitRecord(
            zh=zh,
            en=en,
            document=document,
            original=original,
            outlet=outlet,
            score=score,
            method=method,
            created=as_utc(created),
        )


def _last_decisions(session: Session, entity: str) -> dict[int, Decision]:
    """Per term or rendering id, the latest status change in the review log."""
    rows = session.execute(
        select(ReviewLogEntry.entity_id, ReviewLogEntry.editor, ReviewLogEntry.at)
        .where(ReviewLogEntry.entity == entity, ReviewLogEntry.field == "status")
        .order_by(ReviewLogEntry.at, ReviewLogEntry.id)
    )
    return {
        entity_id: Decision(editor, as_utc(at))
        for entity_id, editor, at in rows
        if entity_id is not None
    }


def _evidence(session: Session, documents: Sequence[str]) -> tuple[dict, dict]:
    """Per rendering id: occurrences per document, and the first context."""
    # keyed by rendering id, never None here (the statement keeps none)
    counts: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    contexts: dict[int | None, str] = {}
    statement = (
        select(
            Attestation.rendering_id,
            Attestation.document_id,
            Attestation.count,
            Attestation.context,
            TranslationUnit.en_text,
        )
        .outerjoin(TranslationUnit, TranslationUnit.id == Attestation.unit_id)
        .where(Attestation.rendering_id.is_not(None))
        .order_by(Attestation.document_id, Attestation.id)
    )
    if documents:
        statement = statement.where(Attestation.document_id.in_(documents))
    for rendering_id, document, count, context, unit_english in session.execute(statement):
        counts[rendering_id][document] += count
        text = unit_english or context
        if text and rendering_id not in contexts:
            contexts[rendering_id] = text
    return counts, contexts


def iter_term_records(
    session: Session, approved_only: bool = False, documents: Sequence[str] = ()
) -> Iterator[TermRecord]:
    """Terms in the order of their simplified form (an order an import can
    reproduce), each with its renderings: preferred, admitted, candidate, deprecated,
    rejected, alphabetically within each.

    ``approved_only`` keeps approved terms and their decided renderings (preferred,
    admitted, deprecated): what a CAT tool's termbase should hold. ``documents``
    keeps renderings attested in those documents, and their counts there. Variants
    of a rendering (case, article, number: ``termbase.variants``) are written as
    the one rendering ``glossary show`` and the review app show, with their counts."""
    counts, contexts = _evidence(session, documents)
    term_decisions = _last_decisions(session, "term")
    rendering_decisions = _last_decisions(session, "rendering")
    by_term: dict[int, list[Rendering]] = defaultdict(list)
    for rendering in session.scalars(select(Rendering)):
        by_term[rendering.term_id].append(rendering)
    statement = select(Term).order_by(Term.simplified)
    if approved_only:
        statement = statement.where(Term.status == TermStatus.APPROVED.value)
    for term in session.scalars(statement):
        groups = [
            group
            for group in group_variants(
                by_term.get(term.id, []),
                lambda r: r.text,
                lambda r: r.status,
                lambda r: sum(counts.get(r.id, {}).values()),
            )
            if (not approved_only or group[0].status in _APPROVED_RENDERINGS)
            and (not documents or any(r.id in counts for r in group))
        ]
        if documents and not groups:
            continue
        renderings = sorted(
            (_rendering_record(group, counts, contexts, rendering_decisions) for group in groups),
            key=lambda r: (RENDERING_ORDER[r.status], r.text.casefold(), r.text),
        )
        yield TermRecord(
            simplified=term.simplified,
            traditional=term.traditional,
            pinyin=term.pinyin_marks,
            status=term.status,
            subject_field=term.subject_field,
            definition=term.definition,
            note=term.note,
            decided=term_decisions.get(term.id),
            renderings=renderings,
        )


def _rendering_record(
    group: list[Rendering], counts: dict, contexts: dict, decisions: dict[int, Decision]
) -> RenderingRecord:
    """One rendering with its variants: the head's text, status, note and decision,
    the occurrences of all of them, and the head's context (a variant's if it has none)."""
    head = group[0]
    sources: dict[str, int] = defaultdict(int)
    for member in group:
        for document, count in counts.get(member.id, {}).items():
            sources[document] += count
    return RenderingRecord(
        text=head.text,
        status=head.status,
        note=head.note,
        context=next((contexts[r.id] for r in group if r.id in contexts), None),
        sources=dict(sorted(sources.items())),
        decided=decisions.get(head.id),
    )


# --- merging in ---------------------------------------------------------------------
#
# Terms are merged a batch of records at a time, with a few set-based statements per
# batch: the terms, renderings and evidence the batch names are read in one query
# each, what is new is inserted in bulk (``bulk_insert``: the driver's own parameters,
# many rows to a statement; the ORM flushed a row at a time, 2.4 ms a term), and
# nothing of an earlier batch is kept. So an import streams: its memory does not grow
# with the file, and a term met twice in a file is simply found the second time,
# since the earlier batch is already in the transaction.

TERM_BATCH = 500  # records per batch: a few IN (...) lists of this length
DeriveTermFields = Callable[[str, str | None], dict[str, str]]
_TERM_FIELDS = ("traditional", "subject_field", "definition", "note")
_term_fields_of = attrgetter(*_TERM_FIELDS)  # a record's values of them, in one call
_PINYIN_COLUMNS = ("pinyin_marks", "pinyin_numbers", "pinyin_toneless", "pinyin_initials")
# The status of a new term and rendering, read once (an enum member's value is looked
# up through a descriptor, on every row of an import)
_NEW_TERM_STATUS = TermStatus.CANDIDATE.value
_NEW_RENDERING_STATUS = RenderingStatus.CANDIDATE.value
# The columns a batch reads of the terms and renderings it names (those the rules
# compare: the fields of pinyin derived from the marks are only ever replaced), and
# those it writes of new ones, evidence and log entries (in its tuples' order).
_STORED_TERM_COLUMNS = ("id", "simplified", "status", *_TERM_FIELDS, "pinyin_marks")
_STORED_RENDERING_COLUMNS = ("id", "term_id", "text", "status", "note")
_NEW_TERM_COLUMNS = (
    "simplified",
    "status",
    "created_by",
    "modified_by",
    *_TERM_FIELDS,
    *_PINYIN_COLUMNS,
)
_NEW_RENDERING_COLUMNS = ("term_id", "text", "status", "note", "created_by", "modified_by")
_ATTESTATION_COLUMNS = ("term_id", "rendering_id", "document_id", "count", "context")
# a log entry's, then the ids of its row and term, known once they are written
_LOG_COLUMNS = ("editor", "action", "entity", "term", "field", "before", "after", "at")
_LOGGED_COLUMNS = (*_LOG_COLUMNS, "entity_id", "term_id")
# The tables a merge of terms adds rows to, and the one index among theirs that the
# merge's look-ups read by (``_STORED_EVIDENCE``, the stored evidence of a batch's
# terms): kept while an import loads (``_SetAsideIndexes``).
_MERGED_TABLES: tuple[type[Base], ...] = (Term, Rendering, Attestation, ReviewLogEntry)
_LOOKUP_INDEXES = frozenset({"ix_attestations_term_document"})
# Helper threads SQLite sorts with while it builds the indexes set aside again
REBUILD_THREADS = 2


def _one_of_keys(column: QueryableAttribute[Any]) -> ColumnElement[bool]:
    """``column`` IN the batch's keys, given when the statement runs (``_select``)."""
    return column.in_(bindparam("keys", expanding=True))


# What a batch reads, made once: made per batch, coercing its 500 keys into an IN
# list took half as long as running the query.
_STORED_TERMS = select(*(getattr(Term, name) for name in _STORED_TERM_COLUMNS)).where(
    _one_of_keys(Term.simplified)
)
_STORED_RENDERINGS = select(
    *(getattr(Rendering, name) for name in _STORED_RENDERING_COLUMNS)
).where(_one_of_keys(Rendering.term_id))
_STORED_EVIDENCE = (
    select(Attestation.term_id, Attestation.document_id, Rendering.text)
    .join(Rendering, Rendering.id == Attestation.rendering_id)
    .where(_one_of_keys(Attestation.term_id))
)
_TERM_IDS = select(Term.simplified, Term.id).where(_one_of_keys(Term.simplified))
_RENDERING_IDS = select(Rendering.term_id, Rendering.text, Rendering.id).where(
    _one_of_keys(Rendering.term_id)
)


@dataclass
class MergeCounts:
    """What an import changed, for the command line to report."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    renderings_created: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


def ensure_document(
    session: Session,
    document_id: str,
    language: str,
    role: DocumentRole,
    outlet: str | None = None,
    translation_of: str | None = None,
) -> None:
    """Create a text-less document for imported evidence unless one exists."""
    if session.get(Document, document_id) is not None:
        return
    if translation_of is not None:
        ensure_document(session, translation_of, "zh", DocumentRole.ORIGINAL)
    session.add(
        Document(
            id=document_id,
            language=language,
            role=role.value,
            outlet=outlet,
            translation_of=translation_of,
            content_hash=IMPORTED,
        )
    )
    session.flush()


def _table_of(model: type[Base]) -> Table:
    """The table a model maps to (SQLAlchemy declares it a FromClause: each of ours is
    a Table)."""
    return cast(Table, model.__table__)


@lru_cache(maxsize=64)
def _converter(table: Table, dialect: Dialect, name: str) -> Callable[[Any], Any] | None:
    """What the driver needs of a value for the column ``name`` (a datetime becomes a
    string on SQLite), remembering the last values converted; None if it takes
    values as they are. Made once per column, not once per batch."""
    processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
    return None if processor is None else lru_cache(maxsize=1024)(processor)


def _driver_rows(
    table: Table, dialect: Dialect, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> Sequence[tuple[Any, ...]]:
    """``rows`` as the driver takes them: the rows themselves, or, where a column's
    values need converting, its values converted a column at a time (each distinct
    value once) and the rows made again from the columns, in a few calls rather
    than by taking every row apart."""
    converters = [
        (index, convert)
        for index, name in enumerate(columns)
        if (convert := _converter(table, dialect, name)) is not None
    ]
    if not converters:
        return rows
    by_column = list(zip(*rows, strict=True))
    for index, convert in converters:
        by_column[index] = tuple(
            None if value is None else convert(value) for value in by_column[index]
        )
    return list(zip(*by_column, strict=True))


def _driver_constants(table: Table, dialect: Dialect, fixed: Mapping[str, Any]) -> tuple[Any, ...]:
    """The ``fixed`` values as the driver takes them, each converted once."""
    return tuple(
        value
        if value is None or (convert := _converter(table, dialect, name)) is None
        else convert(value)
        for name, value in fixed.items()
    )


def bulk_insert(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    fixed: Mapping[str, Any] | None = None,
) -> None:
    """INSERT ``rows`` (tuples of the values of ``columns``), each with the ``fixed``
    values as well, the driver's parameters made here; every column without a
    value in the database's own DEFAULT must be given.

    SQLAlchemy's executemany wants a dict a row and runs each row's Python-side
    defaults and bind processors: on the hundreds of thousands of rows of a large
    import that cost as much as SQLite's own work. Here a fixed value is processed
    once, another once per distinct value, and on SQLite the tuples go to the
    driver as they are, many rows to a statement, the fixed values bound once a
    statement (``_insert_rows``)."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    fixed = fixed or {}
    params = _driver_rows(table, dialect, columns, rows)
    constants = _driver_constants(table, dialect, fixed)
    names = (*columns, *fixed)
    if dialect.name == "sqlite":  # numbered parameters (?NNN) are SQLite's
        _insert_rows(connection, _InsertShape(table, dialect, names, len(fixed)), params, constants)
        return
    connection.exec_driver_sql(
        str(_insert_statement(table, dialect, names)),
        [dict(zip(names, (*row, *constants), strict=True)) for row in params],
    )


@lru_cache(maxsize=64)
def _insert_statement(table: Table, dialect: Dialect, names: tuple[str, ...]) -> SQLCompiler:
    """The INSERT of the columns ``names`` as the dialect writes it: made once per
    table and columns, not once per batch."""
    return cast(SQLCompiler, insert(table).compile(dialect=dialect, column_keys=list(names)))


# Rows one INSERT of SQLite's carries; 50 rows of our widest table's 18 columns stay
# under the oldest SQLite's limit of 999 parameters a statement.
ROWS_PER_INSERT = 50
_MOST_PARAMETERS = 999


@dataclass(frozen=True)
class _InsertShape:
    """An INSERT into ``table`` of the columns ``names``, the last ``fixed`` of them
    the same for every row (hashable: its statements are made once, ``_numbered_insert``)."""

    table: Table
    dialect: Dialect
    names: tuple[str, ...]
    fixed: int

    @property
    def rows_per_statement(self) -> int:
        width = len(self.names) - self.fixed
        return max(1, min(ROWS_PER_INSERT, (_MOST_PARAMETERS - self.fixed) // width))


@lru_cache(maxsize=64)
def _numbered_insert(shape: _InsertShape, rows: int) -> str:
    """The INSERT of ``rows`` rows of ``shape`` (VALUES (…), (…), …), its parameters
    numbered (SQLite's ?NNN) in the order the driver gets them: each row's own
    values, row after row, then the fixed values once, which every row's group
    names again. So the rows' tuples are neither reordered (SQLAlchemy writes the
    columns in the table's order) nor each lengthened with the fixed values."""
    compiled = _insert_statement(shape.table, shape.dialect, shape.names)
    head = str(compiled).partition(" VALUES ")[0]
    own = len(shape.names) - shape.fixed
    position = {name: index for index, name in enumerate(shape.names)}

    def number(name: str, row: int) -> int:
        index = position[name]
        if index < own:  # the row's own value, after those of the rows before it
            return row * own + index + 1
        return rows * own + index - own + 1  # a fixed value, after every row's

    order = compiled.positiontup or ()
    groups = (
        "(" + ", ".join(f"?{number(name, row)}" for name in order) + ")" for row in range(rows)
    )
    return f"{head} VALUES {', '.join(groups)}"


def _insert_rows(
    connection: Connection,
    shape: _InsertShape,
    params: Sequence[tuple[Any, ...]],
    constants: tuple[Any, ...],
) -> None:
    """Insert ``params`` (each row's own values) with the fixed ``constants`` on
    SQLite: ``rows_per_statement`` rows at a time in a statement of that many rows,
    the rest one by one.

    SQLite runs a statement's set-up on every execution, the IN lists of our CHECK
    constraints among it: one row a statement made an import's inserts 40% slower.
    Only two statements are ever made, so the driver keeps both prepared (one of
    each size would fill its cache with megabytes)."""
    size = shape.rows_per_statement
    whole = len(params) - len(params) % size
    if whole:
        connection.exec_driver_sql(
            _numbered_insert(shape, size),
            [
                (*chain.from_iterable(params[i : i + size]), *constants)
                for i in range(0, whole, size)
            ],
        )
    if whole < len(params):
        connection.exec_driver_sql(
            _numbered_insert(shape, 1), [(*row, *constants) for row in params[whole:]]
        )


class _Row:
    """A term or rendering as a batch sees it: its stored values (for a new one, the
    values it will be created with), the columns the import changes, and its id
    once it has one.

    A new row is inserted with its values and never updated, so its changes are its
    values, the same dict: an import of new terms makes hundreds of thousands of
    rows, and a second dict each (and a dataclass's ``__init__``) cost a tenth of
    deciding them."""

    __slots__ = ("changes", "id", "new", "values")

    def __init__(self, row_id: int | None, values: dict[str, Any], new: bool) -> None:
        self.id = row_id
        self.values = values
        self.new = new
        self.changes: dict[str, Any] = values if new else {}


def _stored_row(columns: tuple[str, ...], row: Sequence[Any]) -> _Row:
    """A stored term or rendering from its values of ``columns``, its id first. The
    row is zipped as it is, unchecked: the statement read those columns, and a
    Row's own mapping (or a strict zip) cost more than the rest of reading it."""
    return _Row(row[0], dict(zip(columns, row, strict=False)), new=False)


@dataclass(slots=True)
class _Evidence:
    """What the termbase attests of a batch's terms, and what the import adds.

    Stored evidence is kept per term and document (a file that counts by term, the
    CSV, adds nothing for those) and per group of variants of a rendering and
    document (a file that counts by rendering, TBX, adds nothing for those: an
    export writes a group's evidence under its head, so a re-import must find the
    variants' evidence there). What the import adds is kept as it was given, so a
    file may attest two variants in one document, but not one rendering twice."""

    terms: set[tuple[str, str]] = field(default_factory=set)  # (simplified, document)
    groups: set[tuple[str, str, str]] = field(default_factory=set)  # (+ variant key)
    stored: set[str] = field(default_factory=set)  # terms with any stored evidence
    added: set[tuple[str, str | None, str]] = field(default_factory=set)  # (…, text, doc)


def _distinct_batches(records: Iterable[TermRecord], size: int) -> Iterator[list[TermRecord]]:
    """Batches of at most ``size`` records with distinct terms: a term met again
    starts a new batch, where the earlier one is found in the termbase. A full
    batch goes as soon as it is full, not when the next record comes: the records
    come from another process, a few hundred to a message, and the merge would
    otherwise wait for the next message to start on the one it has."""
    batch: list[TermRecord] = []
    seen: set[str] = set()
    for record in records:
        if record.simplified in seen:
            yield batch
            batch, seen = [], set()
        batch.append(record)
        seen.add(record.simplified)
        if len(batch) == size:
            yield batch
            batch, seen = [], set()
    if batch:
        yield batch


def _on_sqlite(session: Session) -> bool:
    return session.connection().dialect.name == "sqlite"


def _largest_ids(session: Session) -> dict[type[Base], int]:
    """On SQLite, the largest id of each table a merge of terms writes (0 if empty):
    where the merge numbers its new terms and renderings from (``_TermMerge._insert``),
    and at least how many rows each table holds (``_SetAsideIndexes``).

    Read in the import's transaction, before it inserts anything: an import runs
    in ``Termbase.transaction``, which holds SQLite's one write lock from its BEGIN
    IMMEDIATE, so no other writer can add a row until it commits. (Even without
    the lock SQLite's transactions are serializable: an insert after another
    writer's commit fails as a conflict, and an id taken twice would fail on the
    primary key, never overwrite a row.) Other databases number rows themselves,
    from sequences that concurrent writers share: empty there."""
    if not _on_sqlite(session):
        return {}
    return {
        model: session.scalar(select(func.max(_table_of(model).c.id))) or 0
        for model in _MERGED_TABLES
    }


def _secondary_indexes(connection: Connection, table: Table) -> list[tuple[str, str]]:
    """(name, the CREATE INDEX that made it) of each index of ``table`` that SQLite
    made from a CREATE INDEX and that does not keep values unique: what a bulk load
    may drop and build again. The indexes of PRIMARY KEY and UNIQUE constraints are
    no such (SQLite keeps no SQL for them), and constraints are never set aside."""
    rows = connection.exec_driver_sql(
        "SELECT m.name, m.sql FROM sqlite_master AS m"
        " JOIN pragma_index_list(?) AS l ON l.name = m.name"
        " WHERE m.type = 'index' AND l.origin = 'c' AND NOT l.\"unique\""
        " ORDER BY m.name",
        (table.name,),
    )
    return [(name, sql) for name, sql in rows]


class _SetAsideIndexes:
    """SQLite only: the secondary indexes of the tables an import fills, dropped
    while it loads and built again at its end, when the import is large for what
    the table holds.

    SQLite updates every index of a table on every insert, a B-tree descent per
    index and row that misses its page cache once the index outgrows it (the
    attestations have five indexes, the terms five): building an index once from
    the loaded table sorts instead. Building it costs time in proportion to the
    whole table, though, so the rule is per table: its indexes are set aside once
    the import has added (or is about to add) as many rows to it as it held when
    the import began (its largest id, ``_largest_ids``), when the import at least
    doubles it. An import of 50 terms into a termbase of a million never drops
    the terms' indexes; an import into an empty termbase drops them at once.

    Kept: the indexes of PRIMARY KEY and UNIQUE constraints (``_secondary_indexes``),
    and those the merge's own look-ups read (``_LOOKUP_INDEXES``), without which
    every batch would scan a table.

    The indexes are built again by ``rebuild``, from the SQL sqlite_master kept for
    them, in the import's own transaction, before it commits. SQLite's DDL is
    transactional: an import that fails, is interrupted or is killed rolls the
    drop back with everything else, and readers never see the termbase without its
    indexes."""

    def __init__(self, session: Session, held: Mapping[type[Base], int]) -> None:
        self.session = session
        self._held = {_table_of(model): rows for model, rows in held.items()}
        self._added: dict[Table, int] = defaultdict(int)
        self._dropped: list[str] = []  # CREATE INDEX statements, to run again

    def adding(self, model: type[Base], rows: int) -> None:
        """``rows`` are about to be inserted into ``model``'s table."""
        table = _table_of(model)
        held = self._held.get(table)
        if held is None or not rows:
            return
        self._added[table] += rows
        if self._added[table] >= held:
            del self._held[table]
            self._drop(table)

    def _drop(self, table: Table) -> None:
        connection = self.session.connection()
        for name, sql in _secondary_indexes(connection, table):
            if name not in _LOOKUP_INDEXES:
                connection.exec_driver_sql(f'DROP INDEX "{name}"')
                self._dropped.append(sql)

    def rebuild(self) -> None:
        """Build the dropped indexes again, as they were, SQLite sorting each one's
        entries with ``REBUILD_THREADS`` helper threads (``PRAGMA threads``, the
        connection's own setting again afterwards): by now the process reading the
        file is done and its core free, and a million-row import's rebuild took 6.4
        s on one thread, 5.1 s with two helpers."""
        if not self._dropped:
            return
        connection = self.session.connection()
        with _pragma(self.session, "threads", REBUILD_THREADS):
            for sql in self._dropped:
                connection.exec_driver_sql(sql)
        self._dropped.clear()


class _TermMerge:
    """Merges batches of term records; ``counts`` says what changed.

    The rules, per record: a term is matched by its simplified form, a rendering by
    its exact text; fields the file fills replace the stored ones, each change
    logged; a status is taken unless it would undo a decision with "candidate", and
    is logged under the file's decision (who, when) where it names one; evidence is
    added for documents the termbase has none of yet for the term (term counts) or
    the rendering's group of variants (rendering counts)."""

    def __init__(self, session: Session, editor: str, derive: DeriveTermFields) -> None:
        self.session = session
        self.editor = editor
        self.derive = derive
        self.counts = MergeCounts()
        self.documents: set[str] = set()  # known to exist
        # (row, its term, the entry's values of _LOG_COLUMNS)
        self._logs: list[tuple[_Row, _Row, tuple[Any, ...]]] = []
        self._attestations: list[tuple[_Row, _Row, str, int, str | None]] = []
        self._now = utc_now()
        # what every new term and rendering starts from (``_new_term``, ``_rendering``)
        self._new_term_values: dict[str, Any] = {
            "status": _NEW_TERM_STATUS,
            "created_by": editor,
            "modified_by": editor,
            **dict.fromkeys(_TERM_FIELDS),
        }
        self._new_rendering_values: dict[str, Any] = {
            "status": _NEW_RENDERING_STATUS,
            "note": None,
            "created_by": editor,
            "modified_by": editor,
        }
        largest = _largest_ids(session)
        # where new terms and renderings are numbered from, on SQLite (``_insert``)
        self._next_ids: dict[type[Base], int] = {
            model: largest[model] + 1 for model in (Term, Rendering) if model in largest
        }
        self.indexes = _SetAsideIndexes(session, largest)

    # ---- reading what the batch names

    def _select(self, statement: Select, keys: Iterable[Any]) -> Sequence[Row]:
        """The rows ``statement`` reads for ``keys``, fetched at once through Core:
        the ORM's result machinery, or a fetch a row, only slows plain rows down."""
        return self.session.connection().execute(statement, {"keys": list(keys)}).all()

    def _stored_terms(self, names: list[str]) -> dict[str, _Row]:
        rows = self._select(_STORED_TERMS, names)
        return {row[1]: _stored_row(_STORED_TERM_COLUMNS, row) for row in rows}

    def _stored_renderings(self, terms: dict[str, _Row]) -> dict[tuple[str, str], _Row]:
        by_id = {row.id: simplified for simplified, row in terms.items()}
        if not by_id:
            return {}
        rows = self._select(_STORED_RENDERINGS, by_id)
        return {
            (by_id[row[1]], row[2]): _stored_row(_STORED_RENDERING_COLUMNS, row) for row in rows
        }

    def _stored_evidence(self, terms: dict[str, _Row]) -> _Evidence:
        by_id = {row.id: simplified for simplified, row in terms.items()}
        evidence = _Evidence()
        if not by_id:
            return evidence
        rows = self._select(_STORED_EVIDENCE, by_id)
        for term_id, document, text in rows:
            simplified = by_id[term_id]
            evidence.terms.add((simplified, document))
            evidence.groups.add((simplified, variant_key(text), document))
            evidence.stored.add(simplified)
        return evidence

    # ---- deciding, record by record

    def _log(
        self,
        row: _Row,
        term: _Row,
        entity: str,
        name: str,
        before: Any,
        after: Any,
        decided: Decision | None = None,
    ) -> None:
        editor, at = (decided.editor, decided.at) if decided else (self.editor, self._now)
        entry = (editor, "import", entity, term.values["simplified"], name, before, after, at)
        self._logs.append((row, term, entry))

    def _set(self, row: _Row, term: _Row, entity: str, name: str, value: Any) -> bool:
        """A field the file fills (``value`` is not None: the callers pass over the
        many empty ones) replaces the stored one, the change logged."""
        before = row.values.get(name)
        if value == before:
            return False
        row.values[name] = row.changes[name] = value
        row.values["modified_by"] = row.changes["modified_by"] = self.editor
        self._log(row, term, entity, name, before, value)
        return True

    def _status(
        self, row: _Row, term: _Row, entity: str, status: str, decided: Decision | None
    ) -> bool:
        """The file's status unless it would undo a decision with "candidate"."""
        current = row.values.get("status", UNDECIDED[0])
        if status == current and not (row.new and decided is not None):
            return False
        if status in UNDECIDED and current not in UNDECIDED:
            return False
        who = decided.editor if decided else self.editor
        row.values["status"] = row.changes["status"] = status
        row.values["modified_by"] = row.changes["modified_by"] = who
        self._log(row, term, entity, "status", None if row.new else current, status, decided)
        return True

    def _new_term(self, record: TermRecord) -> _Row:
        """A term the termbase lacks, with what a build derives from it. Pinyin the
        file gives is taken and logged, which keeps it through rebuilds as an
        editor's correction is kept: deciding whether it differs from the derived
        pinyin (0.1 ms a term) would cost nearly as much as the rest of the import."""
        values = {
            **self._new_term_values,
            "simplified": record.simplified,
            **self.derive(record.simplified, record.pinyin),
        }
        term = _Row(None, values, new=True)
        if record.pinyin:
            self._log(term, term, "term", "pinyin_marks", None, record.pinyin)
        return term

    def _repinyin(self, term: _Row, record: TermRecord) -> bool:
        if not record.pinyin or record.pinyin == term.values["pinyin_marks"]:
            return False
        changed = self._set(term, term, "term", "pinyin_marks", record.pinyin)
        derived = self.derive(record.simplified, record.pinyin)
        for name in _PINYIN_COLUMNS[1:]:
            term.values[name] = term.changes[name] = derived[name]
        return changed

    def _rendering(self, renderings: dict, simplified: str, text: str) -> tuple[_Row, bool]:
        key = (simplified, text)
        row = renderings.get(key)
        if row is not None:
            return row, False
        row = renderings[key] = _Row(None, {**self._new_rendering_values, "text": text}, new=True)
        return row, True

    def _attest(
        self,
        evidence: _Evidence,
        term: _Row,
        rendering: _Row,
        sources: dict[str, int],
        context: str | None,
        by_term: bool,
    ) -> bool:
        """Evidence from the file for documents the termbase has none of yet, for the
        term (``by_term``) or for the rendering's group of variants (``_Evidence``)."""
        simplified = term.values["simplified"]
        text = None if by_term else rendering.values["text"]
        stored = simplified in evidence.stored
        group = variant_key(text) if stored and text is not None else None
        added = False
        for document, count in sources.items():
            key = (simplified, text, document)
            if key in evidence.added:
                continue
            if stored and (
                (simplified, document) in evidence.terms
                if by_term
                else (simplified, group, document) in evidence.groups
            ):
                continue
            evidence.added.add(key)
            self._attestations.append((term, rendering, document, count, context))
            added = True
        return added

    def _record(
        self, record: TermRecord, terms: dict, renderings: dict, evidence: _Evidence
    ) -> None:
        simplified = record.simplified
        term = terms.get(simplified)
        is_new = term is None
        if term is None:
            term = terms[simplified] = self._new_term(record)
            changed = False
        else:
            changed = self._repinyin(term, record)
        for name, value in zip(_TERM_FIELDS, _term_fields_of(record), strict=True):
            if value is not None:
                changed |= self._set(term, term, "term", name, value)
        changed |= self._status(term, term, "term", record.status, record.decided)
        first: _Row | None = None
        for item in record.renderings:
            rendering, created = self._rendering(renderings, simplified, item.text)
            first = first or rendering
            changed |= created
            if item.note is not None:
                changed |= self._set(rendering, term, "rendering", "note", item.note)
            changed |= self._status(rendering, term, "rendering", item.status, item.decided)
            if item.sources:
                changed |= self._attest(
                    evidence, term, rendering, item.sources, item.context, by_term=False
                )
        if record.sources and first is not None:
            changed |= self._attest(evidence, term, first, record.sources, None, by_term=True)
        if not is_new:
            if changed:
                self.counts.updated += 1
            else:
                self.counts.unchanged += 1

    def merge(self, records: list[TermRecord]) -> None:
        terms = self._stored_terms([record.simplified for record in records])
        renderings = self._stored_renderings(terms)
        evidence = self._stored_evidence(terms)
        for record in records:
            self._record(record, terms, renderings, evidence)
        self._write(terms, renderings)

    # ---- writing the batch

    def _insert(self, model: type[Base], rows: list[_Row], columns: tuple[str, ...]) -> None:
        """Insert the new rows in one executemany. On SQLite they are numbered here
        (``_next_ids``); elsewhere their ids are looked up afterwards by the rows'
        unique keys (``_new_ids``): INSERT … RETURNING in parameter order falls back
        to a statement per row on SQLite, and reading the ids back took a tenth of
        an import of new terms."""
        if not rows:
            return
        stamp = {"created_at": self._now, "modified_at": self._now, "version": 1}
        if model is Term:
            stamp["frequency"] = 0
        first = self._next_ids.get(model)
        if first is not None:
            for number, row in enumerate(rows, start=first):
                row.id = row.values["id"] = number
            self._next_ids[model] = first + len(rows)
            columns = ("id", *columns)
        values_of = itemgetter(*columns)
        self.indexes.adding(model, len(rows))
        bulk_insert(
            self.session, _table_of(model), columns, [values_of(r.values) for r in rows], stamp
        )

    def _new_ids(self, terms: dict[str, _Row]) -> None:
        """The ids of the terms just inserted, where the database numbered them."""
        if Term in self._next_ids:
            return
        new_terms = {simplified: row for simplified, row in terms.items() if row.id is None}
        if new_terms:
            for simplified, term_id in self._select(_TERM_IDS, new_terms):
                new_terms[simplified].id = term_id

    def _new_rendering_ids(self, renderings: dict[tuple[str, str], _Row]) -> None:
        if Rendering in self._next_ids:
            return
        new = {
            (row.values["term_id"], row.values["text"]): row
            for row in renderings.values()
            if row.id is None
        }
        if not new:
            return
        term_ids = sorted({term_id for term_id, _ in new})
        for term_id, text, rendering_id in self._select(_RENDERING_IDS, term_ids):
            row = new.get((term_id, text))
            if row is not None:
                row.id = rendering_id

    def _update(self, model: type[Base], rows: list[_Row]) -> None:
        """Apply each row's changes, bumping its version as the ORM would (the review
        app refuses a save over a row changed since it was read)."""
        table = _table_of(model)
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            if row.changes and not row.new:
                by_columns[tuple(sorted(row.changes))].append({"row_id": row.id, **row.changes})
        for columns, params in by_columns.items():
            statement = (
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values(version=table.c.version + 1, **{name: bindparam(name) for name in columns})
            )
            self.session.execute(statement, params)

    def _ensure_documents(self) -> None:
        wanted = {document for _, _, document, _, _ in self._attestations} - self.documents
        if not wanted:
            return
        found = set(self.session.scalars(select(Document.id).where(Document.id.in_(wanted))))
        for document in sorted(wanted - found):
            ensure_document(self.session, document, "en", DocumentRole.TRANSLATION)
        self.documents |= wanted

    def _write(self, terms: dict[str, _Row], renderings: dict[tuple[str, str], _Row]) -> None:
        term_rows = list(terms.values())
        new_terms = [row for row in term_rows if row.new]
        self.counts.created += len(new_terms)
        self._insert(Term, new_terms, _NEW_TERM_COLUMNS)
        self._new_ids(terms)
        self._update(Term, term_rows)
        for (simplified, _), row in renderings.items():
            row.values["term_id"] = terms[simplified].id
        rendering_rows = list(renderings.values())
        new_renderings = [row for row in rendering_rows if row.new]
        self.counts.renderings_created += len(new_renderings)
        self._insert(Rendering, new_renderings, _NEW_RENDERING_COLUMNS)
        self._new_rendering_ids(renderings)
        self._update(Rendering, rendering_rows)
        self._ensure_documents()
        self.indexes.adding(Attestation, len(self._attestations))
        self.indexes.adding(ReviewLogEntry, len(self._logs))
        bulk_insert(
            self.session,
            _table_of(Attestation),
            _ATTESTATION_COLUMNS,
            [
                (term.id, rendering.id, document, count, context)
                for term, rendering, document, count, context in self._attestations
            ],
        )
        bulk_insert(
            self.session,
            _table_of(ReviewLogEntry),
            _LOGGED_COLUMNS,
            [(*entry, row.id, term.id) for row, term, entry in self._logs],
        )
        self._attestations.clear()
        self._logs.clear()


def merge_term_records(
    session: Session,
    records: Iterable[TermRecord],
    editor: str,
    derive_term_fields: DeriveTermFields,
    batch: int = TERM_BATCH,
) -> MergeCounts:
    """Merge terms and renderings into the termbase without duplicates: a term is
    matched by its simplified form, a rendering by its exact text (rules: ``_TermMerge``).

    ``derive_term_fields(simplified, pinyin)`` gives what a build derives from a term
    (traditional form; pinyin marks, numbers, toneless and initials, from ``pinyin``
    where the file gives it), so imported terms are as searchable as built ones.
    Pinyin a file gives is logged, which keeps it through rebuilds like an editor's
    correction. Importing what an export wrote changes nothing, evidence included:
    ``_Evidence`` says how. On SQLite a large import sets the indexes of the tables
    it fills aside while it loads (``_SetAsideIndexes``): they are built again here,
    in the caller's transaction, which must be rolled back if this raises; and
    SQLite's page cache is larger while it runs (``_import_cache``)."""
    merge = _TermMerge(session, editor, derive_term_fields)
    with _import_cache(session):
        for records_batch in _distinct_batches(records, batch):
            merge.merge(records_batch)
    merge.indexes.rebuild()
    session.flush()
    return merge.counts


# SQLite's page cache while an import merges (its default is 2 MiB)
IMPORT_CACHE_KIB = 64 * 1024


@contextmanager
def _import_cache(session: Session) -> Iterator[None]:
    """On SQLite, a page cache of ``IMPORT_CACHE_KIB`` while an import merges, the
    connection's own size again afterwards.

    Each batch looks its terms up in the unique index of simplified forms, and
    each new term goes into it, at places spread all over it: at a million terms
    that index is 36 MB, and with the default cache nearly every look-up and
    insert read a page back and wrote another out (a million-row import 10 %
    slower). The cache is only filled as pages are read: a small termbase and a
    small import take little of it. It is back to its own size before the indexes
    set aside are built again: SQLite sorts in as much memory as the cache may
    take, which would double what the import holds, and sorts no faster so."""
    if not _on_sqlite(session):
        yield
        return
    with _pragma(session, "cache_size", -IMPORT_CACHE_KIB):
        yield


@contextmanager
def _pragma(session: Session, name: str, value: int) -> Iterator[None]:
    """SQLite's setting ``name`` at ``value`` for the block (a PRAGMA of the
    connection's, which holds inside a transaction and leaves what is written
    alone), the connection's own value again afterwards."""
    connection = session.connection()
    cursor = connection.connection.cursor()  # the driver's: a failed session's works
    cursor.execute(f"PRAGMA {name}")
    [(before,)] = cursor.fetchall()
    cursor.execute(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        if not connection.invalidated:  # closed by Ctrl-C, say, it is no one's again
            cursor.execute(f"PRAGMA {name} = {before}")
            cursor.close()


def _unit_key(document: str, zh: str, en: str) -> bytes:
    return blake2b(f"{document}\x1f{zh}\x1f{en}".encode(), digest_size=16).digest()


def _existing_unit_keys(session: Session, documents: set[str]) -> set[bytes]:
    rows = session.execute(
        select(TranslationUnit.document_id, TranslationUnit.zh_text, TranslationUnit.en_text)
        .where(TranslationUnit.document_id.in_(documents))
        .execution_options(yield_per=BATCH)
    )
    return {_unit_key(*row) for row in rows}


def merge_unit_records(session: Session, records: Iterable[UnitRecord]) -> MergeCounts:
    """Add units to the memory, skipping any the same document already has with the
    same texts. Inserted in batches: an import of a million units stays fast and
    flat in memory (apart from one small key per unit, to find duplicates)."""
    counts = MergeCounts()
    known_documents: set[str] = set()
    seen: set[bytes] = set()
    batch: list[dict] = []

    def flush() -> None:
        if batch:
            session.execute(insert(TranslationUnit), batch)
            batch.clear()

    for record in records:
        if record.document not in known_documents:
            ensure_document(
                session,
                record.document,
                "en",
                DocumentRole.TRANSLATION if record.original else DocumentRole.BILINGUAL,
                outlet=record.outlet,
                translation_of=record.original,
            )
            known_documents.add(record.document)
            seen |= _existing_unit_keys(session, {record.document})
        key = _unit_key(record.document, record.zh, record.en)
        if key in seen:
            counts.unchanged += 1
            continue
        seen.add(key)
        row = {
            "document_id": record.document,
            "original_id": record.original,
            "zh_text": record.zh,
            "en_text": record.en,
            "score": record.score,
            "method": record.method,
            "low_confidence": False,
            "created_at": record.created or utc_now(),
        }
        batch.append(row)
        counts.created += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    session.flush()
    return counts
