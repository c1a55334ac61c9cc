"""The services both the command line and the review app decide through
(``services.review``) and read terms through (``services.terms``): one path for each
action, with the pinyin derived once, a version conflict handled by what the caller
knew, and no storage error of SQLAlchemy's reaching either caller."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cli import main
from glossary.pinyin import pinyin_fields
from records import RenderingStatus, TermQuery
from services import review, terms
from services.errors import ConflictError, StorageError, TermbaseError, UnknownTerm
from termbase import Termbase
from termbase.models import Term

from .test_review_actions import build_termbase, log, statuses, term_id, version

PINYIN = ("pinyin_marks", "pinyin_numbers", "pinyin_toneless", "pinyin_initials")


@pytest.fixture
def termbase(db_url: str):
    opened = Termbase.open(str(build_termbase(db_url)))
    yield opened
    opened.close()


def pinyin(termbase: Termbase, simplified: str) -> tuple:
    with termbase.reading() as session:
        term = session.scalars(sa.select(Term).where(Term.simplified == simplified)).one()
        return tuple(getattr(term, name) for name in PINYIN)


def test_an_edit_derives_the_pinyin_columns_once_for_every_caller(termbase: Termbase) -> None:
    tid = term_id(termbase, "科技强国")
    edited = review.edit(termbase, tid, {"note": "n", "pinyin": "kējì-qiángguó"}, "ana")
    assert edited.fields == ("note", *PINYIN)
    assert edited.term == "科技强国" and edited.version == version(termbase, "科技强国")
    assert pinyin(termbase, "科技强国") == tuple(pinyin_fields("kējì-qiángguó").values())
    review.edit(termbase, "科技强国", {"pinyin": None}, "ana", version(termbase, "科技强国"))
    assert pinyin(termbase, "科技强国") == (None, None, None, None)
    with pytest.raises(ValueError):
        review.pinyin_changes("not pinyin 42")


def test_the_review_app_decides_on_what_it_saw_the_command_line_on_what_is_there(
    termbase: Termbase,
) -> None:
    tid = term_id(termbase, "科技强国")
    seen = version(termbase, "科技强国")
    review.deprecate(termbase, tid, "tech powerhouse", "ana", seen)
    with pytest.raises(ConflictError, match="changed by ana"):
        review.approve(termbase, tid, "tech powerhouse", "ben", seen)  # the stale view
    assert statuses(termbase, "科技强国")["tech powerhouse"] == "deprecated"
    # the command line names no version: its intent is applied to the term as it is now
    decision = review.decide(
        termbase, "科技强国", "tech powerhouse", RenderingStatus.PREFERRED, "ben"
    )
    assert (decision.status_before, decision.status) == ("deprecated", "preferred")
    assert decision.version == version(termbase, "科技强国")
    assert [entry[:2] for entry in log(termbase)][-1] == ("ben", "approve")


def test_a_term_named_by_what_the_editor_typed_must_exist(termbase: Termbase) -> None:
    with pytest.raises(UnknownTerm):
        review.edit(termbase, "不存在的词", {"note": "x"}, "ana")


def test_undo_goes_through_the_service_with_the_pinyin_derived(termbase: Termbase) -> None:
    tid = term_id(termbase, "科技强国")
    before = pinyin(termbase, "科技强国")
    review.edit(termbase, tid, {"pinyin": "kējì-qiángguó"}, "ana", version(termbase, "科技强国"))
    assert review.undo(termbase, "ana").action == "edit"
    assert pinyin(termbase, "科技强国") == before


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A termbase whose renderings table is gone (a damaged file): it opens, and
    fails under the first query that reads renderings."""
    db = build_termbase(tmp_path / "broken.sqlite")
    connection = sqlite3.connect(db)
    connection.execute("DROP TABLE renderings")
    connection.commit()
    connection.close()
    return db


def test_a_storage_failure_is_a_project_error_for_every_caller(broken: Path) -> None:
    termbase = Termbase.open(str(broken))
    try:
        with pytest.raises(StorageError, match="^no such table: renderings$"):
            terms.term_page(termbase, TermQuery())
        with pytest.raises(TermbaseError, match="^no such table: renderings$"):
            review.deprecate(termbase, term_id(termbase, "科技强国"), "tech powerhouse", "ana", 1)
    finally:
        termbase.close()
    result = CliRunner().invoke(main, ["show", "科技强国", "--db", str(broken)])
    assert result.exit_code == 1
    assert result.output == f"Error: termbase {broken.resolve()}: no such table: renderings\n"
