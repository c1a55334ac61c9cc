"""Plain records of what the termbase exchanges with other tools.

Exports read terms and translation units out of the termbase as these records and
imports merge them back in; the file formats in ``exports/`` only ever see records,
never the ORM, so a format can be tested and benchmarked without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from termbase.models import Document, Rendering, ReviewLogEntry, Term, TranslationUnit

# The longest text each field may bring into the termbase: the length of the column
# it goes to. PostgreSQL refuses a longer value outright (SQLite would store it), so
# an import checks these before anything is written, and names the file and row.
# A term is held to 50 characters because its derived pinyin must fit too: up to 8
# characters a syllable in tone numbers ("zhuang4 ") into 400.
TERM_CHARACTERS = Term.pinyin_numbers.type.length // 8
RENDERING_CHARACTERS = Rendering.text.type.length
SUBJECT_FIELD_CHARACTERS = Term.subject_field.type.length
PINYIN_CHARACTERS = Term.pinyin_marks.type.length
EDITOR_CHARACTERS = ReviewLogEntry.editor.type.length
DOCUMENT_ID_CHARACTERS = Document.id.type.length
OUTLET_CHARACTERS = Document.outlet.type.length
METHOD_CHARACTERS = TranslationUnit.method.type.length


@dataclass(slots=True)
class Decision:
    """Who gave a term or rendering its current status, and when (UTC)."""

    editor: str
    at: datetime


@dataclass(slots=True)
class RenderingRecord:
    """One English rendering of a term."""

    text: str
    status: str = "candidate"  # a termbase.models.RenderingStatus value
    note: str | None = None
    context: str | None = None  # a sentence where the rendering occurs
    sources: dict[str, int] = field(default_factory=dict)  # document id -> occurrences
    decided: Decision | None = None


@dataclass(slots=True)
class TermRecord:
    """One Chinese term (one concept entry in TBX, one row in CSV)."""

    simplified: str
    traditional: str | None = None
    pinyin: str | None = None  # tone marks, GB/T 16159 word joining
    status: str = "candidate"  # a termbase.models.TermStatus value
    subject_field: str | None = None
    definition: str | None = None
    note: str | None = None
    decided: Decision | None = None
    renderings: list[RenderingRecord] = field(default_factory=list)
    # Occurrences of the term per document, not tied to one rendering: what a file
    # that counts by term (the CSV) says. An import files them under the first
    # rendering, for documents where the termbase has no evidence of the term yet.
    sources: dict[str, int] = field(default_factory=dict)
    origin: str | None = field(default=None, compare=False)  # "line 7": for messages


@dataclass(slots=True)
class UnitRecord:
    """One Chinese–English translation unit of the memory."""

    zh: str
    en: str
    document: str  # the document the English comes from
    original: str | None = None  # the Chinese original's document id, where known
    outlet: str | None = None
    score: float = 0.0
    method: str = "import"
    created: datetime | None = None
    origin: str | None = field(default=None, compare=False)  # "unit 7": for messages
