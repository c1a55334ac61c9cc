"""``glossary edit``: correct a term from the command line (the review app does the same)."""

from __future__ import annotations

import click

from glossary.cli.options import editor_name, editor_option, notice, termbase_options
from glossary.cli.terms_command import resolve_id
from glossary.pinyin import pinyin_fields
from termbase import Termbase
from termbase.models import TermStatus
from termbase.review import update_term
from termbase.terms import approved_without_english


@click.command()
@click.argument("term")
@click.option("--pinyin", metavar="MARKS", help="Corrected pinyin with tone marks, e.g. 'kējì qiángguó'.")
@click.option("--traditional", help="Corrected traditional form.")
@click.option("--status", type=click.Choice([s.value for s in TermStatus]))
@click.option("--note", help="An editor's note.")
@click.option("--definition", help="A definition.")
@click.option("--subject-field", help="Subject field, e.g. 'science and technology policy'.")
@editor_option
@termbase_options
def edit(term: str, pinyin: str | None, editor: str | None, termbase: Termbase, quiet: bool,
         **fields: str | None) -> None:
    """Correct TERM (found as `glossary show` finds it; it must match one term only).
    Every change is logged with your name and the old value, and survives rebuilds.

    To choose the English, use `glossary prefer` (it approves the term too): a term
    approved here with no preferred rendering exports with no English."""
    changes: dict[str, str] = {name: value for name, value in fields.items() if value is not None}
    if pinyin is not None:
        changes |= pinyin_fields(pinyin)
    if not changes:
        raise click.UsageError("nothing to change: give --pinyin, --status, --note …")
    with termbase.transaction() as session:
        updated = update_term(session, resolve_id(session, term), changes, editor_name(editor))
        approved = changes.get("status") == TermStatus.APPROVED.value
        without_english = approved and bool(approved_without_english(session, [updated.id]))
        saved = ", ".join(sorted(changes))
        notice(f"{updated.simplified}: {saved} saved (version {updated.version})", quiet)
    if without_english:
        notice(no_english_notice(updated.simplified), quiet)


def no_english_notice(term: str) -> str:
    """Approving a term does not choose its English; without this the editor learns
    it from an export of approved terms that has none for it."""
    return (f"{term} is approved with no preferred or admitted rendering, so exports give it "
            f"no English: choose one with `glossary prefer {term} RENDERING`")
