"""The terms API of the termbase, on SQLite and PostgreSQL: rebuilds refresh what is
automatic and keep what editors decided."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from records import DocumentMeta, EvidenceDraft, TermDraft
from termbase import Termbase
from termbase.models import Attestation, Rendering, ReviewLogEntry, Term
from termbase.store import save_document
from termbase.terms import find_term_ids, list_terms, replace_evidence, sync_terms, term_view


@pytest.fixture
def termbase(db_url: str):
    opened = Termbase.open(db_url)
    with opened.transaction() as session:
        save_document(
            session, DocumentMeta(id="en", language="en", role="commentary", content_hash="h"), []
        )
    yield opened
    opened.close()


def draft(term: str, rank: int, pinyin: str = "kējì qiángguó") -> TermDraft:
    return TermDraft(
        term,
        term.replace("强国", "強國"),
        pinyin,
        "ke1 ji4 qiang2 guo2",
        "keji qiangguo",
        "kjqg",
        rank,
        3,
    )


def test_rebuilds_refresh_automatic_fields_and_keep_decisions(termbase: Termbase) -> None:
    with termbase.transaction() as session:
        ids = sync_terms(
            session, [draft("科技强国", 1), draft("新质生产力", 2, "xīnzhì shēngchǎnlì")]
        )
        replace_evidence(
            session,
            ids,
            [
                EvidenceDraft("科技强国", "en", "science and technology power", count=2),
                EvidenceDraft("科技强国", "en", "tech powerhouse"),
                EvidenceDraft("新质生产力", "en", None),
            ],
        )
    with termbase.transaction() as session:  # an editor approves and corrects
        term = session.scalars(sa.select(Term).where(Term.simplified == "科技强国")).one()
        term.status, term.note, term.modified_by = "approved", "official line", "ana"
        term.pinyin_marks = "kējì-qiángguó"
        session.add(
            ReviewLogEntry(
                editor="ana",
                action="edit",
                entity="term",
                entity_id=term.id,
                term_id=term.id,
                field="pinyin_marks",
                before="kējì qiángguó",
                after="kējì-qiángguó",
            )
        )
        rendering = session.scalars(
            sa.select(Rendering).where(Rendering.text == "tech powerhouse")
        ).one()
        rendering.status, rendering.modified_by = "deprecated", "ana"
    with (
        termbase.transaction() as session
    ):  # rebuild: new rank, one term gone, no evidence for the deprecated one
        ids = sync_terms(session, [draft("科技强国", 5)])
        replace_evidence(
            session, ids, [EvidenceDraft("科技强国", "en", "science and technology power")]
        )
    with termbase.reading() as session:
        term = session.scalars(sa.select(Term).where(Term.simplified == "科技强国")).one()
        assert (term.status, term.note, term.rank, term.pinyin_marks) == (
            "approved",
            "official line",
            5,
            "kējì-qiángguó",
        )
        assert session.scalars(sa.select(Term.simplified)).all() == [
            "科技强国"
        ]  # untouched candidate dropped
        assert sorted(session.scalars(sa.select(Rendering.text))) == [
            "science and technology power",
            "tech powerhouse",
        ]
        assert session.scalar(sa.select(sa.func.count()).select_from(Attestation)) == 1
        view = term_view(session, term.id)
    assert [(r.en, r.status, r.documents) for r in view.renderings] == [
        ("science and technology power", "candidate", {"en": 1}),
        ("tech powerhouse", "deprecated", {}),
    ]


def test_paraphrases_are_counted_apart(termbase: Termbase) -> None:
    with termbase.transaction() as session:
        ids = sync_terms(session, [draft("科技强国", 1)])
        replace_evidence(
            session,
            ids,
            [EvidenceDraft("科技强国", "en", None), EvidenceDraft("科技强国", "en", None)],
        )
        view = term_view(session, ids["科技强国"])
    assert view.renderings == [] and view.paraphrased == {"en": 2}


def test_terms_are_found_by_either_script_pinyin_initials_and_english(termbase: Termbase) -> None:
    with termbase.transaction() as session:
        ids = sync_terms(session, [draft("科技强国", 1), draft("世界科技强国", 2)])
        replace_evidence(
            session, ids, [EvidenceDraft("科技强国", "en", "science and technology power")]
        )
    with termbase.reading() as session:
        target = ids["科技强国"]
        assert find_term_ids(session, simplified=["科技强国"])[0] == target
        assert find_term_ids(session, simplified=["科技強國"])[0] == target
        assert find_term_ids(session, pinyin="keji qiangguo")[0] == target
        assert find_term_ids(session, pinyin="kejiqiangguo")[0] == target
        assert find_term_ids(session, pinyin="kjqg")[0] == target
        assert find_term_ids(session, english="Science and Technology Power") == [target]
        assert set(find_term_ids(session, simplified=["科技"])) == set(ids.values())
        assert [t.simplified for t in list_terms(session)] == ["科技强国", "世界科技强国"]


def test_an_edit_on_a_stale_version_is_refused(termbase: Termbase) -> None:
    from termbase.db import ConflictError
    from termbase.review import edit_term

    with termbase.transaction() as session:
        term_id = sync_terms(session, [draft("科技强国", 1)])["科技强国"]
        seen = session.get(Term, term_id).version
    with termbase.transaction() as session:
        edit_term(session, term_id, {"note": "first"}, "ana", expected_version=seen)
    with pytest.raises(ConflictError, match="changed by ana"):
        with termbase.transaction() as session:
            edit_term(session, term_id, {"note": "second"}, "ben", expected_version=seen)
    with termbase.reading() as session:
        assert session.get(Term, term_id).note == "first"
        log = session.scalars(sa.select(ReviewLogEntry.editor)).all()
    assert log == ["ana"]


def test_a_merged_duplicate_stays_merged_through_rebuilds(termbase: Termbase) -> None:
    from termbase.review import merge_terms, undo_last

    with termbase.transaction() as session:
        ids = sync_terms(session, [draft("科技强国", 1), draft("科技强国家", 2)])
        replace_evidence(session, ids, [EvidenceDraft("科技强国家", "en", "S&T power", count=2)])
    with termbase.transaction() as session:
        merge_terms(session, ids["科技强国"], ids["科技强国家"], "ana", None)
    with termbase.transaction() as session:  # a rebuild proposes the duplicate again
        rebuilt = sync_terms(session, [draft("科技强国", 1), draft("科技强国家", 2)])
        replace_evidence(
            session, rebuilt, [EvidenceDraft("科技强国家", "en", "S&T power", count=3)]
        )
    assert rebuilt["科技强国家"] == rebuilt["科技强国"] == ids["科技强国"]
    with termbase.reading() as session:
        assert session.scalars(sa.select(Term.simplified)).all() == ["科技强国"]
        view = term_view(session, ids["科技强国"])
    assert [(r.en, r.documents) for r in view.renderings] == [("S&T power", {"en": 3})]
    with termbase.transaction() as session:  # unmerged: the next rebuild brings it back
        undo_last(session, "ana")
    with termbase.transaction() as session:
        again = sync_terms(session, [draft("科技强国", 1), draft("科技强国家", 2)])
    assert again["科技强国家"] != again["科技强国"]
