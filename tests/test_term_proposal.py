"""Proposing terms in two steps, as the build does on two cores: candidates ranked
from the Chinese alone, then the terms glossed in English with no Chinese beside it
added once the memory is aligned; their pinyin written once."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli import main
from glossary.pinyin import pinyin_marks
from glossary.terminology import rank_terms, term_drafts, with_glosses
from records import EnglishSentence
from services.terminology import proposing_terms
from termbase import Termbase

CHINESE = ["我们要建设科技强国，推进高水平科技自立自强。", "建设科技强国。"]
OUTSIDE = [
    EnglishSentence(1, "commentary-en", "A science and technology power (科技强国) is the aim."),
    EnglishSentence(2, "commentary-en", "It needs new quality productive forces (新质生产力)."),
]


def test_glosses_add_their_terms_last_and_count_once_more() -> None:
    ranked = rank_terms(CHINESE)
    proposed = with_glosses(ranked, OUTSIDE)
    assert proposed.ranked[: len(ranked.ranked)] == ranked.ranked
    assert proposed.ranked[len(ranked.ranked) :] == ["新质生产力"]
    assert proposed.frequency["科技强国"] == ranked.frequency["科技强国"] + 1 == 3
    assert [gloss.chinese for gloss in proposed.glosses] == ["科技强国", "新质生产力"]
    assert ranked.glosses == []  # the ranking itself is untouched


def test_drafts_written_before_the_glosses_are_taken_over_with_the_new_counts() -> None:
    ranked = rank_terms(CHINESE)
    written = {draft.simplified: draft for draft in term_drafts(ranked)}
    proposed = with_glosses(ranked, OUTSIDE)
    drafts = term_drafts(proposed, written)
    assert drafts == term_drafts(proposed)  # the same as writing them all afresh
    by_term = {draft.simplified: draft for draft in drafts}
    assert by_term["科技强国"].frequency == 3
    assert by_term["科技强国"].pinyin_marks == "kējì qiángguó"
    assert by_term["新质生产力"].rank == len(drafts)


def test_the_forked_proposal_writes_the_glossed_terms_too(tmp_path: Path) -> None:
    """The build's other process writes the pinyin of every term glossed in any
    English, so that the build itself, which learns only after aligning which English
    stands alone, writes none."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "zh.txt").write_text("\n\n".join(CHINESE), encoding="utf-8")
    (corpus / "en.txt").write_text("\n\n".join(s.text for s in OUTSIDE), encoding="utf-8")
    (corpus / "corpus.toml").write_text(
        '[[document]]\nid = "zh"\npath = "zh.txt"\nlang = "zh-Hans"\nrole = "original"\n\n'
        '[[document]]\nid = "en"\npath = "en.txt"\nlang = "en"\nrole = "commentary"\n',
        encoding="utf-8",
    )
    db = tmp_path / "tb.sqlite"
    built = CliRunner().invoke(main, ["build", str(corpus / "corpus.toml"), "--db", str(db), "-q"])
    assert built.exit_code == 0, built.output
    termbase = Termbase.open(str(db))
    with termbase.reading() as session, proposing_terms(session) as proposal:
        ranked = proposal.ranked()
        written = proposal.written()
    termbase.close()
    assert "新质生产力" not in ranked.ranked  # glossed only, in English
    assert set(ranked.ranked) | {"新质生产力"} <= set(written)
    assert written["新质生产力"].pinyin_marks == pinyin_marks("新质生产力")
