"""The translation memory's units as TMX units, and back.

Each unit carries its provenance as TMX props, so that a memory exported, imported
elsewhere and exported again says the same thing: ``x-document`` (the translation
the English comes from), ``x-original`` (the Chinese original), ``x-outlet``,
``x-score`` (the aligner's confidence) and ``x-method`` (how it was aligned).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from exports.tmx import TmxUnit, TmxVariant
from termbase.exchange_records import UnitRecord

_PROPS = ("x-document", "x-original", "x-outlet", "x-score", "x-method")


def tmx_units(records: Iterable[UnitRecord], zh_lang: str, en_lang: str) -> Iterator[TmxUnit]:
    for record in records:
        props = [
            (name, value)
            for name, value in zip(
                _PROPS,
                (record.document, record.original, record.outlet, f"{record.score:.4f}",
                 record.method),
                strict=True,
            )
            if value
        ]
        yield TmxUnit(
            variants=[TmxVariant(zh_lang, record.zh), TmxVariant(en_lang, record.en)],
            created=record.created, props=props,
        )


@dataclass
class UnitReading:
    """Counts a TMX import reports: units without Chinese or English are skipped."""

    skipped: int = 0


def _text(unit: TmxUnit, language: str) -> str | None:
    for variant in unit.variants:
        if variant.lang.split("-")[0].lower() == language and variant.text.strip():
            return variant.text
    return None


def _score(value: str | None) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


def unit_records(
    units: Iterable[TmxUnit], default_document: str, reading: UnitReading
) -> Iterator[UnitRecord]:
    """Chinese–English pairs from a TMX file in any direction; units from other tools,
    without our props, are filed under ``default_document``."""
    for unit in units:
        zh, en = _text(unit, "zh"), _text(unit, "en")
        if zh is None or en is None:
            reading.skipped += 1
            continue
        props = dict(unit.props)
        yield UnitRecord(
            zh=zh, en=en, document=props.get("x-document") or default_document,
            original=props.get("x-original"), outlet=props.get("x-outlet"),
            score=_score(props.get("x-score")), method=props.get("x-method") or "tmx",
            created=unit.created,
        )
