"""Renderings that differ only in case, a leading article or number are one rendering
with its variants, the same in the term view (`show`, `terms`, the review app), the
review app's term list and the exports; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from records import DocumentMeta, EvidenceDraft, TermDraft, TermQuery
from termbase import Termbase
from termbase.browse import term_page
from termbase.exchange import iter_term_records
from termbase.review import approve_rendering, deprecate_rendering
from termbase.store import save_document
from termbase.terms import replace_evidence, sync_terms, term_view
from termbase.variants import variant_key

POWER = "scientific and technological power"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Scientific and Technological Power", POWER),
        ("a country strong in science and technology", "Country Strong in Science and Technology"),
        ("the science and technology powers", "science and technology power"),
        ("national strategies", "national strategy"),
        ("new approaches", "new approach"),
        ("strategic forces", "strategic force"),
    ],
)
def test_case_a_leading_article_and_number_make_variants(one: str, other: str) -> None:
    assert variant_key(one) == variant_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("science and technology power", POWER),  # other words
        ("power of science", "science power"),  # other order
        ("the", "a"),  # an article alone is the rendering itself
        ("status", "statu"),  # a singular ending in s stays
        ("the power", "power of the"),
    ],
)
def test_other_words_are_other_renderings(one: str, other: str) -> None:
    assert variant_key(one) != variant_key(other)


@pytest.fixture
def termbase(db_url: str):
    opened = Termbase.open(db_url, create=True)
    with opened.transaction() as session:
        for document in ("a-en", "b-en"):
            save_document(
                session,
                DocumentMeta(id=document, language="en", role="commentary", content_hash=document),
                [],
            )
        ids = sync_terms(
            session,
            [
                TermDraft(
                    "科技强国",
                    "科技強國",
                    "kējì qiángguó",
                    "ke1 ji4 qiang2 guo2",
                    "keji qiangguo",
                    "kjqg",
                    1,
                    8,
                )
            ],
        )
        replace_evidence(
            session,
            ids,
            [
                EvidenceDraft("科技强国", "a-en", POWER, count=3, context=f"Building a {POWER}."),
                EvidenceDraft(
                    "科技强国",
                    "b-en",
                    "Scientific and Technological Power",
                    count=1,
                    context="Striving to Build a Global Scientific and Technological Power",
                ),
                EvidenceDraft(
                    "科技强国",
                    "b-en",
                    "the scientific and technological powers",
                    count=1,
                    context="Among the scientific and technological powers.",
                ),
                EvidenceDraft(
                    "科技强国", "b-en", "tech powerhouse", count=2, context="A tech powerhouse."
                ),
            ],
        )
    yield opened
    opened.close()


def view(termbase: Termbase):  # type: ignore[no-untyped-def]
    with termbase.reading() as session:
        [row] = term_page(session, TermQuery())
        return term_view(session, row.id), row


def test_the_term_view_and_the_list_show_one_rendering_with_its_variants(
    termbase: Termbase,
) -> None:
    term, row = view(termbase)
    assert [(r.en, r.status, r.documents) for r in term.renderings] == [
        (POWER, "candidate", {"a-en": 3, "b-en": 2}),
        ("tech powerhouse", "candidate", {"b-en": 2}),
    ]
    assert [(v.en, v.count) for v in term.renderings[0].variants] == [
        ("the scientific and technological powers", 1),
        ("Scientific and Technological Power", 1),
    ]
    assert len(term.renderings[0].contexts) == 3  # the variants' sentences too
    assert (row.rendering, row.competing) == (POWER, 2)


def test_a_decided_form_heads_its_variants_and_a_different_decision_stays_apart(
    termbase: Termbase,
) -> None:
    term, _ = view(termbase)
    with termbase.transaction() as session:  # the title's capitals, once, are what the editor wants
        approve_rendering(session, term.id, "Scientific and Technological Power", "ana", None)
    term, row = view(termbase)
    head = term.renderings[0]
    assert (head.en, head.status, head.documents) == (
        "Scientific and Technological Power",
        "preferred",
        {"a-en": 3, "b-en": 2},
    )
    assert (row.rendering, row.decided, row.competing) == (
        "Scientific and Technological Power",
        True,
        2,
    )
    with termbase.transaction() as session:
        deprecate_rendering(
            session, term.id, "the scientific and technological powers", "ana", None
        )
    term, _ = view(termbase)
    assert [(r.en, r.status) for r in term.renderings] == [
        ("Scientific and Technological Power", "preferred"),
        ("tech powerhouse", "candidate"),
        ("the scientific and technological powers", "deprecated"),
    ]
    assert term.renderings[0].documents == {"a-en": 3, "b-en": 1}


def test_exports_write_one_rendering_with_the_summed_counts(termbase: Termbase) -> None:
    with termbase.reading() as session:
        [record] = list(iter_term_records(session))
    assert [(r.text, r.sources) for r in record.renderings] == [
        (POWER, {"a-en": 3, "b-en": 2}),
        ("tech powerhouse", {"b-en": 2}),
    ]
    assert record.renderings[0].context == f"Building a {POWER}."


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def test_show_terms_and_export_agree_on_the_sample_corpus(
    sample_termbase: Path, tmp_path: Path
) -> None:
    db = tmp_path / "tb.sqlite"
    shutil.copy(sample_termbase, db)
    title = "Country Strong in Science and Technology"  # the Qiushi translation's title
    shown = json.loads(run("show", "科技强国", "--json", "--db", str(db)).stdout)
    [official] = [
        r for r in shown["renderings"] if r["en"] == "country strong in science and technology"
    ]
    assert official["variants"] == [{"en": title, "status": "candidate", "count": 1}]
    assert title not in [r["en"] for r in shown["renderings"]]
    listed = json.loads(run("terms", "--search", "科技强国", "--json", "--db", str(db)).stdout)[0]
    assert listed["renderings"] == shown["renderings"]
    table = run("show", "科技强国", "--db", str(db)).stdout
    assert f"also {title} (1)" in table
    target = tmp_path / "terms.csv"
    assert run("export", "csv", "-o", str(target), "--db", str(db), "-q").exit_code == 0
    row = next(
        r for r in csv.DictReader(target.open(encoding="utf-8")) if r["simplified"] == "科技强国"
    )
    assert "country strong in science and technology" in row["other renderings"]
    assert title not in row["other renderings"]
