"""The store itself, on SQLite and PostgreSQL: schema, locking, append-only log,
document replacement."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from records import DocumentMeta
from termbase import Termbase, TermbaseError
from termbase.db import HEAD_REVISION, head_revision, resolve_url
from termbase.models import (
    Base,
    Paragraph,
    ReviewLogEntry,
    Segment,
    Term,
    TranslationUnit,
    UnitSegment,
)
from termbase.store import SaveResult, save_document, stats


@dataclass
class Para:
    language: str
    kind: str
    text: str
    sentences: list[str]
    counterpart: int | None = None


@pytest.fixture
def termbase(db_url: str):
    opened = Termbase.open(db_url)
    yield opened
    opened.close()


def meta(document_id: str = "doc", digest: str = "h1", **extra) -> DocumentMeta:
    return DocumentMeta(
        id=document_id, language="zh-Hans", role="original", content_hash=digest, **extra
    )


def test_schema_is_created_at_head_and_matches_the_models(termbase: Termbase) -> None:
    with termbase.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []


def test_the_recorded_head_is_the_newest_migration() -> None:
    """Opening a current termbase skips alembic by comparing with HEAD_REVISION: a new
    migration must move it, or termbases would never be upgraded to it."""
    assert head_revision() == HEAD_REVISION


def test_an_older_schema_is_upgraded_on_opening(termbase: Termbase, db_url: str) -> None:
    with termbase.engine.begin() as connection:
        connection.execute(sa.text("DROP INDEX ix_terms_rank"))
        connection.execute(sa.text("DROP INDEX ix_attestations_document_term"))
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0002'"))
    Termbase.open(db_url).close()
    with termbase.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == HEAD_REVISION
        indexes = {index["name"] for index in sa.inspect(connection).get_indexes("terms")}
        assert "ix_terms_rank" in indexes


def test_reopening_an_upgraded_termbase_keeps_its_data(termbase: Termbase, db_url: str) -> None:
    with termbase.transaction() as session:
        save_document(session, meta(), [Para("zh", "body", "一。", ["一。"])])
    again = Termbase.open(db_url)
    with again.reading() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Segment)) == 1
    again.close()


def test_a_schema_newer_than_the_code_is_refused(termbase: Termbase, db_url: str) -> None:
    with termbase.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    with pytest.raises(TermbaseError, match="newer than this version"):
        Termbase.open(db_url)


def test_review_log_is_append_only(termbase: Termbase) -> None:
    with termbase.transaction() as session:
        session.add(ReviewLogEntry(editor="ana", action="approve", entity="term", entity_id=1))
    for statement in ("UPDATE review_log SET editor = 'eve'", "DELETE FROM review_log"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            with termbase.transaction() as session:
                session.execute(sa.text(statement))
    with termbase.reading() as session:
        assert session.scalars(sa.select(ReviewLogEntry.editor)).all() == ["ana"]


def test_a_stale_term_version_cannot_overwrite_a_newer_one(termbase: Termbase) -> None:
    with termbase.transaction() as session:
        session.add(Term(simplified="科技强国", created_by="ana"))
    # Two editors load the same term, each in a short transaction of its own, as the
    # review app does; the second one saves later with the version it saw.
    first = Session(termbase.engine, expire_on_commit=False)
    second = Session(termbase.engine, expire_on_commit=False)
    term_a = first.scalars(sa.select(Term)).one()
    term_b = second.scalars(sa.select(Term)).one()
    first.commit()
    second.commit()
    term_a.note = "first editor"
    first.commit()
    term_b.note = "second editor"
    with pytest.raises(StaleDataError):
        second.commit()
    second.rollback()
    first.close()
    second.close()
    with termbase.reading() as session:
        term = session.scalars(sa.select(Term)).one()
        assert (term.note, term.version) == ("first editor", 2)


def test_save_document_adds_then_skips_then_replaces(termbase: Termbase) -> None:
    paragraphs = [
        Para("en", "title", "Title", ["Title"], counterpart=1),
        Para("zh", "title", "标题", ["标题"], counterpart=0),
        Para("zh", "body", "第一句。第二句。", ["第一句。", "第二句。"]),
    ]
    with termbase.transaction() as session:
        assert save_document(session, meta(), paragraphs) is SaveResult.ADDED
    with termbase.transaction() as session:
        assert save_document(session, meta(), paragraphs) is SaveResult.UNCHANGED
        rows = session.scalars(sa.select(Paragraph).order_by(Paragraph.position)).all()
        assert rows[0].counterpart_id == rows[1].id and rows[1].counterpart_id == rows[0].id
        first_segment = session.scalars(sa.select(Segment).order_by(Segment.id)).first()
        unit = TranslationUnit(
            document_id="doc", original_id="doc", zh_text="标题", en_text="Title", method="test"
        )
        unit.segments = [UnitSegment(segment_id=first_segment.id, side="zh", position=0)]
        session.add(unit)
    with termbase.transaction() as session:
        result = save_document(session, meta(digest="h2"), [Para("zh", "body", "新。", ["新。"])])
        assert result is SaveResult.REPLACED
    with termbase.reading() as session:
        assert session.scalars(sa.select(Segment.text)).all() == ["新。"]
        # units aligned on the old text are gone with it
        assert session.scalar(sa.select(sa.func.count()).select_from(TranslationUnit)) == 0
        numbers = stats(session)
    assert numbers["totals"]["paragraphs"] == {"zh": 1}
    assert numbers["documents"][0]["sentences"] == {"zh": 1}


def test_foreign_keys_are_enforced(termbase: Termbase) -> None:
    with pytest.raises(sa.exc.IntegrityError):
        with termbase.transaction() as session:
            session.add(
                Paragraph(document_id="missing", position=0, language="zh", kind="body", text="x")
            )
            session.flush()


def test_sqlite_uses_wal(tmp_path) -> None:
    termbase = Termbase.open(str(tmp_path / "file.sqlite"))
    with termbase.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    termbase.close()


def test_resolve_url_takes_paths_urls_and_the_environment(tmp_path, monkeypatch) -> None:
    assert resolve_url(str(tmp_path / "a.sqlite")) == f"sqlite:///{tmp_path / 'a.sqlite'}"
    monkeypatch.setenv("GLOSSARY_DB", "postgresql+psycopg://u@localhost/x")
    assert resolve_url(None) == "postgresql+psycopg://u@localhost/x"
    assert resolve_url("sqlite:///other.db") == "sqlite:///other.db"
    with pytest.raises(TermbaseError, match="not a database URL"):
        resolve_url("sqlite://host:notaport/x")
    with pytest.raises(TermbaseError, match="cannot open termbase"):
        Termbase.open("nosuchdialect://x")


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(TermbaseError, match="cannot open termbase"):
        Termbase.open("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_an_older_schema_is_upgraded_with_its_data(db_url: str) -> None:
    from alembic import command

    from termbase.db import _alembic_config, make_engine

    engine = make_engine(db_url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
        connection.execute(
            sa.text(
                "INSERT INTO terms (simplified, status, frequency, created_at, modified_at, version) "
                "VALUES ('科技强国', 'approved', 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
            )
        )
    engine.dispose()
    termbase = Termbase.open(db_url)
    with termbase.reading() as session:
        term = session.scalars(sa.select(Term)).one()
        assert (term.simplified, term.status, term.pinyin_initials) == (
            "科技强国",
            "approved",
            None,
        )
    termbase.close()
