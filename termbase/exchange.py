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
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import blake2b

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from termbase.exchange_records import Decision, RenderingRecord, TermRecord, UnitRecord
from termbase.memory import COMPLETE_UNIT
from termbase.models import (
    IMPORTED,
    RENDERING_ORDER,
    UNDECIDED,
    Attestation,
    Document,
    DocumentRole,
    Rendering,
    RenderingStatus,
    ReviewLogEntry,
    Term,
    TermStatus,
    TranslationUnit,
    utc_now,
)
from termbase.variants import group_variants

_APPROVED_RENDERINGS = (
    RenderingStatus.PREFERRED.value, RenderingStatus.ADMITTED.value, RenderingStatus.DEPRECATED.value
)
BATCH = 2000  # rows per bulk INSERT, and per fetch of a streamed SELECT


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- reading out -------------------------------------------------------------------


def iter_unit_records(
    session: Session, documents: Sequence[str] = (), confident_only: bool = False
) -> Iterator[UnitRecord]:
    """The memory's complete units (both sides non-empty), document by document,
    fetched in batches so that a million units never sit in memory at once. A pair
    a document repeats (a greeting, a slogan) is given once, as an import keeps it."""
    statement = (
        select(
            TranslationUnit.zh_text, TranslationUnit.en_text, TranslationUnit.document_id,
            TranslationUnit.original_id, Document.outlet, TranslationUnit.score,
            TranslationUnit.method, TranslationUnit.created_at,
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
            zh=zh, en=en, document=document, original=original, outlet=outlet,
            score=score, method=method, created=as_utc(created),
        )


def _last_decisions(session: Session, entity: str) -> dict[int, Decision]:
    """Per term or rendering id, the latest status change in the review log."""
    rows = session.execute(
        select(ReviewLogEntry.entity_id, ReviewLogEntry.editor, ReviewLogEntry.at)
        .where(ReviewLogEntry.entity == entity, ReviewLogEntry.field == "status")
        .order_by(ReviewLogEntry.at, ReviewLogEntry.id)
    )
    return {entity_id: Decision(editor, as_utc(at)) for entity_id, editor, at in rows}


def _evidence(session: Session, documents: Sequence[str]) -> tuple[dict, dict]:
    """Per rendering id: occurrences per document, and the first context."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    contexts: dict[int, str] = {}
    statement = (
        select(Attestation.rendering_id, Attestation.document_id, Attestation.count,
               Attestation.context, TranslationUnit.en_text)
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
            group for group in group_variants(
                by_term.get(term.id, []), lambda r: r.text, lambda r: r.status,
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
            simplified=term.simplified, traditional=term.traditional, pinyin=term.pinyin_marks,
            status=term.status, subject_field=term.subject_field, definition=term.definition,
            note=term.note, decided=term_decisions.get(term.id), renderings=renderings,
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
        text=head.text, status=head.status, note=head.note,
        context=next((contexts[r.id] for r in group if r.id in contexts), None),
        sources=dict(sorted(sources.items())), decided=decisions.get(head.id),
    )


# --- merging in ---------------------------------------------------------------------


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
    session: Session, document_id: str, language: str, role: DocumentRole,
    outlet: str | None = None, translation_of: str | None = None,
) -> None:
    """Create a text-less document for imported evidence unless one exists."""
    if session.get(Document, document_id) is not None:
        return
    if translation_of is not None:
        ensure_document(session, translation_of, "zh", DocumentRole.ORIGINAL)
    session.add(
        Document(
            id=document_id, language=language, role=role.value, outlet=outlet,
            translation_of=translation_of, content_hash=IMPORTED,
        )
    )
    session.flush()


def _log(
    session: Session, editor: str, entity: str, entity_id: int, term: Term, name: str,
    before: str | None, after: str | None, at: datetime | None = None,
) -> None:
    entry = ReviewLogEntry(
        editor=editor, action="import", entity=entity, entity_id=entity_id, term_id=term.id,
        term=term.simplified, field=name, before=before, after=after,
    )
    if at is not None:
        entry.at = at
    session.add(entry)


def _merge_status(
    session: Session, row: Term | Rendering, entity: str, term: Term, status: str,
    decided: Decision | None, editor: str, is_new: bool,
) -> bool:
    """Take the file's status unless it would undo a decision with "candidate". The
    log entry carries the file's decision (who, when) where it names one."""
    if status == row.status and not (is_new and decided is not None):
        return False
    if status in UNDECIDED and row.status not in UNDECIDED:
        return False
    before = None if is_new else row.status
    row.status = status
    row.modified_by = decided.editor if decided else editor
    _log(session, decided.editor if decided else editor, entity, row.id, term, "status",
         before, status, decided.at if decided else None)
    return True


def _merge_fields(
    session: Session, row: Term | Rendering, entity: str, term: Term,
    values: dict[str, str | None], editor: str,
) -> bool:
    """Fields the file fills replace the stored ones, each change logged."""
    changed = False
    for name, value in values.items():
        before = getattr(row, name)
        if value is None or value == before:
            continue
        setattr(row, name, value)
        _log(session, editor, entity, row.id, term, name, before, value)
        changed = True
    if changed:
        row.modified_by = editor
    return changed


def _attest(
    session: Session, term: Term, rendering: Rendering, record: RenderingRecord, seen: set
) -> None:
    """Evidence from the file for documents the termbase has no attestation of yet
    for this rendering, so a second import of the same file adds nothing."""
    for document, count in record.sources.items():
        key = (rendering.id, document)
        if key in seen:
            continue
        ensure_document(session, document, "en", DocumentRole.TRANSLATION)
        session.add(
            Attestation(
                term_id=term.id, rendering_id=rendering.id, document_id=document,
                count=count, context=record.context,
            )
        )
        seen.add(key)


def merge_term_records(
    session: Session,
    records: Iterable[TermRecord],
    editor: str,
    derive_term_fields: Callable[[str, str | None], dict[str, str]],
) -> MergeCounts:
    """Merge terms and renderings into the termbase without duplicates: a term is
    matched by its simplified form, a rendering by its exact text.

    ``derive_term_fields(simplified, pinyin)`` gives what a build derives from a term
    (traditional form; pinyin marks, numbers, toneless and initials, from ``pinyin``
    where the file gives it), so imported terms are as searchable as built ones.
    Pinyin that differs from the derived one is logged, which keeps it through
    rebuilds like an editor's correction."""
    counts = MergeCounts()
    terms = {t.simplified: t for t in session.scalars(select(Term))}
    renderings = {(r.term_id, r.text): r for r in session.scalars(select(Rendering))}
    attested = {
        (rendering_id, document)
        for rendering_id, document in session.execute(
            select(Attestation.rendering_id, Attestation.document_id)
            .where(Attestation.rendering_id.is_not(None))
        )
    }
    for record in records:
        term = terms.get(record.simplified)
        is_new = term is None
        if term is None:
            term = Term(simplified=record.simplified, created_by=editor, modified_by=editor,
                        **derive_term_fields(record.simplified, None))
            session.add(term)
            session.flush()
            terms[record.simplified] = term
        changed = False
        if record.pinyin and record.pinyin != term.pinyin_marks:
            changed = _merge_fields(session, term, "term", term, {"pinyin_marks": record.pinyin},
                                    editor)
            for name, value in derive_term_fields(record.simplified, record.pinyin).items():
                if name != "traditional":
                    setattr(term, name, value)
        values = {"traditional": record.traditional, "subject_field": record.subject_field,
                  "definition": record.definition, "note": record.note}
        changed |= _merge_fields(session, term, "term", term, values, editor)
        changed |= _merge_status(session, term, "term", term, record.status, record.decided,
                                 editor, is_new)
        for item in record.renderings:
            rendering = renderings.get((term.id, item.text))
            new_rendering = rendering is None
            if rendering is None:
                rendering = Rendering(term_id=term.id, text=item.text, created_by=editor,
                                      modified_by=editor)
                session.add(rendering)
                session.flush()
                renderings[(term.id, item.text)] = rendering
                counts.renderings_created += 1
            changed |= new_rendering
            changed |= _merge_fields(session, rendering, "rendering", term, {"note": item.note},
                                     editor)
            changed |= _merge_status(session, rendering, "rendering", term, item.status,
                                     item.decided, editor, new_rendering)
            _attest(session, term, rendering, item, attested)
        if is_new:
            counts.created += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
    session.flush()
    return counts


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
                session, record.document, "en",
                DocumentRole.TRANSLATION if record.original else DocumentRole.BILINGUAL,
                outlet=record.outlet, translation_of=record.original,
            )
            known_documents.add(record.document)
            seen |= _existing_unit_keys(session, {record.document})
        key = _unit_key(record.document, record.zh, record.en)
        if key in seen:
            counts.unchanged += 1
            continue
        seen.add(key)
        row = {
            "document_id": record.document, "original_id": record.original,
            "zh_text": record.zh, "en_text": record.en, "score": record.score,
            "method": record.method, "low_confidence": False,
            "created_at": record.created or utc_now(),
        }
        batch.append(row)
        counts.created += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    session.flush()
    return counts
