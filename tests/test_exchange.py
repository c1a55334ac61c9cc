"""Records in and out of the termbase (SQLite and PostgreSQL), and the CSV and OmegaT
glossaries: merging without duplicates, keeping decisions, exact round trips."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pandas
import pytest
import sqlalchemy as sa

from exports.csv_glossary import (
    CsvGlossaryError,
    neutralise,
    read_csv,
    restore,
    write_csv,
    write_omegat,
)
from exports.screening import Skips
from glossary.pinyin import pinyin_fields, pinyin_marks
from glossary.script import to_traditional
from records import Decision, RenderingRecord, TermRecord, UnitRecord
from services.exchange import read_records
from services.formats import Format
from termbase import Termbase
from termbase.exchange import (
    ROWS_PER_INSERT,
    iter_term_records,
    iter_unit_records,
    merge_term_records,
    merge_unit_records,
)
from termbase.models import Attestation, Rendering, ReviewLogEntry, Term, TranslationUnit
from termbase.terms import replace_evidence, sync_terms

APPROVED_AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def derive(simplified: str, pinyin: str | None) -> dict[str, str]:
    return {
        "traditional": to_traditional(simplified),
        **pinyin_fields(pinyin or pinyin_marks(simplified)),
    }


def sample_records() -> list[TermRecord]:
    return [
        TermRecord(
            simplified="科技强国",
            pinyin="kējì qiángguó",
            status="approved",
            note="official line; see 2024 speech",
            subject_field="science policy",
            decided=Decision("ana", APPROVED_AT),
            renderings=[
                RenderingRecord(
                    "a country strong in science and technology",
                    "preferred",
                    sources={"qiushi": 3},
                    context="We will build a country strong in science and technology.",
                    decided=Decision("ana", APPROVED_AT),
                ),
                RenderingRecord(
                    "science and technology power",
                    "candidate",
                    sources={"newsletter": 2, "qiushi": 1},
                ),
                RenderingRecord('=HYPERLINK("http://x")', "deprecated", note="pasted; never use"),
            ],
        ),
        TermRecord(
            simplified="新质生产力",
            renderings=[RenderingRecord("new quality productive forces", sources={"qiushi": 1})],
        ),
        TermRecord(
            simplified="破四唯",
            status="rejected",
            note="-not a term",
            renderings=[RenderingRecord("breaking the four only's; a slogan", "admitted")],
        ),
    ]


@pytest.fixture
def termbase(db_url: str):
    opened = Termbase.open(db_url)
    yield opened
    opened.close()


def merged(termbase: Termbase, records: list[TermRecord], editor: str = "importer"):
    with termbase.transaction() as session:
        return merge_term_records(session, records, editor, derive)


def read_out(termbase: Termbase, **options) -> list[TermRecord]:
    with termbase.reading() as session:
        return list(iter_term_records(session, **options))


def test_merged_records_read_back_the_same(termbase: Termbase) -> None:
    counts = merged(termbase, sample_records())
    assert (counts.created, counts.renderings_created) == (3, 5)
    out = {r.simplified: r for r in read_out(termbase)}
    assert list(out) == sorted(out)  # an order an import can reproduce
    power = out["科技强国"]
    assert (power.status, power.decided, power.traditional) == (
        "approved",
        Decision("ana", APPROVED_AT),
        "科技強國",
    )
    assert [(r.text, r.status, r.sources) for r in power.renderings] == [
        ("a country strong in science and technology", "preferred", {"qiushi": 3}),
        ("science and technology power", "candidate", {"newsletter": 2, "qiushi": 1}),
        ('=HYPERLINK("http://x")', "deprecated", {}),
    ]
    assert power.renderings[0].decided == Decision("ana", APPROVED_AT)
    assert power.renderings[0].context.startswith("We will build")
    assert out["新质生产力"].pinyin == pinyin_marks("新质生产力")


def test_a_merge_larger_than_one_insert_puts_every_row_in_its_place(termbase: Termbase) -> None:
    """On SQLite rows go ``ROWS_PER_INSERT`` to a statement and the rest one by one:
    every term, rendering, occurrence and log entry lands whole, under its own ids,
    whichever way it went (SQLite and PostgreSQL)."""
    count = 2 * ROWS_PER_INSERT + 3
    records = [
        TermRecord(
            simplified=f"科技{i:03d}",
            pinyin="kējì",
            note=f"note {i}",
            renderings=[
                RenderingRecord(
                    f"technology {i}",
                    "preferred",
                    sources={f"doc-{i % 3}": i + 1},
                    decided=Decision("ana", APPROVED_AT),
                ),
                RenderingRecord(f"tech {i}", sources={"doc-x": 1}),
            ],
        )
        for i in range(count)
    ]
    counts = merged(termbase, records)
    assert (counts.created, counts.renderings_created) == (count, 2 * count)
    assert [
        (r.simplified, r.note, [(x.text, x.status, x.sources, x.decided) for x in r.renderings])
        for r in read_out(termbase)
    ] == [
        (
            f"科技{i:03d}",
            f"note {i}",
            [
                (
                    f"technology {i}",
                    "preferred",
                    {f"doc-{i % 3}": i + 1},
                    Decision("ana", APPROVED_AT),
                ),
                (f"tech {i}", "candidate", {"doc-x": 1}, None),
            ],
        )
        for i in range(count)
    ]
    with termbase.reading() as session:
        logged = session.execute(
            sa.select(ReviewLogEntry.field, sa.func.count())
            .join(
                Term, (Term.id == ReviewLogEntry.term_id) & (Term.simplified == ReviewLogEntry.term)
            )
            .outerjoin(Rendering, Rendering.id == ReviewLogEntry.entity_id)
            .where(
                (ReviewLogEntry.entity == "term") & (ReviewLogEntry.entity_id == Term.id)
                | (ReviewLogEntry.entity == "rendering") & (Rendering.term_id == Term.id)
            )
            .group_by(ReviewLogEntry.field)
        ).all()
    assert sorted(tuple(row) for row in logged) == [
        ("note", count),
        ("pinyin_marks", count),
        ("status", count),
    ]


def test_merging_twice_adds_nothing_and_candidates_never_undo_decisions(termbase: Termbase) -> None:
    merged(termbase, sample_records())
    with termbase.reading() as session:
        before = [
            session.scalar(sa.select(sa.func.count()).select_from(t))
            for t in (Term, Rendering, Attestation, ReviewLogEntry)
        ]
    again = sample_records()
    again[0].status = "candidate"
    again[0].renderings[0].status = "candidate"
    counts = merged(termbase, again)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 3)
    with termbase.reading() as session:
        after = [
            session.scalar(sa.select(sa.func.count()).select_from(t))
            for t in (Term, Rendering, Attestation, ReviewLogEntry)
        ]
        assert after == before
        status = session.scalar(sa.select(Term.status).where(Term.simplified == "科技强国"))
    assert status == "approved"


def test_imported_decisions_are_logged_under_their_editor(termbase: Termbase) -> None:
    merged(termbase, sample_records(), editor="bob")
    with termbase.reading() as session:
        rows = session.execute(
            sa.select(
                ReviewLogEntry.editor,
                ReviewLogEntry.entity,
                ReviewLogEntry.field,
                ReviewLogEntry.after,
            )
            .where(ReviewLogEntry.term == "科技强国")
            .order_by(ReviewLogEntry.id)
        ).all()
    assert ("ana", "term", "status", "approved") in rows
    assert ("ana", "rendering", "status", "preferred") in rows
    assert ("bob", "term", "note", "official line; see 2024 speech") in rows


def test_imported_evidence_survives_a_rebuild(termbase: Termbase) -> None:
    merged(termbase, sample_records())
    with termbase.transaction() as session:  # a build that finds none of these terms
        replace_evidence(session, sync_terms(session, []), [])
    out = {r.simplified: r for r in read_out(termbase)}
    assert out["科技强国"].renderings[1].sources == {"newsletter": 2, "qiushi": 1}
    assert "新质生产力" in out  # imported terms are decisions, not candidates to drop


def test_approved_only_and_document_filters(termbase: Termbase) -> None:
    merged(termbase, sample_records())
    approved = read_out(termbase, approved_only=True)
    assert [r.simplified for r in approved] == ["科技强国"]
    assert [r.status for r in approved[0].renderings] == ["preferred", "deprecated"]
    newsletter = read_out(termbase, documents=["newsletter"])
    assert [(t.simplified, [r.text for r in t.renderings]) for t in newsletter] == [
        ("科技强国", ["science and technology power"])
    ]
    assert newsletter[0].renderings[0].sources == {"newsletter": 2}


def test_units_merge_without_duplicates_and_keep_provenance(termbase: Termbase) -> None:
    created = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    units = [
        UnitRecord(
            "加快建设科技强国。",
            "Build a strong S&T nation.",
            "qiushi",
            "speech",
            "Qiushi",
            0.92,
            "dp",
            created,
        ),
        UnitRecord("第二句。", "Second.", "tmx:other", created=created),
    ]
    with termbase.transaction() as session:
        assert merge_unit_records(session, units).created == 2
    with termbase.transaction() as session:
        counts = merge_unit_records(session, units)
    assert (counts.created, counts.unchanged) == (0, 2)
    with termbase.reading() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(TranslationUnit)) == 2
        out = list(iter_unit_records(session))
        only = list(iter_unit_records(session, documents=["qiushi"]))
    assert out[0] == units[0]
    assert [u.document for u in only] == ["qiushi"]


# --- CSV and OmegaT files -----------------------------------------------------------


def test_csv_round_trip_is_exact(termbase: Termbase, tmp_path: Path, db_url: str) -> None:
    merged(termbase, sample_records())
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    write_csv(first, read_out(termbase), bom=True)
    empty = Termbase.open(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    try:
        merged(empty, list(read_records(first, Format.CSV)))
        write_csv(second, read_out(empty), bom=True)
    finally:
        empty.close()
    assert first.read_bytes().startswith(b"\xef\xbb\xbf")
    assert second.read_bytes() == first.read_bytes()


def test_csv_reads_in_an_independent_reader_with_formulas_neutralised(tmp_path: Path) -> None:
    target = tmp_path / "glossary.csv"
    write_csv(target, sample_records())
    table = pandas.read_csv(target, dtype=str, keep_default_na=False)
    assert list(table["simplified"]) == ["科技强国", "新质生产力", "破四唯"]
    row = table.iloc[0]
    assert row["preferred"] == "a country strong in science and technology"
    assert row["deprecated"] == '\'=HYPERLINK("http://x")'  # shown as text, never run
    assert row["sources"] == "newsletter: 2; qiushi: 4"
    assert table.iloc[2]["note"] == "'-not a term"
    assert table.iloc[2]["admitted"] == "breaking the four only's\\; a slogan"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in table.to_numpy().ravel())


@pytest.mark.parametrize("cell", ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "'quoted", "plain", ""])
def test_neutralised_cells_come_back_unchanged(cell: str) -> None:
    assert restore(neutralise(cell)) == cell
    assert not neutralise(cell).startswith(("=", "+", "-", "@", "\t"))


def test_csv_from_a_spreadsheet_in_gbk_reads(tmp_path: Path) -> None:
    target = tmp_path / "excel.csv"
    target.write_bytes(
        "simplified,preferred,status\r\n科技强国,science and technology power,approved\r\n".encode(
            "gb18030"
        )
    )
    [record] = read_records(target, Format.CSV)
    assert (record.simplified, record.status, record.renderings[0].text) == (
        "科技强国",
        "approved",
        "science and technology power",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("simplified,colour\n科技强国,x\n", "unknown columns: colour"),
        ("simplified,status\n科技强国,maybe\n", "line 2: status 'maybe'"),
        ("simplified,preferred\n科技强国,x,extra\n", "line 2: 3 cells"),
        ("simplified,preferred,sources\n科技强国,x,qiushi\n", "document: count"),
    ],
)
def test_broken_csv_is_refused_with_the_line(tmp_path: Path, content: str, message: str) -> None:
    target = tmp_path / "broken.csv"
    target.write_text(content, encoding="utf-8")
    with pytest.raises(CsvGlossaryError, match=message):
        list(read_records(target, Format.CSV))


def test_a_csv_column_named_twice_reads_its_last_cell() -> None:
    lines = io.StringIO("simplified,note,preferred,note\n科技强国,first,S&T power,second\n")
    [record] = read_csv(lines, "glossary.csv", frozenset({"candidate"}))
    assert (record.note, record.pinyin, [r.text for r in record.renderings]) == (
        "second",
        None,
        ["S&T power"],
    )


def test_the_csv_reader_reads_text_from_any_stream() -> None:
    """The format reads text, not a file: decoding it is language work, done before
    (``services.exchange``, with ``glossary.decoding``)."""
    lines = io.StringIO("simplified,preferred\n科技强国,S&T power\n")
    [record] = read_csv(lines, "glossary.csv", frozenset({"candidate"}))
    assert (record.simplified, record.renderings[0].text, record.origin) == (
        "科技强国",
        "S&T power",
        "line 2",
    )


def test_omegat_glossary_round_trip_is_exact(termbase: Termbase, tmp_path: Path) -> None:
    merged(termbase, sample_records())
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    write_omegat(first, read_out(termbase))
    lines = first.read_text(encoding="utf-8").splitlines()
    assert "科技强国\ta country strong in science and technology\t" in lines
    assert not any("HYPERLINK" in line for line in lines)  # deprecated: not offered
    empty = Termbase.open(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    try:
        merged(empty, list(read_records(first, Format.OMEGAT)))
        write_omegat(second, read_out(empty))
    finally:
        empty.close()
    assert second.read_bytes() == first.read_bytes()


def test_omegat_glossary_groups_lines_and_skips_comments(tmp_path: Path) -> None:
    target = tmp_path / "glossary.txt"
    target.write_text(
        "# exported by OmegaT\n科技强国\tS&T power\tnewsletter\n科技强国\ttech power\n"
        "\n新质生产力\tnew quality productive forces\n",
        encoding="utf-8",
    )
    records = list(read_records(target, Format.OMEGAT))
    assert [(r.simplified, [(x.text, x.note) for x in r.renderings]) for r in records] == [
        ("科技强国", [("S&T power", "newsletter"), ("tech power", None)]),
        ("新质生产力", [("new quality productive forces", None)]),
    ]
    target.write_text("科技强国\n", encoding="utf-8")  # no tab: skipped and counted
    skips = Skips(str(target))
    assert list(read_records(target, Format.OMEGAT, skips=skips)) == []
    assert skips.counts == {"with no tab": 1} and "line 1" in skips.messages[0]
