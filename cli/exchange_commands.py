"""``glossary export`` and ``glossary import``: TMX, TBX and CSV for CAT tools and people."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from cli.options import (
    editor_name,
    editor_option,
    notice,
    progress_counter,
    stdout,
    termbase_options,
)
from services.exchange import (
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_SEGMENT,
    FILE_SIZE_VARIABLE,
    SEGMENT_VARIABLE,
    ExportOptions,
    ImportLimits,
    describe_size,
    export_file,
    export_size,
    import_file,
    parse_size,
    term_export_gaps,
)
from services.formats import FORMATS, Format, Holds
from services.store import Termbase

FORMAT_NAMES = [entry.format.value for entry in FORMATS.values()]


def _export_help() -> str:
    """The export's help: the formats, as the format table describes them."""
    width = max(map(len, FORMAT_NAMES)) + 2
    lines = [f"  {entry.format.value:<{width}}{entry.description}" for entry in FORMATS.values()]
    intro = "Export the translation memory or the terms as FORMAT.\n\n\b\nFORMAT is one of:\n"
    return intro + "\n".join(lines)


@click.command(help=_export_help())
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMAT_NAMES))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="File to write (replaced only once the export is complete; a symlink's "
    "target is written; a FIFO or device, or - for standard output, as a stream).",
)
@click.option(
    "--status",
    type=click.Choice(["approved", "all"]),
    default="all",
    show_default=True,
    help="approved: approved terms with their decided renderings (preferred, admitted, "
    "deprecated); for tmx, only units the aligner was confident of.",
)
@click.option(
    "--document",
    "documents",
    multiple=True,
    metavar="ID",
    help="Only units from, or renderings attested in, this document (repeatable).",
)
@click.option(
    "--zh-lang",
    default="zh-CN",
    show_default=True,
    help="Language tag written for Chinese (BCP 47; CAT tools expect zh-CN).",
)
@click.option(
    "--en-lang", default="en", show_default=True, help="Language tag written for English."
)
@click.option(
    "--bom", is_flag=True, help="csv: start with a byte-order mark, so Excel reads UTF-8."
)
@termbase_options
def export(
    fmt: str,
    output: Path,
    status: str,
    documents: tuple[str, ...],
    zh_lang: str,
    en_lang: str,
    bom: bool,
    termbase: Termbase,
    quiet: bool,
) -> None:
    """(The help is made from the format table: ``_export_help``.)"""
    chosen = Format(fmt)
    holds = FORMATS[chosen].holds
    options = ExportOptions(
        approved_only=status == "approved",
        documents=documents,
        zh_lang=zh_lang,
        en_lang=en_lang,
        bom=bom,
    )
    to_stdout = str(output) == "-"
    with progress_counter("Exporting", export_size(termbase, chosen, options), quiet) as update:
        if to_stdout:
            count = _export_to_stdout(termbase, chosen, options, update)
        else:
            count = export_file(termbase, chosen, output, options, progress=update)
    notice(f"{count} {holds} written to {'standard output' if to_stdout else output}", quiet)
    if holds is Holds.TERMS and not quiet:
        for message in _term_export_notices(termbase, fmt, output, options, count):
            notice(message, quiet)


def _export_to_stdout(termbase: Termbase, fmt: Format, options: ExportOptions, update) -> int:
    """``-o -``: the file on standard output. A reader that stops early (``| head``)
    closes the pipe: that ends the export quietly, as it ends ``cat``."""
    stream = sys.stdout.buffer
    try:
        count = export_file(termbase, fmt, stream, options, progress=update, name="standard output")
        stream.flush()
    except BrokenPipeError:
        # Python would report the pipe again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    return count


SHOWN = 5  # terms a notice names


def _term_export_notices(
    termbase: Termbase, fmt: str, output: Path, options: ExportOptions, written: int
) -> list[str]:
    """What a user of the exported terms should know and would not see in the file:
    how many of them nobody has reviewed (the default exports every candidate), and
    which approved terms have no English decided for them."""
    gaps = term_export_gaps(termbase, options)
    unreviewed, undecided = gaps.unreviewed, gaps.undecided
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
            "1 approved term has"
            if len(undecided) == 1
            else f"{len(undecided)} approved terms have"
        )
        messages.append(
            f"{counted} no preferred or admitted rendering, written {how} ({names}): "
            "choose one with `glossary prefer TERM RENDERING`"
        )
    return messages


class _Size(click.ParamType):
    """A size in bytes: 4G, 500M, 64K or a number (0: no limit)."""

    name = "size"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


@click.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    help="The file's format [default: from its suffix: .tmx, .tbx (either version), "
    ".csv, or .txt/.tab/.tsv for an OmegaT glossary].",
)
@click.option(
    "--max-segment",
    type=click.IntRange(min=0),
    envvar=SEGMENT_VARIABLE,
    default=DEFAULT_MAX_SEGMENT,
    show_default=True,
    metavar="CHARS",
    help="Skip units and rows with a segment, note, definition or context longer "
    f"than this; 0: no limit [env: {SEGMENT_VARIABLE}].",
)
@click.option(
    "--max-file-size",
    type=_Size(),
    envvar=FILE_SIZE_VARIABLE,
    default=DEFAULT_MAX_FILE_SIZE,
    metavar="SIZE",
    help=f"Refuse a larger file (4G, 500M…; 0: no limit) [default: "
    f"{describe_size(DEFAULT_MAX_FILE_SIZE)}; env: {FILE_SIZE_VARIABLE}].",
)
@editor_option
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@termbase_options(access="write")
def import_(
    file: Path,
    fmt: str | None,
    max_segment: int,
    max_file_size: int,
    editor: str | None,
    as_json: bool,
    termbase: Termbase,
    quiet: bool,
) -> None:
    """Merge FILE (TMX, TBX, CSV or an OmegaT glossary) into the termbase.

    Terms are matched by their simplified form and renderings by their text, so
    importing a file twice adds nothing the second time; a "candidate" in the file
    never undoes a decision already taken. The import is one transaction: a broken
    or hostile file is refused and the termbase stays as it was. Rows and units it
    cannot take (no target, no Chinese, over a limit) are skipped and counted.
    """
    limits = ImportLimits(max_segment=max_segment, max_file_size=max_file_size)
    with progress_counter("Importing", None, quiet) as update:
        result = import_file(
            termbase,
            file,
            editor_name(editor),
            Format(fmt) if fmt else None,
            progress=update,
            limits=limits,
        )
    for message in result.skips.messages if result.skips else ():
        notice(message, quiet)
    if as_json:
        stdout.print_json(json.dumps(result.as_dict()))
        return
    counts = result.counts
    if FORMATS[result.format].holds is Holds.UNITS:
        message = f"{counts.created} units added, {counts.unchanged} already there"
    else:
        message = (
            f"{counts.created} terms added, {counts.updated} updated, "
            f"{counts.unchanged} unchanged; {counts.renderings_created} new renderings"
        )
    summary = result.skips.summary() if result.skips else ""
    stdout.print(f"{message}; {summary}" if summary else message, markup=False, highlight=False)
