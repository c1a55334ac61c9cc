"""The ``glossary`` process ends at once when its command is done (``cli.process``):
with the command's status, its output whole, its termbase closed and complete."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cli.process import exit_status

from .conftest import CORPUS


def glossary(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    ("code", "status"), [(None, 0), (0, 0), (2, 2), (1, 1), ("Error: no such file", 1)]
)
def test_exit_status_as_python_reports_it(code: object, status: int, capsys) -> None:
    assert exit_status(code) == status
    assert (capsys.readouterr().err.strip() == code) is isinstance(code, str)


def test_a_build_ends_with_its_termbase_closed_and_whole(tmp_path: Path) -> None:
    db = tmp_path / "tb.sqlite"
    built = glossary(
        "ingest",
        str(CORPUS / "speech-2024-06-24.zh.txt"),
        "--lang",
        "zh",
        "--role",
        "original",
        "--id",
        "zh",
        "--db",
        str(db),
    )
    assert built.returncode == 0, built.stderr
    assert "created termbase" in built.stderr
    # SQLite folded its write-ahead log into the file: the termbase was closed first
    assert not db.with_name(db.name + "-wal").exists()
    with sqlite3.connect(db) as connection:
        (terms,) = connection.execute("SELECT count(*) FROM terms").fetchone()
    assert terms > 100
    listed = glossary("terms", "--json", "--limit", "5000", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == terms  # the whole output, flushed


def test_a_failing_command_keeps_its_status_and_message(tmp_path: Path) -> None:
    db = tmp_path / "tb.sqlite"
    missing = glossary("show", "科技强国", "--db", str(db))
    assert missing.returncode == 1
    assert "termbase" in missing.stderr
    usage = glossary("bogus")
    assert usage.returncode == 2
    assert "No such command 'bogus'" in usage.stderr
