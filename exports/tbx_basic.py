"""TBX v3 (ISO 30042:2019) in the TBX-Basic dialect, DCA style.

The file names the dialect's RELAX NG schema and Schematron rules in ``xml-model``
processing instructions, at the addresses LTAC Global publishes them, so that an
editor or checker can validate it without being told where they are. Every data
category written (administrativeStatus, termType, context, definition,
subjectField, source, transactionType, responsibility) is one TBX-Basic allows,
each at a level its Schematron allows.
"""

from __future__ import annotations

from datetime import datetime

from exports.tbx_entries import INDENT, TBX_NS, Layout, file_description

_SCHEMAS = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
XML_MODELS = (
    f'<?xml-model href="{_SCHEMAS}TBXcoreStructV03_TBX-Basic_integrated.rng" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    f'<?xml-model href="{_SCHEMAS}TBX-Basic_DCA.sch" '
    'type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
)
# The root with and without its namespace: files without it are common enough.
ROOTS = frozenset({f"{{{TBX_NS}}}tbx", "tbx"})


def _header(title: str, zh: str, en: str, created: datetime | None) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + XML_MODELS
        + f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">\n'
        + f"{INDENT}<tbxHeader>\n"
        + file_description(title, zh, en, created)
        + f"{INDENT}</tbxHeader>\n"
        + f"{INDENT}<text>\n"
        + f"{INDENT * 2}<body>\n"
    )


LAYOUT = Layout(
    entry="conceptEntry",
    language="langSec",
    term="termSec",
    header=_header,
    footer=f"{INDENT * 2}</body>\n{INDENT}</text>\n</tbx>\n",
)
