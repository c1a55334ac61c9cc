"""Small jobs start fast because each command loads only what it needs: the list of
commands comes from a table, not from importing every command, and looking a term up
reads no dictionary, segmenter or migration tool. (How fast: ``bench/startup.py``.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cli import COMMANDS, main

HEAVY = ("jieba", "pypinyin", "textual", "alembic", "glossary.alignment", "glossary.extraction")

PROBE = """
import json, sys
from cli import main
try:
    main(sys.argv[1:], prog_name="glossary")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _loaded(*arguments: str) -> tuple[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *arguments],
        check=True,
        capture_output=True,
        text=True,
    )
    *output, modules = done.stdout.rstrip("\n").split("\n")
    return "\n".join(output), json.loads(modules)


def test_the_command_list_loads_no_command() -> None:
    output, loaded = _loaded("--help")
    assert loaded == []
    for name, (_target, summary) in COMMANDS.items():
        assert name in output and summary.split()[0] in output


def test_a_loaded_command_has_the_summary_the_list_gives_it() -> None:
    context = click.Context(main)
    for name, (_target, summary) in COMMANDS.items():
        command = main.get_command(context, name)
        assert command is not None and command.get_short_help_str(200) == summary


@pytest.mark.parametrize("query", ["科技强国", "kejiqiangguo"])
def test_looking_a_term_up_reads_no_dictionary(sample_termbase: Path, query: str) -> None:
    output, loaded = _loaded("show", query, "--db", str(sample_termbase))
    assert "科技强国" in output
    assert loaded == []
