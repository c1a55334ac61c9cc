"""One entry point from decoded text to a ParsedDocument.

Callers (ingest, tests, tools) know a document's language and role from its
manifest entry, not its layout; this picks the reader that handles the layouts of
that kind of document, so no caller has to.
"""

from __future__ import annotations

from glossary.bilingual import read_interleaved
from glossary.chinese_layout import read_chinese
from glossary.documents import ParsedDocument
from glossary.english_layout import read_english

__all__ = ["read_text"]


def read_text(text: str, language: str, role: str) -> ParsedDocument:
    """Read ``text`` given its manifest ``language`` (BCP 47, e.g. "zh-Hans", "en")
    and ``role`` (original | translation | bilingual | commentary).

    Bilingual documents are read as interleaved English/Chinese; otherwise the
    language decides.  A commentary document's paragraphs stay BODY: the document's
    role already says that all of it is commentary.
    """
    if role == "bilingual":
        return ParsedDocument(read_interleaved(text))
    if language.lower().startswith("zh"):
        return ParsedDocument(read_chinese(text))
    return ParsedDocument(read_english(text))
