"""Character classes and small clean-ups shared by every reader.

Chinese and English readers, and the bilingual reader that holds both, must agree on
what counts as a CJK character, as sentence-final punctuation and as a stray space,
or the same paragraph would be cut differently depending on which file it came from.
Keeping those definitions here, once, is what keeps the readers consistent.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any, TypeVar

# Notices for the user (how much text was dropped) are warnings on the "glossary"
# loggers: the command line shows them on stderr (``cli.options.library_notices``);
# a library caller, or the review app's screen, sees nothing unless it asks.
logging.getLogger("glossary").addHandler(logging.NullHandler())
log = logging.getLogger(__name__)
R = TypeVar("R")

# Closing quotes and brackets that may follow sentence-final punctuation and belong
# to the sentence they close ("他说：“好。”" ends after the closing quote).
CLOSERS_ZH = "”’」』）》】〕〉"
CLOSERS_EN = "\"'”’)]"
CLOSERS = CLOSERS_ZH + "\"')]"

# Punctuation that ends a sentence (or, for ；, a clause the splitter treats as one).
TERMINALS_ZH = "。！？；"
TERMINALS_ASCII = "!?;"
ELLIPSES = "…"

# Characters a paragraph may end with and still be complete: used to tell a line that
# was broken mid-sentence (PDF wrapping) from one that ends a paragraph.
_PARAGRAPH_FINAL = TERMINALS_ZH + "：" + TERMINALS_ASCII + ".:" + ELLIPSES


def is_cjk(ch: str) -> bool:
    """True for a Han character (including 〇, which writes zero in dates). Asked of
    every character of every text, hence the ranges spelled out rather than looped."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
        or ch == "〇"
    )


def is_wide_punct(ch: str) -> bool:
    """True for CJK/full-width punctuation and symbols (。，、“” etc.).

    Curly quotes are shared with English typography; they count as wide here because
    this is only asked about characters next to Chinese text.
    """
    cp = ord(ch)
    return (
        0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
        or 0xFF01 <= cp <= 0xFF65  # full-width forms
        or ch in "“”‘’…—·"
    )


def is_cjk_or_wide(ch: str) -> bool:
    return is_cjk(ch) or is_wide_punct(ch)


def count_cjk(text: str) -> int:
    return sum(1 for ch in text if is_cjk(ch))


_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?")


def count_latin_words(text: str) -> int:
    return len(_LATIN_WORD.findall(text))


_ASCII_ALNUM = re.compile(r"[0-9A-Za-z%]")

# Any run of horizontal whitespace, including the ideographic space U+3000 and the
# em/en spaces PDF extractors use for indentation.
_HSPACE = r"[^\S\n]+"
_SPACE_RUN = re.compile(_HSPACE)


def _removable(left: str, right: str) -> bool:
    """Whether a space between ``left`` and ``right`` is a typesetting artefact.

    Chinese is written without spaces; PDF extraction and some editors add them around
    numbers and Latin tokens (``2024 年 6 月``) and between CJK characters at line
    joins.  A space between two Latin/digit tokens is real and stays.
    """
    left_wide, right_wide = is_cjk_or_wide(left), is_cjk_or_wide(right)
    if left_wide and right_wide:
        return True
    if left_wide and _ASCII_ALNUM.match(right):
        return True
    return bool(right_wide and _ASCII_ALNUM.match(left))


def clean_cjk_spacing(text: str) -> str:
    """Remove spaces between CJK characters and between CJK and digits/Latin letters,
    and collapse the remaining runs of spaces to one ASCII space.

    Used by both Chinese readers (PDF-extracted and clean/bilingual) so that the same
    sentence is stored identically whichever file it came from.
    """

    def repl(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        if start == 0 or end == len(text):
            return ""
        return "" if _removable(text[start - 1], text[end]) else " "

    return _SPACE_RUN.sub(repl, text)


def collapse_spaces(text: str) -> str:
    """Collapse horizontal whitespace runs to one space and strip the ends."""
    return _SPACE_RUN.sub(" ", text).strip()


_TRAILING_REFERENCE = re.compile(
    r"(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070-\u2079\u2460-\u2473※*])+$"
)


def strip_closers(text: str) -> str:
    """``text`` without trailing spaces, footnote references ("[1]", "①", "※"),
    closing quotes and brackets."""
    text = _TRAILING_REFERENCE.sub("", text.rstrip())
    return text.rstrip(CLOSERS + " ")


def ends_paragraph(text: str) -> bool:
    """True if ``text`` ends with punctuation that can end a paragraph.

    A line that does not is a line broken mid-sentence (or a heading).  Closing quotes
    and brackets are looked through: ``…变为现实。”`` ends, ``…（右）`` does not.
    """
    core = strip_closers(text)
    return bool(core) and core[-1] in _PARAGRAPH_FINAL


def looks_hard_wrapped(inner_lines: list[str], all_lines: list[str]) -> bool:
    """True if text keeps the line breaks of a printed page.

    ``inner_lines`` are the lines that another line of the same block follows.  In
    hard-wrapped text many of them run to the margin (are long) and stop
    mid-sentence; in one-paragraph-per-line text long lines end with punctuation,
    and the few that do not (captions, headings) are a small share of all lines.
    Widths are in columns so that Chinese and English are measured alike.
    """
    full = percentile([display_width(line) for line in all_lines], 0.9)
    long_lines = [line for line in inner_lines if display_width(line) >= 0.6 * full]
    broken = sum(1 for line in long_lines if not ends_paragraph(line))
    return broken >= 3 and broken >= 0.3 * len(inner_lines) and broken >= 0.5 * len(long_lines)


_PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:\d{1,4}|[ivxlc]{1,6})[-—–·\s]*$", re.IGNORECASE)


def is_page_number(line: str) -> bool:
    """A line holding nothing but a page number ("12", "- 12 -", "xii"), which PDF
    extraction leaves between the lines of a paragraph."""
    return bool(_PAGE_NUMBER.match(line))


def display_width(text: str) -> int:
    """Printed width: CJK and full-width characters count two columns.

    Line widths in PDF-extracted text are comparable only in columns: a line of
    Chinese with a few digits holds fewer characters than one without.
    """
    return sum(2 if is_cjk_or_wide(ch) else 1 for ch in text)


def percentile(values: list[float], q: float) -> float:
    """The ``q``-quantile (0..1) of ``values`` by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return float(ordered[index])


_INDENT = re.compile(r"^[^\S\n]+")


def leading_indent(line: str) -> int:
    """Width of the line's leading whitespace (ASCII, full-width, em spaces...)."""
    m = _INDENT.match(line)
    return display_width(m.group(0)) if m else 0


_MARKDOWN_BOLD = re.compile(r"\*\*")


def strip_markdown_bold(text: str) -> str:
    """Drop ``**`` emphasis markers left over from a markdown source."""
    return _MARKDOWN_BOLD.sub("", text)


# Control characters: C0 but tab and newline, DEL, and C1 (U+0080–U+009F, where
# U+009B is a terminal's CSI). ESC sequences among them clear screens, set window
# titles or hide text, so they must neither be stored nor reach a terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n?")


def drop_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters, and how many were dropped.

    Tab and newline are text; a carriage return (alone or before a newline) is a
    line break written another way, so it becomes a newline and is not counted."""
    text = _LINE_BREAKS.sub("\n", text)
    return _CONTROL.subn("", text)


def has_control(text: str) -> str | None:
    """The first control character of ``text`` (carriage returns included), if any:
    for refusing text a person typed rather than changing it behind their back."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def visible_controls(text: str) -> str:
    """``text`` safe for a terminal: each control character but tab and newline shown
    as its escape (``\\x1b``), as ``repr`` would, so that a person sees it is there
    and the terminal does not act on it."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def warn_dropped(source: object, dropped: int) -> None:
    """Tell the user that text read from ``source`` lost ``dropped`` control
    characters (nothing if none)."""
    if dropped:
        noun = "character" if dropped == 1 else "characters"
        log.warning(
            f"{source}: {dropped} control {noun} dropped "
            "(terminal escape sequences and the like are not text)"
        )


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _without_controls(value: Any) -> tuple[Any, int]:
    """``value`` (a string, or a record, list or dict holding strings) with the control
    characters dropped from every string in it, and how many were; records are
    changed in place. Text without any (nearly all of it) is only searched once."""
    if isinstance(value, str):
        return drop_controls(value) if _CONTROL.search(value) else (value, 0)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        dropped = 0
        for name in _field_names(type(value)):
            before = getattr(value, name)
            if before is None or isinstance(before, int | float):
                continue
            after, count = _without_controls(before)
            if after is not before:
                setattr(value, name, after)
            dropped += count
        return value, dropped
    if isinstance(value, list | tuple):
        pairs = [_without_controls(item) for item in value]
        dropped = sum(count for _item, count in pairs)
        if all(item is original for (item, _c), original in zip(pairs, value, strict=True)):
            return value, dropped  # nothing, or only records changed in place
        return type(value)(item for item, _count in pairs), dropped
    if isinstance(value, dict):
        if not any(isinstance(k, str) and _CONTROL.search(k) for k in value) and not any(
            not isinstance(v, int | float) for v in value.values()
        ):
            return value, 0
        entries = [(_without_controls(k), _without_controls(v)) for k, v in value.items()]
        cleaned = {key: item for (key, _kc), (item, _vc) in entries}
        return cleaned, sum(kc + vc for (_k, kc), (_v, vc) in entries)
    return value, 0


class ControlFreeLines:
    """A text stream read line by line (by iteration or ``readline``) with control
    characters dropped from each line, counted in ``dropped``. For files read as
    lines (CSV, tab-separated glossaries), scrubbing the text before it is parsed
    costs one search a line, where scrubbing the records parsed from it costs one a
    cell. The stream's line ends must be plain newlines (universal newlines)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.dropped = 0

    def _scrubbed(self, line: str) -> str:
        if _CONTROL.search(line) is None:
            return line
        line, count = drop_controls(line)
        self.dropped += count
        return line

    def readline(self, size: int = -1) -> str:
        return self._scrubbed(self._stream.readline(size))

    def __iter__(self) -> Iterator[str]:
        return map(self._scrubbed, self._stream)


def records_without_controls(records: Iterable[R], source: object) -> Iterator[R]:
    """The records of an imported file (dataclasses: terms, renderings, units) with
    control characters dropped from every text in them, so that none enters the
    termbase; once they are all read, a warning says how many were dropped from
    ``source``. One pass, one record at a time: a large import stays streamed."""
    dropped = 0
    for record in records:
        record, count = _without_controls(record)
        dropped += count
        yield record
    warn_dropped(source, dropped)
