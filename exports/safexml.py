"""Parsing XML from files other people made, refusing the hostile kind.

Interchange files arrive from anywhere. defusedxml's parser refuses entity
declarations (the "billion laughs" expansion) and external entities or DTD
fetches, while still allowing the plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line
that every TMX file carries. Every problem surfaces as one ``XmlInputError`` whose
message names the file and says what is wrong, so the command line can print it and
exit without touching the termbase.
"""

from __future__ import annotations

from collections.abc import Iterator
from os import PathLike
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as defused
from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)


class XmlInputError(ValueError):
    """A file that is not well-formed XML, or XML this program refuses to read."""


def _describe(exc: Exception) -> str:
    if isinstance(exc, EntitiesForbidden):
        return "it declares entities, which could expand without limit; refused"
    if isinstance(exc, ExternalReferenceForbidden):
        return "it refers to external entities or files; refused"
    if isinstance(exc, DTDForbidden):
        return "it carries a DTD; refused"
    if isinstance(exc, ParseError):
        return f"it is not well-formed XML ({exc})"
    return str(exc)


def safe_iterparse(
    source: str | PathLike[str] | BinaryIO,
    events: tuple[str, ...] = ("end",),
    name: str | None = None,
) -> Iterator[tuple[str, Element]]:
    """``xml.etree.ElementTree.iterparse`` with hostile constructs refused.

    ``name`` is how error messages refer to the input (default: the path)."""
    label = name or str(getattr(source, "name", source))
    try:
        yield from defused.iterparse(
            source, events, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except (DefusedXmlException, ParseError) as exc:
        raise XmlInputError(f"{label}: {_describe(exc)}") from None
