"""Opening a termbase: where it lives, how the engine is set up, and keeping its
schema at the newest migration."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "GLOSSARY_DB"
MIGRATIONS = Path(__file__).with_name("migrations")


class TermbaseError(RuntimeError):
    """A termbase that cannot be opened or used; the message is meant for the user."""


def default_path() -> Path:
    """The per-user SQLite file used when neither ``--db`` nor ``GLOSSARY_DB`` is set."""
    return user_data_path("glossary", appauthor=False) / "termbase.sqlite"


def resolve_url(db: str | None = None) -> str:
    """Turn ``--db``/``GLOSSARY_DB``/the default into a SQLAlchemy URL.

    A plain file path is accepted and means a SQLite file, because that is what most
    people will type.
    """
    value = db or os.environ.get(ENV_VAR) or str(default_path())
    if "://" in value:
        try:
            make_url(value)
        except (ArgumentError, ValueError) as error:
            raise TermbaseError(f"not a database URL: {value!r} ({error})") from None
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_setup(engine: Engine) -> None:
    """WAL and foreign keys on every connection, and real transactions.

    pysqlite by default neither begins a transaction before a SELECT nor includes DDL
    in one; taking BEGIN into our own hands makes a build (and a migration) one atomic
    unit, which is what lets a failed build leave the file as it was.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        _sqlite_setup(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _alembic_config(connection) -> Config:  # type: ignore[no-untyped-def]
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head() or ""


def _known_revision(revision: str) -> bool:
    try:
        return ScriptDirectory(str(MIGRATIONS)).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade_schema(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration; a no-op when current."""
    head = head_revision()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        if current is not None and not _known_revision(current):
            raise TermbaseError(
                f"the termbase's schema ({current}) is newer than this version of glossary"
            )
        command.upgrade(_alembic_config(connection), "head")


@dataclass
class Termbase:
    """An open termbase: an engine whose schema is current, and sessions on it."""

    url: str
    engine: Engine

    @classmethod
    def open(cls, db: str | None = None) -> Termbase:
        url = resolve_url(db)
        shown = make_url(url).render_as_string(hide_password=True)
        try:
            engine = make_engine(url)
        except Exception as error:  # unknown dialect or driver, unusable path …
            raise TermbaseError(f"cannot open termbase {shown}: {error}") from error
        try:
            upgrade_schema(engine)
        except TermbaseError:
            engine.dispose()
            raise
        except Exception as error:  # driver errors: unreachable server, not a database …
            engine.dispose()
            raise TermbaseError(f"cannot open termbase {shown}: {error}") from error
        return cls(url=url, engine=engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed as one unit, or rolled back whole."""
        with sessionmaker(self.engine, expire_on_commit=False).begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
