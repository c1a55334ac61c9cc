"""Opening the termbase a command or the review app names: the handle every other
service takes. Only this package holds ``termbase.Termbase`` in its hands; callers
above pass it through."""

from __future__ import annotations

from termbase.db import ENV_VAR, Termbase, default_path, resolve_url

__all__ = ["ENV_VAR", "Termbase", "default_path", "open_termbase", "resolve_url"]


def open_termbase(db: str | None, create: bool = False) -> Termbase:
    """The termbase at ``db`` (a path or URL; None: $GLOSSARY_DB or the default
    file), created if missing when ``create``; TermbaseMissing otherwise."""
    return Termbase.open(db, create=create)
