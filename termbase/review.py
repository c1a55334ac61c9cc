"""Editorial changes: every one saved at once, under the editor's name, in the
append-only review log, and refused if someone else changed the row meanwhile."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from termbase.db import TermbaseError
from termbase.models import ReviewLogEntry, Term

EDITABLE_TERM_FIELDS = frozenset(
    {"simplified", "traditional", "pinyin_marks", "pinyin_numbers", "pinyin_toneless",
     "pinyin_initials", "status", "subject_field", "definition", "note"}
)
# Derived search fields change with the pinyin and are not logged on their own.
_UNLOGGED = frozenset({"pinyin_toneless", "pinyin_initials"})


class ConflictError(TermbaseError):
    """The row changed since the editor loaded it; reload and decide again."""


def update_term(
    session: Session,
    term_id: int,
    changes: dict[str, Any],
    editor: str,
    expected_version: int | None = None,
    action: str = "edit",
) -> Term:
    """Apply ``changes`` to a term and log each changed field with its old and new
    value. ``expected_version`` is the version the editor saw: if the term has moved
    on since, nothing is written and ConflictError says so."""
    unknown = set(changes) - EDITABLE_TERM_FIELDS
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    term = session.get(Term, term_id)
    if term is None:
        raise TermbaseError(f"no term with id {term_id}")
    if expected_version is not None and term.version != expected_version:
        raise ConflictError(
            f"{term.simplified} was changed by {term.modified_by} since you loaded it "
            f"(version {term.version}, yours {expected_version}); reload to see the change"
        )
    for field, value in changes.items():
        before = getattr(term, field)
        if before == value:
            continue
        setattr(term, field, value)
        if field not in _UNLOGGED:
            session.add(
                ReviewLogEntry(
                    editor=editor, action=action, entity="term", entity_id=term.id, term_id=term.id,
                    term=term.simplified, field=field,
                    before=None if before is None else str(before),
                    after=None if value is None else str(value),
                )
            )
    term.modified_by = editor
    session.flush()
    return term
