"""Editors who save at the same moment: two real processes, each editing the same term
in a tight loop through the command line, on SQLite and on PostgreSQL, and edits made
while a build holds the termbase. Every edit is a plain intent ("set this note"), so
each must be saved, none lost, none ending in a traceback; a lock held for longer
than the editor waits is one line and exit code 1."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from termbase import Termbase
from termbase.db import WriteConflict
from termbase.models import ReviewLogEntry, Term

from .conftest import CORPUS
from .test_review_actions import build_termbase

GLOSSARY = str(Path(sys.executable).with_name("glossary"))

# One worker: a process that runs the command line in a loop, in-process (so that the
# two workers' transactions meet often, as they would not if each edit paid for a
# process start), from a moment both workers agree on, and prints every failure.
WORKER = """
import json, sys, time, traceback
from click.testing import CliRunner
from cli import main

db, start, commands = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
pause = float(sys.argv[4])
runner = CliRunner()
time.sleep(max(0.0, start - time.time()))
failures, times = [], []
for command in commands:
    time.sleep(pause)
    began = time.time()
    result = runner.invoke(main, [*command, "--db", db])
    times.append((began, time.time()))
    if result.exit_code != 0:
        trace = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        failures.append(f"{command}: exit {result.exit_code}: {result.output.strip()} {trace}")
print(json.dumps({"failures": failures, "times": times}))
"""


def start_worker(
    db: str, commands: list[list[str]], start: float, pause: float = 0.0
) -> subprocess.Popen:
    """A worker running ``commands`` from ``start`` (a time), ``pause`` seconds apart."""
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, db, str(start), json.dumps(commands), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(worker: subprocess.Popen) -> dict:
    out, err = worker.communicate(timeout=300)
    assert worker.returncode == 0, err
    return json.loads(out)


def run_together(db: str, *command_lists: list[list[str]]) -> list[dict]:
    """Run each list of commands in a process of its own, all starting at once."""
    start = time.time() + 3.0  # both processes have imported the command line by then
    workers = [start_worker(db, commands, start) for commands in command_lists]
    return [finish(worker) for worker in workers]


def note_edits(editor: str, count: int) -> list[list[str]]:
    return [
        ["edit", "高质量发展", "--note", f"{editor}-{i}", "--editor", editor] for i in range(count)
    ]


def version_and_notes(db: str) -> tuple[int, list[str]]:
    """The term's version, and every note the review log saw it set to."""
    termbase = Termbase.open(db)
    try:
        with termbase.reading() as session:
            term = session.scalars(sa.select(Term).where(Term.simplified == "高质量发展")).one()
            notes = session.scalars(
                sa.select(ReviewLogEntry.after).where(
                    ReviewLogEntry.term == "高质量发展", ReviewLogEntry.field == "note"
                )
            ).all()
            return term.version, list(notes)
    finally:
        termbase.close()


@pytest.fixture
def editable(db_url: str, tmp_path: Path) -> str:
    """A small termbase on each backend, as a URL the workers can open."""
    return str(build_termbase(db_url))


def test_two_processes_editing_one_term_lose_nothing_and_never_fail(editable: str) -> None:
    count = 60
    version_before, _notes = version_and_notes(editable)
    reports = run_together(editable, note_edits("ana", count), note_edits("ben", count))
    assert [failure for report in reports for failure in report["failures"]] == []
    version, notes = version_and_notes(editable)
    # every edit was saved, on top of the other's: each moved the version on once
    assert sorted(notes) == sorted(f"{who}-{i}" for who in ("ana", "ben") for i in range(count))
    assert version == version_before + 2 * count


def test_two_processes_deciding_on_one_term_never_fail(editable: str) -> None:
    count = 30
    decisions = {
        editor: [
            [verb, "高质量发展", rendering, "--editor", editor]
            for _ in range(count)
            for verb in ("deprecate", "admit")
        ]
        for editor, rendering in (
            ("ana", "high-quality development"),
            ("ben", "high quality growth"),
        )
    }
    reports = run_together(editable, decisions["ana"], decisions["ben"])
    assert [failure for report in reports for failure in report["failures"]] == []
    termbase = Termbase.open(editable)
    try:
        with termbase.reading() as session:
            logged = session.execute(
                sa.select(ReviewLogEntry.editor, ReviewLogEntry.action).where(
                    ReviewLogEntry.term == "高质量发展",
                    ReviewLogEntry.field == "status",
                    ReviewLogEntry.entity == "rendering",
                )
            ).all()
    finally:
        termbase.close()
    # every decision changed its rendering's status, and each change is in the log
    for editor in ("ana", "ben"):
        assert sum(1 for who, _action in logged if who == editor) == 2 * count


def test_edits_wait_for_a_build_instead_of_failing(sample_termbase: Path, tmp_path: Path) -> None:
    db = tmp_path / "tb.sqlite"
    shutil.copy(sample_termbase, db)
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    changed = corpus / "speech-2024-06-24.qiushi.en.txt"  # a changed translation: realigned
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8"
    )
    build = subprocess.Popen(
        [GLOSSARY, "build", str(corpus / "corpus.toml"), "--db", str(db), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    edits = [
        ["edit", "科技强国", "--note", f"during the build {i}", "--editor", "ana"]
        for i in range(40)
    ]
    worker = start_worker(str(db), edits, time.time(), pause=0.1)  # spread over the build
    _out, err = build.communicate(timeout=300)
    report = finish(worker)
    assert build.returncode == 0, err
    assert report["failures"] == []
    # the edits did meet the build: one at least waited while it held the termbase
    assert max(stop - start for start, stop in report["times"]) > 0.5
    termbase = Termbase.open(str(db))
    try:
        with termbase.reading() as session:
            note = session.scalars(sa.select(Term.note).where(Term.simplified == "科技强国")).one()
    finally:
        termbase.close()
    assert note == "during the build 39"


def test_a_lock_held_too_long_is_one_line_and_exit_1(sample_termbase: Path, tmp_path: Path) -> None:
    db = tmp_path / "tb.sqlite"
    shutil.copy(sample_termbase, db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")  # another writer, holding the termbase
    try:
        began = time.time()
        result = subprocess.run(
            [GLOSSARY, "edit", "科技强国", "--note", "x", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "GLOSSARY_LOCK_TIMEOUT": "1"},
        )
        waited = time.time() - began
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "locked by another writer" in lines[0], result.stderr
    assert "GLOSSARY_LOCK_TIMEOUT" in lines[0]
    assert 1.0 <= waited < 30


def test_work_that_keeps_meeting_conflicts_gives_up_in_one_line(tmp_path: Path) -> None:
    termbase = Termbase.open(str(tmp_path / "tb.sqlite"))
    calls: list[int] = []

    def stale_twice(_session) -> str:  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) <= 2:
            raise StaleDataError("UPDATE statement on table 'terms' expected to update 1 row")
        return "saved"

    def always_stale(_session) -> str:  # type: ignore[no-untyped-def]
        raise StaleDataError("UPDATE statement on table 'terms' expected to update 1 row")

    try:
        assert termbase.write(stale_twice) == "saved" and len(calls) == 3
        with pytest.raises(WriteConflict) as raised:
            termbase.write(always_stale, attempts=3)
        message = str(raised.value)
        assert "\n" not in message and "tried 3 times" in message and "nothing was saved" in message
    finally:
        termbase.close()
