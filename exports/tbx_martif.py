"""TBX v2 (ISO 30042:2008), the ``<martif>`` format OmegaT, translate-toolkit and
Weblate read.

The DOCTYPE names the core-structure DTD by its system id only, with no internal
subset: validators find the DTD beside the file or through a catalog, and readers
that refuse DTDs with declarations (``exports.safexml``) still read the file. The
type is plain "TBX", the default XCS, which has every data category written here.
"""

from __future__ import annotations

from datetime import datetime

from exports.tbx_entries import INDENT, Layout, file_description

DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
ROOTS = frozenset({"martif"})


def _header(title: str, zh: str, en: str, created: datetime | None) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + DOCTYPE
        + '<martif type="TBX" xml:lang="en">\n'
        + f"{INDENT}<martifHeader>\n"
        + file_description(title, zh, en, created)
        + f"{INDENT * 2}<encodingDesc>\n"
        + f'{INDENT * 3}<p type="XCSURI">TBXXCSV02.xcs</p>\n'
        + f"{INDENT * 2}</encodingDesc>\n"
        + f"{INDENT}</martifHeader>\n"
        + f"{INDENT}<text>\n"
        + f"{INDENT * 2}<body>\n"
    )


LAYOUT = Layout(
    entry="termEntry",
    language="langSet",
    term="tig",
    header=_header,
    footer=f"{INDENT * 2}</body>\n{INDENT}</text>\n</martif>\n",
)
