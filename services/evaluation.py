"""``glossary evaluate``: what the measures need from the termbase, read out as
records and handed to the scoring code (``glossary.term_evaluation``,
``glossary.alignment.evaluation``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from glossary.term_evaluation import GoldRow, TermReport, evaluate_terms
from services.store import reading
from termbase import Termbase
from termbase.memory import aligned_documents, chinese_sentences, document_units
from termbase.terms import ranked_terms, renderings_by_document, stored_pinyin


def unit_texts(termbase: Termbase, documents: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Each of ``documents`` with the (Chinese, English) texts of its units in the
    order they were stored; an empty list for a document with none."""
    with reading(termbase) as session:
        return {
            document: [(unit.zh_text, unit.en_text) for unit in document_units(session, document)]
            for document in documents
        }


def evaluate_terminology(
    termbase: Termbase, gold: Sequence[GoldRow], within: int | None = None
) -> TermReport:
    """The termbase's terminology scored against ``gold``: the ranked candidates, the
    renderings proposed per document, the stored pinyin, and the Chinese text (where
    the gold terms can be found at all)."""
    with reading(termbase) as session:
        ranked = ranked_terms(session)
        renderings = renderings_by_document(session)
        pinyin = stored_pinyin(session)
        chinese = "\n".join(chinese_sentences(session))
        aligned = aligned_documents(session)
    return evaluate_terms(gold, ranked, renderings, pinyin, chinese, within, aligned)
