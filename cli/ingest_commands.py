"""``glossary build`` and ``glossary ingest``: getting documents into the termbase."""

from __future__ import annotations

import os
from pathlib import Path

import click

from cli.options import (
    UserError,
    notice,
    plain,
    progress_bar,
    refuse_controls,
    stdout,
    termbase_options,
)
from glossary.manifest import (
    ALLOW_OPTION,
    document_file_problem,
    validate_language,
    validate_role,
)
from glossary.textutils import has_control
from records import DocumentMeta, DocumentRole, SaveResult
from services.build import build_steps, ingest_documents, read_corpus
from services.store import Termbase


def _run(termbase: Termbase, documents: list[DocumentMeta], quiet: bool) -> None:
    with progress_bar("Building", total=build_steps(documents), quiet=quiet) as advance:
        results = ingest_documents(termbase, documents, on_step=advance)
    if not quiet:
        for document_id, result in results.items():
            stdout.print(plain(f"{result.value:>9}  {document_id}"), highlight=False)
        changed = sum(r is not SaveResult.UNCHANGED for r in results.values())
        notice(f"{changed} of {len(results)} documents changed in {termbase.shown}", quiet)


def _regular_file(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """A file to read must be a regular file: a folder, a device, a pipe or a symlink
    loop is called what it is (a device would be read for ever), before any termbase
    opens."""
    if not os.path.lexists(value):
        raise click.BadParameter(f"{value} does not exist")
    problem = document_file_problem(value)
    if problem:
        raise click.BadParameter(problem)
    return value


@click.command()
@click.argument("manifest", type=click.Path(path_type=Path), callback=_regular_file)
@click.option(
    "--lenient",
    is_flag=True,
    help="Warn about unknown fields in MANIFEST and ignore them, instead of refusing it.",
)
@click.option(
    ALLOW_OPTION,
    "allowed",
    metavar="DIR",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Read documents from DIR (and below) too; without it, only from MANIFEST's "
    "folder and below. Repeatable.",
)
@termbase_options(access="write")
def build(
    manifest: Path, lenient: bool, allowed: tuple[Path, ...], termbase: Termbase, quiet: bool
) -> None:
    """Build the termbase from MANIFEST (a corpus TOML file, see the README).

    Files are decoded (UTF-8, UTF-16, GB18030/GBK, Big5), their paragraphs rebuilt
    and split into sentences; translations are aligned with their originals into
    the translation memory; terms, their renderings, pinyin and traditional forms
    are extracted. Unchanged files are skipped; changed ones replace their old
    version, and editors' decisions are kept. The whole build is one transaction:
    if any document fails, the termbase stays exactly as it was. A field the manifest
    format does not have is an error (a misspelt translation_of would otherwise
    leave a translation aligned with nothing) unless --lenient.

    Every document must be a file in MANIFEST's folder or below it: a path that
    leads elsewhere (.., an absolute path, a symlink) is refused, so that a corpus
    from someone else reads nothing else of yours, unless --allow-dir names the
    folder it leads to.
    """
    documents, warnings = read_corpus(termbase, manifest, lenient=lenient, allowed=allowed)
    for warning in warnings:
        notice(f"warning: {warning}", quiet)
    _run(termbase, documents, quiet)


@click.command()
@click.argument("file", type=click.Path(path_type=Path), callback=_regular_file)
@click.option("--lang", required=True, help="Language tag of the document: zh-Hans, zh, en …")
@click.option(
    "--role",
    required=True,
    type=click.Choice([r.value for r in DocumentRole]),
    help="original, translation (of --translation-of), bilingual (interleaved) or commentary.",
)
@click.option(
    "--id",
    "document_id",
    callback=refuse_controls,
    help="Document id [default: the file name without suffix].",
)
@click.option(
    "--translation-of",
    metavar="ID",
    callback=refuse_controls,
    help="Id of the original this translates.",
)
@click.option("--title", callback=refuse_controls, help="Title of the document.")
@click.option("--author", callback=refuse_controls, help="Author or speaker.")
@click.option("--outlet", callback=refuse_controls, help="Where it was published.")
@click.option(
    "--published", metavar="DATE", callback=refuse_controls, help="Publication date, YYYY-MM-DD."
)
@click.option("--url", callback=refuse_controls, help="Where it can be found.")
@click.option("--official", is_flag=True, help="An official translation.")
@click.option("--encoding", help="Skip detection and decode with this encoding.")
@termbase_options(access="write")
def ingest(
    file: Path,
    lang: str,
    role: str,
    document_id: str | None,
    translation_of: str | None,
    termbase: Termbase,
    quiet: bool,
    **description: str | bool | None,
) -> None:
    """Ingest one FILE with the description given as options."""
    where = str(file)
    if document_id is None and has_control(file.stem):
        raise UserError(f"{where}: the file name holds a control character; give an --id")
    document = DocumentMeta(
        id=document_id or file.stem,
        source_path=str(file.resolve()),
        language=validate_language(lang, where),
        role=validate_role(role, where),
        translation_of=translation_of,
        **description,  # type: ignore[arg-type]
    )
    _run(termbase, [document], quiet)
