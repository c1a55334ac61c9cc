"""Rebuild the paragraphs of a Chinese text, whether clean or extracted from a PDF.

Text copied out of a PDF keeps the page's line breaks: sentences are cut wherever
the column ended, blank lines may separate every line, indentation (ASCII, em or
ideographic spaces) is the only sign of a new paragraph, the extractor adds spaces
around numbers and Latin tokens (``2024 年 6 月``), footnote marks (※) stick to
words, and photo captions sit between (or even inside) paragraphs of the speech.
Terms and alignments drawn from such text would be wrong, so the layout is undone
here.  The same reader accepts clean text (one paragraph per line) and works out
which of the two it was given, because manifests describe documents, not layouts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from glossary.documents import ParagraphKind, ParsedParagraph
from glossary.sentences import split_chinese_sentences
from glossary.textutils import (
    clean_cjk_spacing,
    display_width,
    ends_paragraph,
    is_page_number,
    leading_indent,
    looks_hard_wrapped,
    percentile,
)

__all__ = ["chinese_footnote_text", "is_chinese_caption", "make_chinese_paragraph", "read_chinese"]

# ---------------------------------------------------------------------------------
# captions, footnotes, headings
# ---------------------------------------------------------------------------------

_HAN = r"\u3400-\u9fff"
_NAME = rf"[{_HAN}A-Za-z·•][{_HAN}A-Za-z·•\s]{{0,14}}?"
_REPORTER = r"(?:记者|通讯员|摄影记者|摄影师|摄影)"
_CLOSE = r"\s*[)）]?\s*$"
# Strong credits are recognisable even when more text follows on the next line: a
# slash or a space before 摄 ("姚大伟/摄", "张三 摄"), or a bracketed credit.
_STRONG_CREDIT = re.compile(
    rf"(?:[/／]\s*摄(?:影)?|\S[^\S\n]+摄(?:影)?){_CLOSE}"
    rf"|[（(][^（）()]{{0,40}}?(?:摄(?:影)?|供图|社发|图片来源[:：][^（）()]{{1,20}})\s*[)）]\s*$"
)
# Weaker credits are accepted only where a paragraph ends anyway.
_WEAK_CREDIT = re.compile(
    rf"(?:[{_HAN}]{{0,12}}{_REPORTER}\s*{_NAME}\s*摄(?:影)?"
    rf"|[{_HAN}]{{2,8}}(?:社|网|报)发(?:\s*{_NAME}\s*摄(?:影)?)?"
    rf"|[{_HAN}A-Za-z]{{2,12}}供图"
    rf"|图片来源[:：][^。！？]{{1,30}}"
    rf"|图\s*[/／]\s*[^。！？\s]{{1,20}}"
    rf"|资料图片){_CLOSE}"
)
_SENTENCE_END = re.compile(r"[。！？!?]")


def is_chinese_caption(raw: str, strong_only: bool = False) -> bool:
    """True if ``raw`` (a paragraph, spaces as in the source) ends with a photo credit
    such as ``新华社记者 姚大伟/摄``, ``（张三 摄）``, ``新华社发``, ``视觉中国供图``.

    Only the text after the last sentence end is examined (at most 60 characters),
    so a body paragraph that merely mentions 摄影 is not a caption.  Spaces must be as
    in the source: "张三 摄" is a credit, "拍摄" is not.
    """
    ends = list(_SENTENCE_END.finditer(raw))
    tail = (raw[ends[-1].end() :] if ends else raw).rstrip()[-60:]
    if _STRONG_CREDIT.search(tail):
        return True
    return not strong_only and bool(_WEAK_CREDIT.search(tail))


# Footnote marks.  ※ and * mark footnotes wherever they appear; circled numbers,
# [n]/〔n〕 and 注： only in the run of paragraphs that ends a document (elsewhere ①②
# usually enumerate list items), and then their references in the text go too.
_ALWAYS_MARKS = "※＊*"
_ALWAYS_START = re.compile(rf"^\s*[{_ALWAYS_MARKS}]+\s*")
_NUMBERED_START = re.compile(
    r"^\s*([\u2460-\u2473\u3251-\u325F]|[\[〔［]\d{1,3}[\]〕］]|注[:：])\s*"
)


def chinese_footnote_text(raw: str) -> str | None:
    """The text of a footnote marked with ※ or *, or None if ``raw`` is not one."""
    m = _ALWAYS_START.match(raw)
    return raw[m.end() :] if m else None


def _remove_marks(text: str, numbered_marks: set[str]) -> str:
    text = re.sub(rf"[{_ALWAYS_MARKS}]", "", text)
    for mark in numbered_marks:
        text = text.replace(mark, "")
    return text


def _looks_like_heading(text: str, max_width: float) -> bool:
    """A short line without final punctuation: title, byline or section heading."""
    return bool(text) and display_width(text) <= max_width and not ends_paragraph(text)


def _is_front_matter(text: str, max_width: float) -> bool:
    """A title or byline line: heading-like and not a photo caption."""
    return _looks_like_heading(text, max_width) and not is_chinese_caption(text)


# Enumerated lead sentences ("第一，…。", "一、…。", "（一）…。") open the sections of
# speeches and reports; the print edition sets them in bold as the heading of what
# follows and translations give them a line of their own, so they become headings.
_ENUMERATED_LEAD = re.compile(
    r"^(?:第[一二三四五六七八九十]{1,3}[，、,]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
)
_MAX_LEAD_LENGTH = 60


def split_enumerated_lead(paragraph: ParsedParagraph) -> list[ParsedParagraph]:
    """Split a body paragraph's enumerated lead sentence off as a heading."""
    sentences = paragraph.sentences
    if (
        paragraph.kind is not ParagraphKind.BODY
        or len(sentences) < 2
        or not _ENUMERATED_LEAD.match(sentences[0])
        or len(sentences[0]) > _MAX_LEAD_LENGTH
    ):
        return [paragraph]
    rest = "".join(sentences[1:])
    return [
        ParsedParagraph("zh", ParagraphKind.HEADING, sentences[0], [sentences[0]]),
        ParsedParagraph("zh", ParagraphKind.BODY, rest, list(sentences[1:])),
    ]


def make_chinese_paragraph(text: str, kind: ParagraphKind) -> ParsedParagraph:
    """A Chinese paragraph with stray spaces removed and sentences split.

    Shared with the bilingual reader so that clean and PDF-derived Chinese paragraphs
    are normalised the same way.
    """
    cleaned = clean_cjk_spacing(text.strip())
    return ParsedParagraph(
        language="zh", kind=kind, text=cleaned, sentences=split_chinese_sentences(cleaned)
    )


# ---------------------------------------------------------------------------------
# layout detection and paragraph assembly
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    text: str  # without indentation and trailing spaces
    indented: bool
    blank_before: bool

    @property
    def width(self) -> int:
        return display_width(self.text)


# In clean text a heading is at most about 40 Chinese characters wide.
_CLEAN_HEADING_WIDTH = 80.0


class _Boundary(Enum):
    """What marks a new paragraph in wrapped text."""

    INDENT = "indent"  # an indented line
    BLANK = "blank"  # a blank line (when blank lines do not separate every line)
    SHORT_LINE = "short-line"  # the previous line ended a sentence well short of the margin


@dataclass
class _Block:
    parts: list[str]
    kind: ParagraphKind | None = None  # None: not settled yet (body unless found otherwise)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = False
    for raw in text.split("\n"):
        if not raw.strip():
            blank = True
            continue
        out.append(_Line(raw.strip(), leading_indent(raw) > 0, blank))
        blank = False
    return out


def _full_width(lines: list[_Line]) -> float:
    """The column width of a full line (90th percentile of line widths)."""
    return percentile([ln.width for ln in lines], 0.9)


def _boundary_kind(lines: list[_Line]) -> _Boundary:
    indented = sum(1 for ln in lines if ln.indented)
    if indented >= 2 and indented < 0.8 * len(lines):
        return _Boundary.INDENT
    gaps = sum(1 for ln in lines[1:] if ln.blank_before)
    if 0 < gaps < 0.5 * (len(lines) - 1):
        return _Boundary.BLANK
    return _Boundary.SHORT_LINE


def _join(parts: list[str]) -> str:
    """Join wrapped lines: no space, except between two Latin/digit tokens."""
    out = parts[0] if parts else ""
    for part in parts[1:]:
        if (
            out
            and part
            and out[-1].isascii()
            and out[-1].isalnum()
            and part[0].isascii()
            and part[0].isalnum()
        ):
            out += " " + part
        else:
            out += part
    return out


class _Assembler:
    """Groups the lines of wrapped text into blocks (paragraphs with a tentative kind)."""

    def __init__(self, lines: list[_Line], boundary: _Boundary, full: float) -> None:
        self.lines = lines
        self.boundary = boundary
        self.full = full
        self.blocks: list[_Block] = []
        self.open: int | None = None

    def _starts_paragraph(self, i: int) -> bool:
        line = self.lines[i]
        prev = self.lines[i - 1] if i > 0 else None
        if prev is None or _ALWAYS_START.match(line.text):
            return True  # a footnote starts a paragraph in any layout
        if self.boundary is _Boundary.INDENT:
            return line.indented or self._is_heading_line(i)
        if self.boundary is _Boundary.BLANK:
            # a blank line after a full line that stops mid-sentence is a page break
            page_break = prev.width >= 0.85 * self.full and not ends_paragraph(prev.text)
            return line.blank_before and not page_break
        short = prev.width < 0.85 * self.full
        return short and (ends_paragraph(prev.text) or prev.width < 0.6 * self.full)

    def _is_heading_line(self, i: int) -> bool:
        """An un-indented short line standing between finished paragraphs."""
        line, prev = self.lines[i], self.lines[i - 1]
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return (
            _looks_like_heading(line.text, 0.6 * self.full)
            and ends_paragraph(prev.text)
            and (nxt is None or nxt.indented)
        )

    def _front_matter(self) -> int:
        """Leading short lines before the first paragraph: title, then byline etc."""
        i = 0
        while i < len(self.lines) - 1:
            line = self.lines[i]
            if self.boundary is _Boundary.INDENT:
                if line.indented or line.width >= 0.8 * self.full or is_chinese_caption(line.text):
                    break
            elif not _is_front_matter(line.text, 0.6 * self.full):
                break
            kind = ParagraphKind.TITLE if i == 0 else ParagraphKind.HEADING
            self.blocks.append(_Block([line.text], kind))
            i += 1
        return i

    def run(self) -> list[_Block]:
        start = self._front_matter()
        for i in range(start, len(self.lines)):
            if self.open is None or i == start or self._starts_paragraph(i):
                self.blocks.append(_Block([], None))
                self.open = len(self.blocks) - 1
            self.blocks[self.open].parts.append(self.lines[i].text)
            self._close_if_caption(i)
        return self.blocks

    def _close_if_caption(self, i: int) -> None:
        """Close the open block as a caption once it ends with a photo credit.

        A caption can be set in the middle of a paragraph; the paragraph then goes on
        after it (the next line is not a paragraph start), so the body block before
        the caption is reopened.  Mid-paragraph, only unmistakable credits count.
        """
        assert self.open is not None
        index = self.open
        block = self.blocks[index]
        at_break = i + 1 == len(self.lines) or self._starts_paragraph(i + 1)
        if block.kind is not None or not is_chinese_caption(
            _join(block.parts), strong_only=not at_break
        ):
            return
        block.kind = ParagraphKind.CAPTION
        self.open = None
        for j in range(index - 1, -1, -1):
            prior = self.blocks[j]
            if prior.kind is ParagraphKind.CAPTION:
                continue  # two captions in a row: look further back
            if prior.kind is None and not ends_paragraph(_join(prior.parts)):
                self.open = j  # the interrupted paragraph continues after the caption
            break


def _clean_blocks(lines: list[_Line], heading_width: float) -> list[_Block]:
    """Clean text: every non-blank line is a paragraph; leading heading-like lines
    are the title and byline."""
    blocks: list[_Block] = []
    front = True
    for i, line in enumerate(lines):
        kind: ParagraphKind | None = None
        front = front and i < len(lines) - 1 and _is_front_matter(line.text, heading_width)
        if front:
            kind = ParagraphKind.TITLE if i == 0 else ParagraphKind.HEADING
        blocks.append(_Block([line.text], kind))
    return blocks


def _trailing_numbered_notes(raws: list[str]) -> dict[int, re.Match[str]]:
    """Blocks at the end of the document that start with ①, [1], 注： etc."""
    notes: dict[int, re.Match[str]] = {}
    for index in range(len(raws) - 1, -1, -1):
        m = _NUMBERED_START.match(raws[index])
        if not m:
            break
        notes[index] = m
    return notes


def _finish(blocks: list[_Block], heading_width: float) -> list[ParsedParagraph]:
    """Decide the remaining kinds, remove marks, clean spacing, split sentences."""
    raws = [_join(b.parts) for b in blocks]
    notes = _trailing_numbered_notes(raws)
    numbered = {m.group(1) for m in notes.values() if not m.group(1).startswith("注")}

    paragraphs: list[ParsedParagraph] = []
    for index, (block, raw) in enumerate(zip(blocks, raws, strict=False)):
        kind = block.kind
        if kind is None:
            starred = chinese_footnote_text(raw)
            if starred is not None:
                kind, raw = ParagraphKind.FOOTNOTE, starred
            elif index in notes:
                kind, raw = ParagraphKind.FOOTNOTE, raw[notes[index].end() :]
            elif is_chinese_caption(raw):
                kind = ParagraphKind.CAPTION
            elif _looks_like_heading(raw, heading_width):
                kind = ParagraphKind.HEADING
        text = clean_cjk_spacing(_remove_marks(raw, numbered)).strip()
        if text:
            paragraphs += split_enumerated_lead(
                make_chinese_paragraph(text, kind or ParagraphKind.BODY)
            )
    return paragraphs


def read_chinese(text: str) -> list[ParsedParagraph]:
    """Paragraphs of a Chinese text in reading order, layout detected from the text.

    Wrapped (PDF-extracted) text is reassembled into paragraphs; clean text is read
    one paragraph per line.  Captions, footnotes, the title and headings get their
    kinds; footnote marks and artificial spaces are removed.
    """
    lines = _lines(text)
    if not lines:
        return []
    full = _full_width(lines)
    if looks_hard_wrapped([ln.text for ln in lines[:-1]], [ln.text for ln in lines]):
        lines = [ln for ln in lines if not is_page_number(ln.text)]
        blocks = _Assembler(lines, _boundary_kind(lines), full).run()
        heading_width = 0.6 * full
    else:
        heading_width = _CLEAN_HEADING_WIDTH
        blocks = _clean_blocks(lines, heading_width)
    return _finish(blocks, heading_width)
