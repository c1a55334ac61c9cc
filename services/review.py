"""Editors' decisions, one service each, for the command line and the review app
alike: approve, deprecate and reject, edit a term's fields and notes, add a
rendering, merge a duplicate, undo, and ``decide`` (the command line's ``prefer``,
``admit``, ``deprecate`` and ``reject``).

Each is one action of ``termbase.review``, logged there under the editor's name, and
each runs in a transaction of its own. What happens when another editor saved the
term meanwhile depends on what the caller knew: with the ``version`` the editor saw
(the review app), the editor decided on that version, and a newer one is a
ConflictError, nothing saved; without one (the command line), the action is a plain
intent ("set this note"), re-read and re-applied on what is there now
(``Termbase.write``). Either way a storage error comes out as a TermbaseError
(``services.errors``), never as the driver's.

A term is named by its id, or by what an editor typed (found as ``glossary show``
finds it, and it must match one term only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from glossary.pinyin import pinyin_fields
from records import RenderingStatus, TermStatus
from services.store import storage_errors
from services.terms import resolve_id
from termbase import review
from termbase.db import ConflictError, Termbase
from termbase.review import Undone
from termbase.terms import approved_without_english

T = TypeVar("T")
TermRef = int | str  # a term's id, or what an editor typed to find it
PINYIN = "pinyin"  # the change that stands for the stored pinyin columns
PINYIN_FIELDS = ("pinyin_marks", "pinyin_numbers", "pinyin_toneless", "pinyin_initials")
OTHER_EDITOR = "another editor changed this term while you saved"


def _decided(termbase: Termbase, work: Callable[[Session], T]) -> T:
    """Run ``work`` once, on what the editor saw: a row someone changed meanwhile
    is a ConflictError."""
    with storage_errors():
        try:
            with termbase.transaction() as session:
                return work(session)
        except StaleDataError as error:
            raise ConflictError(OTHER_EDITOR) from error


def _intended(termbase: Termbase, work: Callable[[Session], T]) -> T:
    """Run ``work`` as a plain intent: again on what is there now whenever another
    writer got there first (``Termbase.write``)."""
    with storage_errors():
        return termbase.write(work)


def _run(termbase: Termbase, work: Callable[[Session], T], version: int | None) -> T:
    return _intended(termbase, work) if version is None else _decided(termbase, work)


def _id(session: Session, term: TermRef) -> int:
    return term if isinstance(term, int) else resolve_id(session, term)


def pinyin_changes(marks: str | None) -> dict[str, str | None]:
    """The stored pinyin columns for the tone marks ``marks``, each derived from them;
    None clears them all. ValueError for text that is not pinyin."""
    return dict.fromkeys(PINYIN_FIELDS) if marks is None else dict(pinyin_fields(marks))


def _term_fields(changes: Mapping[str, str | None]) -> dict[str, str | None]:
    """``changes`` as the term's columns, in the order given: ``pinyin`` becomes the
    stored pinyin columns (``pinyin_changes``)."""
    fields: dict[str, str | None] = {}
    for name, value in changes.items():
        if name == PINYIN:
            fields |= pinyin_changes(value)
        else:
            fields[name] = value
    return fields


def approve(
    termbase: Termbase, term: TermRef, rendering: str | None, editor: str, version: int | None
) -> None:
    """Approve the term with ``rendering`` as its preferred English (None: a term
    with no rendering to choose)."""
    _run(
        termbase,
        lambda s: review.approve_rendering(s, _id(s, term), rendering, editor, version),
        version,
    )


def deprecate(
    termbase: Termbase, term: TermRef, rendering: str, editor: str, version: int | None
) -> None:
    """Mark a rendering of the term as English not to use."""
    _run(
        termbase,
        lambda s: review.deprecate_rendering(s, _id(s, term), rendering, editor, version),
        version,
    )


def reject(termbase: Termbase, term: TermRef, editor: str, version: int | None) -> None:
    """Reject the term: not a term, or not one for this glossary."""
    _run(termbase, lambda s: review.reject_term(s, _id(s, term), editor, version), version)


def add_rendering(
    termbase: Termbase, term: TermRef, text: str, editor: str, version: int | None
) -> None:
    """Add a rendering the documents do not have (yet) to the term."""
    _run(termbase, lambda s: review.add_rendering(s, _id(s, term), text, editor, version), version)


def merge(
    termbase: Termbase,
    keep: TermRef,
    duplicate: TermRef,
    editor: str,
    version: int | None,
    duplicate_version: int | None,
) -> None:
    """Merge ``duplicate`` into ``keep``: its renderings and evidence move over, and
    it is deleted (undo brings it back)."""

    def work(session: Session) -> None:
        review.merge_terms(
            session, _id(session, keep), _id(session, duplicate), editor, version, duplicate_version
        )

    _run(termbase, work, version)


@dataclass(frozen=True)
class Edited:
    """What an edit saved, for the editor to be told."""

    term: str  # the term as it is now
    version: int
    fields: tuple[str, ...]  # the columns given, the pinyin with the ones derived from it
    without_english: bool  # approved by the edit, but with no English to export


def edit(
    termbase: Termbase,
    term: TermRef,
    changes: Mapping[str, str | None],
    editor: str,
    version: int | None = None,
    rendering: tuple[str, str] | None = None,
    action: str = "edit",
) -> Edited:
    """Change a term's fields and, with ``rendering=(old, new)``, correct the text of
    one of its renderings, as one action (logged as ``action``: "edit", or "note" for
    the definition and note). ``changes`` may give ``pinyin``, the tone marks (None
    clears them), for the stored pinyin columns all derived from it here."""
    fields = _term_fields(changes)
    approving = fields.get("status") == TermStatus.APPROVED.value

    def work(session: Session) -> Edited:
        edited = review.edit_term(
            session, _id(session, term), fields, editor, version, rendering, action
        )
        without_english = approving and bool(approved_without_english(session, [edited.id]))
        return Edited(edited.simplified, edited.version, tuple(fields), without_english)

    return _run(termbase, work, version)


def undo(termbase: Termbase, editor: str) -> Undone:
    """Take back the editor's newest action not yet undone; a value someone changed
    since is a ConflictError, as the undo would overwrite a newer decision."""
    return _decided(termbase, lambda s: review.undo_last(s, editor, pinyin_fields))


@dataclass(frozen=True)
class Decision:
    """What ``decide`` did: the term's status and the rendering's, before and after."""

    term: str
    term_id: int
    term_status: str
    term_status_before: str
    rendering: str | None  # None: the decision was about the term itself
    status: str | None  # the rendering's status now
    status_before: str | None  # None if the rendering was added
    variant_of: str | None  # an existing rendering the added one is a variant of
    at: datetime | None
    version: int


def decide(
    termbase: Termbase,
    term: TermRef,
    rendering: str | None,
    status: RenderingStatus,
    editor: str,
) -> Decision:
    """Give ``rendering`` of the term ``status`` by the review app's own actions (a
    rendering the term does not have yet is added first; preferring approves the
    term); ``rendering=None`` decides on the term itself. A plain intent: decided
    again on what is there if another editor saved the term meanwhile."""

    def work(session: Session) -> Decision:
        decided = review.decide(session, _id(session, term), rendering, status, editor)
        row = decided.term
        return Decision(
            term=row.simplified,
            term_id=row.id,
            term_status=row.status,
            term_status_before=decided.term_before,
            rendering=decided.rendering,
            status=decided.status,
            status_before=decided.before,
            variant_of=decided.variant_of,
            at=row.modified_at,
            version=row.version,
        )

    return _intended(termbase, work)
