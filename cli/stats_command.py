"""``glossary stats``: what the termbase holds."""

from __future__ import annotations

import json

import click
from rich.table import Table

from cli.options import stdout, termbase_options
from services.stats import termbase_stats
from services.store import Termbase


def _by_language(counts: dict[str, int]) -> str:
    return "  ".join(f"{language} {count}" for language, count in sorted(counts.items())) or "-"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@termbase_options
def stats(as_json: bool, termbase: Termbase, quiet: bool) -> None:
    """Documents, paragraphs and sentences per language, translation units, terms and
    renderings."""
    numbers = termbase_stats(termbase)
    if as_json:
        click.echo(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Termbase {termbase.url}", title_justify="left")
    table.add_column("document", overflow="fold")
    for column in ("role", "paragraphs", "sentences"):
        table.add_column(column, no_wrap=True)
    table.add_column("units", justify="right")
    for document in numbers["documents"]:
        table.add_row(
            document["id"],
            document["role"],
            _by_language(document["paragraphs"]),
            _by_language(document["sentences"]),
            str(document["translation_units"]),
        )
    totals = numbers["totals"]
    table.add_section()
    table.add_row(
        f"{totals['documents']} documents",
        "",
        _by_language(totals["paragraphs"]),
        _by_language(totals["sentences"]),
        str(totals["translation_units"]),
    )
    stdout.print(table)
    stdout.print(f"terms {totals['terms']}  renderings {totals['renderings']}")
