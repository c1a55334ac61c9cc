"""Where a manifest may send `glossary build`: into the manifest's folder and below,
or a folder the user allows on the command line (--allow-dir), nowhere else; and a
path that is not a regular file is called what it is, in one line, never a trace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

TEXT = "Building a country strong in science and technology is our goal.\n" * 20
GLOSSARY = str(Path(sys.executable).with_name("glossary"))


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def manifest(folder: Path, path: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    written = folder / "corpus.toml"
    written.write_text(
        f'[[document]]\nid = "doc"\npath = {path!r}\nlang = "en"\nrole = "commentary"\n'.replace(
            "'", '"'
        ),
        encoding="utf-8",
    )
    return written


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A text file next to the corpus folder, not in it: someone's private file."""
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(TEXT, encoding="utf-8")
    return secret


def refused(result, *said: str) -> str:
    """The one line of a refusal; nothing was created or ingested."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for words in said:
        assert words in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("how", ["parent", "absolute", "symlink"])
def test_a_path_leading_outside_the_manifests_folder_is_refused(
    tmp_path: Path, outside: Path, how: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if how == "symlink":
        (corpus / "link.txt").symlink_to(outside)
    given = {"parent": "../private/secret.txt", "absolute": str(outside), "symlink": "link.txt"}
    db = tmp_path / "tb.sqlite"
    result = run("build", str(manifest(corpus, given[how])), "--db", str(db))
    refused(result, "leads outside the manifest's folder", "--allow-dir")
    assert not db.exists()


def test_allow_dir_lets_documents_come_from_another_folder(tmp_path: Path, outside: Path) -> None:
    corpus = tmp_path / "corpus"
    db = tmp_path / "tb.sqlite"
    written = manifest(corpus, "../private/secret.txt")
    result = run("build", str(written), "--allow-dir", str(outside.parent), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "added  doc" in result.stdout


def test_documents_below_the_manifests_folder_are_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "texts").mkdir(parents=True)
    (corpus / "texts" / "doc.txt").write_text(TEXT, encoding="utf-8")
    result = run(
        "build",
        str(manifest(corpus, "texts/../texts/doc.txt")),
        "--db",
        str(tmp_path / "tb.sqlite"),
    )
    assert result.exit_code == 0, result.output


def test_a_symlink_loop_is_called_one_in_one_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").symlink_to(corpus / "b.txt")
    (corpus / "b.txt").symlink_to(corpus / "a.txt")
    result = run("build", str(manifest(corpus, "a.txt")), "--db", str(tmp_path / "tb.sqlite"))
    refused(result, "a.txt is a symlink loop")


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("folder", "is a folder, not a file"),
        ("fifo", "is a named pipe (FIFO), not a file"),
        ("device", "(a symlink to /dev/null) is a character device, not a file"),
        ("dangling", "is a symlink to"),
        ("missing", "file not found"),
    ],
)
def test_what_is_not_a_file_is_called_what_it_is(tmp_path: Path, kind: str, said: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    allow: list[str] = []
    if kind == "folder":
        (corpus / "doc.txt").mkdir()
    elif kind == "fifo":
        os.mkfifo(corpus / "doc.txt")
    elif kind == "device":
        (corpus / "doc.txt").symlink_to("/dev/null")
        allow = ["--allow-dir", "/dev"]
    elif kind == "dangling":
        (corpus / "doc.txt").symlink_to(corpus / "gone.txt")
    result = run(
        "build", str(manifest(corpus, "doc.txt")), *allow, "--db", str(tmp_path / "tb.sqlite")
    )
    refused(result, said)


def test_ingest_calls_a_pipe_or_a_loop_what_it_is_and_does_not_hang(tmp_path: Path) -> None:
    """In a real process: reading a FIFO that nobody writes would wait for ever."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    for path, said in (
        (fifo, "is a named pipe (FIFO), not a file"),
        (loop, "is a symlink loop"),
        (tmp_path, "is a folder, not a file"),
    ):
        result = subprocess.run(
            [
                GLOSSARY,
                "ingest",
                str(path),
                "--lang",
                "en",
                "--role",
                "commentary",
                "--db",
                str(tmp_path / "tb.sqlite"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert said in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "tb.sqlite").exists()
