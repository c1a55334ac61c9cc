"""``glossary build`` and ``glossary ingest``: documents read, stored, aligned into the
translation memory and mined for terms, all in one transaction.

Every file is read and parsed (``glossary.ingest``) before the termbase is written
to, and the writing is one transaction, so a failure part-way leaves the termbase
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from glossary.ingest import IngestError, document_file, prepare_document
from glossary.manifest import read_manifest
from records import DocumentMeta, DocumentRole, SaveResult
from services.alignment import align_new_documents
from services.store import reading
from services.terminology import STEPS as TERMINOLOGY_STEPS
from services.terminology import build_terminology, proposing_terms
from termbase import Termbase
from termbase.store import document_exists, save_document, stored_hash


def read_corpus(
    termbase: Termbase, manifest: Path, *, lenient: bool = False, allowed: Sequence[Path] = ()
) -> tuple[list[DocumentMeta], list[str]]:
    """The documents of ``manifest`` (``glossary.manifest.read_manifest``), originals
    first, and warnings for the user; a ``translation_of`` must name a document of
    the manifest or of the termbase."""
    with reading(termbase) as session:
        return read_manifest(
            manifest,
            lenient=lenient,
            stored=lambda document: document_exists(session, document),
            allowed=allowed,
        )


def build_steps(documents: Sequence[DocumentMeta]) -> int:
    """How many times ``ingest_documents`` calls ``on_step`` for ``documents``, a
    progress bar's total: it reads and stores each document; the memory aligns each
    translation or bilingual document in two passes; the terminology takes
    ``TERMINOLOGY_STEPS``. An estimate when documents are already in the termbase:
    the memory aligns whichever documents have no units yet, and neither it nor the
    terminology is built when no document changed."""
    aligned = sum(
        document.role == DocumentRole.BILINGUAL or bool(document.translation_of)
        for document in documents
    )
    return 2 * len(documents) + 2 * aligned + TERMINOLOGY_STEPS


def ingest_documents(
    termbase: Termbase,
    documents: Sequence[DocumentMeta],
    on_step: Callable[[str], None] = lambda _description: None,
) -> dict[str, SaveResult]:
    """Ingest documents (originals before their translations); returns what happened
    to each. Calls ``on_step`` once per document read and once per document stored,
    then for each step of the memory and the terminology when anything changed."""
    with reading(termbase) as session:
        current = {document.id: stored_hash(session, document.id) for document in documents}
    prepared = []
    for document in documents:
        on_step(f"reading {document_file(document).name}")
        prepared.append(prepare_document(document, current[document.id]))
    results: dict[str, SaveResult] = {}
    batch_ids = {document.id for document in documents}
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
            # the terms need only the Chinese: proposed on the other core meanwhile
            with proposing_terms(session) as proposal:
                align_new_documents(session, on_step=on_step)
                build_terminology(session, on_step=on_step, proposal=proposal)
    return results
