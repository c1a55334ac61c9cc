"""Ingesting documents: read each file, rebuild its paragraphs and sentences, store
the lot, align what needs aligning and rebuild the terminology, in one transaction.

Everything that can fail on bad input (decoding, layout) happens before the termbase
is touched, and the writing is one transaction, so a failure part-way leaves the
termbase exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from glossary.alignment.memory import build_memory
from glossary.decoding import DecodingError, decode_bytes
from glossary.documents import ParsedDocument
from glossary.manifest import DocumentSpec
from glossary.reading import read_text
from glossary.terminology import STEPS as TERMINOLOGY_STEPS
from glossary.terminology import build_terminology
from glossary.textutils import drop_controls, warn_dropped
from records import DocumentMeta
from termbase import Termbase
from termbase.store import SaveResult, document_exists, save_document, stored_hash

# Part of every content hash: bump it when a reader changes what it makes of a file,
# so that the next build re-reads files whose bytes did not change. 2: control
# characters are dropped.
READER_VERSION = "2"


class IngestError(ValueError):
    """A document that cannot be ingested; the message names the file."""


@dataclass
class PreparedDocument:
    meta: DocumentMeta
    parsed: ParsedDocument | None  # None when the stored version is already current


def content_hash(data: bytes, spec: DocumentSpec) -> str:
    """Hash of the file's bytes, its description and the reader version: a rebuild
    with the same three changes nothing."""
    description = {k: str(v) for k, v in asdict(spec).items() if k != "path"}
    digest = hashlib.sha256(READER_VERSION.encode())
    digest.update(json.dumps(description, sort_keys=True).encode())
    digest.update(data)
    return digest.hexdigest()


def _meta(spec: DocumentSpec, digest: str) -> DocumentMeta:
    return DocumentMeta(
        id=spec.id,
        language=spec.lang,
        role=spec.role,
        content_hash=digest,
        title=spec.title,
        translation_of=spec.translation_of,
        outlet=spec.outlet,
        author=spec.author,
        published=spec.published,
        url=spec.url,
        official=spec.official,
        source_path=str(spec.path),
    )


def prepare_document(spec: DocumentSpec, current_hash: str | None) -> PreparedDocument:
    """Read and parse one file, unless the termbase already holds this exact version."""
    try:
        data = spec.path.read_bytes()
    except OSError as error:
        raise IngestError(f"{spec.path}: cannot read: {error.strerror or error}") from None
    digest = content_hash(data, spec)
    if digest == current_hash:
        return PreparedDocument(_meta(spec, digest), None)
    try:
        text = decode_bytes(data, str(spec.path), spec.encoding)
    except DecodingError as error:
        raise IngestError(str(error)) from None
    text, dropped = drop_controls(text)
    warn_dropped(spec.path, dropped)  # escape sequences and the like: never stored
    parsed = read_text(text, spec.lang, spec.role)
    if not parsed.paragraphs:
        raise IngestError(f"{spec.path}: no text found")
    return PreparedDocument(_meta(spec, digest), parsed)


def build_steps(specs: Sequence[DocumentSpec]) -> int:
    """How many times ``ingest_documents`` calls ``on_step`` for ``specs``, a progress
    bar's total: it reads and stores each document; ``build_memory`` aligns each
    translation or bilingual document in two passes; ``build_terminology`` takes
    ``TERMINOLOGY_STEPS``. An estimate when documents are already in the termbase:
    ``build_memory`` aligns whichever documents have no units yet, and neither it nor
    ``build_terminology`` runs when no document changed."""
    aligned = sum(spec.role == "bilingual" or bool(spec.translation_of) for spec in specs)
    return 2 * len(specs) + 2 * aligned + TERMINOLOGY_STEPS


def ingest_documents(
    termbase: Termbase,
    specs: Sequence[DocumentSpec],
    on_step: Callable[[str], None] = lambda _description: None,
) -> dict[str, SaveResult]:
    """Ingest documents (originals before their translations); returns what happened
    to each. Calls ``on_step`` once per document read and once per document stored."""
    with termbase.reading() as session:
        current = {spec.id: stored_hash(session, spec.id) for spec in specs}
    prepared = []
    for spec in specs:
        on_step(f"reading {spec.path.name}")
        prepared.append(prepare_document(spec, current[spec.id]))
    results: dict[str, SaveResult] = {}
    batch_ids = {spec.id for spec in specs}
    with termbase.transaction() as session:
        for item in prepared:
            meta = item.meta
            on_step(f"storing {meta.id}")
            if item.parsed is None:
                results[meta.id] = SaveResult.UNCHANGED
                continue
            original = meta.translation_of
            if original and original not in batch_ids and not document_exists(session, original):
                raise IngestError(
                    f"{meta.source_path}: translation_of {original!r} is neither in this "
                    "manifest nor in the termbase"
                )
            results[meta.id] = save_document(session, meta, item.parsed.paragraphs)
        if any(result is not SaveResult.UNCHANGED for result in results.values()):
            build_memory(session, on_step=on_step)
            build_terminology(session, on_step=on_step)
    return results
