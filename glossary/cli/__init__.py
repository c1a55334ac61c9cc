"""The ``glossary`` command line: one verb per job, all sharing ``--db``."""

from __future__ import annotations

import click

from glossary import __version__
from glossary.cli.options import GlossaryGroup, global_options

COMMANDS = {
    "build": "glossary.cli.ingest_commands:build",
    "ingest": "glossary.cli.ingest_commands:ingest",
    "align": "glossary.cli.align_command:align",
    "evaluate": "glossary.cli.evaluate_command:evaluate",
    "stats": "glossary.cli.stats_command:stats",
    "tm": "glossary.cli.tm_command:tm",
    "terms": "glossary.cli.terms_command:terms",
    "show": "glossary.cli.terms_command:show",
    "edit": "glossary.cli.edit_command:edit",
    "prefer": "glossary.cli.decision_commands:prefer",
    "admit": "glossary.cli.decision_commands:admit",
    "deprecate": "glossary.cli.decision_commands:deprecate",
    "reject": "glossary.cli.decision_commands:reject",
    "export": "glossary.cli.exchange_commands:export",
    "import": "glossary.cli.exchange_commands:import_",
    "review": "glossary.cli.review_command:review",
}


@click.group(
    cls=GlossaryGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@global_options
@click.version_option(__version__, prog_name="glossary")
def main() -> None:
    """Terminology glossary and translation memory for Chinese political texts.

    Ingest Chinese originals and their English translations, align them into a
    translation memory, and collect the competing English renderings of each term.

    The termbase is a SQLite file in your user data folder unless --db or the
    GLOSSARY_DB environment variable names another file or a database URL
    (postgresql+psycopg://user@host/name for a shared team termbase). --db and
    --quiet go before or after the command's name. Only build, ingest and import
    create a termbase; the other commands need one that exists.
    """
