"""TBX v2 (ISO 30042:2008), the ``<martif>`` format OmegaT, translate-toolkit and
Weblate read.

The DOCTYPE names the core-structure DTD by its system id only, with no internal
subset: validators find the DTD beside the file or through a catalog, and readers
that refuse DTDs with declarations (``exports.safexml``) still read the file. The
type is plain "TBX", the default XCS, which has every data category written here,
and the header says so in its ``encodingDesc``.
"""

from __future__ import annotations

from exports.tbx_entries import INDENT, TBX_NS, Layout

LAYOUT = Layout(
    entry="termEntry",
    language="langSet",
    term="tig",
    root="martif",
    root_attributes=(("type", "TBX"), ("xml:lang", "en")),
    prolog='<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n',
    header="martifHeader",
    # Weblate (through translate-toolkit) writes martif in TBX v3's namespace.
    roots=frozenset({"martif", f"{{{TBX_NS}}}martif"}),
    header_extra=(
        f"{INDENT * 2}<encodingDesc>\n"
        f'{INDENT * 3}<p type="XCSURI">TBXXCSV02.xcs</p>\n'
        f"{INDENT * 2}</encodingDesc>\n"
    ),
)
