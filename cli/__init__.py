"""The ``glossary`` command line: one verb per job, all sharing ``--db``."""

from __future__ import annotations

import click

from cli.options import GlossaryGroup, global_options
from glossary import __version__

# Every command: where it lives and the line `glossary --help` lists it with, so that
# the list is printed without importing every command (and jieba, the dictionaries
# and Textual with them), as pip lists its commands.
COMMANDS = {
    "build": (
        "cli.ingest_commands:build",
        "Build or update the termbase from a corpus manifest.",
    ),
    "ingest": (
        "cli.ingest_commands:ingest",
        "Add one file to the termbase, described by options.",
    ),
    "align": (
        "cli.align_command:align",
        "Align a Chinese text with its translation; nothing is stored.",
    ),
    "evaluate": (
        "cli.evaluate_command:evaluate",
        "Score the termbase against gold files.",
    ),
    "stats": (
        "cli.stats_command:stats",
        "Documents, sentences, units and terms in the termbase.",
    ),
    "tm": (
        "cli.tm_command:tm",
        "The translation memory: search the aligned sentence pairs.",
    ),
    "terms": (
        "cli.terms_command:terms",
        "The term candidates, best first, with pinyin and renderings.",
    ),
    "show": (
        "cli.terms_command:show",
        "One term with its renderings per document and their contexts.",
    ),
    "edit": (
        "cli.edit_command:edit",
        "Correct a term: pinyin, traditional form, status, note.",
    ),
    "prefer": (
        "cli.decision_commands:prefer",
        "Make a rendering the preferred English of a term.",
    ),
    "admit": (
        "cli.decision_commands:admit",
        "Allow a rendering beside the preferred English.",
    ),
    "deprecate": (
        "cli.decision_commands:deprecate",
        "Mark a rendering as English not to use.",
    ),
    "reject": ("cli.decision_commands:reject", "Reject a term, or one of its renderings."),
    "export": (
        "cli.exchange_commands:export",
        "Export the memory as TMX or the terms as TBX, CSV or OmegaT.",
    ),
    "import": (
        "cli.exchange_commands:import_",
        "Merge a TMX, TBX, CSV or OmegaT file into the termbase.",
    ),
    "review": (
        "cli.review_command:review",
        "Review the terms in a full-screen terminal app.",
    ),
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


def run() -> None:
    """The ``glossary`` console script (and ``python -m cli``): ``main``, then the
    process ends without the interpreter's slow teardown (``cli.process``)."""
    from cli.process import run_then_exit

    run_then_exit(lambda: main(prog_name="glossary"))
