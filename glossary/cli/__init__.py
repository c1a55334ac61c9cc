"""The ``glossary`` command line: one verb per job, all sharing ``--db``."""

from __future__ import annotations

import click

from glossary import __version__
from glossary.cli.align_command import align
from glossary.cli.edit_command import edit
from glossary.cli.evaluate_command import evaluate
from glossary.cli.exchange_commands import export, import_
from glossary.cli.ingest_commands import build, ingest
from glossary.cli.options import GlossaryGroup
from glossary.cli.review_command import review
from glossary.cli.stats_command import stats
from glossary.cli.terms_command import show, terms
from glossary.cli.tm_command import tm


@click.group(cls=GlossaryGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="glossary")
def main() -> None:
    """Terminology glossary and translation memory for Chinese political texts.

    Ingest Chinese originals and their English translations, align them into a
    translation memory, and collect the competing English renderings of each term.

    The termbase is a SQLite file in your user data folder unless --db or the
    GLOSSARY_DB environment variable names another file or a database URL
    (postgresql+psycopg://user@host/name for a shared team termbase).
    """


main.add_command(build)
main.add_command(align)
main.add_command(evaluate)
main.add_command(ingest)
main.add_command(stats)
main.add_command(tm)
main.add_command(terms)
main.add_command(show)
main.add_command(edit)
main.add_command(export)
main.add_command(import_)
main.add_command(review)
