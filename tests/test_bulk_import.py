"""Importing many new terms fast (issue 19): on SQLite the merge numbers new rows
itself and sets the secondary indexes of the tables it fills aside while it loads,
and the file is read in a forked process. The termbase must come out the same,
indexes and all, whatever happens to the import, and no process may outlive it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from exports.screening import ImportRefused
from records import RenderingRecord, TermRecord
from services import forked
from services.exchange import import_file
from services.term_fields import KEPT_AHEAD, DerivedAhead, derive_term_fields
from termbase import Termbase
from termbase.exchange import REBUILD_THREADS, ROWS_PER_INSERT, TERM_BATCH, merge_term_records
from termbase.models import Attestation, Rendering, ReviewLogEntry, Term

REPO = Path(__file__).resolve().parents[1]
# The one index the merge's own look-ups read by, never set aside
KEPT = "ix_attestations_term_document"


def records(start: int, count: int) -> list[TermRecord]:
    """``count`` new terms, each with pinyin (a log entry), two renderings and
    evidence in two documents (attestations)."""
    return [
        TermRecord(
            f"术语{number}",
            pinyin="shùyǔ",
            renderings=[
                RenderingRecord(f"term {number}", "preferred", sources={"doc-a": 2}),
                RenderingRecord(f"term no. {number}", sources={"doc-b": 1}),
            ],
        )
        for number in range(start, start + count)
    ]


def merge(termbase: Termbase, batch: list[TermRecord]) -> None:
    with termbase.transaction() as session:
        merge_term_records(session, batch, "ana", derive_term_fields)


def indexes(termbase: Termbase) -> list[tuple[str, str, str | None]]:
    """Every index of the termbase, with the SQL that made it."""
    with termbase.reading() as session:
        rows = session.execute(
            sa.text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'")
        )
        return sorted((name, table, sql) for name, table, sql in rows)


def count(termbase: Termbase, model: type) -> int:
    with termbase.reading() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


@contextmanager
def statements(termbase: Termbase) -> Iterator[list[str]]:
    """The SQL the termbase runs meanwhile."""
    seen: list[str] = []

    def spy(connection, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    sa.event.listen(termbase.engine, "before_cursor_execute", spy)
    try:
        yield seen
    finally:
        sa.event.remove(termbase.engine, "before_cursor_execute", spy)


def dropped(seen: list[str]) -> set[str]:
    return {s.split('"')[1] for s in seen if s.startswith("DROP INDEX")}


@pytest.fixture
def termbase(tmp_path: Path) -> Iterator[Termbase]:
    opened = Termbase.open(str(tmp_path / "tb.sqlite"), create=True)
    yield opened
    opened.close()


# --- ids given by the merge --------------------------------------------------------


def test_new_rows_are_numbered_after_the_largest_id_whatever_was_deleted(db_url: str) -> None:
    """On SQLite the merge numbers new terms and renderings itself, from the largest
    stored id, as SQLite would: never an id a row already has, even where deleted
    rows left fewer rows than the largest id (SQLite and PostgreSQL, whose
    sequences number them)."""
    termbase = Termbase.open(db_url, create=True)
    try:
        merge(termbase, records(0, 5))
        with termbase.transaction() as session:
            session.execute(sa.delete(Term).where(Term.simplified == "术语1"))
        with termbase.reading() as session:
            before = dict(session.execute(sa.select(Term.id, Term.simplified)).all())
            top_rendering = session.scalar(sa.select(sa.func.max(Rendering.id))) or 0
        assert sorted(before) == [1, 3, 4, 5]  # four terms, the largest id 5
        again = records(5, 3)
        again.insert(1, TermRecord("术语3", renderings=[RenderingRecord("a new one")]))
        merge(termbase, again)
        with termbase.reading() as session:
            after = dict(session.execute(sa.select(Term.id, Term.simplified)).all())
            renderings = session.execute(
                sa.select(Rendering.id, Term.simplified, Rendering.text)
                .join(Term)
                .where(Rendering.id > top_rendering)
                .order_by(Rendering.id)
            ).all()
    finally:
        termbase.close()
    assert {i: after[i] for i in before} == before
    assert {i: t for i, t in after.items() if i not in before} == {
        6: "术语5",
        7: "术语6",
        8: "术语7",
    }
    assert [tuple(row) for row in renderings] == [
        (top_rendering + 1, "术语5", "term 5"),
        (top_rendering + 2, "术语5", "term no. 5"),
        (top_rendering + 3, "术语3", "a new one"),
        (top_rendering + 4, "术语6", "term 6"),
        (top_rendering + 5, "术语6", "term no. 6"),
        (top_rendering + 6, "术语7", "term 7"),
        (top_rendering + 7, "术语7", "term no. 7"),
    ]


def test_two_imports_at_once_number_their_rows_apart(tmp_path: Path) -> None:
    """The largest ids are read in the import's transaction, which holds SQLite's
    write lock from its start: a second import waits for the first to commit and
    numbers its rows after the first one's."""
    db = tmp_path / "tb.sqlite"
    Termbase.open(str(db), create=True).close()
    imports = []
    for side in ("甲", "乙"):
        path = tmp_path / f"{side}.csv"
        rows = (f"术语{side}{n},shùyǔ,term {side}{n}" for n in range(20_000))
        path.write_text("simplified,pinyin,preferred\n" + "\n".join(rows) + "\n", "utf-8")
        command = [sys.executable, "-m", "cli", "import", str(path), "--db", str(db), "-q"]
        imports.append(subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE))
    for process in imports:
        assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    termbase = Termbase.open(str(db))
    try:
        with termbase.reading() as session:
            pairs = session.execute(sa.select(Term.simplified, Rendering.text).join(Rendering))
            assert sorted(text for term, text in pairs if text != "term " + term[2:]) == []
        assert (count(termbase, Term), count(termbase, Rendering)) == (40_000, 40_000)
    finally:
        termbase.close()


def test_every_new_row_gets_the_values_all_share(db_url: str) -> None:
    """What every new row of a merge shares (when it was made, its version, a
    term's frequency) is bound once a statement on SQLite, after the rows' own
    values: each row, of a statement of many rows or of the rest, gets all of it,
    each value in its column (SQLite and PostgreSQL)."""
    termbase = Termbase.open(db_url, create=True)
    try:
        merge(termbase, records(0, 2 * ROWS_PER_INSERT + 3))
        with termbase.reading() as session:
            terms = session.execute(
                sa.select(
                    Term.created_at, Term.modified_at, Term.version, Term.frequency, Term.created_by
                )
            ).all()
            renderings = session.execute(
                sa.select(
                    Rendering.created_at,
                    Rendering.modified_at,
                    Rendering.version,
                    Rendering.created_by,
                    Rendering.modified_by,
                )
            ).all()
            logged = set(session.scalars(sa.select(ReviewLogEntry.at)))
    finally:
        termbase.close()
    assert len(terms) == 2 * ROWS_PER_INSERT + 3
    [(created, modified, version, frequency, by)] = {tuple(row) for row in terms}
    assert (modified, version, frequency, by) == (created, 1, 0, "ana")
    assert {tuple(row) for row in renderings} == {(created, created, 1, "ana", "ana")}
    assert logged == {created}


def test_a_full_batch_is_merged_before_the_next_record_is_read(termbase: Termbase) -> None:
    """Records come from the reading process a message at a time: a batch is merged
    as soon as it is full, not once the record after it has come, which may be a
    message later."""
    merged_before: list[int] = []  # the terms in the termbase as each record is read
    with termbase.transaction() as session:

        def reading() -> Iterator[TermRecord]:
            for record in records(0, TERM_BATCH + 1):
                merged_before.append(session.scalar(sa.select(sa.func.count(Term.id))) or 0)
                yield record

        merge_term_records(session, reading(), "ana", derive_term_fields)
    assert merged_before[TERM_BATCH - 1 : TERM_BATCH + 1] == [0, TERM_BATCH]


# --- indexes set aside while loading ------------------------------------------------


def test_an_import_into_an_empty_termbase_builds_its_indexes_again(termbase: Termbase) -> None:
    before = indexes(termbase)
    with statements(termbase) as seen:
        merge(termbase, records(0, 1200))
    filled = ("terms", "attestations", "review_log")  # renderings: only a unique one
    assert dropped(seen) == {
        name for name, table, sql in before if sql and table in filled and name != KEPT
    }
    assert indexes(termbase) == before
    with termbase.reading() as session:
        assert session.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
        plan = session.execute(
            sa.text("EXPLAIN QUERY PLAN SELECT id FROM terms WHERE traditional = '術語7'")
        ).all()
    assert "ix_terms_traditional" in str(plan)


def test_an_import_larger_than_the_termbase_keeps_its_indexes(termbase: Termbase) -> None:
    merge(termbase, records(0, 600))
    before = indexes(termbase)
    with statements(termbase) as seen:
        merge(termbase, records(600, 1000))
    assert {"ix_terms_traditional", "ix_attestations_rendering_id"} <= dropped(seen)
    assert KEPT not in dropped(seen)
    assert indexes(termbase) == before
    assert count(termbase, Term) == 1600


def test_a_small_import_into_a_larger_termbase_sets_no_index_aside(termbase: Termbase) -> None:
    merge(termbase, records(0, 1000))
    with statements(termbase) as seen:
        merge(termbase, records(1000, 50))
    assert not [s for s in seen if "INDEX" in s]
    assert (count(termbase, Term), count(termbase, ReviewLogEntry)) == (1050, 2 * 1050)


def test_a_refused_import_leaves_the_indexes_in_place(termbase: Termbase, tmp_path: Path) -> None:
    """The file is refused at its 1,200th row, after the indexes were set aside and
    batches merged: the transaction's rollback puts them back."""
    before = indexes(termbase)
    path = tmp_path / "terms.csv"
    rows = [f"术语{n},shùyǔ,term {n}" for n in range(1500)]
    rows[1199] = "术语X,qqq,term X"
    path.write_text("simplified,pinyin,preferred\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with statements(termbase) as seen, pytest.raises(ImportRefused, match="line 1201.*'qqq'"):
        import_file(termbase, path, "ana")
    assert "ix_terms_traditional" in dropped(seen)
    assert indexes(termbase) == before
    assert count(termbase, Term) == 0


KILLED = """
import os, signal, sys
import sqlalchemy as sa
from services.term_fields import KEPT_AHEAD, DerivedAhead, derive_term_fields
from termbase import Termbase
from termbase.exchange import merge_term_records
from tests.test_bulk_import import records

termbase = Termbase.open(sys.argv[1])
with termbase.transaction() as session:
    def killed_halfway():
        for number, record in enumerate(records(600, 1500)):
            if number == 1200:  # two batches merged: 1,000 terms added to 600
                left = session.execute(sa.text(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'ix_terms_traditional'"
                )).scalar()
                print(left, flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
            yield record
    merge_term_records(session, killed_halfway(), "ana", derive_term_fields)
"""


def test_a_killed_import_leaves_the_indexes_in_place(termbase: Termbase) -> None:
    """kill -9 once the indexes are set aside and rows written: SQLite's DDL is
    transactional, so the termbase opens as it was."""
    merge(termbase, records(0, 600))
    before = indexes(termbase)
    done = subprocess.run(
        [sys.executable, "-c", KILLED, termbase.url.removeprefix("sqlite:///")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stdout.strip() == "0"  # the index was dropped when it died
    termbase.close()
    reopened = Termbase.open(termbase.url)
    try:
        assert indexes(reopened) == before
        assert count(reopened, Term) == 600
        assert count(reopened, Attestation) == 1200
        with reopened.reading() as session:
            assert session.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        reopened.close()


def test_the_page_cache_is_the_connections_own_again(termbase: Termbase) -> None:
    with termbase.transaction() as session:
        size = session.execute(sa.text("PRAGMA cache_size")).scalar()
        merge_term_records(session, records(0, 10), "ana", derive_term_fields)
        assert session.execute(sa.text("PRAGMA cache_size")).scalar() == size


def test_indexes_are_built_again_with_helper_threads_then_none(termbase: Termbase) -> None:
    """SQLite sorts the entries of each index built again with ``REBUILD_THREADS``
    helper threads, and the connection has its own setting (none) afterwards."""
    while_building: list[int] = []

    def spy(connection, cursor, statement, parameters, context, executemany) -> None:
        if statement.startswith("CREATE INDEX"):
            while_building.append(cursor.connection.execute("PRAGMA threads").fetchone()[0])

    sa.event.listen(termbase.engine, "before_cursor_execute", spy)
    try:
        with termbase.transaction() as session:
            merge_term_records(session, records(0, 10), "ana", derive_term_fields)
            after = session.execute(sa.text("PRAGMA threads")).scalar()
    finally:
        sa.event.remove(termbase.engine, "before_cursor_execute", spy)
    assert len(while_building) == 10  # those of the terms, evidence and log set aside
    assert set(while_building) == {REBUILD_THREADS}
    assert after == 0


# --- the reading process ------------------------------------------------------------


def _group(pgid: int) -> list[int]:
    """The processes of a process group, from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[2]) == pgid:
            members.append(int(stat.parent.name))
    return members


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_ctrl_c_during_an_import_leaves_no_process_and_no_term(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole foreground process group: the command and the
    process reading its file. The command rolls back, stops the reader and says
    "Aborted!", as it did reading in one process."""
    path = tmp_path / "terms.csv"
    rows = (f"术语{n},shùyǔ,term {n}; term no. {n}" for n in range(60_000))
    path.write_text("simplified,pinyin,preferred\n" + "\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "tb.sqlite"
    command = [sys.executable, "-m", "cli", "import", str(path), "--db", str(db), "-q"]
    # Ctrl-C as at a terminal, even where the tests run with it ignored (started in the
    # background by a shell, whose children inherit SIG_IGN)
    process = subprocess.Popen(
        command,
        cwd=REPO,
        start_new_session=True,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while len(_group(process.pid)) < 2:  # the reader is forked
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.3)  # batches merged
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode != 0
    assert _group(process.pid) == []
    said = process.stderr.read().decode() if process.stderr else ""
    assert "Aborted" in said
    assert "Traceback" not in said, said
    termbase = Termbase.open(str(db))
    try:
        assert count(termbase, Term) == 0
    finally:
        termbase.close()


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "in process"])
def test_the_skips_and_the_progress_come_back_from_the_reading_process(
    termbase: Termbase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    """What the reader and the screening leave out is counted and named in the
    reading process, and the progress of reading is reported from there too; where
    processes cannot fork (Windows), all of it happens in this one, the same."""
    monkeypatch.setattr(forked, "fork_available", lambda: fork)
    path = tmp_path / "terms.csv"
    rows = [f"术语{n},shùyǔ,term {n}" for n in range(1200)]
    rows[10] = "APEC,,Asia-Pacific Economic Cooperation"  # no Chinese: skipped
    rows[700] = "术语长" + "长" * 60 + ",,a term too long"  # over the column: skipped
    path.write_text("simplified,pinyin,preferred\n" + "\n".join(rows) + "\n", encoding="utf-8")
    done: list[int] = []
    result = import_file(termbase, path, "ana", progress=done.append)
    assert result.skips is not None
    assert dict(result.skips.counts) == {"not Chinese": 1, "too long": 1}
    assert [m.split(": ")[0] for m in result.skips.messages] == [
        f"{path}, line 12",
        f"{path}, line 702",
    ]
    assert (result.counts.created, result.counts.skipped) == (1198, 2)
    assert done == sorted(done) and done[-1] == 1200


def test_fields_derived_ahead_are_found_or_derived_again() -> None:
    """The merge looks up what the reading process derived: the last ``KEPT_AHEAD``
    records' fields at least are kept; a record further back than twice that is
    derived again, the same."""
    count = 2 * KEPT_AHEAD + 5
    pairs = [(TermRecord(f"术语{n}", pinyin="shùyǔ"), {"n": str(n)}) for n in range(count)]
    derived = DerivedAhead(pairs)
    records = derived.records()
    for _ in range(KEPT_AHEAD + 1):  # one past the first handover
        next(records)
    assert derived("术语1", "shùyǔ") == {"n": "1"}
    assert len(list(records)) == count - KEPT_AHEAD - 1
    kept = [n for n in range(count) if derived(f"术语{n}", "shùyǔ") == {"n": str(n)}]
    assert kept == list(range(KEPT_AHEAD, count))  # the last KEPT_AHEAD + 5
    assert derived("术语2", "shùyǔ") == derive_term_fields("术语2", "shùyǔ")  # dropped
    assert derived(f"术语{count - 1}", None) == derive_term_fields(f"术语{count - 1}", None)
