"""Exporting the termbase to a file and importing a file into it, in any format.

The command line and the review app both come here. An export is written to a
temporary file beside the target and renamed into place only when complete
(``exports.files.atomic_output``), so a failure never leaves half a file; an import
runs in one transaction, so a broken file leaves the termbase exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO, TypeVar

from sqlalchemy import func, select

from exports.csv_glossary import read_csv, read_omegat, write_csv, write_omegat
from exports.files import atomic_output
from exports.tbx import read_tbx, write_tbx
from exports.tm_units import UnitReading, tmx_units, unit_records
from exports.tmx import TmxHeader, read_tmx, write_tmx
from glossary.pinyin import pinyin_fields, pinyin_marks
from glossary.script import to_traditional
from termbase import Termbase
from termbase.exchange import (
    MergeCounts,
    as_utc,
    iter_term_records,
    iter_unit_records,
    merge_term_records,
    merge_unit_records,
)
from termbase.models import Term, TermStatus, TranslationUnit

T = TypeVar("T")
Progress = Callable[[int], None]  # called with the number of items done so far


class Format(StrEnum):
    TMX = "tmx"
    TBX = "tbx"  # TBX-Basic, TBX v3 (ISO 30042:2019)
    TBX2 = "tbx2"  # TBX v2, <martif>
    CSV = "csv"
    OMEGAT = "omegat"  # OmegaT's tab-separated glossary


@dataclass(frozen=True)
class ExportOptions:
    approved_only: bool = False
    documents: Sequence[str] = ()
    zh_lang: str = "zh-CN"
    en_lang: str = "en"
    bom: bool = False


def _counted(items: Iterable[T], progress: Progress | None, every: int = 500) -> Iterator[T]:
    done = 0
    for done, item in enumerate(items, start=1):
        if progress is not None and done % every == 0:
            progress(done)
        yield item
    if progress is not None:
        progress(done)


def export_size(termbase: Termbase, fmt: Format, options: ExportOptions) -> int:
    """How many items an export will write at most: the length of a progress bar."""
    with termbase.reading() as session:
        if fmt is Format.TMX:
            statement = select(func.count()).select_from(TranslationUnit)
            if options.documents:
                statement = statement.where(TranslationUnit.document_id.in_(options.documents))
        else:
            statement = select(func.count()).select_from(Term)
            if options.approved_only:
                statement = statement.where(Term.status == TermStatus.APPROVED.value)
        return session.scalar(statement) or 0


def _write_tmx(
    out: BinaryIO, name: str, termbase: Termbase, options: ExportOptions, progress
) -> int:
    with termbase.reading() as session:
        newest_query = select(func.max(TranslationUnit.created_at))
        if options.documents:
            newest_query = newest_query.where(TranslationUnit.document_id.in_(options.documents))
        newest = session.scalar(newest_query)
        records = iter_unit_records(session, options.documents, options.approved_only)
        units = tmx_units(_counted(records, progress), options.zh_lang, options.en_lang)
        # The header's date is the newest exported unit's, not the clock's: exporting
        # the same memory (or the same documents of it) twice gives the same file.
        header = TmxHeader(srclang=options.zh_lang, created=as_utc(newest) if newest else None)
        return write_tmx(out, header, units, name=name)


def _write_terms(
    fmt: Format, out: BinaryIO, name: str, termbase: Termbase, options: ExportOptions, progress
) -> int:
    with termbase.reading() as session:
        records = _counted(
            iter_term_records(session, options.approved_only, options.documents), progress
        )
        if fmt is Format.CSV:
            return write_csv(out, records, bom=options.bom)
        if fmt is Format.OMEGAT:
            return write_omegat(out, records)
        return write_tbx(
            out, records, flavour="basic" if fmt is Format.TBX else "v2",
            source_lang=options.zh_lang, target_lang=options.en_lang, name=name,
        )


def export_file(
    termbase: Termbase, fmt: Format, target: Path, options: ExportOptions,
    progress: Progress | None = None,
) -> int:
    """Write the termbase's memory (TMX) or terms (other formats) to ``target``;
    returns the number of units or terms written.

    The target is opened (its folder checked, the temporary file made) before the
    termbase is read, so a bad path fails before any work; the writers get the
    temporary file's stream and the target's name, so their errors name the file
    that was asked for."""
    with atomic_output(target) as (out, name):
        if fmt is Format.TMX:
            return _write_tmx(out, name, termbase, options, progress)
        return _write_terms(fmt, out, name, termbase, options, progress)


# --- import -----------------------------------------------------------------------

_SUFFIXES = {
    ".tmx": Format.TMX, ".tbx": Format.TBX, ".csv": Format.CSV,
    ".txt": Format.OMEGAT, ".tab": Format.OMEGAT, ".tsv": Format.OMEGAT, ".utf8": Format.OMEGAT,
}


def detect_format(path: Path) -> Format:
    """By suffix; TBX covers both versions, which the reader tells apart."""
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(_SUFFIXES))
        raise ValueError(
            f"{path}: cannot tell the format from the suffix (known: {known}); use --format"
        ) from None


def derive_term_fields(simplified: str, pinyin: str | None) -> dict[str, str]:
    """What a build derives from a term, for terms that arrive by import."""
    return {"traditional": to_traditional(simplified),
            **pinyin_fields(pinyin or pinyin_marks(simplified))}


@dataclass
class ImportResult:
    format: Format
    counts: MergeCounts

    def as_dict(self) -> dict:
        return {"format": self.format.value, **self.counts.as_dict()}


def import_file(
    termbase: Termbase, source: Path, editor: str, fmt: Format | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Merge ``source`` into the termbase in one transaction."""
    fmt = fmt or detect_format(source)
    with termbase.transaction() as session:
        if fmt is Format.TMX:
            reading = UnitReading()
            with read_tmx(source) as units:
                records = unit_records(_counted(units, progress), f"tmx:{source.stem}", reading)
                counts = merge_unit_records(session, records)
            counts.skipped = reading.skipped
        else:
            if fmt in (Format.TBX, Format.TBX2):
                records = read_tbx(source)
            elif fmt is Format.CSV:
                records = read_csv(source, frozenset(s.value for s in TermStatus))
            else:
                records = read_omegat(source)
            counts = merge_term_records(
                session, _counted(records, progress), editor, derive_term_fields
            )
    return ImportResult(fmt, counts)
