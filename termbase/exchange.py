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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from hashlib import blake2b
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

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
# each, what is new is inserted in bulk (Core, not the ORM, which flushed a row at a
# time: 2.4 ms a term), and nothing of an earlier batch is kept. So an import streams:
# its memory does not grow with the file, and a term met twice in a file is simply
# found the second time, since the earlier batch is already in the transaction.

TERM_BATCH = 500  # records per batch: a few IN (...) lists of this length
DeriveTermFields = Callable[[str, str | None], dict[str, str]]
_TERM_FIELDS = ("traditional", "subject_field", "definition", "note")
_PINYIN_COLUMNS = ("pinyin_marks", "pinyin_numbers", "pinyin_toneless", "pinyin_initials")


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


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys, every column without a value in
    the database's own DEFAULT given) in one executemany, the driver's parameters
    made here. SQLAlchemy's executemany runs each row's Python-side defaults and
    bind processors (a datetime becomes a string once per row on SQLite): on the
    hundreds of thousands of rows of a large import that doubled the cost of
    SQLite's own work. Here each distinct value is processed once."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or ()) if dialect.positional else keys
    converters = []
    for key in order:
        processor = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        converters.append(None if processor is None else lru_cache(maxsize=1024)(processor))
    plain = all(converter is None for converter in converters)

    def values(row: dict[str, Any]) -> list[Any]:
        if plain:
            return [row[key] for key in order]
        return [
            row[key] if convert is None or row[key] is None else convert(row[key])
            for key, convert in zip(order, converters, strict=True)
        ]

    if dialect.positional:
        connection.exec_driver_sql(str(compiled), [tuple(values(row)) for row in rows])
    else:
        connection.exec_driver_sql(
            str(compiled), [dict(zip(order, values(row), strict=True)) for row in rows]
        )


@dataclass(slots=True, eq=False)
class _Row:
    """A term or rendering as a batch sees it: its stored values (for a new one, the
    values it will be created with), the columns the import changes, and its id
    once it has one."""

    id: int | None
    values: dict[str, Any]
    new: bool
    changes: dict[str, Any] = field(default_factory=dict)


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
    starts a new batch, where the earlier one is found in the termbase."""
    batch: list[TermRecord] = []
    seen: set[str] = set()
    for record in records:
        if len(batch) == size or record.simplified in seen:
            yield batch
            batch, seen = [], set()
        batch.append(record)
        seen.add(record.simplified)
    if batch:
        yield batch


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
        self._logs: list[tuple[_Row, _Row, dict[str, Any]]] = []  # (row, its term, entry)
        self._attestations: list[tuple[_Row, _Row, str, int, str | None]] = []
        self._now = utc_now()

    # ---- reading what the batch names

    def _stored_terms(self, names: list[str]) -> dict[str, _Row]:
        columns = (
            Term.id,
            Term.simplified,
            Term.status,
            *(getattr(Term, c) for c in _TERM_FIELDS),
            *(getattr(Term, c) for c in _PINYIN_COLUMNS),
        )
        rows = self.session.execute(select(*columns).where(Term.simplified.in_(names)))
        return {row.simplified: _Row(row.id, dict(row._mapping), new=False) for row in rows}

    def _stored_renderings(self, terms: dict[str, _Row]) -> dict[tuple[str, str], _Row]:
        by_id = {row.id: simplified for simplified, row in terms.items()}
        if not by_id:
            return {}
        rows = self.session.execute(
            select(
                Rendering.id, Rendering.term_id, Rendering.text, Rendering.status, Rendering.note
            ).where(Rendering.term_id.in_(list(by_id)))
        )
        return {
            (by_id[row.term_id], row.text): _Row(row.id, dict(row._mapping), new=False)
            for row in rows
        }

    def _stored_evidence(self, terms: dict[str, _Row]) -> _Evidence:
        by_id = {row.id: simplified for simplified, row in terms.items()}
        evidence = _Evidence()
        if not by_id:
            return evidence
        rows = self.session.execute(
            select(Attestation.term_id, Attestation.document_id, Rendering.text)
            .join(Rendering, Rendering.id == Attestation.rendering_id)
            .where(Attestation.term_id.in_(list(by_id)))
        )
        for term_id, document, text in rows:
            evidence.terms.add((by_id[term_id], document))
            evidence.groups.add((by_id[term_id], variant_key(text), document))
            evidence.stored.add(by_id[term_id])
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
        entry = {
            "editor": decided.editor if decided else self.editor,
            "action": "import",
            "entity": entity,
            "term": term.values["simplified"],
            "field": name,
            "before": before,
            "after": after,
            "at": decided.at if decided else self._now,
        }
        self._logs.append((row, term, entry))

    def _set(self, row: _Row, term: _Row, entity: str, values: dict[str, Any]) -> bool:
        """Fields the file fills replace the stored ones, each change logged."""
        changed = False
        for name, value in values.items():
            before = row.values.get(name)
            if value is None or value == before:
                continue
            row.values[name] = row.changes[name] = value
            self._log(row, term, entity, name, before, value)
            changed = True
        if changed:
            row.values["modified_by"] = row.changes["modified_by"] = self.editor
        return changed

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
        derived = self.derive(record.simplified, record.pinyin)
        values = {
            "simplified": record.simplified,
            "status": TermStatus.CANDIDATE.value,
            "created_by": self.editor,
            "modified_by": self.editor,
            **{name: None for name in _TERM_FIELDS},
            **derived,
        }
        term = _Row(None, values, new=True)
        if record.pinyin:
            self._log(term, term, "term", "pinyin_marks", None, record.pinyin)
        self.counts.created += 1
        return term

    def _repinyin(self, term: _Row, record: TermRecord) -> bool:
        if not record.pinyin or record.pinyin == term.values["pinyin_marks"]:
            return False
        changed = self._set(term, term, "term", {"pinyin_marks": record.pinyin})
        derived = self.derive(record.simplified, record.pinyin)
        for name in _PINYIN_COLUMNS[1:]:
            term.values[name] = term.changes[name] = derived[name]
        return changed

    def _rendering(self, renderings: dict, term: _Row, item: RenderingRecord) -> tuple[_Row, bool]:
        key = (term.values["simplified"], item.text)
        row = renderings.get(key)
        if row is not None:
            return row, False
        row = renderings[key] = _Row(
            None,
            {
                "text": item.text,
                "status": RenderingStatus.CANDIDATE.value,
                "note": None,
                "created_by": self.editor,
                "modified_by": self.editor,
            },
            new=True,
        )
        self.counts.renderings_created += 1
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
        group = None
        if simplified in evidence.stored and not by_term:
            group = variant_key(text)  # type: ignore[arg-type]
        added = False
        for document, count in sources.items():
            key = (simplified, text, document)
            if key in evidence.added:
                continue
            if simplified in evidence.stored and (
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
        term = terms.get(record.simplified)
        is_new = term is None
        if term is None:
            term = terms[record.simplified] = self._new_term(record)
        changed = self._repinyin(term, record) if not is_new else False
        changed |= self._set(
            term, term, "term", {name: getattr(record, name) for name in _TERM_FIELDS}
        )
        changed |= self._status(term, term, "term", record.status, record.decided)
        first: _Row | None = None
        for item in record.renderings:
            rendering, created = self._rendering(renderings, term, item)
            first = first or rendering
            changed |= created
            changed |= self._set(rendering, term, "rendering", {"note": item.note})
            changed |= self._status(rendering, term, "rendering", item.status, item.decided)
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
        """Insert the new rows in one executemany. Their ids are looked up afterwards
        by the rows' unique keys (``_new_ids``): INSERT … RETURNING in parameter
        order falls back to a statement per row on SQLite."""
        if rows:
            stamp = {"created_at": self._now, "modified_at": self._now, "version": 1}
            if model is Term:
                stamp["frequency"] = 0
            bulk_insert(
                self.session,
                _table_of(model),
                [{**{name: row.values.get(name) for name in columns}, **stamp} for row in rows],
            )

    def _new_ids(self, terms: dict[str, _Row]) -> None:
        new_terms = {simplified: row for simplified, row in terms.items() if row.id is None}
        if new_terms:
            found = self.session.execute(
                select(Term.simplified, Term.id).where(Term.simplified.in_(list(new_terms)))
            )
            for simplified, term_id in found:
                new_terms[simplified].id = term_id

    def _new_rendering_ids(self, renderings: dict[tuple[str, str], _Row]) -> None:
        new = {
            (row.values["term_id"], row.values["text"]): row
            for row in renderings.values()
            if row.id is None
        }
        if not new:
            return
        term_ids = sorted({term_id for term_id, _ in new})
        found = self.session.execute(
            select(Rendering.term_id, Rendering.text, Rendering.id).where(
                Rendering.term_id.in_(term_ids)
            )
        )
        for term_id, text, rendering_id in found:
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
        self._insert(Term, [row for row in term_rows if row.new], _NEW_TERM_COLUMNS)
        self._new_ids(terms)
        self._update(Term, term_rows)
        for (simplified, _), row in renderings.items():
            row.values["term_id"] = terms[simplified].id
        rendering_rows = list(renderings.values())
        self._insert(Rendering, [row for row in rendering_rows if row.new], _NEW_RENDERING_COLUMNS)
        self._new_rendering_ids(renderings)
        self._update(Rendering, rendering_rows)
        self._ensure_documents()
        if self._attestations:
            bulk_insert(
                self.session,
                _table_of(Attestation),
                [
                    {
                        "term_id": term.id,
                        "rendering_id": rendering.id,
                        "document_id": document,
                        "count": count,
                        "context": context,
                    }
                    for term, rendering, document, count, context in self._attestations
                ],
            )
        if self._logs:
            bulk_insert(
                self.session,
                _table_of(ReviewLogEntry),
                [
                    {**entry, "entity_id": row.id, "term_id": term.id}
                    for row, term, entry in self._logs
                ],
            )
        self._attestations.clear()
        self._logs.clear()


_NEW_TERM_COLUMNS = (
    "simplified",
    "status",
    "created_by",
    "modified_by",
    *_TERM_FIELDS,
    *_PINYIN_COLUMNS,
)
_NEW_RENDERING_COLUMNS = ("term_id", "text", "status", "note", "created_by", "modified_by")


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
    ``_Evidence`` says how."""
    merge = _TermMerge(session, editor, derive_term_fields)
    for records_batch in _distinct_batches(records, batch):
        merge.merge(records_batch)
    session.flush()
    return merge.counts


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
