"""What an import lets into the termbase, and what it leaves out and says so.

Files from elsewhere hold what no termbase should: a "segment" of 200 MB (which
imported, then made every memory search run for minutes), a "term" that is a
paragraph, a glossary whose source column is English, rows with no target. An
import reads them against limits before anything reaches the termbase:

* the file's size (default 4 GiB: a million-term TBX export is about 2 GB);
* each text's length: a segment, a note, a definition or a context of more than
  10,000 characters (a page or two of running text; the longest unit of the sample
  corpus has under 800), and the fields the termbase keeps in columns of a
  fixed size (``records``: a term of 50 characters, a rendering of 500, a document
  id of 200 …).

``--max-segment`` and ``--max-file-size`` on ``glossary import``, or the environment
variables below, change the first two (0: no limit). A unit or a row over a limit
is left out, counted by reason, and the first few are named with their file and
row; the rest of the file is imported. A glossary with no Chinese term at all is
refused in one line that says what its source column holds.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from records import (
    DOCUMENT_ID_CHARACTERS,
    EDITOR_CHARACTERS,
    PINYIN_CHARACTERS,
    RENDERING_CHARACTERS,
    SUBJECT_FIELD_CHARACTERS,
    TERM_CHARACTERS,
    TermRecord,
)

SEGMENT_VARIABLE = "GLOSSARY_IMPORT_MAX_SEGMENT"
FILE_SIZE_VARIABLE = "GLOSSARY_IMPORT_MAX_FILE_SIZE"
DEFAULT_MAX_SEGMENT = 10_000  # characters
DEFAULT_MAX_FILE_SIZE = 4 * 2**30  # bytes
NAMED = 5  # skipped items named one by one; the others are only counted
# Terms read without finding a Chinese one before the file is taken for a glossary
# in another language: a Chinese glossary sorted by term puts its few Latin-script
# entries (5G, APEC) first, but never this many.
NO_CHINESE_AFTER = 100
# The XML readers refuse a unit or entry that spans more bytes than this many per
# character of the segment limit (markup, escapes and inline codes included), and at
# least RUN_FLOOR: a parser holds a whole element before anyone can look at its text,
# so this is what keeps a 200 MB "segment" from being read into memory at all.
RUN_BYTES_PER_CHARACTER = 64
RUN_FLOOR = 16 * 2**20

# A Han character, as glossary.textutils.is_cjk has them: searched, not looped over,
# because every imported term and pinyin is asked.
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f〇]")
_SIZE = re.compile(r"\s*(\d+)\s*([kmgt]?)i?b?\s*", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
# What a term's pinyin derives (numbers, toneless, initials), by field name; a
# ValueError if the text is no pinyin. The language code knows how: the import passes
# it in (``services.term_fields.fast_pinyin_fields``).
PinyinFields = Callable[[str], dict[str, str]]


class ImportRefused(ValueError):
    """A file an import will not read: over a limit, or with no Chinese in it. The
    message names the file (and the row where one is to blame)."""


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character."""
    return _HAN.search(text) is not None


def parse_size(text: str) -> int:
    """A size in bytes from "4G", "500M", "64k", "1048576" (binary units; 0: none)."""
    match = _SIZE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a size: {text!r} (a number of bytes, or with K, M, G or T)")
    return int(match.group(1)) * _SIZE_UNITS[match.group(2).lower()]


def describe_size(amount: int) -> str:
    """``amount`` bytes for a person: "4 GiB", "16 MiB", "300 bytes"."""
    for unit, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if amount >= size:
            return f"{amount / size:.3g} {unit}"
    return f"{amount} bytes"


@dataclass(frozen=True)
class ImportLimits:
    """How much an import may bring in; 0 means no limit."""

    max_segment: int = DEFAULT_MAX_SEGMENT  # characters of one text
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes

    @classmethod
    def from_environment(cls) -> ImportLimits:
        """The limits ``GLOSSARY_IMPORT_MAX_SEGMENT`` and ``…_MAX_FILE_SIZE`` set."""
        segment = os.environ.get(SEGMENT_VARIABLE, "").strip()
        size = os.environ.get(FILE_SIZE_VARIABLE, "").strip()
        if segment and not segment.isdigit():
            raise ValueError(f"{SEGMENT_VARIABLE}={segment!r} is not a number of characters")
        try:
            max_file_size = parse_size(size) if size else DEFAULT_MAX_FILE_SIZE
        except ValueError as error:
            raise ValueError(f"{FILE_SIZE_VARIABLE}: {error}") from None
        return cls(int(segment) if segment else DEFAULT_MAX_SEGMENT, max_file_size)

    @property
    def run_bytes(self) -> int | None:
        """The most bytes one unit or entry may span in an XML file (None: any)."""
        if not self.max_segment:
            return None
        return max(RUN_FLOOR, RUN_BYTES_PER_CHARACTER * self.max_segment)

    def check_file(self, path: Path, label: str) -> None:
        """Refuse a file over the size limit before reading any of it."""
        if not self.max_file_size:
            return
        try:
            size = path.stat().st_size
        except OSError:
            return  # opening it will say what is wrong, naming it
        if size > self.max_file_size:
            raise ImportRefused(
                f"{label}: {describe_size(size)}, over the import limit of "
                f"{describe_size(self.max_file_size)}; refused (raise it with "
                f"--max-file-size or {FILE_SIZE_VARIABLE}, 0 for no limit)"
            )

    def segment_problem(self, what: str, text: str | None) -> str | None:
        """Why ``text`` (a segment, a note …) is too long, or None."""
        if text is None or not self.max_segment or len(text) <= self.max_segment:
            return None
        return (
            f"the {what} has {len(text):,} characters, over the limit of "
            f"{self.max_segment:,} (--max-segment or {SEGMENT_VARIABLE})"
        )


def column_problem(what: str, text: str | None, limit: int) -> str | None:
    """Why ``text`` does not fit the termbase's column for it, or None."""
    if text is None or len(text) <= limit:
        return None
    return f"the {what} has {len(text):,} characters, more than the termbase holds ({limit})"


def run_too_long(label: str, where: str, limits: ImportLimits) -> str:
    """The message for a unit or entry the byte guard stopped."""
    return (
        f"{label}: {where} spans more than {describe_size(limits.run_bytes or 0)}, far "
        f"beyond the segment limit of {limits.max_segment:,} characters; refused "
        f"(raise it with --max-segment or {SEGMENT_VARIABLE}, 0 for no limit)"
    )


@dataclass
class Skips:
    """The rows, lines, entries or units an import leaves out: counted by reason,
    the first ``NAMED`` named with where they are and why."""

    label: str
    counts: Counter[str] = field(default_factory=Counter)
    messages: list[str] = field(default_factory=list)

    def skip(self, reason: str, where: str | None, detail: str, named: bool = True) -> None:
        """Count one item left out; name it unless ``named`` is False (what a file is
        expected to hold and this termbase not: a TMX's other language pairs)."""
        self.counts[reason] += 1
        if named and len(self.messages) < NAMED:
            place = f"{self.label}, {where}" if where else self.label
            self.messages.append(f"{place}: {detail}; skipped")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """ "3 skipped (2 with no target, 1 not Chinese)", or "" if none was."""
        if not self.counts:
            return ""
        reasons = ", ".join(f"{count} {reason}" for reason, count in self.counts.most_common())
        return f"{self.total} skipped ({reasons})"


# --------------------------------------------------------------------------------
# Terms
# --------------------------------------------------------------------------------


def _term_problem(record: TermRecord, limits: ImportLimits) -> str | None:
    """Why ``record`` cannot come in whole, or None: the first field over its limit.
    Plain comparisons first, every record of a million passes here; the message is
    made only for the one that fails."""
    segment = limits.max_segment
    for what, text, column in _term_texts(record):
        if text is None:
            continue
        if column is None:
            if segment and len(text) > segment:
                return limits.segment_problem(what, text)
        elif len(text) > column:
            return column_problem(what, text, column)
    return None


def _term_texts(record: TermRecord) -> Iterator[tuple[str, str | None, int | None]]:
    """(what, text, its column's length) of every text of a term record; None for
    a text held to the segment limit."""
    yield "term", record.simplified, TERM_CHARACTERS
    yield "traditional form", record.traditional, TERM_CHARACTERS
    yield "pinyin", record.pinyin, PINYIN_CHARACTERS
    yield "subject field", record.subject_field, SUBJECT_FIELD_CHARACTERS
    yield "definition", record.definition, None
    yield "note", record.note, None
    if record.decided:
        yield "editor's name", record.decided.editor, EDITOR_CHARACTERS
    for document in record.sources:
        yield "source document id", document, DOCUMENT_ID_CHARACTERS
    for rendering in record.renderings:
        yield "rendering", rendering.text, RENDERING_CHARACTERS
        yield "rendering's note", rendering.note, None
        yield "rendering's context", rendering.context, None
        if rendering.decided:
            yield "editor's name", rendering.decided.editor, EDITOR_CHARACTERS
        for document in rendering.sources:
            yield "source document id", document, DOCUMENT_ID_CHARACTERS


def _pinyin_problem(record: TermRecord, pinyin_fields: PinyinFields) -> str | None:
    """Why the file's pinyin cannot be used, or None; derived fields must fit too."""
    if not record.pinyin:
        return None
    try:
        fields = pinyin_fields(record.pinyin)
    except ValueError as error:
        return f"the pinyin {record.pinyin!r} is not pinyin ({error})"
    for name, value in fields.items():
        if len(value) > PINYIN_CHARACTERS:
            return (
                f"the pinyin {record.pinyin!r} gives a {name} of {len(value)} characters, "
                f"more than the termbase holds ({PINYIN_CHARACTERS})"
            )
    return None


def _source_language(records: list[TermRecord]) -> str:
    """What the source column of a glossary without Chinese holds, in a few words."""
    latin = sum(1 for r in records if re.search("[A-Za-z]", r.simplified))
    if latin * 2 >= len(records):
        where = "the source column is English"
    else:
        where = "the source column is not Chinese"
    if any(has_han(r.text) for record in records for r in record.renderings):
        where += " and the target column is Chinese: this program reads Chinese → English"
    return where


def screen_terms(
    records: Iterable[TermRecord], skips: Skips, limits: ImportLimits, pinyin_fields: PinyinFields
) -> Iterator[TermRecord]:
    """The records an import may merge. A term with no Chinese character, or a
    field over its limit, is skipped; pinyin that is not pinyin (``pinyin_fields``
    refuses it) or derives fields too long for the termbase is an error naming the
    file and row, as any cell a reader cannot interpret is; a glossary with no
    Chinese term at all is refused (``ImportRefused``)."""
    label = skips.label
    chinese = 0
    foreign: list[TermRecord] = []
    for record in records:
        if not has_han(record.simplified):
            skips.skip(
                "not Chinese", record.origin, f"{record.simplified!r} has no Chinese character"
            )
            if chinese == 0:
                foreign.append(record)
                if len(foreign) >= NO_CHINESE_AFTER:
                    raise ImportRefused(f"{label}: no Chinese terms: {_source_language(foreign)}")
            continue
        problem = _term_problem(record, limits)
        if problem:
            skips.skip("too long", record.origin, problem)
            continue
        problem = _pinyin_problem(record, pinyin_fields)
        if problem:
            where = f"{label}, {record.origin}" if record.origin else label
            raise ImportRefused(f"{where}: term {record.simplified!r}: {problem}")
        chinese += 1
        yield record
    if chinese == 0 and foreign:
        raise ImportRefused(f"{label}: no Chinese terms: {_source_language(foreign)}")
