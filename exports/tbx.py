"""TBX termbase exchange: terms out of the termbase as TBX, and TBX back in.

Two flavours share one mapping: ``flavour="basic"`` writes TBX v3 (ISO 30042:2019)
in the TBX-Basic dialect, DCA style (``exports.tbx_basic``); ``flavour="v2"`` writes
the TBX v2 ``<martif>`` that OmegaT, translate-toolkit and Weblate read
(``exports.tbx_martif``). ``read_tbx`` tells them apart by the root element. Both
stream: the writer renders an entry at a time, the reader drops each entry from the
tree once read.

The mapping, one entry per term (v2 names in brackets)::

    conceptEntry [termEntry] id="c" + 16 hex digits of a hash of the simplified form
      descrip subjectField, descrip definition
      note xml:lang="zh-Latn-pinyin"     the pinyin
      note                               the term's note
      langSec [langSet] xml:lang=source_lang
        termSec [tig]                    the simplified form
          termNote administrativeStatus  approved: preferredTerm-admn-sts,
                                         rejected: deprecatedTerm-admn-sts, candidate: none
          transacGrp                     who decided the status, and when
        termSec [tig]                    the traditional form, if it differs
          termNote termType              variant
      langSec [langSet] xml:lang=target_lang
        termSec [tig]                    one per rendering, the preferred first
          termNote administrativeStatus  preferred: preferredTerm-admn-sts,
                                         admitted: admittedTerm-admn-sts,
                                         deprecated, rejected: deprecatedTerm-admn-sts,
                                         candidate: none
          descrip context                the context sentence
          admin source                   one per document id
          note                           the rendering's note
          transacGrp                     transac transactionType "modification",
                                         transacNote responsibility (the editor), date

Why these carriers:

* Pinyin is a note whose ``xml:lang`` says it is pinyin. TBX-Basic has no
  pronunciation category, and anything in a term section is a term: OmegaT's TBX
  reader compares only the primary language subtag, so it takes every term of a
  ``zh-…`` section, ``zh-Latn`` included, as a source term, and would offer pinyin
  written as a term as one. A note is never matched, and its language tag lets the
  reader tell it from the term's note without a text convention.
* The pinyin and the term's note sit on the entry, not in the term section,
  because OmegaT shows an entry's own notes and skips notes inside a language
  section (translate-toolkit shows both). With one Chinese term per entry, the
  entry's note is the term's; and the pinyin is the same for both scripts' forms.
* The traditional form is a term, marked as a variant, because it is one: a text in
  traditional script should find it. It comes after the simplified term, so tools
  that take the first term of an entry (translate-toolkit, Weblate) take the
  simplified one, and it is left out where it equals the simplified form (as it
  does for many terms), where it would only list the entry twice in a CAT tool.
* A decision is TBX-Basic's transaction group. ``<date>`` is an xs:date, so the
  time of day is not written; a date reads back as midnight UTC.
* Sources are document ids, one ``admin`` each; TBX has nowhere for counts, so a
  source reads back with a count of 1 ("seen there").

So write → read → write gives the same bytes, though a read does not give back
every record exactly: rejected renderings read back as deprecated (TBX has no
"forbidden"), times as dates, counts as 1, renderings with the preferred first, a
traditional form equal to the simplified one as none; surrounding whitespace of
terms, pinyin, editors and document ids goes, and empty text counts as none.

The output is deterministic (no clock: the header carries ``created`` only when
given), UTF-8, one element per line. A record with a character XML 1.0 cannot carry
(control characters, lone surrogates) is refused with a TbxError naming the term;
carriage returns are written as references so that they survive.

Reading takes both versions and what other tools write: the v3 namespace or none,
DCT-style data-category elements, ``tig`` and ``ntig``/``termGrp``, groups
(``descripGrp``, ``termNoteGrp``, …), language tags in any case or with
underscores, TBX v2's ``lang`` attribute. The Chinese side is any language whose
primary subtag is ``zh``: in a traditional-script section (``zh-Hant``, ``zh-TW``,
``zh-HK``, ``zh-MO``) the first term is the traditional form unless the main
section has a variant, and in a ``zh-Latn`` section it is the pinyin unless there
is a pinyin note (on the entry or the term) or a ``pronunciation`` term note. Notes
on the entry and on the Chinese term make the term's note, joined by newlines.
Sections in languages other than Chinese and English are ignored, and so are
entries without a simplified (or unmarked) Chinese term; a file none of whose
entries has one is refused, naming the languages it has. ``martif`` is read in TBX
v3's namespace too, as Weblate writes it.
Hostile XML (entity declarations, external entities), XML that is not well formed
and files that are not TBX raise TbxError naming the file; records read before a
problem further down was found should be discarded, as ``services.exchange`` does by
importing in one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import datetime
from itertools import chain
from typing import BinaryIO
from xml.etree.ElementTree import Element

from exports import tbx_basic, tbx_martif
from exports.files import atomic_output, file_label
from exports.safexml import (
    GuardedStream,
    RunTooLong,
    XmlInputError,
    overrun_as,
    safe_iterparse,
)
from exports.tbx_entries import (
    TBX_NS,
    EntryReader,
    EntryWriter,
    Layout,
    TbxError,
    language_parameter,
)
from records import TermRecord

__all__ = ["TbxError", "read_tbx", "write_tbx"]

FLAVOURS = {"basic": tbx_basic.LAYOUT, "v2": tbx_martif.LAYOUT}
FLUSH_ENTRIES = 256  # entries rendered per write to the file


def write_tbx(
    target: BinaryIO | str | os.PathLike,
    records: Iterable[TermRecord],
    *,
    flavour: str = "basic",
    source_lang: str = "zh-CN",
    target_lang: str = "en",
    title: str = "zh-glossary termbase",
    created: datetime | None = None,
    name: str | None = None,
) -> int:
    """Write ``records`` as TBX; returns the number of entries written.

    A TBX body must hold at least one entry, so no records is a TbxError rather than
    a file no validator accepts. ``name`` is how errors refer to the file (default:
    the path, or the stream's name), as for ``read_tbx``. Written to a path, the file
    appears only when complete (``exports.files.atomic_output``): if writing fails,
    there is no new file and an earlier one is left as it was."""
    label = file_label(target, name)
    layout = FLAVOURS.get(flavour)
    if layout is None:
        known = ", ".join(FLAVOURS)
        raise TbxError(f"{label}: unknown TBX flavour {flavour!r} (known: {known})")
    writer = EntryWriter(
        layout,
        language_parameter(source_lang, "zh", label, "source_lang"),
        language_parameter(target_lang, "en", label, "target_lang"),
        label,
    )
    records = iter(records)
    first = next(records, None)
    if first is None:
        raise TbxError(f"{label}: no terms to write, and a TBX body needs at least one")
    with atomic_output(target, label) as (stream, _):
        return _write(stream, writer, chain((first,), records), title, created)


def _write(
    stream: BinaryIO,
    writer: EntryWriter,
    records: Iterable[TermRecord],
    title: str,
    created: datetime | None,
) -> int:
    stream.write(writer.start(title, created).encode())
    pending: list[str] = []
    count = 0
    for count, record in enumerate(records, start=1):  # noqa: B007 (the count is returned)
        pending.append(writer.render(record))
        if len(pending) == FLUSH_ENTRIES:
            stream.write("".join(pending).encode())
            pending.clear()
    pending.append(writer.layout.footer)
    stream.write("".join(pending).encode())
    return count


def read_tbx(
    source: BinaryIO | str | os.PathLike,
    name: str | None = None,
    max_entry_bytes: int | None = None,
) -> Iterator[TermRecord]:
    """The terms of a TBX file, v3 or v2, one at a time; ``name`` is how error
    messages refer to the file (default: its path). ``max_entry_bytes`` stops the
    reading at an entry spanning more bytes, with ``RunTooLong``: the parser holds
    a whole entry before it can be looked at. A file none of whose entries has a
    Chinese term is refused, naming the languages it has."""
    label = file_label(source, name)
    with ExitStack() as closing:
        stream: BinaryIO | GuardedStream | str | os.PathLike = source
        guard = None
        if max_entry_bytes:
            raw = source if hasattr(source, "read") else closing.enter_context(open(source, "rb"))
            stream = guard = GuardedStream(raw, max_entry_bytes)  # type: ignore[arg-type]
        events = safe_iterparse(stream, ("start", "end"), name=label)
        closing.callback(events.close)

        def overrun():
            return RunTooLong(label, f"entry {guard.marks + 1}", max_entry_bytes)

        try:
            with overrun_as(overrun):
                yield from _records(events, label, guard)
        except RunTooLong:
            raise
        except XmlInputError as exc:
            raise TbxError(str(exc)) from exc


def _layout(root: Element, label: str) -> Layout:
    """The flavour whose root ``root`` is: ``FLAVOURS`` is the one list of them, for
    reading as for writing."""
    for layout in FLAVOURS.values():
        if root.tag in layout.roots:
            return layout
    raise TbxError(
        f"{label}: not a TBX file: the root element is <{root.tag}>, "
        "not TBX v3's <tbx> or TBX v2's <martif>"
    )


def _records(
    events: Iterator[tuple[str, Element]], label: str, guard: GuardedStream | None
) -> Iterator[TermRecord]:
    _, root = next(events)
    layout = _layout(root, label)
    entries = {layout.entry, f"{{{TBX_NS}}}{layout.entry}"}
    reader = EntryReader(layout, label)
    open_elements = [root]
    found = False
    for event, element in events:
        if event == "start":
            open_elements.append(element)
            continue
        open_elements.pop()
        if element.tag in entries:
            record = reader.read(element)
            open_elements[-1].remove(element)  # what has been read need not be kept
            if guard is not None:
                guard.mark()
            if record is not None:
                found = True
                yield record
    if not found and reader.position:
        languages = ", ".join(sorted(reader.languages)) or "none"
        raise TbxError(f"{label}: no Chinese terms: its languages are {languages}")
