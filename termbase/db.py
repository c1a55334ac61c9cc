"""Opening a termbase: where it lives, how the engine is set up, and keeping its
schema at the newest migration."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "GLOSSARY_DB"
MIGRATIONS = Path(__file__).with_name("migrations")


class TermbaseError(RuntimeError):
    """A termbase that cannot be opened or used; the message is meant for the user."""


class TermbaseMissing(TermbaseError):
    """No termbase where one was named. Reading commands stop here rather than make an
    empty termbase, which would hide a mistyped path behind empty results."""


# Tables every version of our schema has: a database holding other tables but not
# these belongs to another program and must not be touched.
OUR_TABLES = frozenset({"alembic_version", "documents", "terms"})
SQLITE_HEADER = b"SQLite format 3\x00"


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


def sqlite_path(url: str) -> Path | None:
    """The file a SQLite URL names; None for an in-memory database or another backend."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def _sqlite_tables(path: Path) -> set[str] | None:
    """The tables of an existing SQLite file, read without writing to it (no WAL
    switch, no journal, no new sibling files); None when the file is not SQLite.

    An empty file counts as an empty database, as SQLite itself treats it. A WAL
    database with no -wal file beside it is read as immutable, because a read-only
    connection would otherwise leave -wal and -shm files next to another program's
    database."""
    with path.open("rb") as file:
        header = file.read(100)
    if not header:
        return set()
    if not header.startswith(SQLITE_HEADER):
        return None
    in_wal_mode = len(header) > 18 and header[18] == 2
    query = "immutable=1" if in_wal_mode and not Path(f"{path}-wal").exists() else "mode=ro"
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?{query}", uri=True)
        try:
            rows = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None
    return {name for (name,) in rows}


def _is_new(tables: set[str], shown: str, create: bool) -> bool:
    """Whether a database with ``tables`` still needs its schema; refuses another
    program's database, and an empty one when nothing may be created."""
    if not tables:
        if not create:
            raise TermbaseMissing(f"no termbase at {shown} (the database is empty)")
        return True
    if not OUR_TABLES <= tables:
        listed = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise TermbaseError(
            f"{shown} is not a termbase but another program's database (tables: {listed}); "
            "it was left untouched"
        )
    return False


def _check_sqlite_file(path: Path, create: bool) -> tuple[bool, bool]:
    """Look at a SQLite path before any connection can change it; returns whether the
    termbase is new and whether the file itself is."""
    if path.is_dir():
        raise TermbaseError(f"{path} is a folder, not a termbase file")
    if not path.exists():
        if not create:
            raise TermbaseMissing(f"no termbase at {path}")
        return True, True
    try:
        tables = _sqlite_tables(path)
    except OSError as error:
        raise TermbaseError(f"cannot read termbase {path}: {error.strerror or error}") from None
    if tables is None:
        raise TermbaseError(
            f"{path} is not a SQLite database, so not a termbase; it was left untouched"
        )
    return _is_new(tables, str(path), create), False


def _check_server_database(engine: Engine, shown: str, create: bool) -> bool:
    """The same check as for a SQLite file, for a database on a server: whether it is
    new (empty)."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    return _is_new(tables, shown, create)


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


def _first_line(error: Exception) -> str:
    """A driver error's own message, without SQLAlchemy's SQL and background link."""
    return str(getattr(error, "orig", None) or error).splitlines()[0]


@dataclass
class Termbase:
    """An open termbase: an engine whose schema is current, and sessions on it.

    ``created`` says that opening it made a new termbase, which the command line
    reports once."""

    url: str
    engine: Engine
    created: bool = False
    _new_file: bool = field(default=False, repr=False)

    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True) -> Termbase:
        """Open the termbase ``db`` names (see ``resolve_url``), upgrading its schema.

        With ``create=False`` a missing or empty database raises ``TermbaseMissing``
        and nothing is created. A database or file that is not a termbase is refused
        before anything can write to it."""
        url = resolve_url(db)
        shown = make_url(url).render_as_string(hide_password=True)
        path = sqlite_path(url)
        new, new_file = _check_sqlite_file(path, create) if path else (False, False)
        try:
            engine = make_engine(url)
        except Exception as error:  # unknown dialect or driver, unusable path …
            raise TermbaseError(f"cannot open termbase {shown}: {_first_line(error)}") from error
        try:
            if path is None:
                new = _check_server_database(engine, shown, create)
            upgrade_schema(engine)
        except TermbaseError:
            engine.dispose()
            raise
        except Exception as error:  # driver errors: unreachable server, not a database …
            engine.dispose()
            raise TermbaseError(f"cannot open termbase {shown}: {_first_line(error)}") from error
        return cls(url=url, engine=engine, created=new, _new_file=new_file)

    @property
    def shown(self) -> str:
        """Where the termbase is, as users should see it: a file path, or a URL
        without its password."""
        path = sqlite_path(self.url)
        return str(path) if path else make_url(self.url).render_as_string(hide_password=True)

    def discard_if_created(self) -> None:
        """Close, and delete the SQLite file if this open created it: a first build
        that fails must leave no empty termbase behind, as any failed build leaves
        the termbase as it was."""
        self.close()
        path = sqlite_path(self.url)
        if self._new_file and path is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

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
