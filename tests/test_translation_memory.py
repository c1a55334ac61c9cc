"""The translation memory a build stores: each document's units depend on that
document (and its original) alone, so that a rebuild which aligns only the documents
that changed gives what a fresh build of the same corpus gives (issue 16). Checked
on the two Government Work Reports, where what one report's confident pairs teach
the lexicon would move a sentence of the other."""

from __future__ import annotations

from pathlib import Path

from glossary.alignment.documents import stored_form
from glossary.alignment.memory import DocumentToAlign, align_documents
from glossary.documents import ParsedParagraph
from glossary.lexicon import Lexicon
from glossary.reading import read_text
from records import DocumentMeta, DocumentRole, UnitDraft

from .conftest import SHARED

REPORTS = SHARED / "corpus-gwr"


def _report(year: str) -> DocumentToAlign:
    """The report of ``year``'s translation with its original, as the termbase holds
    them."""

    def paragraphs(path: Path, language: str, role: str) -> list[ParsedParagraph]:
        return read_text(path.read_text(encoding="utf-8"), language, role).paragraphs

    original = stored_form(paragraphs(REPORTS / f"gwr-{year}.zh.txt", "zh", "original"))
    first_id = sum(len(paragraph.sentences) for paragraph in original)
    translation = stored_form(
        paragraphs(REPORTS / f"gwr-{year}.en.txt", "en", "translation"), first_id
    )
    meta = DocumentMeta(
        f"gwr-{year}-en", "en", DocumentRole.TRANSLATION.value, translation_of=f"gwr-{year}-zh"
    )
    return DocumentToAlign(meta, translation, original)


def _pairs(units: list[UnitDraft]) -> list[tuple[str, str, float]]:
    return [(unit.zh_text, unit.en_text, round(unit.score, 6)) for unit in units]


def test_a_documents_units_do_not_depend_on_the_other_documents_aligned() -> None:
    lexicon = Lexicon()
    alone = align_documents([_report("2017")], lexicon)
    together = align_documents([_report("2016"), _report("2017")], lexicon)
    assert len(alone["gwr-2017-en"]) > 500
    assert _pairs(together["gwr-2017-en"]) == _pairs(alone["gwr-2017-en"])
    # and the lexicon given is not taught: each document learns on a copy of its own
    assert lexicon.extra == {}
