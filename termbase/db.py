"""Opening a termbase: where it lives, how the engine is set up, and keeping its
schema at the newest migration."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

ENV_VAR = "GLOSSARY_DB"
MIGRATIONS = Path(__file__).with_name("migrations")
LOCK_TIMEOUT_VAR = "GLOSSARY_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 60.0  # seconds a writer waits for another one's lock
WRITE_ATTEMPTS = 12  # how often ``Termbase.write`` re-runs work that met a conflict
_IMMEDIATE = "glossary_begin_immediate"  # execution option: BEGIN IMMEDIATE on SQLite
T = TypeVar("T")


class TermbaseError(RuntimeError):
    """A termbase that cannot be opened or used; the message is meant for the user."""


class TermbaseMissing(TermbaseError):
    """No termbase where one was named. Reading commands stop here rather than make an
    empty termbase, which would hide a mistyped path behind empty results."""


class TermbaseBusy(TermbaseError):
    """Another writer held the termbase's lock for longer than we wait for it."""


class StorageError(TermbaseError):
    """The database failed under a command (a connection lost, a disk full, a damaged
    file): the environment, not a bug. The message is the driver's own first line;
    the command line says which termbase it was."""


class WriteConflict(TermbaseError):
    """Another writer changed what this transaction read before it could write: the
    work is worth doing again on what is there now (``Termbase.write``), unless an
    editor decided on the old state (the review app says so instead)."""


class ConflictError(WriteConflict):
    """The row changed since the editor loaded it; reload and decide again."""


class NothingToUndo(TermbaseError):
    """The editor has no action left that an undo could take back."""


class UnknownTerm(TermbaseError):
    """No term matches what the editor typed."""


class AmbiguousTerm(TermbaseError):
    """What the editor typed matches several terms equally well."""


def lock_timeout() -> float:
    """How long a writer waits for another one's lock, in seconds: GLOSSARY_LOCK_TIMEOUT
    or a minute, long enough for a build to finish."""
    value = os.environ.get(LOCK_TIMEOUT_VAR)
    if not value:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses nan
        raise TermbaseError(f"{LOCK_TIMEOUT_VAR} must be a number of seconds, not {value!r}")
    return seconds


def _sqlite_code(error: BaseException) -> int | None:
    return getattr(getattr(error, "orig", None), "sqlite_errorcode", None)


def is_lock_timeout(error: BaseException) -> bool:
    """SQLite's "database is locked" once the busy timeout has run out (not the
    stale-snapshot kind of SQLITE_BUSY, which is a conflict)."""
    code = _sqlite_code(error)
    if not isinstance(error, OperationalError) or code is None:
        return False
    return code & 0xFF == sqlite3.SQLITE_BUSY and code != sqlite3.SQLITE_BUSY_SNAPSHOT


def is_write_conflict(error: BaseException) -> bool:
    """Whether ``error`` means that another writer got there first, so that the same
    work, re-read and re-applied in a new transaction, can succeed: a stale version
    (optimistic locking), a row the other one inserted meanwhile, PostgreSQL's
    serialization failures and deadlocks, SQLite's stale snapshot. (On SQLite, whose
    writers take turns, a constraint that fails would fail again: not a conflict.)
    A StorageError is one when the driver's error it stands for is."""
    if isinstance(error, StorageError) and error.__cause__ is not None:
        error = error.__cause__
    if isinstance(error, WriteConflict | StaleDataError):
        return True
    code = _sqlite_code(error)
    if isinstance(error, IntegrityError):
        return code is None
    if code == sqlite3.SQLITE_BUSY_SNAPSHOT:
        return True
    sqlstate = getattr(getattr(error, "orig", None), "sqlstate", None)
    return isinstance(error, DBAPIError) and sqlstate in ("40001", "40P01")


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
    if not tables >= OUR_TABLES:
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
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={round(lock_timeout() * 1000)}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # A transaction that will write takes the write lock at once (waiting for it
        # up to the busy timeout): one that read first and then asked for the lock
        # would get "database is locked" at once, without waiting, whenever another
        # writer committed in between.
        immediate = connection.get_execution_options().get(_IMMEDIATE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        _sqlite_setup(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration in termbase/migrations/versions (a test checks that it is what
# alembic finds there). A termbase already at it is opened without importing alembic,
# which costs a tenth of a second on every command.
HEAD_REVISION = "0003"


def _alembic_config(connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration, as alembic reads it from the migration scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head() or ""


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory(str(MIGRATIONS)).get_revision(revision) is not None
    except CommandError:
        return False


def _stored_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_schema(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration; a no-op when current."""
    if _stored_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext

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


def _gave_up(error: Exception, attempts: int) -> WriteConflict:
    """The one line for work that met a conflict every time it ran."""
    if isinstance(error, WriteConflict | IntegrityError):
        what = first_line(error)
    else:
        what = "other writers kept changing the same rows"
    return WriteConflict(f"{what} (tried {attempts} times); nothing was saved: try again")


def first_line(error: Exception) -> str:
    """A driver error's own message, without SQLAlchemy's SQL and background link."""
    return (str(getattr(error, "orig", None) or error).splitlines() or [type(error).__name__])[0]


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
            raise TermbaseError(f"cannot open termbase {shown}: {first_line(error)}") from error
        try:
            if path is None:
                new = _check_server_database(engine, shown, create)
            upgrade_schema(engine)
        except TermbaseError:
            engine.dispose()
            raise
        except Exception as error:  # driver errors: unreachable server, not a database …
            engine.dispose()
            raise TermbaseError(f"cannot open termbase {shown}: {first_line(error)}") from error
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
        """A session whose work is committed as one unit, or rolled back whole.

        On SQLite it holds the write lock from its start, after waiting for it up to
        ``lock_timeout()``; a wait that runs out is TermbaseBusy, one line for the
        user rather than the driver's error, and the database failing under it is a
        StorageError."""
        engine = self.engine.execution_options(**{_IMMEDIATE: True})
        try:
            with sessionmaker(engine, expire_on_commit=False).begin() as session:
                yield session
        except OperationalError as error:
            if not is_lock_timeout(error):
                raise StorageError(first_line(error)) from error
            raise TermbaseBusy(
                f"the termbase {self.shown} is locked by another writer (a build or an "
                f"import?) and stayed locked for {lock_timeout():g} s; nothing was saved: "
                f"try again when it is done, or wait longer with {LOCK_TIMEOUT_VAR}=SECONDS"
            ) from error

    def write(self, work: Callable[[Session], T], attempts: int = WRITE_ATTEMPTS) -> T:
        """Run ``work`` in a transaction of its own and return what it returns; when
        another writer changed what it read first (see ``is_write_conflict``), run it
        again in a new transaction, on what is there now, a few times, after a short
        random pause so that two writers do not meet again.

        For plain intents ("set this note"), which stay right whatever the other
        writer did; if the conflicts go on, WriteConflict says so in one line."""
        attempt = 1
        while True:
            try:
                with self.transaction() as session:
                    return work(session)
            except Exception as error:
                if not is_write_conflict(error):
                    raise
                if attempt == attempts:
                    raise _gave_up(error, attempts) from error
            time.sleep(random.uniform(0, 0.02 * attempt))
            attempt += 1

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session to read in; the database failing under it is a StorageError."""
        try:
            with Session(self.engine) as session:
                yield session
        except OperationalError as error:
            raise StorageError(first_line(error)) from error

    def close(self) -> None:
        self.engine.dispose()
