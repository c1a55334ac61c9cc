"""The errors a service raises, in one place for the command line and the review app
to catch: all are the project's own, each message one line for a person. Storage
errors (SQLAlchemy's, the driver's) never pass a service: they become one of these.
"""

from __future__ import annotations

from termbase.db import (
    AmbiguousTerm,
    ConflictError,
    NothingToUndo,
    StorageError,
    TermbaseBusy,
    TermbaseError,
    TermbaseMissing,
    UnknownTerm,
    WriteConflict,
    first_line,
)

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
