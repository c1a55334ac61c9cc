"""``glossary review``: the full-screen review app (``tui``)."""

from __future__ import annotations

import click

from cli.options import editor_name, editor_option, termbase_options
from services.store import Termbase


@click.command()
@editor_option
@termbase_options
def review(editor: str | None, termbase: Termbase, quiet: bool) -> None:
    """Review the terms in a full-screen terminal app: search and filter the term list,
    compare each term's renderings across the documents, and approve, deprecate, reject,
    edit, note, add and merge. Every decision is saved at once under your name in the
    review log; u undoes your last one, ? lists the keys."""
    from tui.app import ReviewApp  # Textual loads only for this command

    ReviewApp(termbase, editor_name(editor)).run()
