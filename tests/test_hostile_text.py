"""Text that would drive a terminal: escape sequences (``\\x1b[2J`` clears the screen,
``\\x1b]0;…\\x07`` sets the window title) and Rich markup in documents, imported files,
notes and names. None of it enters the termbase (dropped, and counted for the user, or
refused when typed on the command line), and whatever a termbase already holds is
printed escaped, piped or on a terminal, never acted on."""

from __future__ import annotations

import csv
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cli import main
from termbase import Termbase
from termbase.models import Document, Rendering, Segment, Term, TranslationUnit

from .conftest import CORPUS
from .test_review_actions import build_termbase

CLEAR = "\x1b[2J"  # clears the screen
TITLE = "\x1b]0;pwned\x07"  # sets the window title
CSI = "\x9b"  # the one-character CSI of the C1 range
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what must never be printed or stored
GLOSSARY = str(Path(sys.executable).with_name("glossary"))


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def stored_controls(db: str) -> list[str]:
    """Every text in the termbase's terms, renderings, documents, segments and units
    that holds a control character."""
    columns = [
        Term.simplified,
        Term.note,
        Term.definition,
        Term.subject_field,
        Rendering.text,
        Document.id,
        Document.title,
        Segment.text,
        TranslationUnit.zh_text,
        TranslationUnit.en_text,
    ]
    termbase = Termbase.open(db)
    try:
        with termbase.reading() as session:
            return [
                value
                for column in columns
                for value in session.scalars(sa.select(column))
                if value and RAW.search(value)
            ]
    finally:
        termbase.close()


@pytest.fixture
def small(tmp_path: Path) -> str:
    return str(build_termbase(tmp_path / "tb.sqlite"))


def test_a_document_loses_its_control_characters_and_the_user_is_told(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "speech-2024-06-24.zh.txt", corpus / "zh.txt")
    english = (CORPUS / "speech-2024-06-24.qiushi.en.txt").read_text(encoding="utf-8")
    hostile = english.replace("science and technology", f"science{CLEAR} and{TITLE} technology", 2)
    (corpus / "en.txt").write_text(hostile, encoding="utf-8")
    (corpus / "corpus.toml").write_text(
        '[[document]]\nid = "zh"\npath = "zh.txt"\nlang = "zh-Hans"\nrole = "original"\n\n'
        '[[document]]\nid = "en"\npath = "en.txt"\nlang = "en"\nrole = "translation"\n'
        'translation_of = "zh"\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "tb.sqlite")
    result = run("build", str(corpus / "corpus.toml"), "--db", db)
    assert result.exit_code == 0, result.output
    assert "en.txt: 6 control characters dropped" in result.stderr  # 2 × (ESC, ESC, BEL)
    assert stored_controls(db) == []
    found = run("tm", "search", "pwned", "--db", db)  # the English that held the sequences
    assert "[2J" in found.stdout and not RAW.search(found.stdout)


def hostile_csv(path: Path) -> Path:
    """A glossary as a spreadsheet might hand it over, with escape sequences in a
    note, a definition and a rendering, a C1 control in a subject field, and Rich
    markup in the name of a source document."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "simplified",
                "traditional",
                "pinyin",
                "preferred",
                "admitted",
                "other renderings",
                "deprecated",
                "status",
                "subject field",
                "definition",
                "note",
                "sources",
            ]
        )
        writer.writerow(
            [
                "高质量发展",
                "",
                "",
                "",
                "",
                f"quality{CLEAR} growth",
                "",
                "candidate",
                f"economy{CSI}31m",
                f"defined{TITLE} here",
                f"see{CLEAR} also\rhidden",
                "[red]evil[/red]: 2",
            ]
        )
        for number in range(200):  # enough ordinary text for the file to read as text
            writer.writerow(
                [
                    f"术语{number}号",
                    "",
                    "",
                    "",
                    "",
                    f"term number {number}",
                    "",
                    "candidate",
                    "",
                    "",
                    "an ordinary note",
                    "",
                ]
            )
    return path


def test_an_imported_file_loses_its_control_characters_with_a_count(
    small: str, tmp_path: Path
) -> None:
    result = run("import", str(hostile_csv(tmp_path / "hostile.csv")), "--db", small)
    assert result.exit_code == 0, result.output
    assert "hostile.csv: 5 control characters dropped" in result.stderr
    assert stored_controls(small) == []
    termbase = Termbase.open(small)
    try:
        with termbase.reading() as session:
            note = session.scalars(
                sa.select(Term.note).where(Term.simplified == "高质量发展")
            ).one()
    finally:
        termbase.close()
    assert note == "see[2J also\nhidden"  # a carriage return is a line break, not a control


def test_a_tab_separated_glossary_loses_its_control_characters(small: str, tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.txt"
    lines = [f"新质生产力\tnew quality{CLEAR} productive forces\tnote{TITLE}"]
    lines += [f"术语{number}号\tterm number {number}\t" for number in range(200)]
    glossary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", str(glossary), "--db", small)
    assert result.exit_code == 0, result.output
    assert "glossary.txt: 3 control characters dropped" in result.stderr
    assert stored_controls(small) == []


def test_a_tmx_unit_loses_its_c1_controls(small: str, tmp_path: Path) -> None:
    tmx = tmp_path / "units.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" '
        'srclang="zh-CN" o-tmf="t"/><body><tu><tuv xml:lang="zh-CN"><seg>推动高质量发展。&#x9b;2J'
        '</seg></tuv><tuv xml:lang="en"><seg>Promote high-quality development.&#x85;</seg>'
        "</tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    result = run("import", str(tmx), "--db", small)
    assert result.exit_code == 0, result.output
    assert "units.tmx: 2 control characters dropped" in result.stderr
    assert stored_controls(small) == []


def poison(db: str) -> None:
    """Put control characters and markup into a termbase, as an older version of
    glossary (or another program writing to the database) would have left them."""
    termbase = Termbase.open(db)
    try:
        with termbase.transaction() as session:
            term = session.scalars(sa.select(Term).where(Term.simplified == "高质量发展")).one()
            term.note = f"read me{CLEAR}{TITLE}"
            term.definition = f"[bold]not bold[/bold]{CSI}1m"
            rendering = session.scalars(
                sa.select(Rendering).where(Rendering.term_id == term.id)
            ).first()
            rendering.text = f"high-quality{TITLE} development"
            unit = session.scalars(
                sa.select(TranslationUnit).where(
                    TranslationUnit.en_text.contains("high-quality development")
                )
            ).first()
            unit.en_text += CLEAR
            document = session.get(Document, unit.document_id)
            document.title = f"[i]T[/i] {TITLE}"
    finally:
        termbase.close()


def test_what_a_termbase_holds_is_printed_escaped(small: str) -> None:
    poison(small)
    outputs = {
        "show": run("show", "高质量发展", "--db", small),
        "terms": run("terms", "--search", "高质量发展", "--db", small),
        "tm search": run("tm", "search", "high-quality development", "--min", "0", "--db", small),
    }
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.output)
        assert not RAW.search(result.output), name
    show = outputs["show"].stdout
    assert "read me\\x1b[2J\\x1b]0;pwned\\x07" in show  # visible, so the editor sees it is there
    assert "[bold]not bold[/bold]\\x9b1m" in show  # markup stays text
    assert "\\x1b" in outputs["terms"].stdout
    assert "[i]T[/i]" in outputs["tm search"].stdout  # a title's markup stays text
    shown = run("show", "高质量发展", "--json", "--db", small)
    assert not RAW.search(shown.stdout)
    assert json.loads(shown.stdout)["definition"] == f"[bold]not bold[/bold]{CSI}1m"


def test_markup_in_a_document_name_is_not_read_as_markup(small: str, tmp_path: Path) -> None:
    assert run("import", str(hostile_csv(tmp_path / "hostile.csv")), "--db", small).exit_code == 0
    result = run("show", "高质量发展", "--db", small)
    # the column of that document, headed with its name as it is
    assert re.search(r"┃\s*\[red\]evil\[/red\]\s*┃", result.stdout), result.stdout


def test_a_terminal_never_receives_the_escape_sequences(small: str) -> None:
    """``show`` in a real process writing to a terminal (a pseudo-terminal), where Rich
    adds its own colours: the stored sequences arrive as visible text only."""
    poison(small)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [GLOSSARY, "show", "高质量发展", "--db", small],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "COLUMNS": "200", "TERM": "xterm-256color"},
        close_fds=True,
    )
    os.close(terminal)
    received = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(controller)
    assert process.wait(timeout=60) == 0
    text = received.decode("utf-8", errors="replace")
    assert "\x1b[" in text  # it is a terminal: Rich's own colours are there
    assert CLEAR not in text and "\x1b]0;" not in text and "\x07" not in text and CSI not in text
    assert "\\x1b[2J" in text and "\\x1b]0;pwned\\x07" in text


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["edit", "高质量发展", "--note", f"a{CLEAR}b"], None),
        (["edit", "高质量发展", "--definition", f"x{CSI}"], None),
        (["prefer", "高质量发展", f"growth{TITLE}"], None),
        (["admit", "高质量发展", "growth", "--editor", f"eve{CLEAR}"], None),
        (["edit", "高质量发展", "--note", "fine"], {"GLOSSARY_EDITOR": f"eve{TITLE}"}),
    ],
    ids=["note", "definition", "rendering", "editor", "editor-variable"],
)
def test_typed_control_characters_are_refused_and_nothing_is_saved(
    small: str, args: list[str], env: dict[str, str] | None
) -> None:
    result = run(*args, "--db", small, env=env)
    assert result.exit_code in (1, 2)
    assert "control character \\x1b" in result.stderr or "control character \\x9b" in result.stderr
    assert not RAW.search(result.output)
    assert stored_controls(small) == []
    termbase = Termbase.open(small)
    try:
        with termbase.reading() as session:
            assert (
                session.scalars(sa.select(Term.note).where(Term.simplified == "高质量发展")).one()
                is None
            )
    finally:
        termbase.close()


def test_a_manifest_with_control_characters_is_refused_in_one_escaped_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "doc.txt").write_text("Some text about science and technology.\n" * 20)
    manifest = tmp_path / "corpus.toml"
    db = str(tmp_path / "tb.sqlite")
    for entry, said in (
        ('id = "doc"\npath = "doc.txt"\ntitle = "\\u001b]0;pwned\\u0007"', "title contains"),
        ('id = "do\\u001b[2Jc"\npath = "doc.txt"', "(do\\x1b[2Jc): id contains"),
    ):
        manifest.write_text(f'[[document]]\n{entry}\nlang = "en"\nrole = "commentary"\n')
        result = run("build", str(manifest), "--db", db)
        assert result.exit_code == 1
        assert said in result.stderr and not RAW.search(result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
