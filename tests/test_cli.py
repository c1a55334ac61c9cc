"""The ``glossary`` command line as a user runs it: exit codes, messages, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from cli import main

from .conftest import CORPUS, MANIFEST


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_build_then_stats_json(tmp_path: Path) -> None:
    db = str(tmp_path / "tb.sqlite")
    result = run("build", str(MANIFEST), "--db", db)
    assert result.exit_code == 0, result.output
    assert "added  speech-2024-zh" in result.stdout
    numbers = json.loads(run("stats", "--json", "--db", db).stdout)
    assert numbers["totals"]["documents"] == 5
    assert {d["id"] for d in numbers["documents"]} >= {"speech-2024-zh", "speech-2024-en-qiushi"}
    assert numbers["totals"]["translation_units"] > 200
    again = run("build", str(MANIFEST), "--db", db)
    assert again.stdout.count("unchanged") == 5
    scores = json.loads(
        run(
            "evaluate",
            "alignment",
            str(MANIFEST.parent.parent / "dev-gold" / "alignment.tsv"),
            "--json",
            "--db",
            db,
        ).stdout
    )
    assert scores["documents"]["speech-2024-en-qiushi"]["accuracy"] >= 0.97


def test_the_environment_variable_chooses_the_termbase(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite"
    result = run("build", str(MANIFEST), "--quiet", env={"GLOSSARY_DB": str(db)})
    assert result.exit_code == 0 and result.stdout == ""
    assert db.is_file()


def test_ingest_one_file(tmp_path: Path) -> None:
    db = str(tmp_path / "tb.sqlite")
    zh = CORPUS / "speech-2024-06-24.zh.txt"
    en = CORPUS / "speech-2024-06-24.qiushi.en.txt"
    assert (
        run(
            "ingest", str(zh), "--lang", "zh-Hans", "--role", "original", "--id", "zh", "--db", db
        ).exit_code
        == 0
    )
    result = run(
        "ingest",
        str(en),
        "--lang",
        "en",
        "--role",
        "translation",
        "--translation-of",
        "zh",
        "--outlet",
        "Qiushi",
        "--official",
        "--db",
        db,
    )
    assert result.exit_code == 0, result.output
    numbers = json.loads(run("stats", "--json", "--db", db).stdout)
    by_id = {d["id"]: d for d in numbers["documents"]}
    assert by_id["speech-2024-06-24.qiushi.en"]["translation_of"] == "zh"
    assert by_id["speech-2024-06-24.qiushi.en"]["outlet"] == "Qiushi"


def test_errors_are_one_clear_line_and_a_nonzero_exit(tmp_path: Path) -> None:
    db = tmp_path / "tb.sqlite"
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 20)
    result = run("ingest", str(garbage), "--lang", "en", "--role", "commentary", "--db", str(db))
    assert result.exit_code == 1
    assert "garbage.txt" in result.stderr and "Traceback" not in result.output
    # the failed first ingest leaves no termbase behind, as a failed build leaves it as it was
    assert not db.exists()
    stats = run("stats", "--json", "--db", str(db))
    assert stats.exit_code == 1 and "no termbase at" in stats.stderr and not db.exists()
    missing = run("build", str(tmp_path / "none.toml"), "--db", str(db))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    orphan = run(
        "ingest",
        str(CORPUS / "speech-2024-06-24.qiushi.en.txt"),
        "--lang",
        "en",
        "--role",
        "translation",
        "--translation-of",
        "nowhere",
        "--db",
        str(db),
    )
    assert orphan.exit_code == 1 and "nowhere" in orphan.stderr


def test_the_installed_command_and_python_m_both_work() -> None:
    for command in (["glossary"], [sys.executable, "-m", "cli"]):
        if command == ["glossary"]:
            command = [str(Path(sys.executable).with_name("glossary"))]
        result = subprocess.run([*command, "--help"], capture_output=True, text=True, check=True)
        for verb in ("build", "ingest", "stats"):
            assert verb in result.stdout
