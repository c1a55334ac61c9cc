"""Measuring the terminology against a gold terms.tsv (``shared/dev-gold``): term recall
within the first N of the ranked list, rendering accuracy per translation, and pinyin
accuracy, as the gold file's README defines them."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossary.extraction.evaluation import terms_in
from glossary.pinyin import numbers_from_marks, pinyin_marks

ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True)
class GoldRow:
    zh: str
    pinyin_marks: str
    pinyin_numbers: str
    document: str
    rendering: str  # "-" where the translation paraphrases the term away


def read_gold(path: Path) -> list[GoldRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            GoldRow(row["zh"], row["pinyin_marks"], row["pinyin_numbers"], row["document"], row["rendering"])
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def normal_rendering(text: str) -> str:
    """Case-insensitive, any apostrophe, a leading article ignored."""
    text = " ".join(text.lower().replace("’", "'").split())
    for article in ARTICLES:
        if text.startswith(article):
            return text[len(article):]
    return text


@dataclass
class TermReport:
    recall: float
    recall_terms: int
    missed: list[str]
    rendering_accuracy: float
    rendering_rows: int
    rendering_misses: list[dict] = field(default_factory=list)
    pinyin_accuracy: float = 0.0
    pinyin_misses: list[dict] = field(default_factory=list)
    # rows right and rows in all, by where the rendering has to be found: "aligned"
    # (a translation whose units pair it with the Chinese) or "english only" (a text
    # without the Chinese beside it, where only known renderings can be attested)
    rendering_by_source: dict[str, dict[str, int]] = field(default_factory=dict)
    # the gold README counts (term, translation) pairs; a pair with several renderings
    # is right with one of them proposed ("any") or only with all of them ("all")
    rendering_pairs: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return vars(self)


def evaluate_terms(
    gold: Sequence[GoldRow],
    ranked: Sequence[str],
    renderings: dict[str, dict[str, set[str]]],
    stored_pinyin: dict[str, tuple[str, str]],
    chinese_text: str,
    within: int = 400,
    aligned: Collection[str] = (),
) -> TermReport:
    """``ranked``: terms best first; ``renderings``: term → document → renderings
    proposed there; ``stored_pinyin``: term → (marks, numbers) as stored (terms not
    stored are given the pinyin the project would compute); ``aligned``: the
    documents whose English is aligned with the Chinese."""
    terms = list(dict.fromkeys(row.zh for row in gold))
    extractable = terms_in(terms, [chinese_text])
    top = set(ranked[:within])
    missed = [t for t in extractable if t not in top]
    rows = [row for row in gold if row.rendering != "-"]
    misses = []
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    by_pair: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for row in rows:
        proposed = {normal_rendering(r) for r in renderings.get(row.zh, {}).get(row.document, set())}
        right = normal_rendering(row.rendering) in proposed
        by_pair[(row.zh, row.document)].append(right)
        source = by_source["aligned" if row.document in aligned else "english only"]
        source.update(rows=1, right=int(right))
        if not right:
            misses.append({"zh": row.zh, "document": row.document, "rendering": row.rendering,
                           "proposed": sorted(renderings.get(row.zh, {}).get(row.document, set()))})
    pinyin_misses = []
    for term in terms:
        row = next(r for r in gold if r.zh == term)
        marks, numbers = stored_pinyin.get(term) or (pinyin_marks(term), None)
        numbers = numbers or numbers_from_marks(marks)
        if (marks, numbers) != (row.pinyin_marks, row.pinyin_numbers):
            pinyin_misses.append({"zh": term, "expected": [row.pinyin_marks, row.pinyin_numbers],
                                  "got": [marks, numbers]})
    return TermReport(
        recall=1 - len(missed) / len(extractable) if extractable else 0.0,
        recall_terms=len(extractable),
        missed=missed,
        rendering_accuracy=1 - len(misses) / len(rows) if rows else 0.0,
        rendering_rows=len(rows),
        rendering_misses=misses,
        pinyin_accuracy=1 - len(pinyin_misses) / len(terms) if terms else 0.0,
        pinyin_misses=pinyin_misses,
        rendering_by_source={source: dict(counts) for source, counts in sorted(by_source.items())},
        rendering_pairs={
            "pairs": len(by_pair),
            "any": sum(1 for found in by_pair.values() if any(found)),
            "all": sum(1 for found in by_pair.values() if all(found)),
        },
    )
