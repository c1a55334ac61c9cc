"""TBX v3 (ISO 30042:2019) in the TBX-Basic dialect, DCA style.

The file names the dialect's RELAX NG schema and Schematron rules in ``xml-model``
processing instructions, at the addresses LTAC Global publishes them, so that an
editor or checker can validate it without being told where they are. Every data
category written (administrativeStatus, termType, context, definition,
subjectField, source, transactionType, responsibility) is one TBX-Basic allows,
each at a level its Schematron allows.
"""

from __future__ import annotations

from exports.tbx_entries import TBX_NS, Layout

_SCHEMAS = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"

LAYOUT = Layout(
    entry="conceptEntry",
    language="langSec",
    term="termSec",
    root="tbx",
    root_attributes=(
        ("type", "TBX-Basic"),
        ("style", "dca"),
        ("xml:lang", "en"),
        ("xmlns", TBX_NS),
    ),
    prolog=(
        f'<?xml-model href="{_SCHEMAS}TBXcoreStructV03_TBX-Basic_integrated.rng" '
        'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f'<?xml-model href="{_SCHEMAS}TBX-Basic_DCA.sch" '
        'type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
    ),
    header="tbxHeader",
    # The root with and without its namespace: files without it are common enough.
    roots=frozenset({f"{{{TBX_NS}}}tbx", "tbx"}),
)
