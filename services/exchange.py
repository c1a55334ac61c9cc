"""Exporting the termbase to a file and importing a file into it, in any format
(``exports.registry``).

The command line and the review app both come here. An export to a file is written
to a temporary file beside the target and renamed into place only when complete
(``exports.files.atomic_output``), so a failure never leaves half a file; a FIFO, a
device or standard output is written as a stream. An import runs in one
transaction, so a broken file leaves the termbase exactly as it was, and reads the
file against limits (``exports.screening``): what it leaves out is counted. Terms
are read in a forked process while this one merges them (``services.forked``).

What is language work, not format work, happens here: a text file is decoded
(``glossary.decoding``), control characters are dropped from what is read
(``glossary.textutils``), and an imported term gets the traditional form and pinyin
a build would give it (``services.term_fields``).
"""

from __future__ import annotations

import gc
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from exports.csv_glossary import CsvGlossaryError
from exports.files import atomic_output
from exports.registry import FORMATS, SUFFIXES, FileFormat, Format, Holds, WriteSettings
from exports.screening import (
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_SEGMENT,
    FILE_SIZE_VARIABLE,
    SEGMENT_VARIABLE,
    ImportLimits,
    ImportRefused,
    Skips,
    describe_size,
    parse_size,
    run_too_long,
    screen_terms,
)
from glossary.decoding import open_text
from glossary.textutils import ControlFreeLines, records_without_controls, warn_dropped
from records import Decision, RenderingRecord, TermRecord
from services.forked import Progress, streamed
from services.store import reading
from termbase import Termbase
from termbase.exchange import (
    MergeCounts,
    count_exported_terms,
    count_units,
    iter_term_records,
    iter_unit_records,
    merge_term_records,
    merge_unit_records,
    newest_unit_date,
)
from termbase.terms import approved_without_english, count_unreviewed

# With the import's limits, for the command line to offer and describe (the formats
# themselves: ``services.formats``).
__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "DEFAULT_MAX_SEGMENT",
    "FILE_SIZE_VARIABLE",
    "SEGMENT_VARIABLE",
    "ExportOptions",
    "ImportLimits",
    "ImportResult",
    "TermExportGaps",
    "describe_size",
    "detect_format",
    "export_file",
    "export_size",
    "import_file",
    "parse_size",
    "read_records",
    "term_export_gaps",
]

T = TypeVar("T")


@dataclass(frozen=True)
class ExportOptions:
    """What an export selects (approved terms only, the documents) and how the file
    is written (language tags, a byte-order mark)."""

    approved_only: bool = False  # for tmx: units the aligner was confident of
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


# --- export -----------------------------------------------------------------------


def export_size(termbase: Termbase, fmt: Format, options: ExportOptions) -> int:
    """How many items an export will write at most: the length of a progress bar."""
    with reading(termbase) as session:
        if FORMATS[fmt].holds is Holds.UNITS:
            return count_units(session, options.documents)
        return count_exported_terms(session, options.approved_only)


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
    entry = FORMATS[fmt]
    with atomic_output(target, name) as (out, label), reading(termbase) as session:
        if entry.holds is Holds.UNITS:
            # The header's date is the newest exported unit's, not the clock's:
            # exporting the same memory (or the same documents of it) twice gives the
            # same file.
            created = newest_unit_date(session, options.documents)
            records: Iterator[Any] = iter_unit_records(
                session, options.documents, options.approved_only
            )
        else:
            created = None
            records = iter_term_records(session, options.approved_only, options.documents)
        settings = WriteSettings(options.zh_lang, options.en_lang, options.bom, created)
        return entry.write(out, label, _counted(records, progress), settings)


@dataclass(frozen=True)
class TermExportGaps:
    """What a user of exported terms should know and would not see in the file."""

    unreviewed: int  # candidates nobody has reviewed, among the terms exported
    undecided: list[str]  # approved terms with no preferred or admitted rendering


def term_export_gaps(termbase: Termbase, options: ExportOptions) -> TermExportGaps:
    """How many of the terms ``options`` export are unreviewed candidates (none when
    only approved ones are), and which approved terms have no English decided for
    them (asked only of a whole export: a document's terms are a selection)."""
    with reading(termbase) as session:
        unreviewed = 0 if options.approved_only else count_unreviewed(session, options.documents)
        undecided = [] if options.documents else approved_without_english(session)
    return TermExportGaps(unreviewed, undecided)


# --- import -----------------------------------------------------------------------


def detect_format(path: Path) -> Format:
    """By suffix; TBX covers both versions, which the reader tells apart."""
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(SUFFIXES))
        raise ValueError(
            f"{path}: cannot tell the format from the suffix (known: {known}); use --format"
        ) from None


@dataclass
class ImportResult:
    format: Format
    counts: MergeCounts
    skips: Skips | None = None  # what was left out, by reason, the first few named

    def as_dict(self) -> dict:
        skipped = dict(self.skips.counts) if self.skips else {}
        return {"format": self.format.value, **self.counts.as_dict(), "skipped_by_reason": skipped}


@contextmanager
def _text_lines(source: Path) -> Iterator[ControlFreeLines]:
    """The file's lines, decoded as they are read, without control characters (a
    warning at the end says how many were dropped); closed at the end."""
    try:
        stream = open_text(source)
    except OSError as exc:
        raise CsvGlossaryError(f"{source}: {exc.strerror or exc}") from None
    with stream:
        lines = ControlFreeLines(stream)
        yield lines
    warn_dropped(source, lines.dropped)


def _decoded(entry: FileFormat, source: Path, skips: Skips, limits: ImportLimits) -> Iterator[Any]:
    """A text format's records: the reader gets the decoded lines, controls dropped
    from each as it reads them (one search a line, not one a cell)."""
    with _text_lines(source) as lines:
        yield from entry.read(lines, str(source), skips, limits)


def read_records(
    source: Path,
    fmt: Format | None = None,
    limits: ImportLimits | None = None,
    skips: Skips | None = None,
) -> Iterator[Any]:
    """The records of a file as an import reads them, before the terms' screening:
    the memory's units (TMX) or the terms (other formats), without control
    characters, each reader bounded by ``limits`` (default: none beyond the usual
    ones, ``ImportLimits()``). What the reader leaves out is counted in ``skips``."""
    entry = FORMATS[fmt or detect_format(source)]
    limits = limits or ImportLimits()
    skips = skips if skips is not None else Skips(str(source))
    if entry.reads_text:
        return _decoded(entry, source, skips, limits)
    # XML may carry C1 controls (U+0080–U+009F): scrubbed from the parsed records
    return records_without_controls(entry.read(source, str(source), skips, limits), source)


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
    limits.check_file(source, str(source))
    with _older_objects_frozen(), _rarer_collections():
        if FORMATS[fmt].holds is Holds.UNITS:
            counts, skips = _import_units(termbase, source, fmt, limits, progress)
        else:
            counts, skips = _import_terms(termbase, source, fmt, limits, editor, progress)
    counts.skipped = skips.total
    return ImportResult(fmt, counts, skips)


def _import_units(
    termbase: Termbase, source: Path, fmt: Format, limits: ImportLimits, progress: Progress | None
) -> tuple[MergeCounts, Skips]:
    skips = Skips(str(source))
    records = _counted(read_records(source, fmt, limits, skips), progress)
    with termbase.transaction() as session, _refusing_overruns(limits):
        return merge_unit_records(session, records), skips


def _import_terms(
    termbase: Termbase,
    source: Path,
    fmt: Format,
    limits: ImportLimits,
    editor: str,
    progress: Progress | None,
) -> tuple[MergeCounts, Skips]:
    """Terms are read, screened and given the fields a build derives in a forked
    process while this one merges them (``services.forked``): reading, screening
    and deriving took half of an import of new terms. The child is forked before
    the transaction begins."""
    from services.term_fields import DerivedAhead

    produce = partial(_screened_terms, source=source, fmt=fmt, limits=limits)
    by_fields = (TermRecord, RenderingRecord, Decision)
    with streamed(produce, progress, by_fields) as prepared, termbase.transaction() as session:
        derived = DerivedAhead(prepared)
        counts = merge_term_records(session, derived.records(), editor, derived)
    return counts, prepared.result


def _screened_terms(
    progress: Progress, source: Path, fmt: Format, limits: ImportLimits
) -> Generator[tuple[TermRecord, dict[str, str]], None, Skips]:
    """The terms of ``source`` an import may merge (``screen_terms``), each with the
    fields a build derives from it, reported to ``progress`` as they are read;
    returns what was left out."""
    from services.term_fields import fast_pinyin_fields, with_derived_fields

    skips = Skips(str(source))
    with _refusing_overruns(limits):
        records = _counted(read_records(source, fmt, limits, skips), progress)
        yield from with_derived_fields(screen_terms(records, skips, limits, fast_pinyin_fields))
    return skips


@contextmanager
def _older_objects_frozen() -> Iterator[None]:
    """Keep what was alive before the import (modules and, once loaded, the pinyin
    dictionary: up to 300,000 objects) out of the garbage collector's passes while
    it runs, unless someone froze objects already (``gc.unfreeze`` is theirs to call).

    The records and rows of an import's batch live long enough to reach the oldest
    generation, so an import sets off a full collection every few thousand rows,
    and each walked every object of the process: up to a tenth of an import's time."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# Container objects allocated (less those freed) between two passes of the garbage
# collector's youngest generation while an import runs; Python's default is 700.
IMPORT_GC_THRESHOLD = 10_000


@contextmanager
def _rarer_collections() -> Iterator[None]:
    """Let the youngest generation grow to ``IMPORT_GC_THRESHOLD`` objects before the
    collector passes over it, while an import runs (and its reading process, forked
    meanwhile).

    Each batch's records and rows die by reference counting when the next batch
    comes, but at the default threshold they were passed over and promoted while
    alive, and passed over again in the older generations: 3,400 passes in a
    100,000-row import, 6 % of its time; at this threshold 3. Garbage in cycles is
    still collected, only later."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(IMPORT_GC_THRESHOLD, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextmanager
def _refusing_overruns(limits: ImportLimits) -> Iterator[None]:
    """A unit or entry the reader stopped says which setting lets it in."""
    from exports.safexml import RunTooLong

    try:
        yield
    except RunTooLong as stopped:
        raise ImportRefused(run_too_long(stopped.label, stopped.where, limits)) from None
