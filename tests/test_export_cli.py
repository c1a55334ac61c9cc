"""`glossary export` and `glossary import` on the termbase built from the sample
corpus: exact round trips in every format, real validators and readers, a real CAT
tool using our TMX, and broken or hostile files refused without a trace."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from translate.storage import tmx as tt_tmx

from cli import main
from termbase import Termbase
from termbase.models import Attestation, Rendering, ReviewLogEntry, Term, TranslationUnit

from .conftest import SHARED

STANDARDS = SHARED / "standards"
FORMATS = {"tmx": "tmx", "tbx": "tbx", "tbx2": "tbx", "csv": "csv", "omegat": "txt"}


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def require(tool: str) -> str:
    """The path of a real tool the test needs; CI (.ci/install-tools) always has it."""
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: .ci/install-tools installs it")
        pytest.skip(f"{tool} is not installed (.ci/install-tools installs it)")
    return found


@pytest.fixture(scope="module")
def decided(sample_termbase: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample termbase with an editor's decisions in it."""
    db = tmp_path_factory.mktemp("decided") / "tb.sqlite"
    shutil.copy(sample_termbase, db)
    result = run(
        "edit",
        "科技强国",
        "--status",
        "approved",
        "--note",
        "official: see Qiushi",
        "--editor",
        "ana",
        "--db",
        str(db),
        "-q",
    )
    assert result.exit_code == 0, result.output
    termbase = Termbase.open(str(db))
    with termbase.transaction() as session:
        rendering = session.scalars(
            sa.select(Rendering)
            .join(Term)
            .where(Term.simplified == "科技强国")
            .order_by(Rendering.text)
        ).first()
        rendering.status = "preferred"
        session.add(
            ReviewLogEntry(
                editor="ana",
                action="approve",
                entity="rendering",
                entity_id=rendering.id,
                term_id=rendering.term_id,
                term="科技强国",
                field="status",
                before="candidate",
                after="preferred",
            )
        )
    termbase.close()
    return db


def counts(db: Path) -> list[int]:
    termbase = Termbase.open(str(db))
    try:
        with termbase.reading() as session:
            return [
                session.scalar(sa.select(sa.func.count()).select_from(table))
                for table in (Term, Rendering, Attestation, TranslationUnit, ReviewLogEntry)
            ]
    finally:
        termbase.close()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_import_export_gives_the_same_file(decided: Path, tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / f"first.{FORMATS[fmt]}", tmp_path / f"second.{FORMATS[fmt]}"
    empty = tmp_path / "empty.sqlite"
    assert run("export", fmt, "-o", str(first), "--db", str(decided), "-q").exit_code == 0
    imported = run(
        "import", str(first), "--format", fmt, "--editor", "bob", "--db", str(empty), "-q"
    )
    assert imported.exit_code == 0, imported.output
    assert run("export", fmt, "-o", str(second), "--db", str(empty), "-q").exit_code == 0
    assert first.stat().st_size > 1000
    assert second.read_bytes() == first.read_bytes()


def test_a_second_import_adds_nothing(decided: Path, tmp_path: Path) -> None:
    db = tmp_path / "tb.sqlite"
    for fmt in ("tmx", "tbx"):
        exported = tmp_path / f"x.{fmt}"
        assert run("export", fmt, "-o", str(exported), "--db", str(decided), "-q").exit_code == 0
        first = json.loads(run("import", str(exported), "--json", "--db", str(db), "-q").stdout)
        before = counts(db)
        again = json.loads(run("import", str(exported), "--json", "--db", str(db), "-q").stdout)
        assert (
            first["created"] > 0
            and again["created"] == 0
            and again["unchanged"] == first["created"]
        )
        assert counts(db) == before


def test_tmx_is_valid_and_read_by_translate_toolkit(decided: Path, tmp_path: Path) -> None:
    target = tmp_path / "memory.tmx"
    assert run("export", "tmx", "-o", str(target), "--db", str(decided), "-q").exit_code == 0
    checked = subprocess.run(
        [
            require("xmllint"),
            "--noout",
            "--dtdvalid",
            str(STANDARDS / "tmx" / "tmx14.dtd"),
            str(target),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    store = tt_tmx.tmxfile.parsefile(str(target))
    units = [u for u in store.units if u.source]
    assert [(u.source, u.target) for u in units] == _complete_pairs(decided)
    assert any("科技" in u.source and "science" in u.target.lower() for u in units)


def _complete_pairs(db: Path) -> list[tuple[str, str]]:
    """Each document's distinct pairs with both sides, as the export gives them."""
    termbase = Termbase.open(str(db))
    try:
        with termbase.reading() as session:
            rows = session.execute(
                sa.select(
                    TranslationUnit.document_id, TranslationUnit.zh_text, TranslationUnit.en_text
                )
                .where(TranslationUnit.zh_text != "", TranslationUnit.en_text != "")
                .order_by(TranslationUnit.document_id, TranslationUnit.id)
            ).all()
    finally:
        termbase.close()
    return [(zh, en) for _, zh, en in dict.fromkeys(tuple(row) for row in rows)]


def test_tbx_basic_passes_the_official_relax_ng(decided: Path, tmp_path: Path) -> None:
    target = tmp_path / "terms.tbx"
    assert (
        run(
            "export", "tbx", "-o", str(target), "--status", "approved", "--db", str(decided), "-q"
        ).exit_code
        == 0
    )
    schema = (
        STANDARDS / "tbx-v3" / "TBX-Basic" / "DCA" / "TBXcoreStructV03_TBX-Basic_integrated.rng"
    )
    checked = subprocess.run(
        [require("jing"), str(schema), str(target)], check=False, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "科技强国" in target.read_text(encoding="utf-8")


def test_omegat_fills_in_english_from_our_tmx(decided: Path, tmp_path: Path) -> None:
    omegat = require("omegat")
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    assert (
        run(
            "export",
            "tmx",
            "-o",
            str(project / "tm" / "auto" / "glossary.tmx"),
            "--document",
            "speech-2024-en-qiushi",
            "--db",
            str(decided),
            "-q",
        ).exit_code
        == 0
    )
    # Chinese sentences of one-sentence units, as a source file OmegaT segments the same way
    store = tt_tmx.tmxfile.parsefile(str(project / "tm" / "auto" / "glossary.tmx"))
    translations: dict[str, set[str]] = {}
    for unit in store.units:
        translations.setdefault(unit.source, set()).add(unit.target)
    pairs = [
        (zh, en.pop())
        for zh, en in translations.items()  # one translation: no choice to make
        if len(en) == 1 and zh.count("。") == 1 and zh.endswith("。")
    ][:5]
    assert len(pairs) == 5
    (project / "source" / "speech.txt").write_text(
        "\n\n".join(zh for zh, _ in pairs) + "\n", encoding="utf-8"
    )
    (project / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
    done = subprocess.run(
        [omegat, "--mode=console-translate", str(project)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    translated = (project / "target" / "speech.txt").read_text(encoding="utf-8")
    for zh, en in pairs:
        assert en in translated and zh not in translated


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>zh-CN</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def test_filters_status_and_document(decided: Path, tmp_path: Path) -> None:
    target = tmp_path / "approved.csv"
    assert (
        run(
            "export",
            "csv",
            "-o",
            str(target),
            "--status",
            "approved",
            "--bom",
            "--db",
            str(decided),
            "-q",
        ).exit_code
        == 0
    )
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # readable like any other file
    rows = data.decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("科技强国,科技強國,kējì qiángguó,")
    memory = tmp_path / "qiushi.tmx"
    assert (
        run(
            "export",
            "tmx",
            "-o",
            str(memory),
            "--document",
            "speech-2024-en-qiushi",
            "--db",
            str(decided),
            "-q",
        ).exit_code
        == 0
    )
    text = memory.read_text(encoding="utf-8")
    assert "speech-2024-en-qiushi" in text and "speech-2024-en-newsletter" not in text


HOSTILE = {
    "bomb.tmx": '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    '<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>&b;</seg>'
    '</tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
    "external.tbx": '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<martif type="TBX"><text><body><termEntry><langSet xml:lang="zh"><tig><term>&x;</term>'
    "</tig></langSet></termEntry></body></text></martif>",
    "truncated.tmx": '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN"/><body><tu>'
    '<tuv xml:lang="zh-CN"><seg>科技</seg></tuv><tuv xml:lang="en"><seg>S&amp;T</seg></tuv></tu><tu>',
    "broken.csv": "simplified,preferred\n科技强国,science,extra\n",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_broken_and_hostile_files_are_refused_and_change_nothing(
    decided: Path, tmp_path: Path, name: str
) -> None:
    db = tmp_path / "tb.sqlite"
    shutil.copy(decided, db)
    before = counts(db)
    path = tmp_path / name
    path.write_text(HOSTILE[name], encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--db", str(db), "-q"])
    assert result.exit_code == 1
    assert name in result.output and "Traceback" not in result.output
    assert counts(db) == before


def test_a_failed_export_leaves_the_old_file(decided: Path, tmp_path: Path) -> None:
    db = tmp_path / "tb.sqlite"
    shutil.copy(decided, db)
    target = tmp_path / "terms.tbx"
    target.write_text("previous export", encoding="utf-8")
    # a control character XML cannot carry, left in the termbase by an older version
    # (the command line now refuses one: see test_hostile_text)
    termbase = Termbase.open(str(db))
    try:
        with termbase.transaction() as session:
            session.execute(
                sa.update(Term).where(Term.simplified == "科技强国").values(note="bad \x01 control")
            )
    finally:
        termbase.close()
    result = CliRunner().invoke(main, ["export", "tbx", "-o", str(target), "--db", str(db), "-q"])
    assert result.exit_code == 1 and "科技强国" in result.output
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".terms")] == []


def test_export_errors_name_the_file_asked_for(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    Termbase.open(str(db), create=True).close()  # an empty termbase: export creates none
    missing = CliRunner().invoke(
        main, ["export", "tmx", "-o", str(tmp_path / "no" / "x.tmx"), "--db", str(db)]
    )
    assert missing.exit_code == 1 and f"there is no folder {tmp_path / 'no'}" in missing.output
    nothing = CliRunner().invoke(
        main,
        ["export", "tbx", "-o", str(tmp_path / "x.tbx"), "--status", "approved", "--db", str(db)],
    )
    assert nothing.exit_code == 1 and f"{tmp_path / 'x.tbx'}: no terms to write" in nothing.output
    assert list(tmp_path.glob(".x.tbx*")) == [] and not (tmp_path / "x.tbx").exists()


def test_exporting_every_term_says_how_many_are_unreviewed(decided: Path, tmp_path: Path) -> None:
    termbase = Termbase.open(str(decided))
    try:
        with termbase.reading() as session:
            candidates = session.scalar(
                sa.select(sa.func.count()).select_from(Term).where(Term.status == "candidate")
            )
    finally:
        termbase.close()
    target = tmp_path / "terms.tbx"
    every = run("export", "tbx", "-o", str(target), "--db", str(decided))
    assert every.exit_code == 0, every.output
    assert f"{candidates} of them are unreviewed candidates" in every.stderr
    assert f"glossary export tbx --status approved -o {target}" in every.stderr
    approved = run("export", "tbx", "-o", str(target), "--status", "approved", "--db", str(decided))
    assert approved.exit_code == 0 and "unreviewed" not in approved.stderr
    memory = run("export", "tmx", "-o", str(tmp_path / "m.tmx"), "--db", str(decided))
    assert memory.exit_code == 0 and "unreviewed" not in memory.stderr
    quiet = run("export", "csv", "-o", str(tmp_path / "t.csv"), "--db", str(decided), "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""
