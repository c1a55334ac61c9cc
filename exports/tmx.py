"""TMX 1.4b translation memories: a streaming reader and writer.

Translation memories run to millions of units, and translate-toolkit's ``tmxfile``
holds the whole document as an lxml tree (gigabytes at a million units), so this
module streams both ways: the writer renders one ``<tu>`` at a time, and the reader
hands out one ``TmxUnit`` at a time, dropping each ``<tu>`` from the tree as soon as
it is read. Memory stays flat whatever the size of the file.

Reading takes what real tools write: OmegaT, Trados and friends (inline codes, any
case of language tags, ``zh_CN``, TMX 1.1's ``lang``, UTF-16 with a BOM, notes and
props). All parsing goes through ``exports.safexml``, so hostile XML (entity
declarations, external entities) is refused with an ``XmlInputError``; problems with
the TMX itself raise ``TmxError``. Both are ``ValueError``s whose message names the
file. Expat reports lines for XML errors; ElementTree keeps no line numbers for
elements, so TMX-level errors name the unit by position and ``tuid`` instead.

Choices worth knowing:

* Inline markup is flattened to plain text: ``bpt``, ``ept``, ``ph``, ``it`` and
  ``ut`` hold the native code of the original format, so their content goes and their
  tails stay; ``hi`` and ``sub`` hold text, which stays (``sub`` is the only text a
  code element may contain).
* Inline elements nest as deep as a file likes: flattening keeps its own stack.
* Header attributes a tool left empty (``adminlang=""``) keep their defaults; only a
  missing ``srclang`` makes a file not TMX.
* ``max_unit_bytes`` stops reading at a unit that spans more bytes, before the
  parser holds it whole (``exports.safexml.GuardedStream``).
* A ``creationdate`` must be TMX's ``YYYYMMDDThhmmssZ``; anything else is a
  ``TmxError``, not silently dropped, because a date that cannot be read usually
  means a file that was not written the way its tool claims.
* Naive datetimes are taken as UTC, as the termbase stores them
  (``records.as_utc``); dates are read back as tz-aware UTC.
* The writer normalises language tags (``normalise_language``), so reading back a
  unit written with ``zh_cn`` gives ``zh-CN``.
* Notes and props of a ``<tuv>``, and attributes the records have no field for
  (changedate, creationid, usagecount, …), are not kept.
* Whitespace in segments, notes and props survives a round trip exactly: carriage
  returns, and tabs and newlines in attributes, are written as character references
  because XML parsers would otherwise normalise them away.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from itertools import chain
from types import TracebackType
from typing import BinaryIO, Self
from xml.etree.ElementTree import Element

from exports.files import atomic_output, file_label
from exports.safexml import (
    GuardedStream,
    ParseEvent,
    RunTooLong,
    checked_iterparse,
    overrun_as,
    safe_iterparse,
    xml_errors,
)
from exports.xmltext import (
    FORBIDDEN,
    XML_LANG,
    escape_attribute,
    escape_text,
    normalise_language,
)


def _package_version() -> str:
    try:
        return version("zh-glossary")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0"


VERSION = _package_version()
SEGTYPES = frozenset({"block", "paragraph", "sentence", "phrase"})
# Inline elements whose content is the original format's code, not text.
CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})
FLUSH_UNITS = 512  # units rendered per write to the file


class TmxError(ValueError):
    """A TMX file this module cannot read or write; the message names the file."""


@dataclass(slots=True)
class TmxVariant:
    """One language's text of a unit: a ``<tuv>``."""

    lang: str  # normalised BCP 47, e.g. "zh-CN"
    text: str  # plain text, inline markup flattened


@dataclass(slots=True)
class TmxUnit:
    """One translation unit: a ``<tu>``."""

    variants: list[TmxVariant]
    tuid: str | None = None
    created: datetime | None = None  # UTC, tz-aware when read
    props: list[tuple[str, str]] = field(default_factory=list)  # (type, value), file order
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TmxHeader:
    """The ``<header>``. Read from a file, attributes it lacks keep these defaults."""

    srclang: str  # BCP 47, or "*all*"
    adminlang: str = "en"
    creationtool: str = "zh-glossary"
    creationtoolversion: str = VERSION
    segtype: str = "sentence"
    o_tmf: str = "zh-glossary"
    datatype: str = "plaintext"
    created: datetime | None = None  # None when writing means "now"
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Header attributes in the order the writer puts them, with their TmxHeader fields.
HEADER_ATTRIBUTES = (
    ("creationtool", "creationtool"),
    ("creationtoolversion", "creationtoolversion"),
    ("segtype", "segtype"),
    ("o-tmf", "o_tmf"),
    ("adminlang", "adminlang"),
    ("srclang", "srclang"),
    ("datatype", "datatype"),
)


# --------------------------------------------------------------------------------
# Language tags and dates
# --------------------------------------------------------------------------------


_DATE = re.compile("[0-9]{8}T[0-9]{6}Z")


def parse_date(text: str) -> datetime:
    """A TMX date, ``YYYYMMDDThhmmssZ``, as a tz-aware UTC datetime (ValueError if not).

    The pattern keeps out what ``fromisoformat`` would also take ("…T09:00:Z",
    fractions); ``fromisoformat``, in C, then builds it several times faster than
    datetime(*map(int, groups)), which matters when every unit carries a date."""
    if _DATE.fullmatch(text) is None:
        raise ValueError(f"creationdate {text!r} is not YYYYMMDDThhmmssZ")
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"creationdate {text!r}: {exc}") from None


def format_date(moment: datetime) -> str:
    """``moment`` as a TMX date in UTC; a naive datetime is taken to be UTC already.
    (%-formatting measured ~2× faster than an f-string with format specs here.)"""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return "%04d%02d%02dT%02d%02d%02dZ" % (  # noqa: UP031
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
    )


# --------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------


def _add_props_and_notes(
    lines: list[str], props: list[tuple[str, str]], notes: list[str], indent: str
) -> None:
    """Notes first, then props: the order the DTD requires inside a ``<tu>``."""
    for note in notes:
        lines.append(f"{indent}<note>{escape_text(note)}</note>\n")
    for kind, value in props:
        lines.append(f'{indent}<prop type="{escape_attribute(kind)}">{escape_text(value)}</prop>\n')


def _header_xml(header: TmxHeader) -> str:
    """The prolog, the ``<tmx>`` start tag and the whole ``<header>``."""
    if header.segtype not in SEGTYPES:
        raise ValueError(f"segtype {header.segtype!r} is not one of {sorted(SEGTYPES)}")
    values = {attribute: getattr(header, name) for attribute, name in HEADER_ATTRIBUTES}
    values["srclang"] = normalise_language(header.srclang)
    values["adminlang"] = normalise_language(header.adminlang)
    values["creationdate"] = format_date(header.created or datetime.now(UTC))
    attributes = "".join(f' {name}="{escape_attribute(value)}"' for name, value in values.items())
    content: list[str] = []
    _add_props_and_notes(content, header.props, header.notes, "    ")
    header_xml = (
        f"  <header{attributes}>\n{''.join(content)}  </header>\n"
        if content
        else f"  <header{attributes}/>\n"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4">\n'
        f"{header_xml}  <body>\n"
    )


def _unit_xml(unit: TmxUnit, languages: dict[str, str]) -> str:
    """One ``<tu>``, ready to write. ``languages`` caches normalised tags."""
    if not unit.variants:
        raise ValueError("it has no variants; a <tu> needs at least one <tuv>")
    tuid, created = unit.tuid, unit.created
    parts = [
        "    <tu",
        "" if tuid is None else f' tuid="{escape_attribute(tuid)}"',
        "" if created is None else f' creationdate="{format_date(created)}"',
        ">\n",
    ]
    _add_props_and_notes(parts, unit.props, unit.notes, "      ")
    for variant in unit.variants:
        lang = languages.get(variant.lang)
        if lang is None:
            lang = languages[variant.lang] = normalise_language(variant.lang)
        parts.append(f'      <tuv xml:lang="{lang}"><seg>{escape_text(variant.text)}</seg></tuv>\n')
    parts.append("    </tu>\n")
    return "".join(parts)


def _forbidden_in(unit: TmxUnit) -> str:
    """Where in ``unit`` a character XML cannot carry is, for the error message."""
    fields = [("tuid", unit.tuid or "")]
    fields += [(f"the text of its {v.lang} variant", v.text) for v in unit.variants]
    fields += [(f"prop {kind!r}", f"{kind}{value}") for kind, value in unit.props]
    fields += [("a note", note) for note in unit.notes]
    for where, text in fields:
        match = FORBIDDEN.search(text)
        if match:
            return f"U+{ord(match.group()):04X} in {where} cannot be written in XML 1.0"
    raise AssertionError("no forbidden character found")  # pragma: no cover


def _describe_unit(number: int, tuid: str | None) -> str:
    return f"unit {number}" + ("" if tuid is None else f" (tuid {tuid!r})")


def _write_units(out: BinaryIO, header: TmxHeader, units: Iterable[TmxUnit], name: str) -> int:
    """Render and write ``units`` in batches; raise TmxError at the first bad one."""
    try:
        prolog = _header_xml(header)
    except ValueError as exc:
        raise TmxError(f"{name}: header: {exc}") from None
    match = FORBIDDEN.search(prolog)
    if match:
        raise TmxError(f"{name}: header: U+{ord(match.group()):04X} cannot be written in XML 1.0")
    out.write(prolog.encode())
    languages: dict[str, str] = {}
    batch: list[str] = []
    count = 0
    for count, unit in enumerate(units, 1):
        try:
            xml = _unit_xml(unit, languages)
        except ValueError as exc:
            raise TmxError(f"{name}: {_describe_unit(count, unit.tuid)}: {exc}") from None
        if FORBIDDEN.search(xml):
            problem = _forbidden_in(unit)
            raise TmxError(f"{name}: {_describe_unit(count, unit.tuid)}: {problem}")
        batch.append(xml)
        if len(batch) == FLUSH_UNITS:
            out.write("".join(batch).encode())
            batch.clear()
    batch.append("  </body>\n</tmx>\n")
    out.write("".join(batch).encode())
    return count


def write_tmx(
    target: BinaryIO | str | os.PathLike[str],
    header: TmxHeader,
    units: Iterable[TmxUnit],
    name: str | None = None,
) -> int:
    """Write a TMX 1.4b file, streaming ``units``; return how many were written.

    The output is UTF-8, valid against tmx14.dtd, one element per line, and the same
    bytes for the same input (give ``header.created``, or it is the current time).
    ``name`` is how errors refer to the file (default: the path, or the stream's
    name), as for ``read_tmx``. Written to a path, the file appears only when
    complete (``exports.files.atomic_output``): a unit that cannot be written (no
    variants, a bad language tag, a character XML cannot carry) raises TmxError and
    leaves no file behind. Written to a stream, what came before the bad unit is
    already in it."""
    with atomic_output(target, name) as (out, label):
        return _write_units(out, header, units, label)


# --------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------


def _flatten(element: Element) -> str:
    """The plain text of a segment that has inline elements.

    Iterative, with its own stack: inline elements nest as deep as a file likes
    (1,200 nested ``<hi>`` are a few kilobytes), far deeper than Python's recursion
    limit. The stack holds what is still to be written, last first: a string is
    written as it is; an element, its text, then its children, each followed by its
    tail; a code element contributes only its ``sub``s, whose tails are code too."""
    parts: list[str] = []
    pending: list[str | Element] = [element]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        parts.append(item.text or "")
        for child in reversed(item):
            pending.append(child.tail or "")
            if child.tag in CODE_TAGS:
                pending.extend(reversed([sub for sub in child if sub.tag == "sub"]))
            else:
                pending.append(child)
    return "".join(parts)


def _props_and_notes_of(element: Element) -> tuple[list[tuple[str, str]], list[str]]:
    props = [(c.get("type", ""), c.text or "") for c in element if c.tag == "prop"]
    return props, [c.text or "" for c in element if c.tag == "note"]


class TmxReader:
    """The units of a TMX file, one at a time, after its ``header``.

    Iterate over it once; each ``<tu>`` is dropped from the parse tree as soon as its
    unit is made, so memory stays flat. Use it as a context manager to close the file
    that ``read_tmx`` opened (it is closed anyway once the last unit is read)."""

    def __init__(
        self, stream: BinaryIO, name: str, owned: bool, max_unit_bytes: int | None = None
    ) -> None:
        self.name = name
        self._stream = stream
        self._owned = owned
        # A unit may span at most max_unit_bytes: the parser builds a whole <tu>
        # before it can be looked at, so a 200 MB segment must be stopped while it
        # is read (exports.safexml.GuardedStream; each <tu> start marks a unit).
        self._guard = GuardedStream(stream, max_unit_bytes) if max_unit_bytes else None
        source = self._guard or stream
        # "start" events only, as many as a bare "end" loop: see _parse_units. Over a
        # seekable file, the C parser's own iterator: no generator between it and the
        # loop, which sees every event (errors: see _read_units).
        events: tuple[ParseEvent, ...] = ("start",)
        self._events = (
            checked_iterparse(source, events, name)
            if stream.seekable()
            else safe_iterparse(source, events, name)
        )
        self._languages: dict[str, str] = {}
        self._pending: Element | None = None  # the first element after the header
        self._last_date: str | None = None  # the previous unit's creationdate, parsed:
        self._last_created: datetime | None = None  # units written together share it
        try:
            with xml_errors(name), overrun_as(self._overrun):
                self.header = self._read_header()
        except BaseException:
            self.close()
            raise
        self._units = self._read_units()

    # ---- the iterator and the context manager

    def __iter__(self) -> Iterator[TmxUnit]:
        return self._units  # the generator itself: no method call per unit in a for loop

    def __next__(self) -> TmxUnit:
        return next(self._units)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop parsing, and close the file if ``read_tmx`` opened it."""
        self._events = iter(())
        if self._owned:
            self._stream.close()

    # ---- parsing

    def _error(self, problem: str) -> TmxError:
        return TmxError(f"{self.name}: {problem}")

    def _overrun(self) -> RunTooLong:
        marks = self._guard.marks if self._guard else 0
        where = f"unit {marks}" if marks else "the header"
        return RunTooLong(self.name, where, self._guard.limit if self._guard else 0)

    def _language(self, tag: str, where: str) -> str:
        """``tag`` normalised, through a cache: a file has only a handful of tags."""
        known = self._languages.get(tag)
        if known is None:
            try:
                known = self._languages[tag] = normalise_language(tag)
            except ValueError as exc:
                raise self._error(f"{where}: {exc}") from None
        return known

    def _read_header(self) -> TmxHeader:
        """Parse up to the end of ``<header>``, checking that this is TMX at all.

        Only "start" events come (see ``_parse_units``): the header is complete once
        an element outside it starts (a child of ``<tmx>``, or a ``<body>`` or ``<tu>``
        not in the header), or the document ends. That element, usually the body, is
        left in ``self._pending`` for ``_parse_units``."""
        _, root = next(self._events)
        if root.tag != "tmx":
            raise self._error(f"not a TMX file: the root element is <{root.tag}>, not <tmx>")
        header: Element | None = None
        for _, element in self._events:
            tag = element.tag
            if header is None:
                if tag == "header":
                    header = element
                elif tag == "body":
                    break
            elif any(child is element for child in root) or (
                (tag == "body" or tag == "tu") and not self._in_header(header, element)
            ):
                self._pending = element
                return self._header(header)
        else:
            if header is not None:
                return self._header(header)
        raise self._error("no <header> (it must come first in <tmx>); not a TMX file")

    def _in_header(self, header: Element, element: Element) -> bool:
        """False for an element outside ``header``; a body or unit inside it is an
        error (checked once: the first one raises)."""
        if any(inner is element for inner in header.iter()):
            raise self._error(f"a <{element.tag}> inside the <header>; not a TMX file")
        return False

    def _header(self, element: Element) -> TmxHeader:
        """The header's attributes; one a tool left empty (``adminlang=""``, as some
        write every attribute the DTD requires whether they know it or not) keeps its
        default, and so does an adminlang that is no language tag: nothing here
        depends on it. An empty srclang means any source language ("*all*")."""
        values = {
            name: value
            for attribute, name in HEADER_ATTRIBUTES
            if (value := (element.get(attribute) or "").strip())
        }
        if element.get("srclang") is None:
            raise self._error("the <header> has no srclang")
        values["srclang"] = self._language(values.get("srclang", "*all*"), "header srclang")
        if "adminlang" in values:
            try:
                values["adminlang"] = normalise_language(values["adminlang"])
            except ValueError:
                del values["adminlang"]
        created = element.get("creationdate")
        props, notes = _props_and_notes_of(element)
        return TmxHeader(
            **values,
            created=None if created is None else self._header_date(created),
            props=props,
            notes=notes,
        )

    def _header_date(self, text: str) -> datetime:
        try:
            return parse_date(text)
        except ValueError as exc:
            raise self._error(f"header: {exc}") from None

    def _read_units(self) -> Iterator[TmxUnit]:
        """The units, with parse errors turned into ``XmlInputError``s."""
        with xml_errors(self.name), overrun_as(self._overrun):
            yield from self._parse_units()
        self.close()

    def _parse_units(self) -> Iterator[TmxUnit]:
        """Each unit is made when the next ``<tu>`` starts, or the document ends.

        The parser reports only "start" events, half the events of ("start", "end")
        and as many as a bare "end" loop: a ``<tu>`` is complete once the next one
        starts, provided both are children of the ``<body>``, which removing each
        from the body as it starts checks (and it keeps the tree empty, so memory
        stays flat: the parser holds the ``<tu>`` it is filling, and the reader the
        previous one). Measured in ``bench/README.md``."""
        body: Element | None = None
        previous: Element | None = None
        count = 0
        mark = self._guard.mark if self._guard else None
        events: Iterator[tuple[str, Element]] = self._events
        pending, self._pending = self._pending, None
        if pending is not None and pending.tag == "body":
            body = pending
        elif pending is not None:  # a stray element between the header and the body
            events = chain([("start", pending)], events)
        for _, element in events:
            tag = element.tag
            if tag != "tu":
                if tag == "body":
                    body = element
                continue
            if mark is not None:
                mark()
            try:
                body.remove(element)  # type: ignore[union-attr]
            except (ValueError, AttributeError):  # no body, or not in it
                where = _describe_unit(count + 1 + (previous is not None), element.get("tuid"))
                if previous is not None and not any(
                    inner is element for inner in previous.iter("tu")
                ):
                    yield self._unit(previous, count + 1)  # complete: deliver it first
                raise self._error(f"{where} is outside <body>") from None
            if previous is None:
                previous = element
                continue
            tu, previous = previous, element
            count += 1
            yield self._unit(tu, count)
        if previous is not None:  # the document is complete, so is its last unit
            yield self._unit(previous, count + 1)

    def _unit(self, tu: Element, count: int) -> TmxUnit:
        """The unit of a complete ``<tu>``; the hot path of reading."""
        variants: list[TmxVariant] = []
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        languages = self._languages
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                raw = child.get(XML_LANG) or child.get("lang")
                lang = languages.get(raw) if raw else None
                if lang is None:
                    lang = self._variant_language(tu, count, raw)
                only = child[0] if len(child) == 1 else None
                seg = only if only is not None and only.tag == "seg" else child.find("seg")
                if seg is None:
                    text = ""
                elif len(seg):
                    text = _flatten(seg)
                else:
                    text = seg.text or ""
                variants.append(TmxVariant(lang, text))
            elif tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
        return TmxUnit(variants, tu.get("tuid"), self._unit_date(tu, count), props, notes)

    def _unit_date(self, tu: Element, count: int) -> datetime | None:
        """The unit's creationdate. Units written together share their second, so the
        previous unit's date is kept (cheaper than an LRU cache, whose misses on a
        file of distinct dates cost more than they save)."""
        date = tu.get("creationdate")
        if date is None:
            return None
        if date != self._last_date:
            try:
                self._last_created = parse_date(date)
            except ValueError as exc:
                raise self._error(f"{_describe_unit(count, tu.get('tuid'))}: {exc}") from None
            self._last_date = date
        return self._last_created

    def _variant_language(self, tu: Element, count: int, tag: str | None) -> str:
        where = _describe_unit(count, tu.get("tuid"))
        if not tag:
            raise self._error(f"{where}: a <tuv> has no xml:lang (nor TMX 1.1 lang)")
        return self._language(tag, where)


def read_tmx(
    source: BinaryIO | str | os.PathLike[str],
    name: str | None = None,
    max_unit_bytes: int | None = None,
) -> TmxReader:
    """Open a TMX file (1.4b, or 1.1 with ``lang``) for reading, unit by unit.

    ``source`` is a path or a binary stream; ``name`` is how errors refer to it
    (default: the path, or the stream's name). The header is read before this
    returns, so a file that is not TMX, or hostile (entities are declared before the
    root), fails here. A file broken further on (truncated, a bad unit) fails when
    iteration reaches the break, after the units before it: apply what is read only
    once iteration has finished, e.g. in one transaction. ``max_unit_bytes`` stops
    the reading at a unit (or header) spanning more bytes, with ``RunTooLong``."""
    if isinstance(source, (str, os.PathLike)):
        return TmxReader(
            open(source, "rb"), file_label(source, name), owned=True, max_unit_bytes=max_unit_bytes
        )
    return TmxReader(source, file_label(source, name), owned=False, max_unit_bytes=max_unit_bytes)
