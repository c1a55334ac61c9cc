"""Plain records of what the termbase exchanges with other tools.

Exports read terms and translation units out of the termbase as these records and
imports merge them back in; the file formats in ``exports/`` only ever see records,
never the ORM, so a format can be tested and benchmarked without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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
