"""The errors a service raises, in one place for the command line and the review app
to catch: all are the project's own, each message one line for a person. Storage
errors (SQLAlchemy's, the driver's) never pass a service: they become one of these.

The errors of editorial decisions and term look-ups load with the store code that
raises them, on first use, so that the command line starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from termbase.db import (
    StorageError,
    TermbaseBusy,
    TermbaseError,
    TermbaseMissing,
    WriteConflict,
    first_line,
)

if TYPE_CHECKING:
    from termbase.review import ConflictError, NothingToUndo
    from termbase.terms import AmbiguousTerm, UnknownTerm

# What a user can cause and mend (a bad file, a missing termbase, a busy one): the
# command line prints these as one line and exits 1; anything else is a bug.
USER_ERRORS: tuple[type[Exception], ...] = (TermbaseError, ValueError, OSError)

__all__ = [
    "USER_ERRORS",
    "AmbiguousTerm",
    "ConflictError",
    "NothingToUndo",
    "StorageError",
    "TermbaseBusy",
    "TermbaseError",
    "TermbaseMissing",
    "UnknownTerm",
    "WriteConflict",
    "first_line",
]


def __getattr__(name: str) -> Any:
    """The errors that load on first use (PEP 562)."""
    if name in ("ConflictError", "NothingToUndo"):
        from termbase import review

        return getattr(review, name)
    if name in ("AmbiguousTerm", "UnknownTerm"):
        from termbase import terms

        return getattr(terms, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
