"""The shape of a document once read: paragraphs with their sentences.

Readers (plain text, PDF-extracted Chinese, interleaved bilingual text) all produce
this one structure, and the termbase stores it as it is, so everything downstream
(alignment, term extraction) sees the same thing whichever layout a file had.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ParagraphKind(StrEnum):
    """What a paragraph is for, so that aligners keep captions with captions and
    commentary out of the translation."""

    TITLE = "title"  # the document's title line
    HEADING = "heading"  # byline, section heading, other short non-sentence lines
    BODY = "body"  # the running text
    CAPTION = "caption"  # photo caption, kept out of the body's flow
    FOOTNOTE = "footnote"  # footnote or endnote text (its mark removed)
    COMMENTARY = "commentary"  # an outlet's own text around a translation


@dataclass
class ParsedParagraph:
    """One paragraph in one language.

    ``counterpart`` is, in an interleaved bilingual document, the index (in the same
    ``ParsedDocument.paragraphs`` list) of the paragraph this one translates or is
    translated by; ``None`` elsewhere.
    """

    language: str  # primary subtag: "zh" or "en"
    kind: ParagraphKind
    text: str
    sentences: list[str] = field(default_factory=list)
    counterpart: int | None = None


@dataclass
class ParsedDocument:
    """All paragraphs of one document, in reading order."""

    paragraphs: list[ParsedParagraph]

    def languages(self) -> set[str]:
        return {p.language for p in self.paragraphs}
