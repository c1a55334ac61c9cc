"""The translation memory's units as TMX units, and back.

Each unit carries its provenance as TMX props, so that a memory exported, imported
elsewhere and exported again says the same thing: ``x-document`` (the translation
the English comes from), ``x-original`` (the Chinese original), ``x-outlet``,
``x-score`` (the aligner's confidence) and ``x-method`` (how it was aligned).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from exports.screening import ImportLimits, ImportRefused, Skips, column_problem
from exports.tmx import TmxUnit, TmxVariant
from records import DOCUMENT_ID_CHARACTERS, METHOD_CHARACTERS, OUTLET_CHARACTERS, UnitRecord

_PROPS = ("x-document", "x-original", "x-outlet", "x-score", "x-method")


def tmx_units(records: Iterable[UnitRecord], zh_lang: str, en_lang: str) -> Iterator[TmxUnit]:
    for record in records:
        props = [
            (name, value)
            for name, value in zip(
                _PROPS,
                (
                    record.document,
                    record.original,
                    record.outlet,
                    f"{record.score:.4f}",
                    record.method,
                ),
                strict=True,
            )
            if value
        ]
        yield TmxUnit(
            variants=[TmxVariant(zh_lang, record.zh), TmxVariant(en_lang, record.en)],
            created=record.created,
            props=props,
        )


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


def _unit_problem(record: UnitRecord, limits: ImportLimits) -> str | None:
    """Why a unit cannot come in, or None: a segment over the limit, or provenance
    longer than the termbase's columns (props other tools wrote)."""
    checks = (
        limits.segment_problem("Chinese segment", record.zh),
        limits.segment_problem("English segment", record.en),
        column_problem("x-document prop", record.document, DOCUMENT_ID_CHARACTERS),
        column_problem("x-original prop", record.original, DOCUMENT_ID_CHARACTERS),
        column_problem("x-outlet prop", record.outlet, OUTLET_CHARACTERS),
        column_problem("x-method prop", record.method, METHOD_CHARACTERS),
    )
    return next((problem for problem in checks if problem), None)


def unit_records(
    units: Iterable[TmxUnit],
    default_document: str,
    skips: Skips,
    limits: ImportLimits | None = None,
) -> Iterator[UnitRecord]:
    """Chinese–English pairs from a TMX file in any direction; units from other tools,
    without our props, are filed under ``default_document``. Units without Chinese or
    English, or over a limit, are skipped and counted in ``skips``; a file none of
    whose units has Chinese is refused, naming its languages."""
    limits = limits or ImportLimits()
    languages: set[str] = set()
    chinese = False
    for number, unit in enumerate(units, start=1):
        zh, en = _text(unit, "zh"), _text(unit, "en")
        chinese = chinese or zh is not None
        where = f"unit {number}" + ("" if unit.tuid is None else f" (tuid {unit.tuid!r})")
        if zh is None or en is None:
            if not chinese:
                languages.update(variant.lang for variant in unit.variants)
            skips.skip(
                "with no Chinese or no English",
                where,
                "it has no Chinese or no English segment",
                named=False,
            )
            continue
        props = dict(unit.props)
        record = UnitRecord(
            zh=zh,
            en=en,
            document=props.get("x-document") or default_document,
            original=props.get("x-original"),
            outlet=props.get("x-outlet"),
            score=_score(props.get("x-score")),
            method=props.get("x-method") or "tmx",
            created=unit.created,
            origin=where,
        )
        problem = _unit_problem(record, limits)
        if problem:
            skips.skip("too long", where, problem)
            continue
        yield record
    if not chinese and languages:
        raise ImportRefused(
            f"{skips.label}: no Chinese segments: its languages are {', '.join(sorted(languages))}"
        )
