"""The file formats, in one table: what each holds, how it is named and described,
and the functions that write and read it.

Every format has an entry (``FORMATS``), and every entry's writer and reader take
the same arguments, so that whoever exports or imports (``services.exchange``) and
whoever offers a choice of formats (the command line's ``--help`` and choices, the
review app's export dialog) reads the table instead of branching on the format:
adding a format is adding an entry.

A writer gets the binary stream to write, the name errors should give the file, the
records (the memory's units or the terms: ``FileFormat.holds``) and the settings.
A reader gets the file and yields records, leaving out and counting in ``Skips``
what the limits keep out. XML formats read the file's bytes themselves, with a guard
on how many bytes an entry may span; text formats (``reads_text``) are handed the
file's lines already decoded, which is language work the caller does.

An entry loads its format's module only when it writes or reads, so that the table
can be read (for ``--help``) without loading an XML parser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from records import TermRecord, TermStatus, UnitRecord

if TYPE_CHECKING:
    from exports.csv_glossary import TextLines
    from exports.screening import ImportLimits, Skips


class Format(StrEnum):
    TMX = "tmx"
    TBX = "tbx"  # TBX-Basic, TBX v3 (ISO 30042:2019)
    TBX2 = "tbx2"  # TBX v2, <martif>
    CSV = "csv"
    OMEGAT = "omegat"  # OmegaT's tab-separated glossary


class Holds(StrEnum):
    """What a format's file holds; the values are the nouns a count of them takes."""

    UNITS = "units"  # the translation memory's sentence pairs
    TERMS = "terms"  # the terms, with their renderings


@dataclass(frozen=True)
class WriteSettings:
    """What a writer needs besides the records; each format uses what it has room for."""

    zh_lang: str = "zh-CN"  # language tags written for the two sides
    en_lang: str = "en"
    bom: bool = False  # csv: a byte-order mark, for Excel
    created: datetime | None = None  # tmx: the header's date


# (stream, the file's name for errors, records, settings) -> how many were written
Writer = Callable[[BinaryIO, str, Iterable[Any], WriteSettings], int]
# (the file's path, or its decoded lines if ``reads_text``; its name for errors;
# what is left out; the limits) -> the records
Reader = Callable[[Any, str, "Skips", "ImportLimits"], Iterator[Any]]


@dataclass(frozen=True)
class FileFormat:
    """One format: what it holds, its names, its suffixes, its writer and reader."""

    format: Format
    holds: Holds
    description: str  # what ``glossary export --help`` says of it
    label: str  # its name in a list to choose from (the review app's export dialog)
    suffix: str  # what an exported file's name ends in
    recognised: tuple[str, ...]  # suffixes an import takes for this format
    write: Writer
    read: Reader
    reads_text: bool = False  # the reader takes decoded lines, not the file


# --- writers and readers, one signature per direction ------------------------------


def _write_tmx(
    out: BinaryIO, label: str, records: Iterable[UnitRecord], settings: WriteSettings
) -> int:
    from exports.tm_units import tmx_units
    from exports.tmx import TmxHeader, write_tmx

    units = tmx_units(records, settings.zh_lang, settings.en_lang)
    header = TmxHeader(srclang=settings.zh_lang, created=settings.created)
    return write_tmx(out, header, units, name=label)


def _read_tmx(path: Path, label: str, skips: Skips, limits: ImportLimits) -> Iterator[UnitRecord]:
    """The file's units, those without a Chinese and an English side or over a limit
    left out; units from other tools, without our props, are filed under a document
    named for the file. The reader stops at a unit spanning more bytes than the
    segment limit could explain (``ImportLimits.run_bytes``)."""
    from exports.tm_units import unit_records
    from exports.tmx import read_tmx

    with read_tmx(path, label, max_unit_bytes=limits.run_bytes) as units:
        yield from unit_records(units, f"tmx:{path.stem}", skips, limits)


def _write_tbx(
    flavour: str,
    out: BinaryIO,
    label: str,
    records: Iterable[TermRecord],
    settings: WriteSettings,
) -> int:
    from exports.tbx import write_tbx

    return write_tbx(
        out,
        records,
        flavour=flavour,
        source_lang=settings.zh_lang,
        target_lang=settings.en_lang,
        name=label,
    )


def _read_tbx(path: Path, label: str, skips: Skips, limits: ImportLimits) -> Iterator[TermRecord]:
    """Either TBX version, which the reader tells apart; bounded by the bytes an entry
    spans. Nothing is left out here: what a term holds is screened afterwards."""
    from exports.tbx import read_tbx

    return read_tbx(path, label, max_entry_bytes=limits.run_bytes)


def _write_csv(
    out: BinaryIO, label: str, records: Iterable[TermRecord], settings: WriteSettings
) -> int:
    from exports.csv_glossary import write_csv

    return write_csv(out, records, bom=settings.bom)


_TERM_STATUSES = frozenset(status.value for status in TermStatus)


def _read_csv(
    lines: TextLines, label: str, skips: Skips, limits: ImportLimits
) -> Iterator[TermRecord]:
    """Bounded by the length of a cell."""
    from exports.csv_glossary import allow_cells, read_csv

    allow_cells(limits.max_segment)
    return read_csv(lines, label, _TERM_STATUSES, skips)


def _write_omegat(
    out: BinaryIO, label: str, records: Iterable[TermRecord], settings: WriteSettings
) -> int:
    from exports.csv_glossary import write_omegat

    return write_omegat(out, records)


def _read_omegat(
    lines: TextLines, label: str, skips: Skips, limits: ImportLimits
) -> Iterator[TermRecord]:
    """Bounded by the length of a line: three cells."""
    from exports.csv_glossary import read_omegat

    longest = 3 * limits.max_segment + 2 if limits.max_segment else None
    return read_omegat(lines, label, skips, longest)


# --- the table ---------------------------------------------------------------------

FORMATS: dict[Format, FileFormat] = {
    entry.format: entry
    for entry in (
        FileFormat(
            Format.TMX,
            Holds.UNITS,
            "the translation memory, TMX 1.4b, for a CAT tool's TM",
            "TMX: the memory",
            ".tmx",
            (".tmx",),
            _write_tmx,
            _read_tmx,
        ),
        FileFormat(
            Format.TBX,
            Holds.TERMS,
            "the terms, TBX-Basic (TBX v3), for a CAT tool's termbase",
            "TBX-Basic (TBX v3)",
            ".tbx",
            (".tbx",),  # either version: the reader tells them apart
            partial(_write_tbx, "basic"),
            _read_tbx,
        ),
        FileFormat(
            Format.TBX2,
            Holds.TERMS,
            "the terms, TBX v2 (martif): OmegaT, translate-toolkit, Weblate",
            "TBX v2 (martif)",
            ".tbx",
            (),  # a .tbx file is read as TBX, whichever version it is
            partial(_write_tbx, "v2"),
            _read_tbx,
        ),
        FileFormat(
            Format.CSV,
            Holds.TERMS,
            "the terms, one row per term, for spreadsheets",
            "CSV glossary",
            ".csv",
            (".csv",),
            _write_csv,
            _read_csv,
            reads_text=True,
        ),
        FileFormat(
            Format.OMEGAT,
            Holds.TERMS,
            "the terms, OmegaT's glossary (source, target, comment; tab-separated)",
            "OmegaT glossary",
            ".txt",
            (".txt", ".tab", ".tsv", ".utf8"),
            _write_omegat,
            _read_omegat,
            reads_text=True,
        ),
    )
}

# The format an import takes a file for, by its suffix (lower case).
SUFFIXES: dict[str, Format] = {
    suffix: entry.format for entry in FORMATS.values() for suffix in entry.recognised
}
