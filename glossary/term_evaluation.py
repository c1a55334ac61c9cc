"""Measuring the terminology against a gold terms.tsv (``shared/dev-gold``), as the gold
file's README defines the measures: term recall within the first 400 and 1,000
candidates and anywhere in the ranked list; rendering accuracy by (term, translation)
pair, and by row; pinyin on the gold terms found among the candidates, syllables and
tones apart from the joining of syllables into words."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossary.extraction.evaluation import terms_in
from glossary.pinyin import numbers_from_marks, pinyin_marks

ARTICLES = ("the ", "a ", "an ")
# term recall is always given within these numbers of candidates, and anywhere
RECALL_CUTS = (400, 1000)
# where the rendering has to be found: a translation whose units pair it with the
# Chinese, or a text without the Chinese beside it, where only known renderings can be
# attested
SOURCES = ("aligned", "english only")


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
            GoldRow(
                row["zh"],
                row["pinyin_marks"],
                row["pinyin_numbers"],
                row["document"],
                row["rendering"],
            )
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def normal_rendering(text: str) -> str:
    """Case-insensitive, any apostrophe, a leading article ignored."""
    text = " ".join(text.lower().replace("’", "'").split())
    for article in ARTICLES:
        if text.startswith(article):
            return text[len(article) :]
    return text


def normal_numbers(text: str) -> str:
    """Tone-number pinyin compared syllable by syllable, case aside."""
    return " ".join(text.lower().split())


def share(right: int, total: int) -> float:
    return right / total if total else 0.0


@dataclass
class TermReport:
    # gold terms the Chinese text contains (the ones extraction can find), and where
    # each stands in the ranked candidates (1-based; None: not a candidate)
    recall_terms: int
    positions: dict[str, int | None]
    # the recall cuts: 400, 1000, and any other asked for
    cuts: tuple[int, ...] = RECALL_CUTS
    candidates: int = 0  # how many terms the ranked list holds
    # (term, translation) pairs with a real rendering: "pairs" in all, "any" right
    # with one of their renderings proposed for that translation, "all" with all of them
    rendering_pairs: dict[str, int] = field(default_factory=dict)
    rendering_rows: int = 0
    rendering_rows_right: int = 0
    rendering_misses: list[dict] = field(default_factory=list)
    # the same counts by where the rendering has to be found (SOURCES)
    rendering_by_source: dict[str, dict[str, int]] = field(default_factory=dict)
    # gold terms found among the candidates, and how many have our pinyin right
    pinyin_terms: int = 0
    pinyin_syllables_right: int = 0
    pinyin_joining_right: int = 0
    pinyin_misses: list[dict] = field(default_factory=list)

    def missed(self, within: int | None = None) -> list[str]:
        """Gold terms not among the first ``within`` candidates (None: not at all)."""
        return [
            term
            for term, position in self.positions.items()
            if position is None or (within is not None and position > within)
        ]

    def recall(self, within: int | None = None) -> float:
        return share(self.recall_terms - len(self.missed(within)), self.recall_terms)

    @property
    def rendering_accuracy(self) -> float:
        """The headline: pairs with one of their gold renderings proposed."""
        return share(self.rendering_pairs.get("any", 0), self.rendering_pairs.get("pairs", 0))

    @property
    def rendering_accuracy_all(self) -> float:
        return share(self.rendering_pairs.get("all", 0), self.rendering_pairs.get("pairs", 0))

    @property
    def rendering_row_accuracy(self) -> float:
        return share(self.rendering_rows_right, self.rendering_rows)

    @property
    def pinyin_syllables_accuracy(self) -> float:
        return share(self.pinyin_syllables_right, self.pinyin_terms)

    @property
    def pinyin_joining_accuracy(self) -> float:
        return share(self.pinyin_joining_right, self.pinyin_terms)

    def as_dict(self) -> dict:
        figures: dict = {"recall_terms": self.recall_terms}
        for cut in self.cuts:
            figures[f"recall_within_{cut}"] = self.recall(cut)
        figures["recall_anywhere"] = self.recall()
        figures.update(
            rendering_accuracy=self.rendering_accuracy,
            rendering_accuracy_all=self.rendering_accuracy_all,
            rendering_pairs=self.rendering_pairs,
            rendering_row_accuracy=self.rendering_row_accuracy,
            rendering_rows=self.rendering_rows,
            rendering_rows_right=self.rendering_rows_right,
            rendering_by_source=self.rendering_by_source,
            pinyin_terms=self.pinyin_terms,
            pinyin_syllables_accuracy=self.pinyin_syllables_accuracy,
            pinyin_syllables_right=self.pinyin_syllables_right,
            pinyin_joining_accuracy=self.pinyin_joining_accuracy,
            pinyin_joining_right=self.pinyin_joining_right,
        )
        for cut in self.cuts:
            figures[f"missed_within_{cut}"] = self.missed(cut)
        figures["missed_anywhere"] = self.missed()
        figures.update(
            positions=self.positions,
            rendering_misses=self.rendering_misses,
            pinyin_misses=self.pinyin_misses,
        )
        return figures


def evaluate_terms(
    gold: Sequence[GoldRow],
    ranked: Sequence[str],
    renderings: dict[str, dict[str, set[str]]],
    stored_pinyin: Mapping[str, tuple[str, str | None]],
    chinese_text: str,
    within: int | None = None,
    aligned: Collection[str] = (),
) -> TermReport:
    """``ranked``: all candidate terms, best first; ``renderings``: term → document →
    renderings proposed there; ``stored_pinyin``: term → (marks, numbers) as stored;
    ``aligned``: the documents whose English is aligned with the Chinese; ``within``:
    a recall cut to give besides 400 and 1,000."""
    terms = list(dict.fromkeys(row.zh for row in gold))
    place = {term: position for position, term in enumerate(ranked, 1)}
    extractable = terms_in(terms, [chinese_text])
    cuts = tuple(sorted({*RECALL_CUTS, *([within] if within else [])}))

    rows = [row for row in gold if row.rendering != "-"]
    misses = []
    rows_right: dict[str, list[bool]] = defaultdict(list)
    by_pair: dict[tuple[str, str], dict[str, bool]] = defaultdict(dict)
    for row in rows:
        found = renderings.get(row.zh, {}).get(row.document, set())
        right = normal_rendering(row.rendering) in {normal_rendering(r) for r in found}
        # renderings differing only in case (or article) are one rendering of the pair
        by_pair[(row.zh, row.document)][normal_rendering(row.rendering)] = right
        rows_right["aligned" if row.document in aligned else "english only"].append(right)
        if not right:
            misses.append(
                {
                    "zh": row.zh,
                    "document": row.document,
                    "rendering": row.rendering,
                    "proposed": sorted(found),
                }
            )

    def pair_counts(pairs: list[dict[str, bool]]) -> dict[str, int]:
        return {
            "pairs": len(pairs),
            "any": sum(any(p.values()) for p in pairs),
            "all": sum(all(p.values()) for p in pairs),
        }

    by_source = {}
    for source in SOURCES:
        if rows_right[source]:
            in_source = [
                p
                for (_, document), p in by_pair.items()
                if (document in aligned) == (source == "aligned")
            ]
            by_source[source] = {
                **pair_counts(in_source),
                "rows": len(rows_right[source]),
                "rows_right": sum(rows_right[source]),
            }

    found_terms = [term for term in terms if term in place]
    syllables_right = joining_right = 0
    pinyin_misses = []
    for term in found_terms:
        row = next(r for r in gold if r.zh == term)
        marks, numbers = stored_pinyin.get(term) or (pinyin_marks(term), None)
        numbers = numbers or numbers_from_marks(marks)
        syllables = normal_numbers(numbers) == normal_numbers(row.pinyin_numbers)
        joining = marks == row.pinyin_marks
        syllables_right += syllables
        joining_right += joining
        if not (syllables and joining):
            wrong = [
                name
                for name, right in (("syllables", syllables), ("joining", joining))
                if not right
            ]
            pinyin_misses.append(
                {
                    "zh": term,
                    "expected": [row.pinyin_marks, row.pinyin_numbers],
                    "got": [marks, numbers],
                    "wrong": wrong,
                }
            )

    return TermReport(
        recall_terms=len(extractable),
        positions={term: place.get(term) for term in extractable},
        cuts=cuts,
        candidates=len(ranked),
        rendering_pairs=pair_counts(list(by_pair.values())),
        rendering_rows=len(rows),
        rendering_rows_right=len(rows) - len(misses),
        rendering_misses=misses,
        rendering_by_source=by_source,
        pinyin_terms=len(found_terms),
        pinyin_syllables_right=syllables_right,
        pinyin_joining_right=joining_right,
        pinyin_misses=pinyin_misses,
    )
