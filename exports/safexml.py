"""Parsing XML from files other people made, refusing the hostile kind.

Interchange files arrive from anywhere. Every hostile construct (the "billion
laughs" entity expansion, external entities reading local files or URLs, parameter
entities) needs an entity *declaration*, and declarations can only come from a DTD:
the internal subset (``<!DOCTYPE tmx [ … ]>``) or an external DTD. The standard
library's C parser never loads an external DTD, so refusing any internal subset
refuses every declaration, while the plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``
line that every TMX file carries still passes. A reference to an entity nobody
declared is a well-formedness error.

So the prolog is checked first, with expat, up to the root element; then the file
is parsed by ``xml.etree.ElementTree.iterparse``, which runs in C. That is about
half the cost of defusedxml's parser, which makes a Python call for every element
so that it can watch for declarations all the way through; defusedxml remains the
path for streams that cannot be read twice.

Every problem surfaces as one ``XmlInputError`` whose message names the file and says
what is wrong, so the command line can print it and exit without touching the
termbase.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from os import PathLike
from typing import BinaryIO, Literal
from xml.etree.ElementTree import Element, ParseError, iterparse
from xml.parsers import expat

import defusedxml.ElementTree as defused
from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

_PROLOG_CHUNK = 1 << 14


# What an iterparse reports; the readers ask for "start" or "end".
ParseEvent = Literal["start", "end", "comment", "pi", "start-ns", "end-ns"]


class XmlInputError(ValueError):
    """A file that is not well-formed XML, or XML this program refuses to read."""


class RunTooLong(XmlInputError):
    """One unit or entry of the file spans more bytes than its reader allows: a
    parser holds a whole element before its text can be looked at, so an element
    of 200 MB would be read into memory whole. ``where`` says which one."""

    def __init__(self, label: str, where: str, limit: int) -> None:
        super().__init__(
            f"{label}: {where} spans more than {limit:,} bytes, "
            "far beyond any real segment; refused"
        )
        self.label, self.where, self.limit = label, where, limit


class _Overrun(Exception):
    """Raised inside the parser's read: the reader turns it into ``RunTooLong``."""


class GuardedStream:
    """A binary stream that counts what the parser reads from it and stops when more
    than ``limit`` bytes go by without ``mark`` being called: the reader marks each
    unit or entry it reaches, so no single one can span more. The parser reads
    16 KiB at a time, so a limit of a few MiB costs nothing on real files."""

    def __init__(self, raw: BinaryIO, limit: int) -> None:
        self._raw = raw
        self.limit = limit
        self.consumed = 0
        self.marked = 0
        self.marks = 0  # units or entries reached: which one overran

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.consumed += len(data)
        if self.consumed - self.marked > self.limit:
            raise _Overrun
        return data

    def mark(self) -> None:
        self.marked = self.consumed
        self.marks += 1

    def seekable(self) -> bool:
        return self._raw.seekable()

    def tell(self) -> int:
        return self._raw.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        self.consumed = self.marked = 0  # the prolog check reads, then rewinds
        return self._raw.seek(offset, whence)


@contextmanager
def overrun_as(error: Callable[[], Exception]) -> Iterator[None]:
    """Turn a guard's stop into ``error()`` (which names the unit or entry)."""
    try:
        yield
    except _Overrun:
        raise error() from None


class _RootReached(Exception):
    """The prolog is over: nothing more to check."""


class _InternalSubset(Exception):
    """The DOCTYPE has an internal subset, where entities would be declared."""


def _describe(exc: Exception) -> str:
    if isinstance(exc, _InternalSubset):
        return (
            "its DOCTYPE has an internal subset, where entities are declared "
            "(entity expansion, external files); refused"
        )
    if isinstance(exc, EntitiesForbidden):
        return "it declares entities, which could expand without limit; refused"
    if isinstance(exc, ExternalReferenceForbidden):
        return "it refers to external entities or files; refused"
    if isinstance(exc, DTDForbidden):
        return "it carries a DTD; refused"
    if isinstance(exc, ParseError | expat.ExpatError):
        return f"it is not well-formed XML ({exc})"
    return str(exc)


def _doctype(name: str, system_id: str | None, public_id: str | None, internal: int) -> None:
    if internal:
        raise _InternalSubset(name)


def _root(name: str, attributes: object) -> None:
    raise _RootReached


def _check_prolog(stream: BinaryIO | GuardedStream) -> None:
    """Read up to the root element, refusing a DTD internal subset (where entities
    are declared). Expat reads the encoding from a BOM or the XML declaration."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _doctype
    parser.StartElementHandler = _root
    try:
        while chunk := stream.read(_PROLOG_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _RootReached:
        return


@contextmanager
def _opened(
    source: str | PathLike[str] | BinaryIO | GuardedStream,
) -> Iterator[BinaryIO | GuardedStream]:
    if hasattr(source, "read"):
        yield source  # type: ignore[misc]
        return
    with open(source, "rb") as stream:
        yield stream


@contextmanager
def xml_errors(label: str) -> Iterator[None]:
    """Turn whatever a parser raises about its input into an ``XmlInputError``
    naming ``label``."""
    try:
        yield
    except (_InternalSubset, DefusedXmlException, ParseError, expat.ExpatError) as exc:
        raise XmlInputError(f"{label}: {_describe(exc)}") from None


def checked_iterparse(
    stream: BinaryIO | GuardedStream, events: tuple[ParseEvent, ...], label: str
) -> Iterator[tuple[str, Element]]:
    """The C ``iterparse`` itself, over a seekable stream whose prolog passed the
    check: the fastest safe loop, for readers whose every event counts. Errors
    further on are raised as the parser raises them: iterate inside ``xml_errors``."""
    with xml_errors(label):
        start = stream.tell()
        _check_prolog(stream)
        stream.seek(start)
    return iterparse(stream, events)


def safe_iterparse(
    source: str | PathLike[str] | BinaryIO | GuardedStream,
    events: tuple[ParseEvent, ...] = ("end",),
    name: str | None = None,
) -> Generator[tuple[str, Element], None, None]:
    """``xml.etree.ElementTree.iterparse`` with hostile constructs refused, and every
    problem raised as ``XmlInputError``. ``name`` is how error messages refer to the
    input (default: the path)."""
    label = name or str(getattr(source, "name", source))
    with xml_errors(label), _opened(source) as stream:
        if stream.seekable():
            yield from checked_iterparse(stream, events, label)
        else:
            yield from defused.iterparse(
                stream, events, forbid_dtd=False, forbid_entities=True, forbid_external=True
            )
