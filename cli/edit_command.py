"""``glossary edit``: correct a term from the command line (the review app does the same)."""

from __future__ import annotations

import click

from cli.options import (
    editor_name,
    editor_option,
    notice,
    refuse_controls,
    termbase_options,
)
from records import TermStatus
from services import review
from services.store import Termbase


@click.command()
@click.argument("term")
@click.option(
    "--pinyin",
    metavar="MARKS",
    callback=refuse_controls,
    help="Corrected pinyin with tone marks, e.g. 'kējì qiángguó'.",
)
@click.option("--traditional", callback=refuse_controls, help="Corrected traditional form.")
@click.option("--status", type=click.Choice([s.value for s in TermStatus]))
@click.option("--note", callback=refuse_controls, help="An editor's note.")
@click.option("--definition", callback=refuse_controls, help="A definition.")
@click.option(
    "--subject-field",
    callback=refuse_controls,
    help="Subject field, e.g. 'science and technology policy'.",
)
@editor_option
@termbase_options
def edit(
    term: str,
    pinyin: str | None,
    editor: str | None,
    termbase: Termbase,
    quiet: bool,
    **fields: str | None,
) -> None:
    """Correct TERM (found as `glossary show` finds it; it must match one term only).
    Every change is logged with your name and the old value, and survives rebuilds.

    To choose the English, use `glossary prefer` (it approves the term too): a term
    approved here with no preferred rendering exports with no English."""
    changes: dict[str, str | None] = {
        name: value for name, value in fields.items() if value is not None
    }
    if pinyin is not None:
        changes[review.PINYIN] = pinyin
    if not changes:
        raise click.UsageError("nothing to change: give --pinyin, --status, --note …")
    # A plain intent ("set this note"): if another editor saves the term meanwhile,
    # it is applied again to what they saved (services.review).
    edited = review.edit(termbase, term, changes, editor_name(editor))
    notice(
        f"{edited.term}: {', '.join(sorted(edited.fields))} saved (version {edited.version})", quiet
    )
    if edited.without_english:
        notice(no_english_notice(edited.term), quiet)


def no_english_notice(term: str) -> str:
    """Approving a term does not choose its English; without this the editor learns
    it from an export of approved terms that has none for it."""
    return (
        f"{term} is approved with no preferred or admitted rendering, so exports give it "
        f"no English: choose one with `glossary prefer {term} RENDERING`"
    )
