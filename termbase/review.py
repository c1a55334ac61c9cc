"""Editorial changes: every one saved at once, under the editor's name, in the
append-only review log, and refused if someone else changed the row meanwhile.

Each function here is one editorial action. All the log entries of an action share
one timestamp, which is what lets :func:`undo_last` find the action again: the log
cannot be updated, so an undo is itself an action, logged as ``undo``, that puts the
values back. Every action also touches its term (``modified_by``/``modified_at``),
so that the term's version moves on whenever the term or one of its renderings
changes: an editor who saw an older version gets a ConflictError instead of silently
overwriting what the other editor decided.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from records import RenderingStatus, TermStatus
from termbase.db import ConflictError, NothingToUndo, TermbaseError
from termbase.models import Attestation, Rendering, ReviewLogEntry, Term, utc_now
from termbase.variants import variant_key

# The fields of a term an editor may change, in the order the review log keeps them.
_EDITABLE = (
    "simplified",
    "traditional",
    "pinyin_marks",
    "pinyin_numbers",
    "pinyin_toneless",
    "pinyin_initials",
    "status",
    "subject_field",
    "definition",
    "note",
)
EDITABLE_TERM_FIELDS = frozenset(_EDITABLE)
# Derived search fields change with the pinyin and are not logged on their own.
_UNLOGGED = frozenset({"pinyin_toneless", "pinyin_initials"})
# What a merge keeps of the duplicate, so that undoing the merge can restore it.
_SNAPSHOT_TERM_FIELDS = (*_EDITABLE, "rank", "frequency", "created_by")
_SNAPSHOT_RENDERING_FIELDS = ("text", "status", "note", "created_by")
MERGED = "merged"  # the log field of a merge

PinyinFields = Callable[[str], dict[str, str]]


@dataclass
class _Action:
    """The log entries of one editorial action, all stamped with one moment."""

    session: Session
    editor: str
    action: str
    at: datetime = field(default_factory=utc_now)

    def log(
        self,
        entity: str,
        entity_id: int | None,
        term: Term,
        field_name: str,
        before: object,
        after: object,
    ) -> None:
        self.session.add(
            ReviewLogEntry(
                at=self.at,
                editor=self.editor,
                action=self.action,
                entity=entity,
                entity_id=entity_id,
                term_id=term.id,
                term=term.simplified,
                field=field_name,
                before=None if before is None else str(before),
                after=None if after is None else str(after),
            )
        )


def _load_term(session: Session, term_id: int, expected_version: int | None) -> Term:
    term = session.get(Term, term_id)
    if term is None:
        raise TermbaseError(f"no term with id {term_id}")
    if expected_version is not None and term.version != expected_version:
        raise ConflictError(
            f"{term.simplified} was changed by {term.modified_by} since you loaded it "
            f"(version {term.version}, yours {expected_version})"
        )
    return term


def _set_term_fields(term: Term, changes: dict[str, Any], action: _Action) -> None:
    unknown = set(changes) - EDITABLE_TERM_FIELDS
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        before = getattr(term, name)
        if before == value:
            continue
        setattr(term, name, value)
        if name not in _UNLOGGED:
            action.log("term", term.id, term, name, before, value)


def _set_rendering(
    rendering: Rendering, term: Term, name: str, value: str, action: _Action
) -> None:
    before = getattr(rendering, name)
    if before == value:
        return
    setattr(rendering, name, value)
    rendering.modified_by = action.editor
    action.log("rendering", rendering.id, term, name, before, value)


def _finish(session: Session, term: Term, action: _Action) -> Term:
    """Touch the term, so that its version moves on, and write everything now: a
    version that changed under us between reading and writing (another editor's
    transaction committed first) is a conflict too."""
    term.modified_by = action.editor
    term.modified_at = action.at
    _flush_or_conflict(session, term)
    return term


def _flush_or_conflict(session: Session, term: Term) -> None:
    """Write now; a version that changed under us between reading and writing
    (another editor's transaction committed first) is a ConflictError. The term's
    name is read before: a failed flush rolls back and expires it."""
    name = term.simplified
    try:
        session.flush()
    except StaleDataError as error:
        raise ConflictError(f"{name} was changed by another editor while you saved") from error


def _rendering(term: Term, text: str) -> Rendering:
    for rendering in term.renderings:
        if rendering.text == text:
            return rendering
    raise TermbaseError(f"{term.simplified} has no rendering {text!r}")


def approve_rendering(
    session: Session, term_id: int, text: str | None, editor: str, expected_version: int | None
) -> Term:
    """Approve the term with ``text`` as its preferred rendering; a rendering that was
    preferred before stays acceptable, as admitted. ``text=None`` approves a term that
    has no rendering to choose."""
    term = _load_term(session, term_id, expected_version)
    action = _Action(session, editor, "approve")
    if text is not None:
        chosen = _rendering(term, text)
        for rendering in term.renderings:
            if rendering is not chosen and rendering.status == RenderingStatus.PREFERRED.value:
                _set_rendering(rendering, term, "status", RenderingStatus.ADMITTED.value, action)
        _set_rendering(chosen, term, "status", RenderingStatus.PREFERRED.value, action)
    _set_term_fields(term, {"status": TermStatus.APPROVED.value}, action)
    return _finish(session, term, action)


def _give_status(
    session: Session,
    term_id: int,
    text: str,
    status: RenderingStatus,
    editor: str,
    expected_version: int | None,
    action_name: str,
) -> Term:
    """Give one rendering ``status``, as the action ``action_name``; the term's own
    status stays as it is."""
    term = _load_term(session, term_id, expected_version)
    action = _Action(session, editor, action_name)
    _set_rendering(_rendering(term, text), term, "status", status.value, action)
    return _finish(session, term, action)


def deprecate_rendering(
    session: Session, term_id: int, text: str, editor: str, expected_version: int | None
) -> Term:
    """Mark a rendering as one not to use (it stays, so that translators are told)."""
    return _give_status(
        session, term_id, text, RenderingStatus.DEPRECATED, editor, expected_version, "deprecate"
    )


def admit_rendering(
    session: Session, term_id: int, text: str, editor: str, expected_version: int | None
) -> Term:
    """Allow a rendering beside the preferred one (a shorter form, a usage of its own)."""
    return _give_status(
        session, term_id, text, RenderingStatus.ADMITTED, editor, expected_version, "admit"
    )


def reject_rendering(
    session: Session, term_id: int, text: str, editor: str, expected_version: int | None
) -> Term:
    """Reject a rendering: not a translation of this term at all (a wrong span the
    extraction took), as opposed to a deprecated one, which is a translation not to use."""
    return _give_status(
        session, term_id, text, RenderingStatus.REJECTED, editor, expected_version, "reject"
    )


def reject_term(session: Session, term_id: int, editor: str, expected_version: int | None) -> Term:
    """Reject the term: not a term (extraction noise) or not one for this glossary."""
    term = _load_term(session, term_id, expected_version)
    action = _Action(session, editor, "reject")
    _set_term_fields(term, {"status": TermStatus.REJECTED.value}, action)
    return _finish(session, term, action)


def edit_term(
    session: Session,
    term_id: int,
    changes: dict[str, Any],
    editor: str,
    expected_version: int | None,
    rendering: tuple[str, str] | None = None,
    action: str = "edit",
) -> Term:
    """Change a term's fields and, with ``rendering=(old, new)``, correct the text of
    one of its renderings, as one action. Pinyin comes with its derived fields
    (``services.review`` derives them)."""
    term = _load_term(session, term_id, expected_version)
    simplified = changes.get("simplified", term.simplified)
    if (
        simplified != term.simplified
        and session.scalar(select(Term.id).where(Term.simplified == simplified)) is not None
    ):
        raise ValueError(f"{simplified} is already a term: merge the two instead")
    logged = _Action(session, editor, action)
    _set_term_fields(term, changes, logged)
    if rendering is not None and rendering[0] != rendering[1]:
        old, new = rendering
        if not new.strip():
            raise ValueError("a rendering cannot be empty")
        if any(r.text == new for r in term.renderings):
            raise ValueError(f"{term.simplified} already has the rendering {new!r}")
        _set_rendering(_rendering(term, old), term, "text", new, logged)
    return _finish(session, term, logged)


def add_rendering(
    session: Session, term_id: int, text: str, editor: str, expected_version: int | None
) -> Term:
    """Add a rendering the documents do not have (yet); being the editor's, it
    survives rebuilds without evidence."""
    text = text.strip()
    if not text:
        raise ValueError("a rendering cannot be empty")
    term = _load_term(session, term_id, expected_version)
    if any(r.text == text for r in term.renderings):
        raise ValueError(f"{term.simplified} already has the rendering {text!r}")
    action = _Action(session, editor, "add")
    rendering = Rendering(
        text=text, status=RenderingStatus.CANDIDATE.value, created_by=editor, modified_by=editor
    )
    term.renderings.append(rendering)
    session.flush()
    action.log("rendering", rendering.id, term, "text", None, text)
    return _finish(session, term, action)


@dataclass(frozen=True)
class Decided:
    """What ``decide`` did, for the editor (and a script) to be told."""

    term: Term
    term_before: str  # the term's status before
    rendering: str | None  # None: the decision was about the term itself
    status: str | None  # the rendering's status now
    before: str | None  # the rendering's status before; None if it was added
    variant_of: str | None  # an existing rendering the added one is a variant of


_DECISIONS: dict[RenderingStatus, Callable[[Session, int, str, str, int | None], Term]] = {
    RenderingStatus.PREFERRED: approve_rendering,
    RenderingStatus.ADMITTED: admit_rendering,
    RenderingStatus.DEPRECATED: deprecate_rendering,
    RenderingStatus.REJECTED: reject_rendering,
}


def _decide_term(
    session: Session,
    term: Term,
    status: RenderingStatus,
    editor: str,
    expected_version: int | None,
) -> Decided:
    """A decision with no rendering: preferring approves the term as it is (as the
    review app's ``a`` on a term with no rendering), rejecting rejects it."""
    term_before = term.status
    if status is RenderingStatus.PREFERRED:
        decided = approve_rendering(session, term.id, None, editor, expected_version)
    elif status is RenderingStatus.REJECTED:
        decided = reject_term(session, term.id, editor, expected_version)
    else:
        raise ValueError(f"only a rendering can be {status.value}: name one")
    return Decided(decided, term_before, None, None, None, None)


def decide(
    session: Session,
    term_id: int,
    text: str | None,
    status: RenderingStatus,
    editor: str,
    expected_version: int | None = None,
) -> Decided:
    """Give the rendering ``text`` of a term ``status`` by the same actions, logged the
    same way, as the review app's keys: a rendering the term does not have yet is
    added first (``add_rendering``, as its ``+`` key does), and preferring approves the
    term (``approve_rendering``, its ``a`` key). ``text`` is the exact written form:
    another case or number of an existing rendering is added as a form of its own,
    which then heads that rendering's variants (``termbase.variants``). With
    ``text=None`` the decision is about the term (``_decide_term``)."""
    term = _load_term(session, term_id, expected_version)
    if text is None:
        return _decide_term(session, term, status, editor, expected_version)
    text = text.strip()
    term_before = term.status
    existing = next((r for r in term.renderings if r.text == text), None)
    before = existing.status if existing is not None else None
    variant_of = None
    if existing is None:
        key = variant_key(text)
        variant_of = next((r.text for r in term.renderings if variant_key(r.text) == key), None)
        add_rendering(session, term_id, text, editor, expected_version)
        expected_version = None  # the addition moved the version on
    decided = _DECISIONS[status](session, term_id, text, editor, expected_version)
    return Decided(decided, term_before, text, status.value, before, variant_of)


def merge_terms(
    session: Session,
    keep_id: int,
    duplicate_id: int,
    editor: str,
    expected_version: int | None,
    duplicate_version: int | None = None,
) -> Term:
    """Merge a duplicate into the term kept: its renderings and evidence move over (a
    rendering the kept term has already brings its evidence to that one), and the
    duplicate is deleted. The log keeps the duplicate whole, as JSON, for undo."""
    if keep_id == duplicate_id:
        raise ValueError("a term cannot be merged into itself")
    keep = _load_term(session, keep_id, expected_version)
    duplicate = _load_term(session, duplicate_id, duplicate_version)
    action = _Action(session, editor, "merge")
    by_text = {r.text: r for r in keep.renderings}
    moved_attestations = list(
        session.scalars(select(Attestation.id).where(Attestation.term_id == duplicate.id))
    )
    snapshot: dict[str, Any] = {
        "id": duplicate.id,
        "term": {name: getattr(duplicate, name) for name in _SNAPSHOT_TERM_FIELDS},
        "renderings": [],
        "attestations": moved_attestations,
    }
    for rendering in list(duplicate.renderings):
        target = by_text.get(rendering.text)
        if target is None:
            snapshot["renderings"].append({"id": rendering.id, "moved": True})
            rendering.term = keep
            continue
        evidence = list(
            session.scalars(select(Attestation.id).where(Attestation.rendering_id == rendering.id))
        )
        snapshot["renderings"].append(
            {
                "id": rendering.id,
                "into": target.id,
                "attestations": evidence,
                **{name: getattr(rendering, name) for name in _SNAPSHOT_RENDERING_FIELDS},
            }
        )
        session.execute(
            update(Attestation).where(Attestation.id.in_(evidence)).values(rendering_id=target.id)
        )
        duplicate.renderings.remove(rendering)
    session.execute(
        update(Attestation).where(Attestation.id.in_(moved_attestations)).values(term_id=keep.id)
    )
    session.flush()
    session.delete(duplicate)
    action.log(
        "term",
        duplicate_id,
        keep,
        MERGED,
        json.dumps(snapshot, ensure_ascii=False, default=str),
        keep.simplified,
    )
    return _finish(session, keep, action)


def merged_away(session: Session) -> dict[str, int]:
    """Simplified forms merged into another term (and not unmerged since), with the
    id of the term each went into: a rebuild that finds such a form again gives its
    evidence to that term instead of bringing the duplicate back."""
    merged: dict[str, int] = {}
    rows = session.execute(
        select(
            ReviewLogEntry.action,
            ReviewLogEntry.term_id,
            ReviewLogEntry.before,
            ReviewLogEntry.after,
        )
        .where(ReviewLogEntry.entity == "term", ReviewLogEntry.field == MERGED)
        .order_by(ReviewLogEntry.at, ReviewLogEntry.id)
    )
    for action, keep_id, before, after in rows:
        if action == "merge" and keep_id is not None:
            duplicate = json.loads(before or "{}").get("term", {}).get("simplified")
            if duplicate:
                merged[duplicate] = keep_id
        elif action == "undo" and after:
            merged.pop(after, None)
    return merged


# ---------------------------------------------------------------------------------
# undo
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Undone:
    """What an undo took back, for the editor to be told."""

    action: str
    term: str | None
    term_id: int | None


def _editor_entries(session: Session, editor: str, batch: int = 500) -> Iterator[ReviewLogEntry]:
    """The editor's log entries, newest first, a batch at a time."""
    before: int | None = None
    while True:
        statement = select(ReviewLogEntry).where(ReviewLogEntry.editor == editor)
        if before is not None:
            statement = statement.where(ReviewLogEntry.id < before)
        rows = list(session.scalars(statement.order_by(ReviewLogEntry.id.desc()).limit(batch)))
        yield from rows
        if len(rows) < batch:
            return
        before = rows[-1].id


def _last_action(session: Session, editor: str) -> list[ReviewLogEntry]:
    """The editor's newest action that no undo has taken back yet.

    Walking back from the newest entry, action by action (entries of one action share
    their timestamp), every undo met cancels the next older action met."""
    pending = 0
    group: list[ReviewLogEntry] = []
    for entry in _editor_entries(session, editor):
        if group and entry.at != group[0].at:
            if group[0].action != "undo" and pending == 0:
                return group
            pending += 1 if group[0].action == "undo" else -1
            group = []
        group.append(entry)
    if group and group[0].action != "undo" and pending == 0:
        return group
    raise NothingToUndo(f"{editor} has nothing to undo")


def _stale(entry: ReviewLogEntry, current: object, who: str | None) -> ConflictError:
    return ConflictError(
        f"cannot undo: {entry.term} {entry.entity} {entry.field} is now {current!r}, "
        f"not {entry.after!r} (changed since by {who}); reload to see the change"
    )


def _undo_term_field(
    session: Session,
    entry: ReviewLogEntry,
    field_name: str,
    action: _Action,
    pinyin_fields: PinyinFields | None,
) -> Term:
    term = session.get(Term, entry.entity_id)
    if term is None:
        raise ConflictError(f"cannot undo: the term {entry.term} no longer exists")
    current = getattr(term, field_name)
    if (None if current is None else str(current)) != entry.after:
        raise _stale(entry, current, term.modified_by)
    changes = {field_name: entry.before}
    if field_name == "pinyin_marks" and entry.before and pinyin_fields is not None:
        derived = pinyin_fields(entry.before)
        changes |= {name: derived[name] for name in _UNLOGGED}
    _set_term_fields(term, changes, action)
    return term


def _undo_rendering(
    session: Session, entry: ReviewLogEntry, field_name: str, action: _Action
) -> Term:
    rendering = session.get(Rendering, entry.entity_id)
    term = session.get(Term, entry.term_id) if entry.term_id is not None else None
    if rendering is None or term is None or rendering.term_id != term.id:
        raise ConflictError(f"cannot undo: that rendering of {entry.term} no longer exists")
    current = getattr(rendering, field_name)
    if current != entry.after:
        raise _stale(entry, current, rendering.modified_by)
    if field_name == "text" and entry.before is None:  # an added rendering
        evidence = session.scalar(
            select(Attestation.id).where(Attestation.rendering_id == rendering.id)
        )
        if evidence is not None:
            raise ConflictError(
                f"cannot undo: {rendering.text!r} has evidence in the documents since; "
                "deprecate it instead"
            )
        action.log("rendering", rendering.id, term, "text", rendering.text, None)
        term.renderings.remove(rendering)
        return term
    if entry.before is None:
        raise TermbaseError(f"cannot undo {entry.action} of {entry.term}")
    _set_rendering(rendering, term, field_name, entry.before, action)
    return term


def _free(session: Session, model: type[Term | Rendering], wanted: int) -> int | None:
    """``wanted`` if no row has that id (it is restored under its old id), else None."""
    return wanted if session.get(model, wanted) is None else None


def _undo_merge(session: Session, entry: ReviewLogEntry, action: _Action) -> Term:
    snapshot = json.loads(entry.before or "{}")
    keep = session.get(Term, entry.term_id) if entry.term_id is not None else None
    fields = snapshot.get("term", {})
    if keep is None or not fields:
        raise ConflictError(f"cannot undo the merge into {entry.term}: it no longer exists")
    if session.scalar(select(Term.id).where(Term.simplified == fields["simplified"])) is not None:
        raise ConflictError(
            f"cannot undo the merge: {fields['simplified']} exists again (rebuilt?)"
        )
    restored = Term(
        id=_free(session, Term, snapshot["id"]),
        **fields,
        modified_by=action.editor,
        modified_at=action.at,
    )
    session.add(restored)
    session.flush()
    for item in snapshot.get("renderings", []):
        if item.get("moved"):
            rendering = session.get(Rendering, item["id"])
            if rendering is not None and rendering.term_id == keep.id:
                rendering.term = restored
            continue
        rendering = Rendering(
            id=_free(session, Rendering, item["id"]),
            term=restored,
            modified_by=action.editor,
            **{name: item[name] for name in _SNAPSHOT_RENDERING_FIELDS},
        )
        session.add(rendering)
        session.flush()
        session.execute(
            update(Attestation)
            .where(
                Attestation.id.in_(item["attestations"]), Attestation.rendering_id == item["into"]
            )
            .values(rendering_id=rendering.id)
        )
    session.execute(
        update(Attestation)
        .where(Attestation.id.in_(snapshot.get("attestations", [])), Attestation.term_id == keep.id)
        .values(term_id=restored.id)
    )
    action.log("term", restored.id, keep, MERGED, keep.simplified, restored.simplified)
    return keep


def undo_last(session: Session, editor: str, pinyin_fields: PinyinFields | None = None) -> Undone:
    """Take back the editor's newest action not yet undone, logged as an ``undo``.

    A value someone changed since (or a rendering that gained evidence) is a
    ConflictError: the undo would overwrite a newer decision. ``pinyin_fields`` derives
    the search keys of a pinyin put back (``services.review`` gives
    ``glossary.pinyin.pinyin_fields``)."""
    group = _last_action(session, editor)
    action = _Action(session, editor, "undo")
    touched: dict[int, Term] = {}
    for entry in group:  # newest first: the reverse of the order they were made in
        field_name = entry.field or ""
        if entry.entity == "term" and field_name == MERGED:
            term = _undo_merge(session, entry, action)
        elif entry.entity == "term" and field_name in EDITABLE_TERM_FIELDS:
            term = _undo_term_field(session, entry, field_name, action, pinyin_fields)
        elif entry.entity == "rendering" and field_name in ("status", "text", "note"):
            term = _undo_rendering(session, entry, field_name, action)
        else:
            raise TermbaseError(f"cannot undo {entry.action} of {entry.entity} {entry.field}")
        touched[term.id] = term
    for term in touched.values():
        _finish(session, term, action)
    first = group[-1]
    return Undone(action=first.action, term=first.term, term_id=first.term_id)
