"""CSV glossaries for people, and OmegaT's tab-separated glossary for translators.

The CSV has one row per term; a cell that lists several renderings separates them
with "; " (a literal ";" or "\\" inside a rendering is escaped with a backslash).
Renderings are grouped by status into columns, so a spreadsheet user sees at once
what to use, what is allowed, what is only proposed and what to avoid; rejected
renderings are left out.

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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from exports.files import atomic_output
from glossary.decoding import decode_bytes
from termbase.exchange_records import RenderingRecord, TermRecord

COLUMNS = (
    "simplified", "traditional", "pinyin", "preferred", "admitted", "other renderings",
    "deprecated", "status", "subject field", "definition", "note", "sources",
)
_STATUS_COLUMNS = {
    "preferred": "preferred", "admitted": "admitted", "candidate": "other renderings",
    "deprecated": "deprecated",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


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
        "simplified": record.simplified, "traditional": record.traditional or "",
        "pinyin": record.pinyin or "", "status": record.status,
        "subject field": record.subject_field or "", "definition": record.definition or "",
        "note": record.note or "", "sources": _sources(record),
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


def _text_stream(path: Path) -> TextIO:
    try:
        return io.StringIO(decode_bytes(path.read_bytes(), str(path)), newline="")
    except OSError as exc:
        raise CsvGlossaryError(f"{path}: {exc.strerror or exc}") from None


def _parse_sources(cell: str, path: Path, line: int) -> dict[str, int]:
    sources = {}
    for item in _split(cell):
        document, _, count = item.rpartition(":")
        if not document or not count.strip().isdigit():
            raise CsvGlossaryError(
                f"{path}, line {line}: sources must read 'document: count', not {item!r}"
            )
        sources[document.strip()] = int(count)
    return sources


def _record(cells: dict[str, str], path: Path, line: int) -> TermRecord:
    renderings = [
        RenderingRecord(text=text, status=status)
        for status, column in _STATUS_COLUMNS.items()
        for text in _split(cells.get(column, ""))
    ]
    sources = _parse_sources(cells.get("sources", ""), path, line)
    if sources:
        if not renderings:
            raise CsvGlossaryError(f"{path}, line {line}: sources given but no rendering")
        renderings[0].sources = sources
    return TermRecord(
        simplified=cells["simplified"], traditional=cells.get("traditional") or None,
        pinyin=cells.get("pinyin") or None, status=cells.get("status") or "candidate",
        subject_field=cells.get("subject field") or None,
        definition=cells.get("definition") or None, note=cells.get("note") or None,
        renderings=renderings,
    )


def read_csv(path: Path, statuses: frozenset[str]) -> Iterator[TermRecord]:
    """Read a glossary written by ``write_csv`` (columns in any order; only
    "simplified" is required). ``statuses`` are the valid term statuses."""
    reader = csv.reader(_text_stream(path))
    header = [name.strip().lower() for name in next(reader, [])]
    if "simplified" not in header:
        raise CsvGlossaryError(
            f"{path}: the first row must name the columns, including 'simplified' "
            f"(found: {', '.join(header) or 'nothing'})"
        )
    unknown = set(header) - set(COLUMNS)
    if unknown:
        raise CsvGlossaryError(f"{path}: unknown columns: {', '.join(sorted(unknown))}")
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CsvGlossaryError(
                f"{path}, line {line}: {len(row)} cells where the header has {len(header)}"
            )
        cells = {name: restore(cell).strip() for name, cell in zip(header, row, strict=True)}
        if not cells["simplified"]:
            raise CsvGlossaryError(f"{path}, line {line}: no simplified term")
        if cells.get("status") and cells["status"] not in statuses:
            raise CsvGlossaryError(
                f"{path}, line {line}: status {cells['status']!r} is not one of "
                f"{', '.join(sorted(statuses))}"
            )
        yield _record(cells, path, line)


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


def read_omegat(path: Path) -> Iterator[TermRecord]:
    """Read an OmegaT glossary: lines of source, target and an optional comment;
    lines starting with "#" are comments. Lines of one source become one term."""
    terms: dict[str, TermRecord] = {}
    for line_number, line in enumerate(_text_stream(path), start=1):
        line = line.rstrip("\r\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise CsvGlossaryError(
                f"{path}, line {line_number}: expected 'source<TAB>target<TAB>comment'"
            )
        source, target = cells[0].strip(), cells[1].strip()
        note = "\t".join(cells[2:]).strip() or None
        record = terms.setdefault(source, TermRecord(simplified=source))
        if all(r.text != target for r in record.renderings):
            record.renderings.append(RenderingRecord(text=target, note=note))
    yield from terms.values()
