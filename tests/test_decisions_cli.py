"""Editors' decisions from the command line (`glossary prefer`, `admit`, `deprecate`,
`reject`), logged as the review app logs them, and what `edit`, `show` and `export`
tell the editor about them, on a copy of the sample corpus's termbase."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cli import main
from termbase import Termbase
from termbase.models import Rendering, ReviewLogEntry, Term
from termbase.review import undo_last

OFFICIAL = "country strong in science and technology"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(sample_termbase: Path, tmp_path: Path) -> str:
    copy = tmp_path / "tb.sqlite"
    shutil.copy(sample_termbase, copy)
    return str(copy)


def log(db: str) -> list[tuple]:
    termbase = Termbase.open(db)
    try:
        with termbase.reading() as session:
            return [
                tuple(row)
                for row in session.execute(
                    sa.select(
                        ReviewLogEntry.editor,
                        ReviewLogEntry.action,
                        ReviewLogEntry.entity,
                        ReviewLogEntry.term,
                        ReviewLogEntry.field,
                        ReviewLogEntry.before,
                        ReviewLogEntry.after,
                    ).order_by(ReviewLogEntry.id)
                )
            ]
    finally:
        termbase.close()


def statuses(db: str, simplified: str) -> tuple[str, dict[str, str]]:
    """The term's status and its renderings' statuses, straight from the database."""
    termbase = Termbase.open(db)
    try:
        with termbase.reading() as session:
            term = session.scalars(sa.select(Term).where(Term.simplified == simplified)).one()
            return term.status, dict(
                session.execute(
                    sa.select(Rendering.text, Rendering.status).where(Rendering.term_id == term.id)
                ).all()
            )
    finally:
        termbase.close()


def exported(db: str, fmt: str, folder: Path, *options: str) -> tuple[str, str]:
    """The file an export writes, and what it says on stderr."""
    target = folder / f"terms.{fmt}"
    result = run("export", fmt, "-o", str(target), "--db", db, *options)
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8"), result.stderr


def test_prefer_chooses_the_english_approves_the_term_and_logs_it_as_the_app_does(db: str) -> None:
    result = run("prefer", "科技强国", OFFICIAL, "--editor", "ana", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    decided = json.loads(result.stdout)
    assert {
        k: decided[k]
        for k in (
            "term",
            "rendering",
            "status",
            "status_before",
            "term_status",
            "term_status_before",
            "added",
            "editor",
        )
    } == {
        "term": "科技强国",
        "rendering": OFFICIAL,
        "status": "preferred",
        "status_before": "candidate",
        "term_status": "approved",
        "term_status_before": "candidate",
        "added": False,
        "editor": "ana",
    }
    assert statuses(db, "科技强国")[0] == "approved"
    assert statuses(db, "科技强国")[1][OFFICIAL] == "preferred"
    # the entries approve_rendering writes for the review app's `a` key
    assert log(db) == [
        ("ana", "approve", "rendering", "科技强国", "status", "candidate", "preferred"),
        ("ana", "approve", "term", "科技强国", "status", "candidate", "approved"),
    ]
    plain = run("prefer", "kjqg", OFFICIAL, "--editor", "ana", "--db", db)  # found as show finds it
    assert plain.exit_code == 0 and "preferred (unchanged)" in plain.stderr


def test_a_rendering_not_in_the_termbase_is_added_then_decided_and_can_be_undone(db: str) -> None:
    result = run("deprecate", "科技强国", "S&T superpower", "--editor", "ben", "--db", db)
    assert result.exit_code == 0, result.output
    assert "'S&T superpower' deprecated (added)" in result.stderr
    assert statuses(db, "科技强国")[1]["S&T superpower"] == "deprecated"
    assert log(db) == [
        ("ben", "add", "rendering", "科技强国", "text", None, "S&T superpower"),
        ("ben", "deprecate", "rendering", "科技强国", "status", "candidate", "deprecated"),
    ]
    termbase = Termbase.open(db)
    try:
        for action in ("deprecate", "add"):  # the review app's `u`, twice
            with termbase.transaction() as session:
                assert undo_last(session, "ben").action == action
    finally:
        termbase.close()
    assert "S&T superpower" not in statuses(db, "科技强国")[1]


def test_admit_and_reject_renderings_and_reject_a_term(db: str) -> None:
    assert (
        run(
            "admit", "科技强国", "science and technology power", "--editor", "ana", "--db", db
        ).exit_code
        == 0
    )
    assert (
        run("reject", "科技强国", "science and technology", "--editor", "ana", "--db", db).exit_code
        == 0
    )
    term_status, renderings = statuses(db, "科技强国")
    assert term_status == "candidate"  # only prefer approves the term
    assert (renderings["science and technology power"], renderings["science and technology"]) == (
        "admitted",
        "rejected",
    )
    result = run("reject", "强国", "--editor", "ana", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["term_status"] == "rejected"
    assert statuses(db, "强国")[0] == "rejected"
    assert [entry[1] for entry in log(db)] == ["admit", "reject", "reject"]
    shown = json.loads(run("show", "科技强国", "--json", "--db", db).stdout)
    assert [r["status"] for r in shown["renderings"]][:1] == ["admitted"]
    assert shown["renderings"][-1]["en"] == "science and technology"


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("不存在的词语", "no term matches '不存在的词语'"),
        ("科技", "'科技' matches several terms in part (科技创新, 科技强国"),
        ("science and technology", "'science and technology' matches several terms exactly"),
    ],
)
def test_unknown_and_ambiguous_terms_are_one_line_errors_and_change_nothing(
    db: str, term: str, message: str
) -> None:
    for args in (("prefer", term, OFFICIAL), ("reject", term), ("edit", term, "--note", "x")):
        result = run(*args, "--db", db)
        assert result.exit_code == 1, result.output
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert log(db) == []


def test_an_empty_rendering_is_a_usage_error(db: str) -> None:
    result = run("prefer", "科技强国", "  ", "--db", db)
    assert result.exit_code == 2 and "RENDERING is empty" in result.stderr


def test_approving_with_edit_says_there_is_no_english_until_one_is_preferred(
    db: str, tmp_path: Path
) -> None:
    edited = run("edit", "科技强国", "--status", "approved", "--editor", "ana", "--db", db)
    assert edited.exit_code == 0, edited.output
    assert "no preferred or admitted rendering" in edited.stderr
    assert "glossary prefer 科技强国 RENDERING" in edited.stderr
    text, said = exported(db, "csv", tmp_path, "--status", "approved")
    assert (
        "1 approved term has no preferred or admitted rendering, written with no English (科技强国)"
        in said
    )
    assert run("prefer", "科技强国", OFFICIAL, "--editor", "ana", "--db", db).exit_code == 0
    text, said = exported(db, "csv", tmp_path, "--status", "approved")
    [row] = list(csv.DictReader(text.splitlines()))
    assert (row["simplified"], row["preferred"], row["status"]) == (
        "科技强国",
        OFFICIAL,
        "approved",
    )
    assert "no preferred" not in said
    for fmt in ("tbx", "tbx2", "omegat"):
        assert OFFICIAL in exported(db, fmt, tmp_path, "--status", "approved")[0]
    assert f"科技强国\t{OFFICIAL}" in exported(db, "omegat", tmp_path, "--status", "approved")[0]


def test_show_prints_each_context_with_its_chinese_beside_the_english(db: str) -> None:
    result = run("show", "科技强国", "--contexts", "1", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    zh = next(i for i, line in enumerate(lines) if "确立2035年建成科技强国的奋斗目标" in line)
    assert "a country strong in science and technology by 2035" in lines[zh + 1]
    assert lines[zh - 1].strip() == "speech-2024-en-qiushi"
    assert lines[zh - 2].strip() == OFFICIAL
