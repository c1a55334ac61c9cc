"""Exporting the termbase to a file and importing a file into it, in any format.

The command line and the review app both come here. An export to a file is written
to a temporary file beside the target and renamed into place only when complete
(``exports.files.atomic_output``), so a failure never leaves half a file; a FIFO, a
device or standard output is written as a stream. An import runs in one
transaction, so a broken file leaves the termbase exactly as it was, and reads the
file against limits (``exports.screening``): what it leaves out is counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exports.csv_glossary import allow_cells, read_csv, read_omegat, write_csv, write_omegat
from exports.files import atomic_output
from exports.safexml import RunTooLong
from exports.screening import (
    ImportLimits,
    ImportRefused,
    Skips,
    derived_pinyin_fields,
    fast_pinyin_fields,
    run_too_long,
    screen_terms,
)
from exports.tbx import read_tbx, write_tbx
from exports.tm_units import tmx_units, unit_records
from exports.tmx import TmxHeader, read_tmx, write_tmx
from glossary.pinyin import pinyin_marks
from glossary.script import to_traditional
from glossary.textutils import records_without_controls
from records import TermRecord, TermStatus
from termbase import Termbase
from termbase.exchange import (
    MergeCounts,
    as_utc,
    iter_term_records,
    iter_unit_records,
    merge_term_records,
    merge_unit_records,
)
from termbase.models import Term, TranslationUnit

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
            out,
            records,
            flavour="basic" if fmt is Format.TBX else "v2",
            source_lang=options.zh_lang,
            target_lang=options.en_lang,
            name=name,
        )


def export_file(
    termbase: Termbase,
    fmt: Format,
    target: Path | BinaryIO,
    options: ExportOptions,
    progress: Progress | None = None,
    name: str | None = None,
) -> int:
    """Write the termbase's memory (TMX) or terms (other formats) to ``target``, a
    path or a binary stream (standard output); returns the number of units or
    terms written. ``name`` is how errors refer to a stream.

    The target is opened (its folder checked, the temporary file made; a FIFO or
    device opened, a read-only file refused: ``exports.files.atomic_output``) before
    the termbase is read, so a bad path fails before any work; the writers get the
    stream and the target's name, so their errors name the file that was asked for."""
    with atomic_output(target, name) as (out, label):
        if fmt is Format.TMX:
            return _write_tmx(out, label, termbase, options, progress)
        return _write_terms(fmt, out, label, termbase, options, progress)


# --- import -----------------------------------------------------------------------

_SUFFIXES = {
    ".tmx": Format.TMX,
    ".tbx": Format.TBX,
    ".csv": Format.CSV,
    ".txt": Format.OMEGAT,
    ".tab": Format.OMEGAT,
    ".tsv": Format.OMEGAT,
    ".utf8": Format.OMEGAT,
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
    """What a build derives from a term, for terms that arrive by import: the file's
    pinyin where it gives one (deriving it from the characters costs 0.1 ms a term),
    and the fields that follow from pinyin through a cache of words
    (``exports.screening.fast_pinyin_fields``)."""
    fields = (
        fast_pinyin_fields(pinyin) if pinyin else derived_pinyin_fields(pinyin_marks(simplified))
    )
    return {"traditional": to_traditional(simplified), **fields}


@dataclass
class ImportResult:
    format: Format
    counts: MergeCounts
    skips: Skips | None = None  # what was left out, by reason, the first few named

    def as_dict(self) -> dict:
        skipped = dict(self.skips.counts) if self.skips else {}
        return {"format": self.format.value, **self.counts.as_dict(), "skipped_by_reason": skipped}


def _import_units(
    session: Session,
    source: Path,
    label: str,
    limits: ImportLimits,
    skips: Skips,
    progress: Progress | None,
) -> MergeCounts:
    """A TMX file's units into the memory; the reader stops at a unit spanning more
    bytes than the segment limit could explain (``ImportLimits.run_bytes``)."""
    with read_tmx(source, label, max_unit_bytes=limits.run_bytes) as units:
        records = unit_records(_counted(units, progress), f"tmx:{source.stem}", skips, limits)
        counts = merge_unit_records(session, records_without_controls(records, source))
    counts.skipped = skips.total
    return counts


def _term_records(
    source: Path, fmt: Format, label: str, limits: ImportLimits, skips: Skips
) -> Iterator[TermRecord]:
    """The file's term records without control characters, each reader bounded by
    the limits: TBX by bytes an entry spans, the CSV by the length of a cell, a
    glossary line by its length. The CSV and glossary readers drop controls from
    their lines as they read them; TBX records are scrubbed once parsed."""
    if fmt in (Format.TBX, Format.TBX2):  # XML may carry C1 controls (U+0080–U+009F)
        return records_without_controls(
            read_tbx(source, label, max_entry_bytes=limits.run_bytes), source
        )
    if fmt is Format.CSV:
        allow_cells(limits.max_segment)
        return read_csv(source, frozenset(s.value for s in TermStatus), skips)
    longest = 3 * limits.max_segment + 2 if limits.max_segment else None  # three cells
    return read_omegat(source, skips, longest)


def import_file(
    termbase: Termbase,
    source: Path,
    editor: str,
    fmt: Format | None = None,
    progress: Progress | None = None,
    limits: ImportLimits | None = None,
) -> ImportResult:
    """Merge ``source`` into the termbase in one transaction, within ``limits``
    (default: those the environment sets, ``exports.screening``)."""
    fmt = fmt or detect_format(source)
    limits = limits or ImportLimits.from_environment()
    label = str(source)
    limits.check_file(source, label)
    skips = Skips(label)
    with termbase.transaction() as session, _refusing_overruns(limits):
        if fmt is Format.TMX:
            counts = _import_units(session, source, label, limits, skips, progress)
        else:
            records = _counted(_term_records(source, fmt, label, limits, skips), progress)
            counts = merge_term_records(
                session, screen_terms(records, skips, limits), editor, derive_term_fields
            )
            counts.skipped = skips.total
    return ImportResult(fmt, counts, skips)


@contextmanager
def _refusing_overruns(limits: ImportLimits) -> Iterator[None]:
    """A unit or entry the reader stopped says which setting lets it in."""
    try:
        yield
    except RunTooLong as stopped:
        raise ImportRefused(run_too_long(stopped.label, stopped.where, limits)) from None
