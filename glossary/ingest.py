"""Reading a document to ingest: its file's bytes, the hash that says whether the
termbase already holds this version, and its paragraphs and sentences.

Everything that can fail on bad input (reading, decoding, layout) happens here,
before the termbase is touched (``services.build`` stores the results in one
transaction), so a bad file leaves the termbase exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

from glossary.decoding import DecodingError, decode_bytes
from glossary.documents import ParsedDocument
from glossary.reading import read_text
from glossary.textutils import drop_controls, warn_dropped
from records import DocumentMeta

# Part of every content hash: bump it when a reader changes what it makes of a file,
# so that the next build re-reads files whose bytes did not change. 2: control
# characters are dropped.
READER_VERSION = "2"


class IngestError(ValueError):
    """A document that cannot be ingested; the message names the file."""


@dataclass
class PreparedDocument:
    meta: DocumentMeta  # with the content hash of the file read
    parsed: ParsedDocument | None  # None when the stored version is already current


def _hashed_description(document: DocumentMeta) -> dict[str, str]:
    """The description as the content hash has always spelt it (the manifest's key
    names, every value as text, the file's path left out), so that termbases built
    before keep their hashes and are not read again."""
    described = {
        "id": document.id,
        "lang": document.language,
        "role": document.role,
        "title": document.title,
        "author": document.author,
        "outlet": document.outlet,
        "published": document.published,
        "url": document.url,
        "official": document.official,
        "translation_of": document.translation_of,
        "encoding": document.encoding,
    }
    return {key: str(value) for key, value in described.items()}


def content_hash(data: bytes, document: DocumentMeta) -> str:
    """Hash of the file's bytes, its description and the reader version: a rebuild
    with the same three changes nothing."""
    digest = hashlib.sha256(READER_VERSION.encode())
    digest.update(json.dumps(_hashed_description(document), sort_keys=True).encode())
    digest.update(data)
    return digest.hexdigest()


def document_file(document: DocumentMeta) -> Path:
    """The file ``document`` is read from."""
    if document.source_path is None:
        raise IngestError(f"{document.id}: no file to read")
    return Path(document.source_path)


def prepare_document(document: DocumentMeta, current_hash: str | None) -> PreparedDocument:
    """Read and parse one file, unless ``current_hash`` (the termbase's) says the
    termbase already holds this exact version."""
    path = document_file(document)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot read: {error.strerror or error}") from None
    meta = replace(document, content_hash=content_hash(data, document))
    if meta.content_hash == current_hash:
        return PreparedDocument(meta, None)
    try:
        text = decode_bytes(data, str(path), document.encoding)
    except DecodingError as error:
        raise IngestError(str(error)) from None
    text, dropped = drop_controls(text)
    warn_dropped(path, dropped)  # escape sequences and the like: never stored
    parsed = read_text(text, document.language, document.role)
    if not parsed.paragraphs:
        raise IngestError(f"{path}: no text found")
    return PreparedDocument(meta, parsed)
