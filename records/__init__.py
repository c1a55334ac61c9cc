"""Plain records that every part of the project shares: documents, paragraphs and
sentences, translation units, terms, renderings, decisions, and the views and queries
the review app and the command line show.

They are plain dataclasses and enums and import nothing of this project's own: the
language code (``glossary``), the file formats (``exports``) and the store
(``termbase``) all speak in them, so each can be used and tested without the others,
and only the store turns them into rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

# The longest text each field may hold: the lengths of the termbase's columns
# (``termbase.models`` declares its columns with these). PostgreSQL refuses a
# longer value outright (SQLite would store it), so an import checks these before
# anything is written, and names the file and row.
DOCUMENT_ID_CHARACTERS = 200
OUTLET_CHARACTERS = 300
METHOD_CHARACTERS = 40
PINYIN_CHARACTERS = 400
SUBJECT_FIELD_CHARACTERS = 200
RENDERING_CHARACTERS = 500
EDITOR_CHARACTERS = 120
# A term is held to 50 characters because its derived pinyin must fit too: up to 8
# characters a syllable in tone numbers ("zhuang4 ") into the pinyin column.
TERM_CHARACTERS = PINYIN_CHARACTERS // 8


class DocumentRole(StrEnum):
    ORIGINAL = "original"
    TRANSLATION = "translation"
    BILINGUAL = "bilingual"
    COMMENTARY = "commentary"


class TermStatus(StrEnum):
    CANDIDATE = "candidate"
    APPROVED = "approved"
    REJECTED = "rejected"


class RenderingStatus(StrEnum):
    CANDIDATE = "candidate"
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    REJECTED = "rejected"


# The statuses of a term or rendering nobody has decided on yet.
UNDECIDED = (TermStatus.CANDIDATE.value, RenderingStatus.CANDIDATE.value)


# The order renderings are listed in (term views, exports): preferred first, rejected last.
RENDERING_ORDER = {
    status.value: position
    for position, status in enumerate(
        [
            RenderingStatus.PREFERRED,
            RenderingStatus.ADMITTED,
            RenderingStatus.CANDIDATE,
            RenderingStatus.DEPRECATED,
            RenderingStatus.REJECTED,
        ]
    )
}


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


@dataclass(frozen=True)
class StoredSentence:
    segment_id: int
    text: str


@dataclass(frozen=True)
class StoredParagraph:
    id: int
    position: int
    language: str
    kind: str
    counterpart_id: int | None
    sentences: list[StoredSentence]


@dataclass
class UnitDraft:
    """A unit before it is stored: segment ids on each side (either may be empty for a
    sentence with no counterpart), the texts, and how sure the aligner was."""

    zh_segments: list[int]
    en_segments: list[int]
    zh_text: str
    en_text: str
    score: float
    method: str
    low_confidence: bool = False
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CandidateText:
    """One side of an aligned unit, as a memory search scans it."""

    unit_id: int
    text: str
    score: float


@dataclass(frozen=True)
class FoundUnit:
    """A unit a search kept, with the document it was aligned in."""

    id: int
    zh_text: str
    en_text: str
    score: float
    document_id: str
    document_title: str | None
    document_outlet: str | None


@dataclass(frozen=True)
class EnglishSentence:
    segment_id: int
    document_id: str
    text: str


@dataclass(frozen=True)
class AlignedUnit:
    id: int
    document_id: str
    zh: str
    en: str


@dataclass(frozen=True)
class StoredUnit:
    """A unit of one document's memory as stored, sentences left unaligned included."""

    id: int
    document_id: str
    zh_text: str
    en_text: str
    score: float
    method: str
    low_confidence: bool


@dataclass(frozen=True)
class TermDraft:
    """A term as extraction proposes it."""

    simplified: str
    traditional: str
    pinyin_marks: str
    pinyin_numbers: str
    pinyin_toneless: str
    pinyin_initials: str
    rank: int
    frequency: int


@dataclass(frozen=True)
class EvidenceDraft:
    """One occurrence of a term in a document: with the rendering found there, or
    ``rendering=None`` where the translation paraphrases the term away."""

    term: str
    document_id: str
    rendering: str | None = None
    unit_id: int | None = None
    segment_id: int | None = None
    count: int = 1
    context: str | None = None


@dataclass
class VariantView:
    """Another written form of a rendering (case, a leading article, the plural),
    with its own status and how often it occurs."""

    en: str
    status: str
    count: int


@dataclass
class RenderingView:
    """A rendering as editors see it: its head form's text, status and note, with the
    counts and contexts of all its variants together (``termbase.variants``)."""

    en: str
    status: str
    note: str | None
    documents: dict[str, int] = field(default_factory=dict)
    contexts: list[dict] = field(default_factory=list)
    variants: list[VariantView] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(self.documents.values())


@dataclass
class TermView:
    """A term with everything ``glossary show`` and the review app display."""

    id: int
    zh: str
    traditional: str | None
    pinyin: str | None
    pinyin_numbers: str | None
    status: str
    rank: int | None
    frequency: int
    definition: str | None
    note: str | None
    subject_field: str | None
    version: int
    renderings: list[RenderingView]
    paraphrased: dict[str, int]

    @property
    def documents(self) -> list[str]:
        """The documents with evidence for the term, rendered or paraphrased, sorted."""
        return sorted({d for r in self.renderings for d in r.documents} | set(self.paraphrased))

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "zh": self.zh,
            "traditional": self.traditional,
            "pinyin": self.pinyin,
            "pinyin_numbers": self.pinyin_numbers,
            "status": self.status,
            "rank": self.rank,
            "frequency": self.frequency,
            "definition": self.definition,
            "note": self.note,
            "subject_field": self.subject_field,
            "renderings": [asdict(r) for r in self.renderings],
            "paraphrased": self.paraphrased,
        }


class SortKey(StrEnum):
    RANK = "rank"  # while searching, exact matches first
    TERM = "term"
    PINYIN = "pinyin"
    RENDERINGS = "renderings"
    STATUS = "status"
    FREQUENCY = "frequency"


@dataclass(frozen=True)
class TermSearch:
    """What a typed query is looked for as; the caller decides (see ``tui.search``).

    ``pinyin`` is normalised (lower case, no tones, no spaces: "kejiqiangguo"), as
    ``glossary.pinyin.normalise_pinyin_query`` makes it."""

    chinese: tuple[str, ...] = ()
    pinyin: str | None = None
    english: str | None = None

    def __bool__(self) -> bool:
        return bool(self.chinese or self.pinyin or self.english)


@dataclass(frozen=True)
class TermQuery:
    """Which terms the list shows, and in what order."""

    search: TermSearch = TermSearch()
    status: str | None = None
    document: str | None = None
    sort: SortKey = SortKey.RANK
    descending: bool = False


@dataclass(frozen=True)
class TermRow:
    """One line of the term list. ``rendering`` is the preferred rendering, or where
    none is preferred yet (``decided`` false) the competing one attested most often."""

    id: int
    simplified: str
    pinyin: str | None
    rendering: str | None
    decided: bool
    competing: int
    status: str
    frequency: int
    rank: int | None
    version: int


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    title: str | None
    role: str
    official: bool


@dataclass(frozen=True)
class DocumentMeta:
    """A document's description: what a manifest entry or ``glossary ingest`` says of
    a file, and what the termbase keeps of it. The one description every stage
    passes along (the manifest, the reader, the store, the aligner)."""

    id: str
    language: str  # a language tag: "zh-Hans", "en" …
    role: str  # a DocumentRole value
    # the version of the file read (``glossary.ingest.content_hash``); None until it is
    content_hash: str | None = None
    title: str | None = None
    translation_of: str | None = None  # the id of the original a translation translates
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    official: bool = False
    source_path: str | None = None  # the file it is read from
    encoding: str | None = None  # decode with this instead of detecting; not stored


class SaveResult(StrEnum):
    """What storing a document did."""

    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"  # the termbase held this very version already


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC: everything stored is UTC, and SQLite hands it back naive.
    Here because the store reads dates out and the formats write them, and neither
    may import the other."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
