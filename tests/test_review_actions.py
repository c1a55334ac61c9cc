"""The review app's termbase layer on its own: paged term queries (termbase.browse)
and editorial actions with their log and undo (termbase.review).

``build_termbase`` also serves the app's Pilot and snapshot tests: a small termbase
made with the termbase API as a build makes it, from sentence pairs written here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from glossary.pinyin import pinyin_fields
from glossary.script import to_traditional
from records import (
    DocumentMeta,
    EvidenceDraft,
    SortKey,
    TermDraft,
    TermQuery,
    TermSearch,
    UnitDraft,
)
from termbase import Termbase
from termbase.browse import count_terms, documents, term_page
from termbase.memory import document_units, replace_units
from termbase.models import Attestation, Rendering, ReviewLogEntry, Term
from termbase.review import (
    ConflictError,
    NothingToUndo,
    add_rendering,
    approve_rendering,
    deprecate_rendering,
    edit_term,
    merge_terms,
    reject_term,
    undo_last,
)
from termbase.store import save_document
from termbase.terms import replace_evidence, sync_terms

ORIGINAL = "speech-zh"
OFFICIAL = "qiushi-en"
OTHER = "xinhua-en"

# (simplified, pinyin, [(rendering, document, Chinese sentence, English sentence)])
TERMS = [
    (
        "科技强国",
        "kējì qiángguó",
        [
            (
                "country strong in science and technology",
                OFFICIAL,
                "加快建设科技强国。",
                "We will move faster to build a country strong in science and technology.",
            ),
            (
                "country strong in science and technology",
                OFFICIAL,
                "到2035年建成科技强国。",
                "China will become a country strong in science and technology by 2035.",
            ),
            (
                "science and technology power",
                OTHER,
                "建成科技强国是宏伟目标。",
                "Building a science and technology power is a grand goal.",
            ),
            (
                "tech powerhouse",
                OTHER,
                "中国正在成为科技强国。",
                "China is becoming a tech powerhouse.",
            ),
        ],
    ),
    (
        "新质生产力",
        "xīnzhì shēngchǎnlì",
        [
            (
                "new quality productive forces",
                OFFICIAL,
                "发展新质生产力。",
                "We will develop new quality productive forces.",
            ),
            (
                "new productive forces",
                OTHER,
                "培育新质生产力。",
                "We will foster new productive forces.",
            ),
        ],
    ),
    (
        "中国式现代化",
        "Zhōngguóshì xiàndàihuà",
        [
            (
                "Chinese modernization",
                OFFICIAL,
                "以中国式现代化全面推进强国建设。",
                "We will advance the building of a great country through Chinese modernization.",
            ),
            (
                "Chinese path to modernization",
                OTHER,
                "中国式现代化是人口规模巨大的现代化。",
                "The Chinese path to modernization is the modernization of a huge population.",
            ),
        ],
    ),
    (
        "高质量发展",
        "gāozhìliàng fāzhǎn",
        [
            (
                "high-quality development",
                OFFICIAL,
                "推动高质量发展。",
                "We will promote high-quality development.",
            ),
        ],
    ),
    # a duplicate of 科技强国, as an import in traditional script would bring it
    (
        "科技強國",
        "kējì qiángguó",
        [
            (
                "science and technology power",
                OTHER,
                "科技強國的目標。",
                "The goal of a science and technology power.",
            ),
            ("S&T powerhouse", OTHER, "邁向科技強國。", "Towards an S&T powerhouse."),
        ],
    ),
]


def build_termbase(
    path: Path | str,
    terms: list = TERMS,
    documents: tuple[tuple[str, bool], ...] = ((OFFICIAL, True), (OTHER, False)),
    original: str = ORIGINAL,
) -> Path | str:
    """A termbase at ``path`` (a file or a database URL) with ``terms``, their
    renderings, sentence pairs and evidence, stored as ``glossary build`` stores them
    (ranked in the order given), in translations ``documents`` (id, official) of
    ``original``."""
    termbase = Termbase.open(str(path))
    try:
        with termbase.transaction() as session:
            save_document(
                session,
                DocumentMeta(
                    id=original,
                    language="zh-Hans",
                    role="original",
                    content_hash="zh",
                    title="讲话",
                ),
                [],
            )
            for document, official in documents:
                save_document(
                    session,
                    DocumentMeta(
                        id=document,
                        language="en",
                        role="translation",
                        translation_of=original,
                        official=official,
                        content_hash=document,
                        title=document,
                    ),
                    [],
                )
                pairs = [
                    (zh, en)
                    for _t, _p, occurrences in terms
                    for _r, doc, zh, en in occurrences
                    if doc == document
                ]
                replace_units(
                    session,
                    document,
                    original,
                    [UnitDraft([], [], zh, en, 0.9, "test") for zh, en in pairs],
                )
            unit_ids = {
                (u.document_id, u.zh_text): u.id
                for d, _official in documents
                for u in document_units(session, d)
            }
            drafts = []
            for rank, (simplified, marks, occurrences) in enumerate(terms, start=1):
                fields = pinyin_fields(marks)
                drafts.append(
                    TermDraft(
                        simplified,
                        to_traditional(simplified),
                        fields["pinyin_marks"],
                        fields["pinyin_numbers"],
                        fields["pinyin_toneless"],
                        fields["pinyin_initials"],
                        rank,
                        len(occurrences),
                    )
                )
            ids = sync_terms(session, drafts)
            replace_evidence(
                session,
                ids,
                [
                    EvidenceDraft(
                        simplified,
                        document,
                        rendering,
                        unit_id=unit_ids[(document, zh)],
                        context=en,
                    )
                    for simplified, _marks, occurrences in terms
                    for rendering, document, zh, en in occurrences
                ],
            )
    finally:
        termbase.close()
    return path


@pytest.fixture
def termbase(db_url: str):
    """On SQLite and on PostgreSQL (conftest's ``db_url``), as storage tests run."""
    opened = Termbase.open(str(build_termbase(db_url)))
    yield opened
    opened.close()


def term_id(termbase: Termbase, simplified: str) -> int:
    with termbase.reading() as session:
        return session.scalars(sa.select(Term.id).where(Term.simplified == simplified)).one()


def version(termbase: Termbase, simplified: str) -> int:
    with termbase.reading() as session:
        return session.scalars(sa.select(Term.version).where(Term.simplified == simplified)).one()


def statuses(termbase: Termbase, simplified: str) -> dict[str, str]:
    with termbase.reading() as session:
        return dict(
            session.execute(
                sa.select(Rendering.text, Rendering.status)
                .join(Term)
                .where(Term.simplified == simplified)
            ).all()
        )


def log(termbase: Termbase) -> list[tuple]:
    with termbase.reading() as session:
        return [
            tuple(row)
            for row in session.execute(
                sa.select(
                    ReviewLogEntry.editor,
                    ReviewLogEntry.action,
                    ReviewLogEntry.entity,
                    ReviewLogEntry.term,
                    ReviewLogEntry.field,
                    ReviewLogEntry.before,
                    ReviewLogEntry.after,
                ).order_by(ReviewLogEntry.id)
            )
        ]


# --- browse ---------------------------------------------------------------------------


def page(termbase: Termbase, query: TermQuery, offset: int = 0, limit: int = 100) -> list[str]:
    with termbase.reading() as session:
        return [row.simplified for row in term_page(session, query, offset, limit)]


def test_pages_follow_the_rank_and_do_not_overlap(termbase: Termbase) -> None:
    everything = page(termbase, TermQuery())
    assert everything == [t[0] for t in TERMS]
    assert (
        page(termbase, TermQuery(), 0, 2)
        + page(termbase, TermQuery(), 2, 2)
        + page(termbase, TermQuery(), 4, 2)
        == everything
    )
    with termbase.reading() as session:
        assert count_terms(session, TermQuery()) == len(TERMS)


def test_rows_show_the_preferred_or_leading_rendering_and_the_competition(
    termbase: Termbase,
) -> None:
    with termbase.transaction() as session:
        approve_rendering(
            session, term_id(termbase, "新质生产力"), "new quality productive forces", "ana", None
        )
        deprecate_rendering(session, term_id(termbase, "科技强国"), "tech powerhouse", "ana", None)
    with termbase.reading() as session:
        rows = {row.simplified: row for row in term_page(session, TermQuery())}
    assert (
        rows["新质生产力"].rendering,
        rows["新质生产力"].decided,
        rows["新质生产力"].competing,
    ) == ("new quality productive forces", True, 2)
    # not decided: the most attested competing rendering; the deprecated one no longer competes
    assert (rows["科技强国"].rendering, rows["科技强国"].decided, rows["科技强国"].competing) == (
        "country strong in science and technology",
        False,
        2,
    )
    assert rows["科技强国"].pinyin == "kējì qiángguó" and rows["新质生产力"].status == "approved"


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        (
            TermSearch(chinese=("科技强国",)),
            ["科技强国"],
        ),  # exact first (科技強國 holds it only as traditional)
        (TermSearch(chinese=("科技強國", "科技强国")), ["科技强国", "科技強國"]),
        (TermSearch(chinese=("现代",)), ["中国式现代化"]),
        (
            TermSearch(pinyin="kejiq"),
            ["科技强国", "科技強國"],
        ),  # toneless pinyin, run together, as a prefix
        (TermSearch(pinyin="xzsc"), ["新质生产力"]),  # initials
        (TermSearch(pinyin="zhongguoshi"), ["中国式现代化"]),  # capitals folded
        (TermSearch(english="PRODUCTIVE"), ["新质生产力"]),  # any case, inside the rendering
        (TermSearch(pinyin="gaozhiliang", english="high-quality development"), ["高质量发展"]),
        (TermSearch(english="50%_"), []),  # LIKE wildcards are literal
    ],
)
def test_search_matches_chinese_pinyin_initials_and_english(
    termbase: Termbase, search, expected
) -> None:
    found = page(termbase, TermQuery(search=search))
    assert found[: len(expected)] == expected and len(found) == len(expected)


def test_an_exact_english_match_comes_before_partial_ones(termbase: Termbase) -> None:
    # "science and technology power" is exact for 科技強國 … and for 科技强国, whose rank
    # is better; "tech powerhouse" is exact only for 科技强国, partial for 科技強國
    # ("S&T powerhouse")
    found = page(termbase, TermQuery(search=TermSearch(english="powerhouse")))
    assert found == ["科技强国", "科技強國"]
    found = page(termbase, TermQuery(search=TermSearch(english="S&T powerhouse")))
    assert found == ["科技強國"]


def test_filters_by_status_and_document_and_sorts(termbase: Termbase) -> None:
    with termbase.transaction() as session:
        reject_term(session, term_id(termbase, "高质量发展"), "ana", None)
    assert page(termbase, TermQuery(status="rejected")) == ["高质量发展"]
    assert page(termbase, TermQuery(document=OTHER)) == [
        "科技强国",
        "新质生产力",
        "中国式现代化",
        "科技強國",
    ]
    assert page(
        termbase, TermQuery(document=OTHER, status="candidate", sort=SortKey.TERM)
    ) == sorted(["科技强国", "新质生产力", "中国式现代化", "科技強國"])
    assert page(termbase, TermQuery(sort=SortKey.TERM, descending=True)) == sorted(
        page(termbase, TermQuery()), reverse=True
    )
    assert page(termbase, TermQuery(sort=SortKey.RENDERINGS, descending=True))[0] == "科技强国"
    assert page(termbase, TermQuery(sort=SortKey.FREQUENCY, descending=True))[0] == "科技强国"
    assert page(termbase, TermQuery(sort=SortKey.STATUS, descending=True))[0] == "高质量发展"
    # gaozhiliang < keji qiangguo; the two forms with the same pinyin by code point
    assert page(termbase, TermQuery(sort=SortKey.PINYIN))[:3] == [
        "高质量发展",
        "科技強國",
        "科技强国",
    ]
    with termbase.reading() as session:
        assert [(d.id, d.official) for d in documents(session)] == [
            (OFFICIAL, True),
            (ORIGINAL, False),
            (OTHER, False),
        ]


# --- actions, the log and undo ------------------------------------------------------------


def test_approving_makes_one_rendering_preferred_and_logs_every_change(termbase: Termbase) -> None:
    tid = term_id(termbase, "科技强国")
    with termbase.transaction() as session:
        approve_rendering(
            session, tid, "science and technology power", "ana", version(termbase, "科技强国")
        )
    with termbase.transaction() as session:
        approve_rendering(
            session,
            tid,
            "country strong in science and technology",
            "ana",
            version(termbase, "科技强国"),
        )
    assert statuses(termbase, "科技强国") == {
        "country strong in science and technology": "preferred",
        "science and technology power": "admitted",
        "tech powerhouse": "candidate",
    }
    assert log(termbase) == [
        ("ana", "approve", "rendering", "科技强国", "status", "candidate", "preferred"),
        ("ana", "approve", "term", "科技强国", "status", "candidate", "approved"),
        ("ana", "approve", "rendering", "科技强国", "status", "preferred", "admitted"),
        ("ana", "approve", "rendering", "科技强国", "status", "candidate", "preferred"),
    ]


def test_a_stale_version_is_a_conflict_and_writes_nothing(termbase: Termbase) -> None:
    tid = term_id(termbase, "科技强国")
    seen = version(termbase, "科技强国")
    with termbase.transaction() as session:
        deprecate_rendering(session, tid, "tech powerhouse", "ana", seen)
    with pytest.raises(ConflictError, match="changed by ana"), termbase.transaction() as session:
        approve_rendering(session, tid, "tech powerhouse", "ben", seen)
    assert statuses(termbase, "科技强国")["tech powerhouse"] == "deprecated"
    assert [entry[0] for entry in log(termbase)] == ["ana"]


def test_an_edit_logs_only_what_changed_and_refuses_other_fields(termbase: Termbase) -> None:
    tid = term_id(termbase, "科技强国")
    with termbase.transaction() as session:
        edit_term(session, tid, {"note": "official line", "status": "candidate"}, "ana", None)
    assert log(termbase) == [("ana", "edit", "term", "科技强国", "note", None, "official line")]
    with pytest.raises(ValueError, match="not editable: rank"), termbase.transaction() as session:
        edit_term(session, tid, {"rank": 1}, "ana", None)


def test_edits_renames_and_additions_are_checked(termbase: Termbase) -> None:
    tid = term_id(termbase, "科技强国")
    with pytest.raises(ValueError, match="already a term"), termbase.transaction() as session:
        edit_term(session, tid, {"simplified": "新质生产力"}, "ana", None)
    with pytest.raises(ValueError, match="already has"), termbase.transaction() as session:
        edit_term(
            session,
            tid,
            {},
            "ana",
            None,
            rendering=("tech powerhouse", "science and technology power"),
        )
    with pytest.raises(ValueError, match="already has"), termbase.transaction() as session:
        add_rendering(session, tid, "tech powerhouse", "ana", None)
    assert log(termbase) == []


def test_undo_takes_back_the_last_action_then_the_one_before(termbase: Termbase) -> None:
    tid = term_id(termbase, "科技强国")
    with termbase.transaction() as session:
        edit_term(session, tid, pinyin_fields("kējì-qiángguó"), "ana", None)
    with termbase.transaction() as session:
        add_rendering(session, tid, "S&T power", "ana", None)
    with termbase.transaction() as session:
        reject_term(session, term_id(termbase, "高质量发展"), "ben", None)  # not ana's to undo
    with termbase.transaction() as session:
        assert undo_last(session, "ana", pinyin_fields).action == "add"
    assert "S&T power" not in statuses(termbase, "科技强国")
    with termbase.transaction() as session:
        assert undo_last(session, "ana", pinyin_fields).action == "edit"
    with termbase.reading() as session:
        term = session.get(Term, tid)
        assert (term.pinyin_marks, term.pinyin_toneless, term.pinyin_initials) == (
            "kējì qiángguó",
            "keji qiangguo",
            "kjqg",
        )
        assert (
            session.scalars(sa.select(Term.status).where(Term.simplified == "高质量发展")).one()
            == "rejected"
        )
    with pytest.raises(NothingToUndo), termbase.transaction() as session:
        undo_last(session, "ana")
    # (the numbered pinyin did not change with the hyphen, so neither edit nor undo logs it)
    assert [entry for entry in log(termbase) if entry[1] == "undo"] == [
        ("ana", "undo", "rendering", "科技强国", "text", "S&T power", None),
        ("ana", "undo", "term", "科技强国", "pinyin_marks", "kējì-qiángguó", "kējì qiángguó"),
    ]


def test_undo_refuses_to_overwrite_a_later_change(termbase: Termbase) -> None:
    tid = term_id(termbase, "科技强国")
    with termbase.transaction() as session:
        deprecate_rendering(session, tid, "tech powerhouse", "ana", None)
    with termbase.transaction() as session:
        approve_rendering(session, tid, "tech powerhouse", "ben", None)
    with (
        pytest.raises(ConflictError, match="changed since by ben"),
        termbase.transaction() as session,
    ):
        undo_last(session, "ana")
    assert statuses(termbase, "科技强国")["tech powerhouse"] == "preferred"


def _evidence(termbase: Termbase) -> dict[str, list[tuple[str | None, str]]]:
    with termbase.reading() as session:
        rows = session.execute(
            sa.select(Term.simplified, Rendering.text, Attestation.document_id)
            .join(Term, Attestation.term_id == Term.id)
            .outerjoin(Rendering, Attestation.rendering_id == Rendering.id)
            .order_by(Attestation.id)
        ).all()
    found: dict[str, list] = {}
    for term, rendering, document in rows:
        found.setdefault(term, []).append((rendering, document))
    return found


def test_merge_moves_renderings_and_evidence_and_undo_restores_the_duplicate(
    termbase: Termbase,
) -> None:
    before = _evidence(termbase)
    keep, duplicate = term_id(termbase, "科技强国"), term_id(termbase, "科技強國")
    with termbase.transaction() as session:
        merge_terms(
            session,
            keep,
            duplicate,
            "ana",
            version(termbase, "科技强国"),
            version(termbase, "科技強國"),
        )
    with termbase.reading() as session:
        assert session.get(Term, duplicate) is None
    assert statuses(termbase, "科技强国") == {
        "country strong in science and technology": "candidate",
        "science and technology power": "candidate",
        "tech powerhouse": "candidate",
        "S&T powerhouse": "candidate",
    }
    assert sorted(_evidence(termbase)["科技强国"]) == sorted(
        before["科技强国"] + before["科技強國"]
    )
    (entry,) = log(termbase)
    assert entry[:5] == ("ana", "merge", "term", "科技强国", "merged")
    assert json.loads(entry[5])["term"]["simplified"] == "科技強國" and entry[6] == "科技强国"

    with termbase.transaction() as session:
        undo_last(session, "ana")
    assert _evidence(termbase) == before
    assert statuses(termbase, "科技強國") == {
        "science and technology power": "candidate",
        "S&T powerhouse": "candidate",
    }
    assert log(termbase)[-1] == (
        "ana",
        "undo",
        "term",
        "科技强国",
        "merged",
        "科技强国",
        "科技強國",
    )
