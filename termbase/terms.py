"""Terms and their renderings: what extraction proposes, what editors decided, and the
evidence (attestations) linking both to the documents.

A rebuild replaces the evidence and the automatic fields (rank, frequency, and the
pinyin and traditional form unless an editor corrected them) but never an editor's
decision: a term's status, definition, note and subject field, a rendering's status
and note, and any term or rendering an editor touched stay as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, delete, func, insert, or_, select
from sqlalchemy.orm import Session, selectinload

from records import (
    RENDERING_ORDER,
    UNDECIDED,
    EvidenceDraft,
    RenderingStatus,
    RenderingView,
    TermDraft,
    TermStatus,
    TermView,
    VariantView,
)
from termbase.browse import compact_pinyin
from termbase.db import AmbiguousTerm, UnknownTerm
from termbase.exchange import BATCH
from termbase.models import (
    IMPORTED,
    RANK_ORDER,
    Attestation,
    Document,
    Rendering,
    ReviewLogEntry,
    Segment,
    Term,
    TranslationUnit,
)
from termbase.review import merged_away
from termbase.variants import group_variants

SYSTEM = "glossary"  # the editor name of automatic changes


def approved_renderings(session: Session) -> list[tuple[str, str]]:
    """(Chinese term, English rendering) for every preferred or admitted rendering of an
    approved term: what editors have decided, which the aligner may rely on."""
    return [
        (term, rendering)
        for term, rendering in session.execute(
            select(Term.simplified, Rendering.text)
            .join(Rendering, Rendering.term_id == Term.id)
            .where(Term.status == TermStatus.APPROVED.value)
            .where(
                Rendering.status.in_(
                    [RenderingStatus.PREFERRED.value, RenderingStatus.ADMITTED.value]
                )
            )
        )
    ]


def known_renderings(session: Session) -> list[tuple[str, str]]:
    """(Chinese term, English rendering) for every rendering an editor or an import
    gave the termbase and nobody rejected: what to look for in documents that have no
    Chinese beside them besides what the build itself finds. The build's own
    renderings of an earlier build are left out, so that a rebuild finds what a fresh
    build finds."""
    return [
        (term, rendering)
        for term, rendering in session.execute(
            select(Term.simplified, Rendering.text)
            .join(Rendering, Rendering.term_id == Term.id)
            .where(Term.status != TermStatus.REJECTED.value)
            .where(Rendering.status != RenderingStatus.REJECTED.value)
            .where(
                or_(
                    Rendering.status != RenderingStatus.CANDIDATE.value,
                    Rendering.created_by != SYSTEM,
                    Rendering.modified_by != SYSTEM,
                )
            )
        )
    ]


def _edited_fields(session: Session) -> dict[int, set[str]]:
    """Per term id, the fields an editor changed (from the review log)."""
    edited: dict[int, set[str]] = defaultdict(set)
    rows = session.execute(
        select(ReviewLogEntry.term_id, ReviewLogEntry.field).where(
            ReviewLogEntry.entity == "term", ReviewLogEntry.field.is_not(None)
        )
    )
    for term_id, name in rows:
        if term_id is not None and name is not None:
            edited[term_id].add(name)
    return edited


def _touched_by_editor(row: Term | Rendering) -> bool:
    return row.modified_by not in (None, SYSTEM) or row.status not in UNDECIDED


def sync_terms(session: Session, drafts: Sequence[TermDraft]) -> dict[str, int]:
    """Insert new terms, refresh the automatic fields of known ones, drop candidates
    that no longer occur and no editor touched. Returns simplified → id, where a form
    an editor merged away maps to the term it was merged into."""
    existing = {
        t.simplified: t
        for t in session.scalars(select(Term).options(selectinload(Term.renderings)))
    }
    edited = _edited_fields(session)
    wanted = {d.simplified for d in drafts}
    merged = {
        duplicate: keep_id
        for duplicate, keep_id in merged_away(session).items()
        if duplicate not in existing and session.get(Term, keep_id) is not None
    }
    for draft in drafts:
        if draft.simplified in merged:
            continue  # an editor merged it into another term, which takes its evidence
        term = existing.get(draft.simplified)
        if term is None:
            term = Term(simplified=draft.simplified, created_by=SYSTEM, modified_by=SYSTEM)
            session.add(term)
            existing[draft.simplified] = term
        locked = edited.get(term.id, set()) if term.id is not None else set()
        values = {
            "rank": draft.rank,
            "frequency": draft.frequency,
            "traditional": draft.traditional,
            "pinyin_marks": draft.pinyin_marks,
            "pinyin_numbers": draft.pinyin_numbers,
            "pinyin_toneless": draft.pinyin_toneless,
            "pinyin_initials": draft.pinyin_initials,
        }
        if "pinyin_marks" in locked:
            for name in ("pinyin_marks", "pinyin_numbers", "pinyin_toneless", "pinyin_initials"):
                values.pop(name)
        if "traditional" in locked:
            values.pop("traditional")
        changed = {k: v for k, v in values.items() if getattr(term, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(term, name, value)
            if term.id is not None and not _touched_by_editor(term):
                term.modified_by = SYSTEM
    kept = {}
    for simplified, term in existing.items():
        if simplified in wanted or term.id is None:
            kept[simplified] = term
        elif _touched_by_editor(term) or any(_touched_by_editor(r) for r in term.renderings):
            term.rank = None  # kept for the editor's decision, no longer ranked
            kept[simplified] = term
        else:
            session.delete(term)
    session.flush()
    return {**merged, **{simplified: term.id for simplified, term in kept.items()}}


def replace_evidence(
    session: Session, term_ids: dict[str, int], evidence: Iterable[EvidenceDraft]
) -> None:
    """Replace all attestations with ``evidence``, creating the renderings it names and
    dropping untouched candidate renderings that lost all evidence. Evidence that
    came with an import (documents without text here) is not the build's to replace."""
    imported = select(Document.id).where(Document.content_hash == IMPORTED)
    session.execute(delete(Attestation).where(Attestation.document_id.not_in(imported)))
    evidence = [item for item in evidence if item.term in term_ids]
    renderings = {(r.term_id, r.text): r for r in session.scalars(select(Rendering))}
    new = dict.fromkeys(
        (term_ids[item.term], item.rendering)
        for item in evidence
        if item.rendering is not None and (term_ids[item.term], item.rendering) not in renderings
    )
    if new:  # one statement for all of them, not a flush each
        rows = [
            {"term_id": t, "text": text, "created_by": SYSTEM, "modified_by": SYSTEM}
            for t, text in new
        ]
        session.execute(insert(Rendering), rows)
        renderings = {(r.term_id, r.text): r for r in session.scalars(select(Rendering))}
    attested: set[int] = set()
    batch: list[dict] = []

    def flush() -> None:
        if batch:
            session.execute(insert(Attestation), batch)
            batch.clear()

    for item in evidence:
        term_id = term_ids[item.term]
        rendering_id = None
        if item.rendering is not None:
            rendering_id = renderings[term_id, item.rendering].id
            attested.add(rendering_id)
        batch.append(
            {
                "term_id": term_id,
                "rendering_id": rendering_id,
                "document_id": item.document_id,
                "unit_id": item.unit_id,
                "segment_id": item.segment_id,
                "count": item.count,
                "context": item.context,
            }
        )
        if len(batch) >= BATCH:
            flush()
    flush()
    for rendering in renderings.values():
        if rendering.id not in attested and not _touched_by_editor(rendering):
            session.delete(rendering)
    session.flush()


# ---------------------------------------------------------------------------------
# reading terms back
# ---------------------------------------------------------------------------------


RankedSelect = TypeVar("RankedSelect", bound=Select[Any])


def _ranked(statement: RankedSelect) -> RankedSelect:
    return statement.order_by(*RANK_ORDER)


def list_terms(
    session: Session, status: str | None = None, limit: int | None = None, offset: int = 0
) -> list[Term]:
    statement = select(Term)
    if status:
        statement = statement.where(Term.status == status)
    return list(session.scalars(_ranked(statement).offset(offset).limit(limit)))


@dataclass(frozen=True)
class TermMatches:
    """Ids of the terms a query finds: ``exact`` (the whole form, pinyin, initials or
    rendering) and ``partial`` (containing it, or pinyin starting with it), each
    in rank order; no id is in both."""

    exact: list[int]
    partial: list[int]

    @property
    def ids(self) -> list[int]:
        return [*self.exact, *self.partial]


def match_terms(
    session: Session,
    *,
    simplified: Sequence[str] = (),
    pinyin: str | None = None,
    english: str | None = None,
    limit: int = 50,
) -> TermMatches:
    """The terms matching any of: a Chinese form (simplified, or the traditional
    form stored beside it), toneless pinyin with or without spaces or its initials,
    or a rendering's English text; at most ``limit`` of them, exact ones first."""
    conditions = []
    for text in simplified:
        conditions += [Term.simplified == text, Term.traditional == text]
    if pinyin:
        compact = pinyin.replace(" ", "")
        conditions += [compact_pinyin() == compact, Term.pinyin_initials == compact]
    if english:
        conditions.append(
            Term.id.in_(
                select(Rendering.term_id).where(func.lower(Rendering.text) == english.lower())
            )
        )
    exact = (
        list(session.scalars(_ranked(select(Term.id).where(or_(*conditions))).limit(limit)))
        if conditions
        else []
    )
    if len(exact) >= limit:
        return TermMatches(exact, [])
    partial = []
    for text in simplified:
        partial += [Term.simplified.contains(text), Term.traditional.contains(text)]
    if pinyin:
        partial.append(compact_pinyin().startswith(pinyin.replace(" ", "")))
    if english:
        partial.append(
            Term.id.in_(
                select(Rendering.term_id).where(
                    func.lower(Rendering.text).contains(english.lower())
                )
            )
        )
    more: Iterable[int] = (
        session.scalars(_ranked(select(Term.id).where(or_(*partial))).limit(limit))
        if partial
        else []
    )
    return TermMatches(exact, [i for i in more if i not in exact][: limit - len(exact)])


def find_term_ids(
    session: Session,
    *,
    simplified: Sequence[str] = (),
    pinyin: str | None = None,
    english: str | None = None,
    limit: int = 50,
) -> list[int]:
    """Ids of terms matching any of: a Chinese form (simplified, or the traditional
    form stored beside it), toneless pinyin with or without spaces or its initials,
    or a rendering's English text; exact matches rank first, then by term rank."""
    return match_terms(
        session, simplified=simplified, pinyin=pinyin, english=english, limit=limit
    ).ids


AMBIGUOUS_SHOWN = 5  # terms an ambiguity error names


def resolve_term(
    session: Session,
    query: str,
    *,
    simplified: Sequence[str] = (),
    pinyin: str | None = None,
    english: str | None = None,
) -> int:
    """The one term an editor's decision is about, found as ``glossary show`` finds
    it (``query`` is what was typed, for the messages). Showing the best of several
    matches is harmless; deciding on it is not, so one exact match, or else one
    partial match, is required: several are an AmbiguousTerm naming them."""
    found = match_terms(
        session, simplified=simplified, pinyin=pinyin, english=english, limit=AMBIGUOUS_SHOWN + 1
    )
    candidates = found.exact or found.partial
    if not candidates:
        raise UnknownTerm(f"no term matches {query!r}")
    if len(candidates) == 1:
        return candidates[0]
    rows = session.execute(select(Term.id, Term.simplified).where(Term.id.in_(candidates)))
    names = {term_id: name for term_id, name in rows}
    shown = ", ".join(names[i] for i in candidates[:AMBIGUOUS_SHOWN])
    more = ", …" if len(candidates) > AMBIGUOUS_SHOWN else ""
    how = "exactly" if found.exact else "in part"
    raise AmbiguousTerm(
        f"{query!r} matches several terms {how} ({shown}{more}): give the whole Chinese term"
    )


def _evidence_rows(session: Session, term_ids: Sequence[int]) -> dict[int, list]:
    """Each term's attestations with the sentence pair (or the segment) of each, for
    all of ``term_ids`` in one query."""
    found: dict[int, list] = defaultdict(list)
    for row in session.execute(
        select(Attestation, TranslationUnit.zh_text, TranslationUnit.en_text, Segment.text)
        .outerjoin(TranslationUnit, Attestation.unit_id == TranslationUnit.id)
        .outerjoin(Segment, Attestation.segment_id == Segment.id)
        .where(Attestation.term_id.in_(term_ids))
        .order_by(Attestation.term_id, Attestation.document_id, Attestation.id)
    ):
        found[row[0].term_id].append(row)
    return found


def _rendering_views(renderings: Sequence[Rendering], rows: Sequence) -> dict[int, RenderingView]:
    """Per rendering id, the view of the group it belongs to: variants of one
    rendering (``termbase.variants``) share one view, headed by their head form."""
    counts: dict[int, int] = defaultdict(int)
    for attestation, *_ in rows:
        if attestation.rendering_id is not None:
            counts[attestation.rendering_id] += attestation.count
    views: dict[int, RenderingView] = {}
    for head, *variants in group_variants(
        renderings, lambda r: r.text, lambda r: r.status, lambda r: counts[r.id]
    ):
        view = RenderingView(
            head.text,
            head.status,
            head.note,
            variants=[VariantView(v.text, v.status, counts[v.id]) for v in variants],
        )
        for member in (head, *variants):
            views[member.id] = view
    return views


def term_view(session: Session, term_id: int, contexts: int = 3) -> TermView | None:
    """The term as ``glossary show``, ``terms`` and the review app show it: each
    rendering with its variants, counts per document and up to ``contexts`` sentence
    pairs: preferred, admitted, undecided, deprecated, rejected, the most frequent
    first within each."""
    return next(iter(term_views(session, [term_id], contexts)), None)


def term_views(session: Session, term_ids: Sequence[int], contexts: int = 3) -> list[TermView]:
    """``term_view`` of each of ``term_ids`` that exists, in their order, from two
    queries per BATCH of them (a list of fifty terms took fifty pairs of queries)."""
    views = []
    for start in range(0, len(term_ids), BATCH):
        batch = term_ids[start : start + BATCH]
        terms = {
            term.id: term
            for term in session.scalars(
                select(Term).where(Term.id.in_(batch)).options(selectinload(Term.renderings))
            )
        }
        evidence = _evidence_rows(session, list(terms))
        views += [_view(terms[i], evidence[i], contexts) for i in batch if i in terms]
    return views


def _view(term: Term, rows: Sequence, contexts: int) -> TermView:
    views = _rendering_views(term.renderings, rows)
    paraphrased: dict[str, int] = defaultdict(int)
    for attestation, zh, en, segment_text in rows:
        if attestation.rendering_id is None:
            paraphrased[attestation.document_id] += attestation.count
            continue
        view = views[attestation.rendering_id]
        view.documents[attestation.document_id] = (
            view.documents.get(attestation.document_id, 0) + attestation.count
        )
        if len(view.contexts) < contexts:
            view.contexts.append(
                {
                    "document": attestation.document_id,
                    "unit": attestation.unit_id,
                    "zh": zh,
                    "en": en if en is not None else segment_text,
                }
            )
    renderings = sorted(
        {id(v): v for v in views.values()}.values(),
        key=lambda v: (RENDERING_ORDER[v.status], -v.count, v.en),
    )
    return TermView(
        id=term.id,
        zh=term.simplified,
        traditional=term.traditional,
        pinyin=term.pinyin_marks,
        pinyin_numbers=term.pinyin_numbers,
        status=term.status,
        rank=int(term.rank) if term.rank is not None else None,
        frequency=term.frequency,
        definition=term.definition,
        note=term.note,
        subject_field=term.subject_field,
        version=term.version,
        renderings=renderings,
        paraphrased=dict(paraphrased),
    )


def renderings_by_document(session: Session) -> dict[str, dict[str, set[str]]]:
    """Term → document → the renderings attested there."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = session.execute(
        select(Term.simplified, Attestation.document_id, Rendering.text)
        .join(Attestation, Attestation.term_id == Term.id)
        .join(Rendering, Attestation.rendering_id == Rendering.id)
    )
    for term, document, text in rows:
        found[term][document].add(text)
    return found


def ranked_terms(session: Session) -> list[str]:
    return list(session.scalars(_ranked(select(Term.simplified)).where(Term.rank.is_not(None))))


def stored_pinyin(session: Session) -> dict[str, tuple[str, str | None]]:
    return {
        term: (marks, numbers)
        for term, marks, numbers in session.execute(
            select(Term.simplified, Term.pinyin_marks, Term.pinyin_numbers)
        )
        if marks
    }


_ENGLISH_TO_USE = (RenderingStatus.PREFERRED.value, RenderingStatus.ADMITTED.value)


def approved_without_english(session: Session, term_ids: Sequence[int] | None = None) -> list[str]:
    """Approved terms (of ``term_ids``, or all) with no preferred or admitted
    rendering: an export of approved terms gives CAT tools no English for them, so
    the editor who approved them must be told rather than find out from a translator."""
    decided = select(Rendering.id).where(
        Rendering.term_id == Term.id, Rendering.status.in_(_ENGLISH_TO_USE)
    )
    statement = select(Term.simplified).where(
        Term.status == TermStatus.APPROVED.value, ~decided.exists()
    )
    if term_ids is not None:
        statement = statement.where(Term.id.in_(term_ids))
    return list(session.scalars(statement.order_by(Term.simplified)))


def count_unreviewed(session: Session, documents: Sequence[str] = ()) -> int:
    """How many candidate terms nobody has reviewed yet an export of every term
    writes (with ``documents``, those with a rendering attested there, as the
    export chooses them)."""
    statement = (
        select(func.count()).select_from(Term).where(Term.status == TermStatus.CANDIDATE.value)
    )
    if documents:
        statement = statement.where(
            Term.id.in_(
                select(Attestation.term_id).where(
                    Attestation.rendering_id.is_not(None), Attestation.document_id.in_(documents)
                )
            )
        )
    return session.scalar(statement) or 0
