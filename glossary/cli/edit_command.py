"""``glossary edit``: correct a term from the command line (the review app does the same)."""

from __future__ import annotations

import click

from glossary.cli.options import editor_name, editor_option, notice, termbase_options
from glossary.cli.terms_command import search_ids
from glossary.pinyin import pinyin_fields
from termbase import Termbase
from termbase.models import TermStatus
from termbase.review import update_term


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
    """Correct TERM (found as `glossary show` finds it). Every change is logged with
    your name and the old value, and survives rebuilds."""
    changes: dict[str, str] = {name: value for name, value in fields.items() if value is not None}
    if pinyin is not None:
        changes |= pinyin_fields(pinyin)
    if not changes:
        raise click.UsageError("nothing to change: give --pinyin, --status, --note …")
    with termbase.transaction() as session:
        ids = search_ids(session, term, limit=1)
        if not ids:
            raise click.ClickException(f"no term matches {term!r}")
        updated = update_term(session, ids[0], changes, editor_name(editor))
        notice(f"{updated.simplified}: {', '.join(sorted(changes))} saved (version {updated.version})", quiet)
