"""Measuring alignment: anchors (a Chinese and an English substring that one unit must
hold together) and strict F1 over beads, as public aligner evaluations report it."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DROPPED = "-"


@dataclass(frozen=True)
class Anchor:
    translation: str  # document id of the translation
    zh: str
    en: str  # "-" where the translation drops the sentence
    note: str = ""


@dataclass
class AnchorReport:
    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    failures: list[Anchor] = field(default_factory=list)

    def accuracy(self, document: str) -> float:
        return (
            self.right.get(document, 0) / self.total[document] if self.total.get(document) else 0.0
        )

    def as_dict(self) -> dict:
        return {
            "documents": {
                doc: {
                    "right": self.right.get(doc, 0),
                    "total": total,
                    "accuracy": round(self.accuracy(doc), 4),
                }
                for doc, total in sorted(self.total.items())
            },
            "failures": [vars(a) for a in self.failures],
        }


def read_anchors(path: Path) -> list[Anchor]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Anchor(row["translation"], row["zh_anchor"], row["en_anchor"], row.get("note") or "")
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def score_anchors(
    anchors: Iterable[Anchor], units: Mapping[str, Sequence[tuple[str, str]]]
) -> AnchorReport:
    """``units`` maps a translation's id to its (Chinese, English) unit texts. An anchor
    is right when one unit holds both strings, or, for a dropped sentence, when no unit
    pairs that Chinese with any English."""
    report = AnchorReport()
    for anchor in anchors:
        pairs = units.get(anchor.translation, ())
        if anchor.en == DROPPED:
            right = not any(anchor.zh in zh and en.strip() for zh, en in pairs)
        else:
            right = any(anchor.zh in zh and anchor.en in en for zh, en in pairs)
        report.total[anchor.translation] = report.total.get(anchor.translation, 0) + 1
        if right:
            report.right[anchor.translation] = report.right.get(anchor.translation, 0) + 1
        else:
            report.failures.append(anchor)
    return report


BeadIndices = tuple[tuple[int, ...], tuple[int, ...]]
_BEAD = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


def format_bead(zh: Sequence[int], en: Sequence[int]) -> str:
    """``[0]:[0, 1]``: the line format of public sentence-alignment evaluations."""
    return f"[{', '.join(map(str, zh))}]:[{', '.join(map(str, en))}]"


def parse_beads(lines: Iterable[str]) -> list[BeadIndices]:
    beads = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        match = _BEAD.match(line)
        if not match:
            raise ValueError(f"line {number}: not a bead like [0]:[0, 1]: {line.strip()!r}")
        zh, en = (tuple(int(x) for x in side.split(",") if x.strip()) for side in match.groups())
        beads.append((zh, en))
    return beads


def bead_f1(predicted: Iterable[BeadIndices], gold: Iterable[BeadIndices]) -> dict[str, float]:
    """Strict precision, recall and F1 over beads with both sides non-empty."""
    test = {b for b in predicted if b[0] and b[1]}
    reference = {b for b in gold if b[0] and b[1]}
    right = len(test & reference)
    precision = right / len(test) if test else 0.0
    recall = right / len(reference) if reference else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
