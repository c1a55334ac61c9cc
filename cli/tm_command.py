"""``glossary tm``: the translation memory. ``tm search`` looks a sentence or phrase up
in it, as a CAT tool's memory lookup and concordance would."""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from cli.options import GlossaryGroup, json_text, notice, plain, stdout, termbase_options
from glossary.tm_search import TMHit
from services.memory import search_memory
from services.store import Termbase


@click.group(cls=GlossaryGroup)
def tm() -> None:
    """The translation memory: aligned Chinese–English sentence pairs."""


def _as_json(hit: TMHit) -> dict:
    return {
        "percent": hit.percent,
        "zh": hit.zh,
        "en": hit.en,
        "document": hit.document_id,
        "title": hit.document_title,
        "unit_id": hit.unit_id,
        "alignment_score": hit.alignment_score,
    }


def _table(query: str, hits: list[TMHit]) -> Table:
    # Every text is plain, never markup (political texts are full of [brackets]), its
    # control characters escaped (a unit may come from anyone's TMX).
    table = Table(title=plain(f"{len(hits)} hits for {query}"), title_justify="left")
    table.add_column("zh", overflow="fold", ratio=3)
    table.add_column("en", overflow="fold", ratio=4)
    table.add_column("%", justify="right", no_wrap=True)
    table.add_column("document", overflow="fold", ratio=2)
    for hit in hits:
        document = plain(hit.document_id)
        if hit.document_title:
            document.append_text(plain(f"\n{hit.document_title}", style="dim"))
        # A unit that only contains the query scores low however useful it is: say why
        # it is listed below the cut-off.
        percent = Text(f"{hit.percent}", style="bold" if hit.percent == 100 else "")
        if hit.contains_query and hit.percent < 100:
            percent.append(" ⊃", style="dim")
        table.add_row(plain(hit.zh), plain(hit.en), percent, document)
    return table


@tm.command("search")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON list.")
@click.option(
    "--min",
    "minimum",
    type=click.IntRange(0, 100),
    default=70,
    show_default=True,
    help="Lowest match percentage shown; units containing TEXT are shown whatever theirs.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most hits shown."
)
@termbase_options
def search_command(
    text: str, as_json: bool, minimum: int, limit: int, termbase: Termbase, quiet: bool
) -> None:
    """Units of the translation memory like TEXT, best first, with a CAT-style match
    percentage (100 = identical but for whitespace, punctuation width and case).

    A Chinese TEXT (one with any Han character) is compared with the Chinese side
    character by character, an English one with the English side word by word. Units
    containing TEXT are listed too, ranked by their percentage (marked ⊃ in the table).
    """
    hits = search_memory(termbase, text, minimum=minimum, limit=limit)
    if not hits:
        notice(f"no translation unit matches {text!r} by {minimum}% or more", quiet)
    if as_json:
        click.echo(json_text([_as_json(hit) for hit in hits]))
    elif hits:
        stdout.print(_table(text, hits))
