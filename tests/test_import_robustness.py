"""Imports that must neither grow without bound nor change what they should not
(issue 19, points 4, 6, 7 and 8): re-importing an export changes nothing, in every
format; limits on a segment, a term and a file, each a setting; CSV read as a
stream; deep inline markup and rows that are not Chinese reported in one line
naming the file and the row."""

from __future__ import annotations

import csv
import gc
import json
import shutil
import tracemalloc
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from lxml import etree

from cli import main
from records import RenderingRecord, TermRecord, UnitRecord
from services.exchange import IMPORT_GC_THRESHOLD, import_file, read_records
from services.formats import Format
from services.term_fields import derive_term_fields
from termbase import Termbase
from termbase.exchange import merge_term_records, merge_unit_records
from termbase.models import Attestation, Document, Rendering, ReviewLogEntry, Term, TranslationUnit

FORMATS = {"tmx": "tmx", "tbx": "tbx", "tbx2": "tbx", "csv": "csv", "omegat": "txt"}
HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="t" '
    'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" '
    'datatype="plaintext"/>\n<body>\n'
)


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def tmx(units: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<tu><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
        for zh, en in units
    )
    return HEADER + body + "</body>\n</tmx>\n"


def state(db: Path | str) -> dict[str, object]:
    """Everything an import could change, counted."""
    termbase = Termbase.open(str(db))
    try:
        with termbase.reading() as session:

            def count(model):
                return session.scalar(sa.select(sa.func.count()).select_from(model))

            return {
                **{
                    model.__tablename__: count(model)
                    for model in (
                        Term,
                        Rendering,
                        Attestation,
                        TranslationUnit,
                        ReviewLogEntry,
                        Document,
                    )
                },
                "occurrences": session.scalar(sa.select(sa.func.sum(Attestation.count))),
                "versions": session.scalar(sa.select(sa.func.sum(Term.version))),
                "xi_in_commentary": session.scalar(
                    sa.select(sa.func.sum(Attestation.count))
                    .join(Term)
                    .where(
                        Term.simplified == "习近平",
                        Attestation.document_id == "commentary-2025-theorychina",
                    )
                ),
            }
    finally:
        termbase.close()


@pytest.fixture
def copy(sample_termbase: Path, tmp_path: Path) -> Path:
    db = tmp_path / "tb.sqlite"
    shutil.copy(sample_termbase, db)
    return db


# --- 7. importing what was exported changes nothing ---------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_reimporting_an_export_changes_nothing(copy: Path, tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / f"export.{FORMATS[fmt]}"
    assert run("export", fmt, "-o", str(exported), "--db", str(copy), "-q").exit_code == 0
    before = state(copy)
    exports_before = {}
    for other in FORMATS:
        path = tmp_path / f"before-{other}"
        assert run("export", other, "-o", str(path), "--db", str(copy), "-q").exit_code == 0
        exports_before[other] = path.read_bytes()
    result = run("import", str(exported), "--format", fmt, "--json", "--db", str(copy), "-q")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert (counts["created"], counts["updated"], counts["skipped"]) == (0, 0, 0)
    assert counts["unchanged"] > 100
    assert state(copy) == before
    assert before["xi_in_commentary"] == 36  # the example: it became 72
    for other in FORMATS:
        path = tmp_path / f"after-{other}"
        assert run("export", other, "-o", str(path), "--db", str(copy), "-q").exit_code == 0
        assert path.read_bytes() == exports_before[other], (
            f"{fmt} import changed the {other} export"
        )


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv"])
def test_reimporting_variants_adds_no_evidence(db_url: str, tmp_path: Path, fmt: str) -> None:
    """An export writes a rendering's variants as one rendering with all their
    evidence; importing it back must not file the variants' evidence under the head
    again (SQLite and PostgreSQL)."""
    termbase = Termbase.open(db_url, create=True)
    with termbase.transaction() as session:
        merge_term_records(
            session,
            [
                TermRecord(
                    "习近平",
                    renderings=[
                        RenderingRecord("Xi Jinping", sources={"speech": 3}),
                        RenderingRecord("XI JINPING", sources={"headline": 1}),
                        RenderingRecord("General Secretary Xi Jinping", sources={"speech": 2}),
                    ],
                )
            ],
            "ana",
            derive_term_fields,
        )
    termbase.close()
    exported = tmp_path / f"terms.{FORMATS[fmt]}"
    assert run("export", fmt, "-o", str(exported), "--db", db_url, "-q").exit_code == 0
    before = state(db_url)
    result = run("import", str(exported), "--format", fmt, "--json", "--db", db_url, "-q")
    assert json.loads(result.stdout)["unchanged"] == 1
    assert state(db_url) == before


def test_a_csv_from_another_termbase_adds_the_documents_it_lacks(
    copy: Path, tmp_path: Path
) -> None:
    """Term counts skip only the documents the termbase already attests the term in."""
    path = tmp_path / "colleague.csv"
    path.write_text(
        "simplified,preferred,sources\n"
        "习近平,Xi Jinping,commentary-2025-theorychina: 5; elsewhere-2026: 4\n",
        encoding="utf-8",
    )
    before = state(copy)
    result = run("import", str(path), "--json", "--db", str(copy), "-q")
    assert json.loads(result.stdout)["updated"] == 1
    after = state(copy)
    assert after["xi_in_commentary"] == before["xi_in_commentary"]
    assert after["occurrences"] == before["occurrences"] + 4


# --- 4. limits on what an import brings in -------------------------------------------


def test_a_segment_over_the_limit_is_skipped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "big.tmx"
    path.write_text(
        tmx(
            [
                ("科技强国。", "A strong country."),
                ("强" * 20_001, "Huge."),
                ("新质生产力。", "New forces."),
            ]
        ),
        encoding="utf-8",
    )
    db = tmp_path / "tb.sqlite"
    result = run("import", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "2 units added, 0 already there; 1 skipped (1 too long)"
    assert (
        f"{path}, unit 2: the Chinese segment has 20,001 characters, over the limit of "
        "10,000 (--max-segment or GLOSSARY_IMPORT_MAX_SEGMENT); skipped"
    ) in result.stderr
    assert state(db)["translation_units"] == 2


@pytest.mark.parametrize(
    ("option", "variable", "units"),
    [
        (["--max-segment", "0"], None, 2),  # no limit
        (["--max-segment", "30000"], None, 2),
        ([], "25000", 2),
        ([], "15000", 1),
        (["--max-segment", "30000"], "15000", 2),  # the option wins
    ],
)
def test_the_segment_limit_is_a_setting(
    tmp_path: Path, option: list[str], variable: str | None, units: int
) -> None:
    path = tmp_path / "big.tmx"
    path.write_text(tmx([("强" * 20_001, "Huge."), ("科技强国。", "Strong.")]), encoding="utf-8")
    db = tmp_path / "tb.sqlite"
    env = {"GLOSSARY_IMPORT_MAX_SEGMENT": variable} if variable else {}
    result = run("import", str(path), "--db", str(db), "-q", *option, env=env)
    assert result.exit_code == 0, result.output
    assert state(db)["translation_units"] == units


def test_a_unit_too_large_to_parse_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser would hold the whole <tu>; the reader stops at 1 MiB of it here
    (16 MiB by default), so a 200 MB segment is never read into memory."""
    monkeypatch.setattr("exports.screening.RUN_FLOOR", 2**20)
    path = tmp_path / "hostile.tmx"
    path.write_text(tmx([("科技强国。", "Strong."), ("强" * 2_000_000, "Huge.")]), encoding="utf-8")
    db = tmp_path / "tb.sqlite"
    result = run("import", str(path), "--max-segment", "1000", "--db", str(db), "-q")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {path}: unit 2 spans more than 1 MiB, far beyond the segment limit of 1,000 "
        "characters; refused (raise it with --max-segment or GLOSSARY_IMPORT_MAX_SEGMENT, "
        "0 for no limit)"
    )
    assert not db.exists()  # nothing created, nothing imported


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, how: str) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(tmx([(f"第{i}句。", f"Sentence {i}.") for i in range(40)]), encoding="utf-8")
    db = tmp_path / "tb.sqlite"
    setting = ["--max-file-size", "1K"] if how == "option" else []
    env = {"GLOSSARY_IMPORT_MAX_FILE_SIZE": "1K"} if how == "environment" else {}
    result = run("import", str(path), "--db", str(db), "-q", *setting, env=env)
    assert result.exit_code == 1
    size = path.stat().st_size / 1024
    assert result.output.strip() == (
        f"Error: {path}: {size:.3g} KiB, over the import limit of 1 KiB; refused "
        "(raise it with --max-file-size or GLOSSARY_IMPORT_MAX_FILE_SIZE, 0 for no limit)"
    )
    assert (
        run("import", str(path), "--db", str(db), "-q", "--max-file-size", "0", env=env).exit_code
        == 0
    )


def test_terms_and_renderings_beyond_any_real_one_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(
        "simplified,preferred,note\n"
        f"科技强国,strong country,\n{'强' * 51},a sentence,\n"
        f"新质生产力,{'new ' * 130},\n一带一路,Belt and Road,{'n' * 10_001}\n",
        encoding="utf-8",
    )
    db = tmp_path / "tb.sqlite"
    result = run("import", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("; 3 skipped (3 too long)")
    assert (
        f"{path}, line 3: the term has 51 characters, more than the termbase holds (50); skipped"
    ) in result.stderr
    assert f"{path}, line 4: the rendering has 519 characters" in result.stderr
    assert (
        f"{path}, line 5: the note has 10,001 characters, over the limit of 10,000" in result.stderr
    )
    assert state(db)["terms"] == 1


def test_memory_search_compares_a_bounded_part_of_each_unit(tmp_path: Path) -> None:
    """A memory filled before the limits may hold a unit of millions of characters:
    a search compares its first 10,000 and shows no more."""
    db = tmp_path / "tb.sqlite"
    termbase = Termbase.open(str(db), create=True)
    filler = "经济" * 1_000_000
    with termbase.transaction() as session:
        merge_unit_records(
            session,
            [
                UnitRecord("科技强国" + filler, "Huge, found.", "old-import"),
                UnitRecord(
                    filler + "科技强国", "Huge, the phrase beyond the searched part.", "old-import"
                ),
            ],
        )
    termbase.close()
    result = run("tm", "search", "科技强国", "--json", "--db", str(db))
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [hit["en"] for hit in hits] == ["Huge, found."]
    assert len(hits[0]["zh"]) == 10_001 and hits[0]["zh"].endswith("…")


# --- 6. a large CSV is read as a stream ------------------------------------------------


def test_a_large_csv_is_read_as_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["simplified", "pinyin", "preferred", "sources"])
        for i in range(120_000):
            writer.writerow([f"科技强国{i}", "", f"strong country number {i}", f"doc-{i % 50}: 2"])
    assert path.stat().st_size > 6_000_000
    tracemalloc.start()
    try:
        records = read_records(path, Format.CSV)
        first = [next(records) for _ in range(10)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first[9].simplified == "科技强国9"
    assert peak < 1_500_000, f"{peak:,} bytes to read ten rows: the file was read whole"


# --- 8. deep markup and rows that are not Chinese ----------------------------------------


def test_deeply_nested_inline_markup_is_read(tmp_path: Path) -> None:
    nested = "<hi>" * 1_200 + "强国" + "</hi>" * 1_200
    path = tmp_path / "nested.tmx"
    path.write_text(
        tmx(
            [
                (
                    f"科技<bpt i='1'>&lt;b&gt;</bpt>{nested}<ept i='1'>&lt;/b&gt;</ept>。",
                    "A strong country.",
                )
            ]
        ),
        encoding="utf-8",
    )
    db = tmp_path / "tb.sqlite"
    result = run("import", str(path), "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    # lxml (with its depth limit lifted) flattens it as a plain-text reader would
    seg = etree.parse(str(path), etree.XMLParser(huge_tree=True)).find("body/tu/tuv/seg")
    for code in seg.iter("bpt", "ept"):
        code.text = None
    expected = "".join(seg.itertext())
    termbase = Termbase.open(str(db))
    with termbase.reading() as session:
        assert session.scalar(sa.select(TranslationUnit.zh_text)) == expected == "科技强国。"
    termbase.close()


def test_a_row_whose_term_is_not_chinese_is_named_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "simplified,preferred\n科技强国,strong country\ncmd,command\n", encoding="utf-8"
    )
    db = tmp_path / "tb.sqlite"
    result = run("import", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert f"{path}, line 3: 'cmd' has no Chinese character; skipped" in result.stderr
    assert result.stdout.strip() == (
        "1 terms added, 0 updated, 0 unchanged; 1 new renderings; 1 skipped (1 not Chinese)"
    )


def test_a_term_mixing_latin_and_chinese_gets_pinyin(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text("cmd命令\tcommand-line command\n", encoding="utf-8")
    db = tmp_path / "tb.sqlite"
    assert run("import", str(path), "--db", str(db), "-q").exit_code == 0
    termbase = Termbase.open(str(db))
    with termbase.reading() as session:
        term = session.scalars(sa.select(Term)).one()
        assert (term.pinyin_marks, term.pinyin_numbers) == ("cmd mìnglìng", "cmd ming4 ling4")
    termbase.close()


def test_pinyin_that_is_not_pinyin_names_the_file_and_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "simplified,pinyin,preferred\n科技,kējì,technology\n科技强国,foo bar,x\n", encoding="utf-8"
    )
    db = tmp_path / "tb.sqlite"
    result = run("import", str(path), "--db", str(db), "-q")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {path}, line 3: term '科技强国': the pinyin 'foo bar' "
        "is not pinyin (not pinyin: 'foo')"
    )
    assert not db.exists()


def test_a_cell_the_csv_reader_refuses_names_the_file_and_line(tmp_path: Path) -> None:
    """Python's csv module refuses a cell over 131,072 characters (never holding
    more): one line naming where, not a traceback."""
    path = tmp_path / "huge-cell.csv"
    path.write_text(f"simplified,note\n科技,fine\n强国,{'x' * 200_000}\n", encoding="utf-8")
    result = run("import", str(path), "--db", str(tmp_path / "tb.sqlite"), "-q")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {path}, line 3: field larger than field limit (131072)"
    )


def test_deeply_nested_term_groups_in_tbx_are_read(tmp_path: Path) -> None:
    depth = 3_000
    path = tmp_path / "nested.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX"><text><body><termEntry>'
        '<langSet xml:lang="zh-CN"><ntig>'
        + "<termGrp>" * depth
        + "<term>科技强国</term>"
        + "</termGrp>" * depth
        + '</ntig></langSet><langSet xml:lang="en"><tig>'
        "<term>strong country</term></tig></langSet></termEntry></body></text></martif>\n",
        encoding="utf-8",
    )
    db = tmp_path / "tb.sqlite"
    result = run("import", str(path), "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    assert state(db)["terms"] == 1


def test_pinyin_fields_a_word_at_a_time_are_the_pinyin_modules(sample_termbase: Path) -> None:
    """``fast_pinyin_fields`` (a cache of words) gives what ``pinyin_fields`` gives,
    on every term of the sample termbase and on pinyin written by hand."""
    from glossary.pinyin import pinyin_fields
    from services.term_fields import fast_pinyin_fields

    termbase = Termbase.open(str(sample_termbase))
    with termbase.reading() as session:
        written = list(session.scalars(sa.select(Term.pinyin_marks)))
    termbase.close()
    written += ["Xī'ān", "zhǐzhēng-zhāoxī", "G20 fēnghuì", "5G wǎngluò", "Zhōngguóshì  xiàndàihuà"]
    assert len(written) > 1000
    assert [fast_pinyin_fields(marks) for marks in written] == [pinyin_fields(m) for m in written]


def test_a_second_file_updates_fields_status_and_version(db_url: str) -> None:
    """The batched merge changes stored rows as the ORM did: fields, statuses and
    pinyin replaced and logged, versions bumped (the review app's optimistic lock),
    and an unchanged record left alone (SQLite and PostgreSQL)."""
    termbase = Termbase.open(db_url, create=True)

    def merge(records: list[TermRecord]):
        with termbase.transaction() as session:
            return merge_term_records(session, records, "ana", derive_term_fields)

    merge(
        [
            TermRecord("科技强国", renderings=[RenderingRecord("S&T power")]),
            TermRecord("新质生产力", renderings=[RenderingRecord("new forces")]),
        ]
    )
    counts = merge(
        [
            TermRecord(
                "科技强国",
                pinyin="Kējì Qiángguó",
                note="see the 2024 speech",
                status="approved",
                renderings=[RenderingRecord("S&T power", "preferred")],
            ),
            TermRecord("新质生产力", renderings=[RenderingRecord("new forces")]),
        ]
    )
    assert (counts.created, counts.updated, counts.unchanged) == (0, 1, 1)
    with termbase.reading() as session:
        term = session.scalars(sa.select(Term).where(Term.simplified == "科技强国")).one()
        assert (term.status, term.note, term.pinyin_marks, term.pinyin_numbers, term.version) == (
            "approved",
            "see the 2024 speech",
            "Kējì Qiángguó",
            "ke1 ji4 qiang2 guo2",
            2,
        )
        rendering = session.scalars(sa.select(Rendering).where(Rendering.term_id == term.id)).one()
        assert (rendering.status, rendering.version) == ("preferred", 2)
        logged = session.execute(
            sa.select(ReviewLogEntry.field, ReviewLogEntry.after)
            .where(ReviewLogEntry.term_id == term.id)
            .order_by(ReviewLogEntry.id)
        ).all()
        other = session.scalars(sa.select(Term).where(Term.simplified == "新质生产力")).one()
        assert other.version == 1
    termbase.close()
    assert [tuple(row) for row in logged] == [
        ("pinyin_marks", "Kējì Qiángguó"),
        ("note", "see the 2024 speech"),
        ("status", "approved"),
        ("status", "preferred"),
    ]


def test_an_import_keeps_older_objects_from_the_collector_and_gives_them_back(
    tmp_path: Path,
) -> None:
    """While an import runs, what was alive before it is frozen (``gc.freeze``: the
    collector's full passes no longer walk it) and the youngest generation passed
    over less often; afterwards the collector is as it was, objects someone else
    froze still frozen."""
    path = tmp_path / "glossary.csv"
    path.write_text("simplified,preferred\n科技强国,S&T power\n", encoding="utf-8")
    termbase = Termbase.open(str(tmp_path / "tb.sqlite"), create=True)
    frozen_while: list[int] = []
    youngest_while: list[int] = []
    thresholds = gc.get_threshold()

    def progress(_: int) -> None:
        frozen_while.append(gc.get_freeze_count())
        youngest_while.append(gc.get_threshold()[0])

    try:
        assert gc.get_freeze_count() == 0
        import_file(termbase, path, "ana", progress=progress)
        assert gc.get_freeze_count() == 0
        assert frozen_while and min(frozen_while) > 0
        assert set(youngest_while) == {IMPORT_GC_THRESHOLD} != {thresholds[0]}
        assert gc.get_threshold() == thresholds
        gc.freeze()
        theirs = gc.get_freeze_count()
        import_file(termbase, path, "ana")
        assert 0 < gc.get_freeze_count() <= theirs  # theirs, less what the import freed
    finally:
        gc.unfreeze()
        termbase.close()
