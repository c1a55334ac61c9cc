"""The termbase a command uses is the one the user meant, and no other: reading
commands never create one, nothing is written to a database or file that is not a
termbase, and ``--db``/``--quiet`` work before the command's name as well as after."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cli import main
from termbase import Termbase, TermbaseError
from termbase.db import TermbaseMissing

from .conftest import SHARED

GOLD = SHARED / "dev-gold"

READING = [
    ["stats"],
    ["stats", "--json"],
    ["terms"],
    ["show", "科技强国"],
    ["review"],
    ["export", "csv", "-o", "{tmp}/out.csv"],
    ["tm", "search", "科技强国"],
    ["evaluate", "alignment", str(GOLD / "alignment.tsv")],
    ["evaluate", "terms", str(GOLD / "terms.tsv")],
    ["edit", "科技强国", "--note", "checked"],
]


@pytest.fixture(autouse=True)
def no_review_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """`glossary review` must stop before its app starts; if it ever did start, the
    test fails instead of waiting for keys that never come."""

    def refuse(_app: object) -> None:
        raise AssertionError("the review app started")

    monkeypatch.setattr("tui.app.ReviewApp.run", refuse)


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def reading(command: list[str], tmp_path: Path) -> list[str]:
    return [part.replace("{tmp}", str(tmp_path)) for part in command]


def glossary_csv(tmp_path: Path) -> Path:
    """A one-term glossary: ``import`` of it is the quickest way to write a termbase."""
    path = tmp_path / "glossary.csv"
    path.write_text(
        "simplified,preferred\n科技强国,country strong in science and technology\n",
        encoding="utf-8",
    )
    return path


def snapshot(path: Path) -> tuple[str, int, list[str]]:
    """A file's bytes, modification time, and the files beside it (-wal, -shm …)."""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        path.stat().st_mtime_ns,
        sorted(os.listdir(path.parent)),
    )


def foreign_sqlite(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes (body) VALUES ('shopping list')")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_reading_commands_refuse_a_missing_termbase_and_create_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "typo" / "tb.sqlite"
    result = run(*reading(command, tmp_path), "--db", str(db))
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "\n" not in message and f"no termbase at {db}" in message
    assert "glossary build" in message and "glossary import" in message
    assert not db.parent.exists()


def test_the_environment_variable_and_the_default_path_are_not_created_either(
    tmp_path: Path,
) -> None:
    named = tmp_path / "env.sqlite"
    result = run("stats", env={"GLOSSARY_DB": str(named)})
    assert result.exit_code == 1 and f"no termbase at {named}" in result.stderr
    assert not named.exists()
    data = tmp_path / "data"
    result = run("terms", env={"GLOSSARY_DB": "", "XDG_DATA_HOME": str(data)})
    assert result.exit_code == 1 and f"no termbase at {data}" in result.stderr
    assert not data.exists()


def test_an_empty_sqlite_file_is_no_termbase_for_reading_commands(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    db.touch()
    before = snapshot(db)
    result = run("stats", "--db", str(db))
    assert result.exit_code == 1 and "no termbase at" in result.stderr
    assert snapshot(db) == before


def test_writing_commands_create_the_termbase_and_say_so_once(tmp_path: Path) -> None:
    db = tmp_path / "new" / "tb.sqlite"
    first = run("import", str(glossary_csv(tmp_path)), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert first.stderr.count(f"created termbase {db}") == 1 and db.is_file()
    again = run("import", str(glossary_csv(tmp_path)), "--db", str(db))
    assert again.exit_code == 0 and "created termbase" not in again.stderr
    quiet = run("import", str(glossary_csv(tmp_path)), "--db", str(tmp_path / "q.sqlite"), "-q")
    assert quiet.exit_code == 0 and "created termbase" not in quiet.stderr
    assert (tmp_path / "q.sqlite").is_file()
    # an existing termbase is read, edited and exported as before
    assert run("stats", "--json", "--db", str(db)).exit_code == 0
    assert run("edit", "科技强国", "--note", "checked", "--db", str(db)).exit_code == 0


def test_a_failed_first_write_leaves_no_termbase_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("simplified,colour\n科技强国,x\n", encoding="utf-8")  # an unknown column
    db = tmp_path / "tb.sqlite"
    result = run("import", str(bad), "--db", str(db))
    assert result.exit_code == 1 and "bad.csv" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["bad.csv"]


@pytest.mark.parametrize(
    "command",
    [*READING, ["import", "{tmp}/glossary.csv"], ["build", str(SHARED / "corpus" / "corpus.toml")]],
    ids=" ".join,
)
def test_another_programs_sqlite_file_is_refused_and_left_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    glossary_csv(tmp_path)
    db = foreign_sqlite(tmp_path / "notes.db")
    before = snapshot(db)
    result = run(*reading(command, tmp_path), "--db", str(db))
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "\n" not in message and str(db) in message and "another program's database" in message
    assert snapshot(db) == before


def test_a_wal_mode_database_of_another_program_gets_no_files_beside_it(tmp_path: Path) -> None:
    db = foreign_sqlite(tmp_path / "notes.db")
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    before = snapshot(db)
    assert run("stats", "--db", str(db)).exit_code == 1
    assert snapshot(db) == before


@pytest.mark.parametrize(
    "content", [b"hello, world\n", bytes(range(256)), b"SQLite format 3\x00junk"]
)
@pytest.mark.parametrize("command", [["stats"], ["import", "{tmp}/glossary.csv"]], ids=" ".join)
def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(
    tmp_path: Path, content: bytes, command: list[str]
) -> None:
    glossary_csv(tmp_path)
    db = tmp_path / "notes.txt"
    db.write_bytes(content)
    before = snapshot(db)
    result = run(*reading(command, tmp_path), "--db", str(db))
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "\n" not in message and f"{db} is not a SQLite database" in message
    assert snapshot(db) == before


def test_global_options_go_before_or_after_the_command(tmp_path: Path) -> None:
    csv = str(glossary_csv(tmp_path))
    before = tmp_path / "before.sqlite"
    result = run("--db", str(before), "-q", "import", csv)
    assert result.exit_code == 0, result.output
    assert before.is_file() and result.stderr == ""
    after = tmp_path / "after.sqlite"
    assert run("import", csv, "--db", str(after), "--quiet").stderr == ""
    assert after.is_file()
    terms = run("--db", str(before), "terms", "--json")
    assert terms.exit_code == 0 and "科技强国" in terms.stdout
    assert run("--quiet", "--db", str(before), "tm", "search", "科技强国").exit_code == 0
    assert run("--db", str(before), "evaluate", "terms", str(GOLD / "terms.tsv")).exit_code == 0


def test_the_commands_own_db_wins_over_the_groups_and_both_over_the_environment(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tb.sqlite"
    assert run("import", str(glossary_csv(tmp_path)), "--db", str(db), "-q").exit_code == 0
    missing = str(tmp_path / "missing.sqlite")
    assert run("--db", missing, "stats", "--db", str(db)).exit_code == 0
    refused = run("--db", str(db), "stats", "--db", missing)
    assert refused.exit_code == 1 and "missing.sqlite" in refused.stderr
    assert run("--db", str(db), "stats", env={"GLOSSARY_DB": missing}).exit_code == 0
    assert not Path(missing).exists()


def test_align_without_any_termbase_named_works_without_creating_one(tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text("我们要加快建设科技强国。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "We must build a country strong in science.\n", encoding="utf-8"
    )
    data = tmp_path / "data"
    files = (str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"))
    result = run(
        "align", *files, "--sentences", env={"GLOSSARY_DB": "", "XDG_DATA_HOME": str(data)}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "[0]:[0]\n" and not data.exists()
    named = tmp_path / "typo.sqlite"
    refused = run("align", *files, "--sentences", "--db", str(named))
    assert refused.exit_code == 1 and f"no termbase at {named}" in refused.stderr
    assert not named.exists()


def test_the_store_refuses_missing_empty_and_foreign_databases(db_url: str) -> None:
    """The same rules on SQLite and PostgreSQL, where a database always exists and an
    empty one is what "no termbase" means."""
    with pytest.raises(TermbaseMissing, match="no termbase"):
        Termbase.open(db_url, create=False)
    engine = sa.create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    engine.dispose()
    for create in (False, True):
        with pytest.raises(TermbaseError, match="another program's database .*notes"):
            Termbase.open(db_url, create=create)
    engine = sa.create_engine(db_url)
    with engine.connect() as connection:
        assert set(sa.inspect(connection).get_table_names()) == {"notes"}
    engine.dispose()


def test_the_store_says_whether_it_created_the_termbase(db_url: str) -> None:
    created = Termbase.open(db_url, create=True)
    created.close()
    assert created.created
    again = Termbase.open(db_url, create=False)
    again.close()
    assert not again.created
