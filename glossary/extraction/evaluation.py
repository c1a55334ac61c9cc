"""Measuring extraction: term recall of the ranked candidates against a gold list.

An editor reads the ranked list from the top, so what matters is how many of the terms
they want appear within the first N candidates.  Recall counts only gold terms that
occur in the extracted text: a term glossed in a translation whose original is not in
the corpus cannot be extracted from it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from glossary.extraction.ranking import Candidate


def read_gold_terms(path: Path) -> list[str]:
    """Distinct Chinese terms (column ``zh``) of a gold terms.tsv, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return list(dict.fromkeys(row["zh"].strip() for row in rows if row.get("zh", "").strip()))


def terms_in(gold_terms: Iterable[str], texts: Sequence[str]) -> list[str]:
    """The gold terms that occur somewhere in ``texts``: the ones extraction can find."""
    return [term for term in dict.fromkeys(gold_terms) if any(term in text for text in texts)]


def missed_terms(
    candidates: Sequence[Candidate], gold_terms: Iterable[str], n: int | None = None
) -> list[str]:
    """Gold terms not among the first ``n`` candidates (all candidates when ``n`` is None)."""
    found = {c.text for c in candidates[:n]}
    return [term for term in dict.fromkeys(gold_terms) if term not in found]


def term_recall(
    candidates: Sequence[Candidate], gold_terms: Iterable[str], n: int | None = None
) -> float:
    """Share of the distinct ``gold_terms`` that are, exactly, among the first ``n``
    candidates.  Pass the gold terms through ``terms_in`` first to measure against
    only those the texts contain."""
    gold = list(dict.fromkeys(gold_terms))
    if not gold:
        return 0.0
    return 1 - len(missed_terms(candidates, gold, n)) / len(gold)
