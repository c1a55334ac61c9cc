"""Opening the termbase a command or the review app names: the handle every other
service takes, and the reading session every service reads in. Only this package
holds ``termbase.Termbase`` in its hands; callers above pass it through."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from termbase.db import ENV_VAR, Termbase, TermbaseError, default_path, first_line, resolve_url

__all__ = [
    "ENV_VAR",
    "Termbase",
    "default_path",
    "open_termbase",
    "public_url",
    "reading",
    "resolve_url",
    "termbase_name",
]


def open_termbase(db: str | None, create: bool = False) -> Termbase:
    """The termbase at ``db`` (a path or URL; None: $GLOSSARY_DB or the default
    file), created if missing when ``create``; TermbaseMissing otherwise."""
    return Termbase.open(db, create=create)


def public_url(url: str) -> str:
    """A termbase's URL without its password: what may be shown or kept in a file."""
    return make_url(url).render_as_string(hide_password=True)


def termbase_name(url: str) -> str:
    """How the review app's header names a termbase: a SQLite file by its name, a
    server by its URL without the password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return Path(parsed.database).name
    return public_url(url)


@contextmanager
def storage_errors() -> Iterator[None]:
    """A storage error (SQLAlchemy's, the driver's) raised inside becomes a
    TermbaseError in one line: what every service lets out instead."""
    try:
        yield
    except SQLAlchemyError as error:
        raise TermbaseError(first_line(error)) from error


@contextmanager
def reading(termbase: Termbase) -> Iterator[Session]:
    """A session to read in; a storage error is a TermbaseError in one line."""
    with storage_errors(), termbase.reading() as session:
        yield session
