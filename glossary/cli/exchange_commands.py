"""``glossary export`` and ``glossary import``: TMX, TBX and CSV for CAT tools and people."""

from __future__ import annotations

import json
from pathlib import Path

import click

from exports.exchange import ExportOptions, Format, export_file, export_size, import_file
from glossary.cli.options import (
    editor_name,
    editor_option,
    notice,
    progress_counter,
    stdout,
    termbase_options,
)
from termbase import Termbase
from termbase.terms import approved_without_english, count_unreviewed


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice([f.value for f in Format]))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (replaced only once the export is complete).")
@click.option("--status", type=click.Choice(["approved", "all"]), default="all", show_default=True,
              help="approved: approved terms with their decided renderings (preferred, admitted, "
              "deprecated); for tmx, only units the aligner was confident of.")
@click.option("--document", "documents", multiple=True, metavar="ID",
              help="Only units from, or renderings attested in, this document (repeatable).")
@click.option("--zh-lang", default="zh-CN", show_default=True,
              help="Language tag written for Chinese (BCP 47; CAT tools expect zh-CN).")
@click.option("--en-lang", default="en", show_default=True, help="Language tag written for English.")
@click.option("--bom", is_flag=True, help="csv: start with a byte-order mark, so Excel reads UTF-8.")
@termbase_options
def export(
    fmt: str, output: Path, status: str, documents: tuple[str, ...], zh_lang: str, en_lang: str,
    bom: bool, termbase: Termbase, quiet: bool,
) -> None:
    """Export the translation memory or the terms as FORMAT.

    \b
    FORMAT is one of:
      tmx     the translation memory, TMX 1.4b, for a CAT tool's TM
      tbx     the terms, TBX-Basic (TBX v3), for a CAT tool's termbase
      tbx2    the terms, TBX v2 (martif): OmegaT, translate-toolkit, Weblate
      csv     the terms, one row per term, for spreadsheets
      omegat  the terms, OmegaT's glossary (source, target, comment; tab-separated)
    """
    chosen = Format(fmt)
    options = ExportOptions(approved_only=status == "approved", documents=documents,
                            zh_lang=zh_lang, en_lang=en_lang, bom=bom)
    with progress_counter("Exporting", export_size(termbase, chosen, options), quiet) as update:
        count = export_file(termbase, chosen, output, options, progress=update)
    noun = "units" if chosen is Format.TMX else "terms"
    notice(f"{count} {noun} written to {output}", quiet)
    if chosen is not Format.TMX and not quiet:
        for message in _term_export_notices(termbase, fmt, output, options, count):
            notice(message, quiet)


SHOWN = 5  # terms a notice names


def _term_export_notices(
    termbase: Termbase, fmt: str, output: Path, options: ExportOptions, written: int
) -> list[str]:
    """What a user of the exported terms should know and would not see in the file:
    how many of them nobody has reviewed (the default exports every candidate), and
    which approved terms have no English decided for them."""
    with termbase.reading() as session:
        unreviewed = 0 if options.approved_only else count_unreviewed(session, options.documents)
        undecided = [] if options.documents else approved_without_english(session)
    messages = []
    if unreviewed:
        messages.append(
            f"{min(unreviewed, written)} of them are unreviewed candidates; "
            f"`glossary export {fmt} --status approved -o {output}` writes approved terms only"
        )
    if undecided:
        names = ", ".join(undecided[:SHOWN]) + (", …" if len(undecided) > SHOWN else "")
        how = "with no English" if options.approved_only else "with no decided English"
        counted = (
            "1 approved term has" if len(undecided) == 1
            else f"{len(undecided)} approved terms have"
        )
        messages.append(
            f"{counted} no preferred or admitted rendering, written {how} ({names}): "
            "choose one with `glossary prefer TERM RENDERING`"
        )
    return messages


@click.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice([f.value for f in Format]),
              help="The file's format [default: from its suffix: .tmx, .tbx (either version), "
              ".csv, or .txt/.tab/.tsv for an OmegaT glossary].")
@editor_option
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@termbase_options(access="write")
def import_(
    file: Path, fmt: str | None, editor: str | None, as_json: bool, termbase: Termbase, quiet: bool
) -> None:
    """Merge FILE (TMX, TBX, CSV or an OmegaT glossary) into the termbase.

    Terms are matched by their simplified form and renderings by their text, so
    importing a file twice adds nothing the second time; a "candidate" in the file
    never undoes a decision already taken. The import is one transaction: a broken
    or hostile file is refused and the termbase stays as it was.
    """
    with progress_counter("Importing", None, quiet) as update:
        result = import_file(termbase, file, editor_name(editor), Format(fmt) if fmt else None,
                             progress=update)
    if as_json:
        stdout.print_json(json.dumps(result.as_dict()))
        return
    counts = result.counts
    if result.format is Format.TMX:
        message = f"{counts.created} units added, {counts.unchanged} already there"
        if counts.skipped:
            message += f", {counts.skipped} skipped (no Chinese or no English)"
    else:
        message = (f"{counts.created} terms added, {counts.updated} updated, "
                   f"{counts.unchanged} unchanged; {counts.renderings_created} new renderings")
    stdout.print(message, markup=False, highlight=False)
