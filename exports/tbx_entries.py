"""What TBX v3 (``exports.tbx_basic``) and TBX v2 (``exports.tbx_martif``) share.

The two versions differ in their roots, headers and three element names (concept
entry, language section, term section); everything inside an entry, the data
categories and how their values are spelt, is the same. So one writer renders an
entry and one reader takes an entry apart, each given the flavour's ``Layout``. The
mapping itself is described in ``exports.tbx``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from xml.etree.ElementTree import Element

from exports.xmltext import FORBIDDEN, XML_LANG, escape_text, normalise_language
from records import Decision, RenderingRecord, RenderingStatus, TermRecord, TermStatus, as_utc

TBX_NS = "urn:iso:std:iso:30042:ed-2"
PINYIN_LANG = "zh-Latn-pinyin"  # BCP 47: Chinese in Latin script, Hanyu Pinyin
INDENT = "  "

# Statuses as TBX's administrativeStatus values. TBX has no "forbidden": a rejected
# rendering is deprecated, which reads back as deprecated (lossy, but idempotent).
TERM_STATUS: dict[str, str] = {
    TermStatus.APPROVED: "preferredTerm-admn-sts",
    TermStatus.REJECTED: "deprecatedTerm-admn-sts",
}
RENDERING_STATUS: dict[str, str] = {
    RenderingStatus.PREFERRED: "preferredTerm-admn-sts",
    RenderingStatus.ADMITTED: "admittedTerm-admn-sts",
    RenderingStatus.DEPRECATED: "deprecatedTerm-admn-sts",
    RenderingStatus.REJECTED: "deprecatedTerm-admn-sts",
}
# Reading: administrativeStatus values (and the bare words some tools write), reduced
# by ``_status_key``. TBX v2's default XCS also has standardized, legal and regulated
# terms: for a termbase those are as binding as preferred ones.
_READ_RENDERING_STATUS = {
    "preferred": RenderingStatus.PREFERRED,
    "standardized": RenderingStatus.PREFERRED,
    "legal": RenderingStatus.PREFERRED,
    "regulated": RenderingStatus.PREFERRED,
    "admitted": RenderingStatus.ADMITTED,
    "deprecated": RenderingStatus.DEPRECATED,
    "superseded": RenderingStatus.DEPRECATED,
}
_READ_TERM_STATUS = {
    RenderingStatus.PREFERRED: TermStatus.APPROVED,
    RenderingStatus.ADMITTED: TermStatus.APPROVED,
    RenderingStatus.DEPRECATED: TermStatus.REJECTED,
}
_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})


class TbxError(ValueError):
    """A TBX file this program cannot read or write; the message names the file."""


@dataclass(frozen=True, slots=True)
class Layout:
    """One flavour, as data: the names of an entry's three levels, the root and
    header around the entries, and the roots the reader takes for it. The versions
    differ in nothing else, so one method renders either's start and one property
    its end, and a flavour cannot have a footer that does not close its root."""

    entry: str  # conceptEntry | termEntry
    language: str  # langSec | langSet
    term: str  # termSec | tig
    root: str  # tbx | martif
    root_attributes: tuple[tuple[str, str], ...]  # in the order written
    prolog: str  # what comes between the XML declaration and the root
    header: str  # tbxHeader | martifHeader
    roots: frozenset[str]  # root tags the reader accepts, namespaced or not
    header_extra: str = ""  # lines after the <fileDesc>, inside the header

    def start(self, title: str, zh: str, en: str, created: datetime | None) -> str:
        """Everything before the first entry; _Unwritable for a title XML cannot carry."""
        attributes = "".join(f' {name}="{value}"' for name, value in self.root_attributes)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            + self.prolog
            + f"<{self.root}{attributes}>\n"
            + f"{INDENT}<{self.header}>\n"
            + file_description(title, zh, en, created)
            + self.header_extra
            + f"{INDENT}</{self.header}>\n"
            + f"{INDENT}<text>\n"
            + f"{INDENT * 2}<body>\n"
        )

    @property
    def footer(self) -> str:
        """Everything after the last entry."""
        return f"{INDENT * 2}</body>\n{INDENT}</text>\n</{self.root}>\n"


# --------------------------------------------------------------------------------
# Language tags, dates, ids
# --------------------------------------------------------------------------------


def _language(tag: str) -> str:
    """A language section's tag in one spelling, or "" where it is no tag at all:
    such a section is in no language this reader looks for."""
    try:
        return normalise_language(tag)
    except ValueError:
        return ""


def language_parameter(tag: str, primary: str, label: str, what: str) -> str:
    """A writer's language argument, normalised; it must be a tag of ``primary``
    because the reader finds the Chinese and the English side by primary subtag."""
    normal = normalise_language(tag)
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", normal) or (
        normal.split("-")[0] != primary
    ):
        raise TbxError(f"{label}: {what} {tag!r} is not a language tag starting with {primary!r}")
    return normal


@lru_cache(maxsize=256)  # a file has a handful of language tags, met on every entry
def _chinese_kind(tag: str) -> str | None:
    """Which Chinese a language section holds: "latn" (romanised: pinyin), "hant"
    (traditional script), "main" (simplified or unspecified), None if not Chinese."""
    subtags = _language(tag).split("-")
    if subtags[0] != "zh":
        return None
    script = next((s for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    if script == "Latn":
        return "latn"
    if script == "Hant" or (script is None and _TRADITIONAL_REGIONS & set(subtags[1:])):
        return "hant"
    return "main"


@lru_cache(maxsize=256)
def _is_english(tag: str) -> bool:
    return _language(tag).split("-")[0] == "en"


def format_timestamp(moment: datetime) -> str:
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


_DATE = re.compile(r"(\d{4}-\d\d-\d\d)(?:Z|[+-]\d\d:\d\d)?")


@lru_cache(maxsize=4096)  # decisions fall on a few days each
def parse_date(text: str) -> datetime:
    """A ``<date>``: TBX wants an ISO 8601 date (xs:date, perhaps with a zone);
    tools also write full timestamps. ValueError for anything else."""
    text = text.strip()
    match = _DATE.fullmatch(text)
    if match:
        return datetime.fromisoformat(match.group(1)).replace(tzinfo=UTC)
    return as_utc(datetime.fromisoformat(text))


def entry_id(simplified: str, seen: set[str]) -> str:
    """An id derived from the term, so that adding or removing one term changes
    only its own entry in a diff; terms met twice get -2, -3, … in file order."""
    base = "c" + hashlib.blake2b(simplified.encode(), digest_size=8).hexdigest()
    candidate, n = base, 1
    while candidate in seen:
        n += 1
        candidate = f"{base}-{n}"
    seen.add(candidate)
    return candidate


# --------------------------------------------------------------------------------
# Writing one entry
# --------------------------------------------------------------------------------


class _Unwritable(ValueError):
    """A value XML 1.0 cannot carry; the entry writer adds where it was."""


def escape(text: str, what: str) -> str:
    """Character data, escaped; ``what`` names the field for the error message.
    A raw carriage return is written as a reference, which parsers keep."""
    bad = FORBIDDEN.search(text)
    if bad:
        raise _Unwritable(
            f"the {what} contains U+{ord(bad.group()):04X}, which XML 1.0 cannot carry"
        )
    return escape_text(text)


def file_description(title: str, zh: str, en: str, created: datetime | None) -> str:
    """The ``<fileDesc>`` both versions share. Without ``created`` it carries no
    date, so that writing the same records twice gives the same bytes."""
    when = f" on {format_timestamp(created)}" if created else ""
    lines = [f"{INDENT * 2}<fileDesc>\n"]
    if title:
        lines += [
            f"{INDENT * 3}<titleStmt>\n",
            f"{INDENT * 4}<title>{escape(title, 'title')}</title>\n",
            f"{INDENT * 3}</titleStmt>\n",
        ]
    lines += [
        f"{INDENT * 3}<sourceDesc>\n",
        f"{INDENT * 4}<p>Exported from zh-glossary: {zh} terms, {en} renderings{when}.</p>\n",
        f"{INDENT * 3}</sourceDesc>\n",
        f"{INDENT * 2}</fileDesc>\n",
    ]
    return "".join(lines)


class EntryWriter:
    """Renders a file of one flavour piece by piece, one element per line."""

    def __init__(self, layout: Layout, zh: str, en: str, label: str) -> None:
        self.layout = layout
        self.zh = zh
        self.en = en
        self.label = label
        self.seen: set[str] = set()

    def start(self, title: str, created: datetime | None) -> str:
        """Everything before the first entry."""
        try:
            return self.layout.start(title, self.zh, self.en, created)
        except _Unwritable as exc:
            raise TbxError(f"{self.label}: {exc}") from None

    def render(self, record: TermRecord) -> str:
        """The entry's lines; TbxError if the record cannot be written."""
        try:
            return "".join(self._entry(record))
        except _Unwritable as exc:
            raise TbxError(f"{self.label}: term {record.simplified!r}: {exc}") from None

    def _entry(self, record: TermRecord) -> Iterator[str]:
        simplified = record.simplified.strip()
        if not simplified:
            raise _Unwritable("the simplified form is empty")
        escaped = escape(simplified, "simplified form")  # before hashing: it must encode
        layout = self.layout
        yield f'{INDENT * 3}<{layout.entry} id="{entry_id(simplified, self.seen)}">\n'
        yield from _descrip(4, "subjectField", record.subject_field, "subject field")
        yield from _descrip(4, "definition", record.definition, "definition")
        pinyin = (record.pinyin or "").strip()
        if pinyin:
            yield f'{INDENT * 4}<note xml:lang="{PINYIN_LANG}">{escape(pinyin, "pinyin")}</note>\n'
        yield from _note(4, record.note)
        yield f'{INDENT * 4}<{layout.language} xml:lang="{self.zh}">\n'
        yield from self._chinese(record, simplified, escaped)
        yield f"{INDENT * 4}</{layout.language}>\n"
        if record.renderings:
            yield f'{INDENT * 4}<{layout.language} xml:lang="{self.en}">\n'
            for rendering in _preferred_first(record.renderings):
                yield from self._rendering(rendering)
            yield f"{INDENT * 4}</{layout.language}>\n"
        yield f"{INDENT * 3}</{layout.entry}>\n"

    def _chinese(self, record: TermRecord, simplified: str, escaped: str) -> Iterator[str]:
        term = self.layout.term
        yield f"{INDENT * 5}<{term}>\n"
        yield f"{INDENT * 6}<term>{escaped}</term>\n"
        yield from _status(TERM_STATUS, record.status)
        yield from _decision(record.decided)
        yield f"{INDENT * 5}</{term}>\n"
        traditional = (record.traditional or "").strip()
        if traditional and traditional != simplified:
            yield f"{INDENT * 5}<{term}>\n"
            yield f"{INDENT * 6}<term>{escape(traditional, 'traditional form')}</term>\n"
            yield f'{INDENT * 6}<termNote type="termType">variant</termNote>\n'
            yield f"{INDENT * 5}</{term}>\n"

    def _rendering(self, rendering: RenderingRecord) -> Iterator[str]:
        text = rendering.text.strip()
        if not text:
            raise _Unwritable("a rendering is empty")
        term = self.layout.term
        try:
            yield f"{INDENT * 5}<{term}>\n"
            yield f"{INDENT * 6}<term>{escape(text, 'text')}</term>\n"
            yield from _status(RENDERING_STATUS, rendering.status)
            yield from _descrip(6, "context", rendering.context, "context")
            for document in sorted({d.strip() for d in rendering.sources} - {""}):
                yield f'{INDENT * 6}<admin type="source">{escape(document, "source")}</admin>\n'
            yield from _note(6, rendering.note)
            yield from _decision(rendering.decided)
            yield f"{INDENT * 5}</{term}>\n"
        except _Unwritable as exc:
            raise _Unwritable(f"rendering {text!r}: {exc}") from None


def _preferred_first(renderings: list[RenderingRecord]) -> list[RenderingRecord]:
    """Tools that take one target per entry (translate-toolkit, Weblate) take the
    first term: it should be the one to use. Otherwise the order is kept."""
    return sorted(renderings, key=lambda r: r.status != RenderingStatus.PREFERRED)


def _status(values: dict[str, str], status: str) -> Iterator[str]:
    if status not in values:
        if status != "candidate":
            raise _Unwritable(f"the status {status!r} is not one the termbase knows")
        return
    yield f'{INDENT * 6}<termNote type="administrativeStatus">{values[status]}</termNote>\n'


def _descrip(depth: int, kind: str, value: str | None, what: str) -> Iterator[str]:
    if value:
        yield f'{INDENT * depth}<descrip type="{kind}">{escape(value, what)}</descrip>\n'


def _note(depth: int, value: str | None) -> Iterator[str]:
    if value:
        yield f"{INDENT * depth}<note>{escape(value, 'note')}</note>\n"


def _decision(decided: Decision | None) -> Iterator[str]:
    """TBX-Basic's transaction group: type, responsibility, date. ``<date>`` is an
    xs:date, so the time of day is dropped."""
    if decided is None:
        return
    yield f"{INDENT * 6}<transacGrp>\n"
    yield f'{INDENT * 7}<transac type="transactionType">modification</transac>\n'
    editor = decided.editor.strip()
    if editor:
        yield (
            f'{INDENT * 7}<transacNote type="responsibility">'
            f"{escape(editor, 'editor')}</transacNote>\n"
        )
    yield f"{INDENT * 7}<date>{as_utc(decided.at).date().isoformat()}</date>\n"
    yield f"{INDENT * 6}</transacGrp>\n"


# --------------------------------------------------------------------------------
# Reading one entry
# --------------------------------------------------------------------------------

_TYPED = frozenset({"termNote", "descrip", "admin", "transac", "transacNote"})
_GROUPS = frozenset({"termNoteGrp", "descripGrp", "adminGrp"})


def _category(element: Element) -> str:
    """What an element says, whatever the flavour or style: the type of a typed
    element (``<descrip type="context">`` -> "context"), the local name of a TBX
    element otherwise ("term", "note", "date"), and the local name of an element
    from a dialect's own namespace, which is how DCT style spells data categories
    (``<min:administrativeStatus>``)."""
    tag = element.tag
    if tag[0] == "{":
        namespace, _, local = tag[1:].partition("}")
        if namespace != TBX_NS:
            return local
    else:
        local = tag
    if local in _TYPED:
        return element.get("type") or local
    return local


def _items(parent: Element) -> Iterator[tuple[str, Element]]:
    """The data categories directly in ``parent``. A group (``termNoteGrp`` and
    friends) counts as its first child, the item it groups; TBX v2's ``termGrp``
    (in an ``ntig``) holds the term and its term notes, so it is looked into, with
    a stack rather than recursion, however deep a file nests them."""
    stack = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        category = _category(child)
        if category == "termGrp":
            stack.append(iter(child))
        elif category in _GROUPS:
            if len(child):
                yield _category(child[0]), child[0]
        else:
            yield category, child


def _text(element: Element) -> str:
    """Text with inline markup (``<hi>`` and the like) flattened."""
    if len(element):
        return "".join(element.itertext())
    return element.text or ""


def _is_pinyin(note: Element) -> bool:
    """A note in romanised Chinese (``zh-Latn``, ``zh-Latn-pinyin``) is a reading."""
    return _chinese_kind(note.get(XML_LANG) or "") == "latn"


def _status_key(value: str) -> str:
    """ "preferredTerm-admn-sts" -> "preferred", "Deprecated" -> "deprecated"."""
    letters = re.sub("[^a-z]", "", value.lower())
    return letters.removesuffix("admnsts").removesuffix("term")


@dataclass(slots=True)
class _Term:
    """One term section (``termSec``, ``tig``, ``ntig``) as read."""

    text: str = ""
    status: RenderingStatus = RenderingStatus.CANDIDATE
    variant: bool = False  # termType "variant"
    pinyin: str | None = None
    context: str | None = None
    sources: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    decided: Decision | None = None


class EntryReader:
    """Takes entries of either flavour apart into records."""

    def __init__(self, layout: Layout, label: str) -> None:
        self.layout = layout
        self.label = label
        self.position = 0
        self.languages: set[str] = set()  # of the entries without Chinese, for messages

    def read(self, entry: Element) -> TermRecord | None:
        """The entry's record; None if it has no simplified (or unspecified-script)
        Chinese term, since a record is keyed by that."""
        self.position += 1
        facts: dict[str, str] = {}
        notes: list[str] = []
        chinese: dict[str, list[_Term]] = {"main": [], "hant": [], "latn": []}
        english: list[_Term] = []
        tags: list[str] = []
        for category, element in _items(entry):
            if category == self.layout.language:
                tag = element.get(XML_LANG) or element.get("lang") or ""
                tags.append(tag)
                kind = _chinese_kind(tag)
                if kind is not None:
                    chinese[kind] += self._terms(element)
                elif _is_english(tag):
                    english += self._terms(element)
            elif category in ("subjectField", "definition"):
                facts.setdefault(category, _text(element))
            elif category == "note":
                if _is_pinyin(element):
                    facts.setdefault("pinyin", _text(element).strip())
                else:
                    notes.append(_text(element))
        record = _record(chinese, english, facts, notes)
        if record is None and len(self.languages) < 20:
            self.languages.update(_language(tag) or tag or "none" for tag in tags)
        return record

    def _terms(self, language: Element) -> list[_Term]:
        terms = []
        for category, element in _items(language):
            if category in ("termSec", "tig", "ntig"):
                term = self._term(element)
                if term is not None:
                    terms.append(term)
        return terms

    def _term(self, section: Element) -> _Term | None:
        term = _Term()
        for category, element in _items(section):
            if category == "term" and not term.text:
                term.text = _text(element).strip()
            elif category in ("administrativeStatus", "normativeAuthorization"):
                term.status = _READ_RENDERING_STATUS.get(
                    _status_key(_text(element)), RenderingStatus.CANDIDATE
                )
            elif category == "termType":
                term.variant = _text(element).strip() == "variant"
            elif category == "pronunciation":
                term.pinyin = term.pinyin or _text(element).strip()
            elif category == "note":
                if _is_pinyin(element):
                    term.pinyin = term.pinyin or _text(element).strip()
                else:
                    term.notes.append(_text(element))
            elif category == "context" and term.context is None:
                term.context = _text(element)
            elif category == "source":
                term.sources.setdefault(_text(element).strip(), 1)  # counts are not in TBX
            elif category == "transacGrp":
                term.decided = _later(term.decided, self._decision(element))
        term.sources.pop("", None)
        return term if term.text else None

    def _decision(self, group: Element) -> Decision | None:
        """A transaction group as a Decision; None without a date, which a
        Decision needs. A group without a responsibility was made by nobody known."""
        editor, at = "", None
        for category, element in _items(group):
            if category == "responsibility":
                editor = _text(element).strip()
            elif category == "date":
                try:
                    at = parse_date(_text(element))
                except ValueError:
                    raise TbxError(
                        f"{self.label}: entry {self.position}: date {_text(element)!r} "
                        "is not an ISO 8601 date"
                    ) from None
        return None if at is None else Decision(editor, at)


def _later(first: Decision | None, second: Decision | None) -> Decision | None:
    """The later decision; the one further down the file on the same day."""
    if first is None or (second is not None and second.at >= first.at):
        return second
    return first


def _joined(notes: list[str]) -> str | None:
    return "\n".join(notes) if notes else None


def _record(
    chinese: dict[str, list[_Term]],
    english: list[_Term],
    facts: dict[str, str],
    concept_notes: list[str],
) -> TermRecord | None:
    """The record of an entry: the first non-variant term of the simplified (or
    unspecified) Chinese is the term, its first variant the traditional form,
    falling back to a traditional-script section's term; the English terms are the
    renderings. Pinyin and notes may sit on the entry or on the term."""
    main = chinese["main"]
    term = next((t for t in main if not t.variant), main[0] if main else None)
    if term is None:
        return None
    variant = next((t for t in main if t.variant and t is not term), None)
    traditional = variant or next(iter(chinese["hant"]), None)
    romanised = next(iter(chinese["latn"]), None)
    return TermRecord(
        simplified=term.text,
        traditional=traditional.text if traditional else None,
        pinyin=term.pinyin or facts.get("pinyin") or (romanised.text if romanised else None),
        status=_READ_TERM_STATUS.get(term.status, TermStatus.CANDIDATE).value,
        subject_field=facts.get("subjectField"),
        definition=facts.get("definition"),
        note=_joined(concept_notes + term.notes),
        decided=term.decided,
        renderings=[
            RenderingRecord(
                text=t.text,
                status=t.status.value,
                note=_joined(t.notes),
                context=t.context,
                sources=t.sources,
                decided=t.decided,
            )
            for t in english
        ],
    )
