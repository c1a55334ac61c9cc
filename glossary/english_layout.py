"""Paragraphs of an English text: body, title, headings, captions and notes.

English sources come as one paragraph per line (web copies) or hard-wrapped with
blank lines between paragraphs (e-mail, text exports).  Beyond rebuilding the
paragraphs, the reader sorts out what is not running text: a title printed twice,
bylines and section headings, photo captions (which translations move around and
must not be aligned with the body) and footnotes, whose marks are removed.
"""

from __future__ import annotations

import re

from glossary.documents import ParagraphKind, ParsedParagraph
from glossary.sentences import split_english_sentences
from glossary.textutils import (
    collapse_spaces,
    ends_paragraph,
    is_page_number,
    leading_indent,
    looks_hard_wrapped,
    percentile,
)

__all__ = [
    "english_footnote_text",
    "is_english_caption",
    "looks_like_english_heading",
    "make_english_paragraph",
    "read_english",
]

# ---------------------------------------------------------------------------------
# kinds
# ---------------------------------------------------------------------------------

# A photo credit at the end of a caption ("... PHOTO BY XINHUA REPORTER YAO DAWEI",
# "... (Xinhua/Li Xueren)", "... Photo: VCG") or a "Photo:" label at its start.
_CREDIT_END = re.compile(
    r"(?:\bPHOTOS?\s+BY\b|\bPhotos?\s+by\b|\bPhoto(?:graph)?s?\s*(?:credit)?\s*[:/]|\bCredit\s*:)"
    r"[^.!?]{1,80}\.?\s*$"
    r"|\((?:[^()]*\w\s*/\s*\w[^()]*|(?:Photo|Photograph|Image|Picture)\b[^()]*|Xinhua|Reuters|AFP|AP|VCG|IC)\)\s*$"
)
_CREDIT_START = re.compile(r"^(?:PHOTO|Photo|Photograph|Image|Pictured)\s*(?:credit)?\s*:")


def is_english_caption(text: str) -> bool:
    """True if ``text`` carries a photo credit where captions put one."""
    return bool(_CREDIT_END.search(text) or _CREDIT_START.match(text))


# Footnote marks at the start of a paragraph; "**" is markdown bold, not a mark.
_FOOTNOTE_START = re.compile(r"^\s*(?:\*(?!\*)|※|†|‡|\[(\d{1,3})\])\s*")


def english_footnote_text(text: str) -> str | None:
    """The note's text without its mark if ``text`` is a footnote, else None."""
    m = _FOOTNOTE_START.match(text)
    return text[m.end() :] if m else None


_HEADING_MAX_WORDS = 40


def looks_like_english_heading(text: str) -> bool:
    """A line that is not a sentence: no final punctuation (a trailing comma, as in
    "Distinguished Academicians, Comrades, and Friends," is sentence-like), at most
    40 words and a single sentence — bylines, section headings, source notes."""
    stripped = text.strip()
    if not stripped or ends_paragraph(stripped) or stripped.endswith(","):
        return False
    return (
        len(stripped.split()) <= _HEADING_MAX_WORDS and len(split_english_sentences(stripped)) == 1
    )


def make_english_paragraph(text: str, kind: ParagraphKind) -> ParsedParagraph:
    """An English paragraph with whitespace collapsed and sentences split."""
    cleaned = collapse_spaces(text)
    return ParsedParagraph(
        language="en", kind=kind, text=cleaned, sentences=split_english_sentences(cleaned)
    )


# ---------------------------------------------------------------------------------
# layout
# ---------------------------------------------------------------------------------

_ITEM_START = re.compile(r"^(?:[•▪◦●■·–\-*]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)")


def _join_wrapped(lines: list[str]) -> str:
    """Join wrapped lines with spaces; a line-final hyphen joins without one."""
    out = lines[0]
    for line in lines[1:]:
        if re.search(r"[A-Za-z]-$", out) and line[:1].islower():
            out += line
        else:
            out += " " + line
    return out


def _split_block(
    block: list[str], indents: list[int], use_indent: bool, full: float, split_short: bool
) -> list[str]:
    """Paragraphs of one blank-line-delimited block of wrapped text."""
    paragraphs: list[list[str]] = []
    for i, line in enumerate(block):
        prev = block[i - 1] if i else None
        new = (
            prev is None
            or bool(_ITEM_START.match(line))
            or (use_indent and indents[i] > 0)
            or (split_short and ends_paragraph(prev) and len(prev) < 0.85 * full)
        )
        if new:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return [_join_wrapped(p) for p in paragraphs]


def _mend_page_breaks(
    blocks: list[list[str]], indents: list[list[int]]
) -> tuple[list[list[str]], list[list[int]]]:
    """Drop page-number lines and rejoin a paragraph split by a page break: a block
    that stops mid-sentence followed by one that starts in lower case."""
    out_blocks: list[list[str]] = []
    out_indents: list[list[int]] = []
    for block, block_indents in zip(blocks, indents, strict=False):
        kept = [
            (line, ind)
            for line, ind in zip(block, block_indents, strict=False)
            if not is_page_number(line)
        ]
        if not kept:
            continue
        lines, inds = [line for line, _ in kept], [ind for _, ind in kept]
        if out_blocks and not ends_paragraph(out_blocks[-1][-1]) and lines[0][:1].islower():
            out_blocks[-1].extend(lines)
            out_indents[-1].extend(inds)
        else:
            out_blocks.append(lines)
            out_indents.append(inds)
    return out_blocks, out_indents


def _paragraph_texts(text: str) -> list[str]:
    """Raw paragraph texts, one per line or rebuilt from wrapped lines."""
    blocks: list[list[str]] = []
    indents: list[list[int]] = []
    current: list[str] = []
    current_indents: list[int] = []
    for raw in [*text.split("\n"), ""]:
        if raw.strip():
            current.append(raw.strip())
            current_indents.append(leading_indent(raw))
        elif current:
            blocks.append(current)
            indents.append(current_indents)
            current, current_indents = [], []
    if not looks_hard_wrapped(
        [line for block in blocks for line in block[:-1]],
        [line for block in blocks for line in block],
    ):
        return [line for block in blocks for line in block]

    blocks, indents = _mend_page_breaks(blocks, indents)
    all_indents = [i for block in indents for i in block]
    indented = sum(1 for i in all_indents if i > 0)
    use_indent = 2 <= indented < 0.8 * len(all_indents)
    full = percentile([len(line) for block in blocks for line in block], 0.9)
    split_short = len(blocks) == 1 and not use_indent  # no blank lines: ends of lines decide
    out: list[str] = []
    for block, block_indents in zip(blocks, indents, strict=False):
        out.extend(_split_block(block, block_indents, use_indent, full, split_short))
    return out


def _collapse_repeated_title(texts: list[str]) -> list[str]:
    """Drop consecutive repeats of the first line (a title printed twice)."""

    def key(line: str) -> str:
        return collapse_spaces(line).casefold()

    while len(texts) >= 2 and key(texts[0]) == key(texts[1]):
        texts = texts[:1] + texts[2:]
    return texts


def _remove_reference_marks(text: str, numbers: set[str], star: bool) -> str:
    """Remove in-text references to footnotes that the document actually has."""
    if numbers:
        text = re.sub(r"\[(\d{1,3})\]", lambda m: "" if m.group(1) in numbers else m.group(0), text)
    if star:
        text = re.sub(r"(?<=[\w.,;:!?’”\"')])[*※]+(?=\s|$)", "", text)
    return text


def read_english(text: str) -> list[ParsedParagraph]:
    """Paragraphs of an English text in reading order, with kinds and sentences.

    The first paragraph is the title; footnotes (``*``, ``※``, ``[1]`` ...) lose their
    marks, and so do the references to them in the text.
    """
    texts = _collapse_repeated_title(_paragraph_texts(text))
    notes = [english_footnote_text(t) for t in texts]
    marks = [_FOOTNOTE_START.match(t) for t in texts]
    numbers = {m.group(1) for m in marks if m and m.group(1)}
    star = any(m and not m.group(1) for m in marks)

    paragraphs: list[ParsedParagraph] = []
    for index, (raw, note) in enumerate(zip(texts, notes, strict=False)):
        if note is not None:
            kind, body = ParagraphKind.FOOTNOTE, note
        else:
            body = _remove_reference_marks(raw, numbers, star)
            if index == 0:
                kind = ParagraphKind.TITLE
            elif is_english_caption(body):
                kind = ParagraphKind.CAPTION
            elif looks_like_english_heading(body):
                kind = ParagraphKind.HEADING
            else:
                kind = ParagraphKind.BODY
        if body.strip():
            paragraphs.append(make_english_paragraph(body, kind))
    return paragraphs
