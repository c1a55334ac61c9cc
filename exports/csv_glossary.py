"""CSV glossaries for people, and OmegaT's tab-separated glossary for translators.

The CSV has one row per term; a cell that lists several renderings separates them
with "; " (a literal ";" or "\\" inside a rendering is escaped with a backslash).
Renderings are grouped by status into columns, so a spreadsheet user sees at once
what to use, what is allowed, what is only proposed and what to avoid; rejected
renderings are left out.

Reading takes other tools' glossaries too (OmegaT's and Weblate's CSV, with or
without a header; tab-separated ones with lines to skip), as a stream of text lines
the caller has decoded: see the reading section below.

Spreadsheets run a cell that starts with "=", "+", "-", "@", a tab or a carriage
return as a formula (CSV injection), so such cells, and cells starting with the
apostrophe that marks the escape, are written with a leading apostrophe, which
import removes again.
"""

from __future__ import annotations

import csv
import io
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter
from typing import BinaryIO, Protocol, TextIO

from exports.files import atomic_output
from exports.screening import Skips
from records import RenderingRecord, TermRecord

COLUMNS = (
    "simplified",
    "traditional",
    "pinyin",
    "preferred",
    "admitted",
    "other renderings",
    "deprecated",
    "status",
    "subject field",
    "definition",
    "note",
    "sources",
)
_STATUS_COLUMNS = {
    "preferred": "preferred",
    "admitted": "admitted",
    "candidate": "other renderings",
    "deprecated": "deprecated",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
# A row's cells are put in the order of COLUMNS (``_ours``) and found by their place,
# not through a dict made for each of a million rows: each rendering column's status
# with its cell's place, then the places of the other cells a record takes.
_RENDERING_CELLS = tuple(
    (status, COLUMNS.index(column)) for status, column in _STATUS_COLUMNS.items()
)
_SIMPLIFIED, _TRADITIONAL, _PINYIN, _STATUS, _SUBJECT_FIELD, _DEFINITION, _NOTE, _SOURCES = (
    COLUMNS.index(name)
    for name in (
        "simplified",
        "traditional",
        "pinyin",
        "status",
        "subject field",
        "definition",
        "note",
        "sources",
    )
)


class CsvGlossaryError(ValueError):
    """A glossary file this program cannot read; the message says where and why."""


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from running the cell as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def restore(cell: str) -> str:
    return cell.removeprefix("'")


def _join(items: Iterable[str]) -> str:
    return "; ".join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def _split(cell: str) -> list[str]:
    if not cell:  # most cells of a row are empty: its other status columns, its notes
        return []
    if "\\" not in cell:  # nothing escaped, the common case: no loop over characters
        return list(filter(None, map(str.strip, cell.split(";"))))
    items, current, chars = [], [], iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == ";":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    items.append("".join(current).strip())
    return [item for item in items if item]


def _sources(record: TermRecord) -> str:
    """Occurrences of the term's renderings per document, e.g. "doc-a: 3; doc-b: 1"."""
    totals: dict[str, int] = defaultdict(int)
    for rendering in record.renderings:
        for document, count in rendering.sources.items():
            totals[document] += count
    return _join(f"{document}: {count}" for document, count in sorted(totals.items()))


def _row(record: TermRecord) -> list[str]:
    by_column: dict[str, list[str]] = defaultdict(list)
    for rendering in record.renderings:
        column = _STATUS_COLUMNS.get(rendering.status)
        if column:
            by_column[column].append(rendering.text)
    values = {
        "simplified": record.simplified,
        "traditional": record.traditional or "",
        "pinyin": record.pinyin or "",
        "status": record.status,
        "subject field": record.subject_field or "",
        "definition": record.definition or "",
        "note": record.note or "",
        "sources": _sources(record),
        **{column: _join(texts) for column, texts in by_column.items()},
    }
    return [neutralise(values.get(column, "")) for column in COLUMNS]


@contextmanager
def _text_output(target: BinaryIO | str | os.PathLike[str], encoding: str) -> Iterator[TextIO]:
    """Text over ``atomic_output``'s binary stream, so that a path is replaced only
    when complete. The wrapper is detached, not closed: closing the stream is the
    business of whoever opened it."""
    with atomic_output(target) as (raw, _):
        stream = io.TextIOWrapper(raw, encoding=encoding, newline="")
        try:
            yield stream
        finally:
            stream.detach()


def write_csv(
    target: BinaryIO | str | os.PathLike[str], records: Iterable[TermRecord], bom: bool = False
) -> int:
    """Write the glossary to a path or a binary stream; ``bom`` adds the byte-order
    mark Excel needs to see UTF-8."""
    count = 0
    with _text_output(target, "utf-8-sig" if bom else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow(_row(record))
            count += 1
    return count


# --- reading ------------------------------------------------------------------------
#
# Glossaries run to a million rows, so they are read as a stream of text lines: the
# caller decodes the file as it is read (``glossary.decoding.open_text`` knows UTF-8,
# UTF-16, GB18030 and Big5 and refuses what is none of them) and drops control
# characters from each line, here only text. A file is read as those tools write it:
# our CSV, named by its header; OmegaT's and Weblate's CSV glossaries (source, target,
# comment, with a header naming them or with none); OmegaT's tab-separated glossary.
# Rows a glossary may hold and this termbase cannot (a line without a tab, no target)
# are skipped and counted in ``Skips``; a cell this reader cannot interpret is an
# error naming the file and the line.


class TextLines(Protocol):
    """Text read a line at a time, by iteration or ``readline``, its line ends plain
    newlines (universal newlines): an open text file, or one wrapped to drop control
    characters as it is read."""

    def readline(self, size: int = -1, /) -> str: ...

    def __iter__(self) -> Iterator[str]: ...


@contextmanager
def _errors_named(label: str, where: Callable[[], str]) -> Iterator[None]:
    """A decoding or CSV error met while reading is one line naming the file
    (``label``) and ``where()`` it happened."""
    try:
        yield
    except UnicodeDecodeError as exc:
        raise CsvGlossaryError(
            f"{label}, {where()}: not valid {exc.encoding} text (the start of the file was)"
        ) from None
    except csv.Error as exc:
        raise CsvGlossaryError(f"{label}, {where()}: {exc}") from None


def allow_cells(characters: int | None) -> None:
    """Let the CSV reader take cells of ``characters`` (None: any length). Python's
    csv module refuses cells over 131,072 characters with an error, a limit it keeps
    for the whole process, so this only ever raises it."""
    wanted = characters + 1 if characters else 2**31 - 1
    if wanted > csv.field_size_limit():
        csv.field_size_limit(wanted)


def _parse_sources(cell: str, label: str, line: int) -> dict[str, int]:
    sources = {}
    for item in _split(cell):
        document, _, count = item.rpartition(":")
        if not document or not count.strip().isdigit():
            raise CsvGlossaryError(
                f"{label}, line {line}: sources must read 'document: count', not {item!r}"
            )
        sources[document.strip()] = int(count)
    return sources


def _record(cells: list[str], label: str, line: int) -> TermRecord:
    """A row of our CSV (``cells``: those of every column, in the order of COLUMNS,
    "" where the file has none). Its sources count the term's occurrences per
    document over all its renderings, so they come back as the term's, not the
    first rendering's: importing the file again then adds nothing
    (``termbase.exchange``)."""
    renderings = [
        RenderingRecord(text, status)
        for status, place in _RENDERING_CELLS
        if cells[place]
        for text in _split(cells[place])
    ]
    sources = _parse_sources(cells[_SOURCES], label, line) if cells[_SOURCES] else {}
    if sources and not renderings:
        raise CsvGlossaryError(f"{label}, line {line}: sources given but no rendering")
    return TermRecord(
        simplified=cells[_SIMPLIFIED],
        traditional=cells[_TRADITIONAL] or None,
        pinyin=cells[_PINYIN] or None,
        status=cells[_STATUS] or "candidate",
        subject_field=cells[_SUBJECT_FIELD] or None,
        definition=cells[_DEFINITION] or None,
        note=cells[_NOTE] or None,
        renderings=renderings,
        sources=sources,
        origin=f"line {line}",
    )


class _Rows:
    """csv.reader over a stream, with the line each row starts on."""

    def __init__(self, stream: TextLines) -> None:
        self._reader = csv.reader(stream)
        self.line = 0  # where the row last handed out starts

    def __iter__(self) -> Iterator[list[str]]:
        for row in self._reader:
            yield row
            self.line = self._reader.line_num + 1

    def where(self) -> str:
        return f"line {self.line or 1}"


def _ours(
    rows: Iterable[list[str]], header: list[str], label: str, statuses: frozenset[str], lines: _Rows
) -> Iterator[TermRecord]:
    unknown = set(header) - set(COLUMNS)
    if unknown:
        raise CsvGlossaryError(f"{label}: unknown columns: {', '.join(sorted(unknown))}")
    # each column's cell: of a column named twice the last, of one the file lacks the
    # empty cell put after each row
    position = {name: index for index, name in enumerate(header)}
    cells_of = itemgetter(*(position.get(name, len(header)) for name in COLUMNS))
    for row in rows:
        line = lines.line
        if not "".join(row).strip():
            continue
        if len(row) != len(header):
            raise CsvGlossaryError(
                f"{label}, line {line}: {len(row)} cells where the header has {len(header)}"
            )
        row.append("")  # the cell of a column the file lacks
        cells = [restore(cell).strip() if cell else cell for cell in cells_of(row)]
        if not cells[_SIMPLIFIED]:
            raise CsvGlossaryError(f"{label}, line {line}: no simplified term")
        status = cells[_STATUS]
        if status and status not in statuses:
            raise CsvGlossaryError(
                f"{label}, line {line}: status {status!r} is not one of "
                f"{', '.join(sorted(statuses))}"
            )
        yield _record(cells, label, line)


def read_csv(
    stream: TextLines, label: str, statuses: frozenset[str], skips: Skips | None = None
) -> Iterator[TermRecord]:
    """Read a glossary written by ``write_csv`` (columns in any order; only
    "simplified" is required), or a two- or three-column one as OmegaT and Weblate
    write it (source, target, comment; see ``_simple_columns``), from its decoded
    lines; ``label`` is how errors name the file. ``statuses`` are the valid term
    statuses; ``skips`` counts the rows left out."""
    skips = skips or Skips(label)
    lines = _Rows(stream)
    with _errors_named(label, lines.where):
        rows = iter(lines)
        first = next(rows, [])
        header = [name.strip().lower() for name in first]
        if "simplified" in header:
            yield from _ours(rows, header, label, statuses, lines)
            return
        columns = _simple_columns(header)
        if columns is None:  # no header: the first row is a term
            columns, rows = (0, 1, 2), chain([first], rows)
            lines.line = 1
        yield from _grouped(_simple_rows(rows, columns, lines, skips))


# --- OmegaT's and Weblate's glossaries: source, target, comment ----------------------

_SOURCE_NAMES = frozenset({"source", "term", "source term", "src", "zh", "zh-cn", "chinese"})
_TARGET_NAMES = frozenset({"target", "translation", "target term", "tgt", "en", "english"})
_COMMENT_NAMES = (
    "comment",
    "comments",
    "note",
    "notes",
    "explanation",
    "description",
    "developer_comments",
    "translator_comments",
    "context",
)


def _simple_columns(header: list[str]) -> tuple[int, int, int | None] | None:
    """Where source, target and comment are, if the first row names them (Weblate's
    CSV: "source,target,developer_comments", or "location,source,target,…"); None if
    it is a glossary row (OmegaT's and Weblate's plain glossaries have no header)."""
    source = next((i for i, name in enumerate(header) if name in _SOURCE_NAMES), None)
    target = next((i for i, name in enumerate(header) if name in _TARGET_NAMES), None)
    if source is None or target is None:
        return None
    comment = next((header.index(name) for name in _COMMENT_NAMES if name in header), None)
    return source, target, comment


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _simple_rows(
    rows: Iterable[list[str]], columns: tuple[int, int, int | None], lines: _Rows, skips: Skips
) -> Iterator[tuple[str, str, str | None, str]]:
    """(source, target, comment, where) of each usable row, as OmegaT reads them:
    blank rows and rows starting with "#" are not entries; a row with no source or
    no target is skipped and counted."""
    source, target, comment = columns
    for row in rows:
        where = f"line {lines.line}"
        if not any(cell.strip() for cell in row) or (row and row[0].startswith("#")):
            continue
        term, english = _cell(row, source), _cell(row, target)
        if not term or not english:
            skips.skip("with no term or no target", where, "expected a source term and its target")
            continue
        yield term, english, _cell(row, comment) or None, where


def _grouped(rows: Iterable[tuple[str, str, str | None, str]]) -> Iterator[TermRecord]:
    """Consecutive rows of one source as one term with several renderings; a source
    met again later is a second record of the same term, which the merge joins."""
    record: TermRecord | None = None
    for source, target, note, where in rows:
        if record is None or record.simplified != source:
            if record is not None:
                yield record
            record = TermRecord(simplified=source, origin=where)
        if all(r.text != target for r in record.renderings):
            record.renderings.append(RenderingRecord(text=target, note=note))
    if record is not None:
        yield record


# --- OmegaT's glossary: source⇥target⇥comment ---------------------------------------

_OMEGAT_STATUSES = ("preferred", "admitted", "candidate")


def _tsv_cell(text: str) -> str:
    """A tab or line break would start a new cell or entry in OmegaT."""
    return " ".join(text.split("\t")).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def write_omegat(target: BinaryIO | str | os.PathLike[str], records: Iterable[TermRecord]) -> int:
    """One line per usable rendering (preferred, admitted, candidate: deprecated and
    rejected ones would be offered to translators as if they were fine), with the
    rendering's note as OmegaT's comment. The file carries no status, so lines go in
    alphabetical order, which an import → export reproduces."""
    count = 0
    with _text_output(target, "utf-8") as stream:
        for record in records:
            usable = [r for r in record.renderings if r.status in _OMEGAT_STATUSES]
            lines = [
                f"{_tsv_cell(record.simplified)}\t{_tsv_cell(r.text)}\t{_tsv_cell(r.note or '')}"
                for r in sorted(usable, key=lambda r: (r.text.casefold(), r.text))
            ]
            if lines:
                stream.write("\n".join(lines) + "\n")
                count += 1
    return count


def _bounded_lines(stream: TextLines, longest: int | None) -> Iterator[str | None]:
    """The stream's lines without their ends; None for a line over ``longest``
    characters, which is read past in pieces and never held whole."""
    piece = longest + 2 if longest else -1  # room for the line end
    while line := stream.readline(piece):
        if line.endswith("\n") or not longest or len(line) <= longest:
            yield line.rstrip("\r\n")
            continue
        while line and not line.endswith("\n"):
            line = stream.readline(1 << 16)
        yield None


def _tab_rows(
    lines: Iterable[str | None], skips: Skips, longest: int | None, counter: list[int]
) -> Iterator[tuple[str, str, str | None, str]]:
    """(source, target, comment, where) of each usable line; ``counter[0]`` is the
    line number reached, for errors."""
    for number, line in enumerate(lines, start=1):
        counter[0] = number
        where = f"line {number}"
        if line is None:
            skips.skip("too long", where, f"the line is longer than {longest:,} characters")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            skips.skip("with no tab", where, "expected 'source<TAB>target<TAB>comment'")
        elif not cells[0].strip() or not cells[1].strip():
            skips.skip("with no term or no target", where, "expected a source term and its target")
        else:
            yield cells[0].strip(), cells[1].strip(), "\t".join(cells[2:]).strip() or None, where


def read_omegat(
    stream: TextLines, label: str, skips: Skips | None = None, longest_line: int | None = None
) -> Iterator[TermRecord]:
    """Read an OmegaT glossary from its decoded lines: source, target and an optional
    comment; lines starting with "#" are comments, blank lines nothing. Consecutive
    lines of one source become one term. A line without a tab or without a target is
    skipped and counted in ``skips``, as is a line over ``longest_line`` characters;
    ``label`` is how errors name the file."""
    skips = skips or Skips(label)
    counter = [0]
    with _errors_named(label, lambda: f"line {counter[0]}"):
        lines = _bounded_lines(stream, longest_line)
        yield from _grouped(_tab_rows(lines, skips, longest_line, counter))
