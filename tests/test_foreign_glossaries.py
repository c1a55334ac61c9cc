"""Glossaries and memories other tools write, read as those tools read them (issue 19):
OmegaT's and Weblate's CSV glossaries (no header row; two or three columns; quoted
cells with commas and doubled quotes), a tab-separated glossary with lines to skip,
a ``martif`` in TBX v3's namespace as Weblate writes it, a TMX header with empty
required attributes, and glossaries whose source language is not Chinese. Each file
is also read by an independent reader (pandas, translate-toolkit) and the termbase
must hold what that reader found."""

from __future__ import annotations

from pathlib import Path

import pandas
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from translate.storage import tbx as tt_tbx
from translate.storage import tmx as tt_tmx

from cli import main
from termbase import Termbase
from termbase.models import Rendering, Term, TranslationUnit

# As OmegaT writes a CSV glossary (and its own test data is laid out): no header,
# a comment line, commas and doubled quotes inside quoted cells, a BOM.
OMEGAT_CSV = (
    "\ufeff# glossary exported by OmegaT\n"
    "科技强国,country strong in science and technology\n"
    '新质生产力,"new quality productive forces","official, see ""Qiushi"" 2024"\n'
    '"一带一路","Belt and Road",\n'
)
# Weblate's glossary download without a header: source, target, explanation.
WEBLATE_CSV = (
    "全面深化改革,comprehensively deepening reform,\n"
    '中国式现代化,"Chinese modernization","the ""Chinese path"", not ""Chinese-style"""\n'
    "共同富裕,common prosperity\n"
)
# Weblate's full CSV export names its columns, the source not first.
WEBLATE_CSV_WITH_HEADER = (
    "location,source,target,id,fuzzy,context,translator_comments,developer_comments\n"
    ',科技强国,"country strong in S&T",,False,,,"from the 2024 speech"\n'
)
WEBLATE_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif xmlns="urn:iso:std:iso:30042:ed-2" xml:lang="zh-Hans" type="TBX">
    <martifHeader>
        <fileDesc>
            <sourceDesc>
                <p>Weblate glossary</p>
            </sourceDesc>
        </fileDesc>
    </martifHeader>
    <text>
        <body>
            <termEntry id="e1">
                <langSet xml:lang="zh-Hans"><tig><term>科技强国</term></tig></langSet>
                <langSet xml:lang="en"><tig><term>country strong in science and technology</term></tig></langSet>
                <note from="translator">official rendering</note>
            </termEntry>
            <termEntry id="e2">
                <langSet xml:lang="zh-Hans"><tig><term>新质生产力</term></tig></langSet>
                <langSet xml:lang="en"><tig><term>new quality productive forces</term></tig></langSet>
            </termEntry>
        </body>
    </text>
</martif>
"""
EMPTY_HEADER_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Unknown" creationtoolversion="" segtype="sentence" o-tmf=""
          adminlang="" srclang="zh-CN" datatype=""/>
  <body>
    <tu><tuv xml:lang="zh-CN"><seg>加快建设科技强国。</seg></tuv>
        <tuv xml:lang="en-US"><seg>Build a country strong in science and technology.</seg></tuv></tu>
    <tu><tuv xml:lang="zh-CN"><seg>发展新质生产力。</seg></tuv>
        <tuv xml:lang="en-US"><seg>Develop new quality productive forces.</seg></tuv></tu>
  </body>
</tmx>
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def imported(path: Path, tmp_path: Path, *options: str):
    db = tmp_path / "tb.sqlite"
    return run("import", str(path), "--db", str(db), *options), db


def glossary_in(db: Path) -> list[tuple[str, str, str | None]]:
    """(term, rendering, rendering's note) in the termbase, sorted."""
    termbase = Termbase.open(str(db))
    try:
        with termbase.reading() as session:
            return sorted(
                session.execute(
                    sa.select(Term.simplified, Rendering.text, Rendering.note).join(Rendering)
                ).all()
            )
    finally:
        termbase.close()


def pandas_rows(path: Path, **options) -> list[tuple[str, str, str | None]]:
    """The file as pandas reads it: the independent reading to compare with."""
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", **options)
    rows = frame.itertuples(index=False)
    return sorted((row[0], row[1], (row[2] or None) if len(row) > 2 else None) for row in rows)


@pytest.mark.parametrize("name", ["omegat", "weblate"])
def test_headerless_csv_glossaries_read_as_pandas_reads_them(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_text(OMEGAT_CSV if name == "omegat" else WEBLATE_CSV, encoding="utf-8")
    result, db = imported(path, tmp_path, "-q")
    assert result.exit_code == 0, result.output
    expected = pandas_rows(path, header=None, names=["source", "target", "comment"], comment="#")
    assert len(expected) == 3
    assert glossary_in(db) == expected


def test_weblate_csv_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "weblate-export.csv"
    path.write_text(WEBLATE_CSV_WITH_HEADER, encoding="utf-8")
    result, db = imported(path, tmp_path, "-q")
    assert result.exit_code == 0, result.output
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
    assert glossary_in(db) == [(frame.source[0], frame.target[0], frame.developer_comments[0])]


def test_a_tab_separated_glossary_skips_what_it_cannot_use_and_counts_it(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text(
        "科技强国\tcountry strong in science and technology\n\n"
        "没有制表符的一行\n"
        "一带一路\t\n"
        "\n新质生产力\tnew quality productive forces\tofficial\n",
        encoding="utf-8",
    )
    result, db = imported(path, tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "2 terms added, 0 updated, 0 unchanged; 2 new renderings; "
        "2 skipped (1 with no tab, 1 with no term or no target)"
    )
    assert f"{path}, line 3: expected 'source<TAB>target<TAB>comment'; skipped" in result.stderr
    assert f"{path}, line 4: expected a source term and its target; skipped" in result.stderr
    assert glossary_in(db) == [
        ("新质生产力", "new quality productive forces", "official"),
        ("科技强国", "country strong in science and technology", None),
    ]


def test_martif_in_the_tbx_v3_namespace_reads_as_translate_toolkit_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "weblate.tbx"
    path.write_text(WEBLATE_TBX, encoding="utf-8")
    result, db = imported(path, tmp_path, "-q")
    assert result.exit_code == 0, result.output
    store = tt_tbx.tbxfile.parsefile(str(path))
    assert [(term, text) for term, text, _ in glossary_in(db)] == sorted(
        (unit.source, unit.target) for unit in store.units
    )
    termbase = Termbase.open(str(db))
    with termbase.reading() as session:
        assert session.scalar(sa.select(Term.note).where(Term.simplified == "科技强国")) == (
            "official rendering"
        )
    termbase.close()


def test_a_tmx_header_with_empty_required_attributes_reads(tmp_path: Path) -> None:
    path = tmp_path / "empty-header.tmx"
    path.write_text(EMPTY_HEADER_TMX, encoding="utf-8")
    result, db = imported(path, tmp_path, "-q")
    assert result.exit_code == 0, result.output
    store = tt_tmx.tmxfile.parsefile(str(path))
    termbase = Termbase.open(str(db))
    with termbase.reading() as session:
        pairs = session.execute(
            sa.select(TranslationUnit.zh_text, TranslationUnit.en_text).order_by(TranslationUnit.id)
        ).all()
    termbase.close()
    assert [tuple(pair) for pair in pairs] == [(u.source, u.target) for u in store.units]


# --- glossaries whose source language is not Chinese: one line ----------------------


OMEGAT_TEST_CSV = 'kde,csv kde\nquestion,csv q\n"kde; question",comma\n"kde, qu","comma dot"\n'


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("test.csv", OMEGAT_TEST_CSV, "no Chinese terms: the source column is English"),
        (
            "entries.csv",
            "entry,条目\nkde,KDE桌面\n",
            (
                "no Chinese terms: the source column is English and the target column is Chinese: "
                "this program reads Chinese → English"
            ),
        ),
        (
            "glossary.txt",
            "question\tFrage\nanswer\tAntwort\n",
            "no Chinese terms: the source column is English",
        ),
        (
            "en-de.tbx",
            WEBLATE_TBX.replace('"zh-Hans"', '"de"')
            .replace("科技强国", "Wissenschaft")
            .replace("新质生产力", "Kraft"),
            "no Chinese terms: its languages are de, en",
        ),
        (
            "en-fr.tmx",
            EMPTY_HEADER_TMX.replace('"zh-CN"', '"fr-FR"'),
            "no Chinese segments: its languages are en-US, fr-FR",
        ),
    ],
)
def test_a_file_with_no_chinese_says_so_in_one_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result, db = imported(path, tmp_path, "-q")
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: {message}\n"
    assert not db.exists()
