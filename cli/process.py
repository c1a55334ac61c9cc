"""How the ``glossary`` process ends once its command is done.

A build loads large tables: jieba's dictionary (500,000 prefixes) and a tagged copy
for pinyin, CC-CEDICT, pypinyin's phrases, the second reader's vocabulary. Python
frees every one of their millions of objects one by one when the interpreter shuts
down, about 0.4 s after the work is done, for nothing. So, as mypy does (its
``util.hard_exit``), the process ends at once when the command has finished: its
output flushed, its termbase already closed (``cli.options`` closes it after each
command, and SQLite folds its write-ahead log back into the file as it does).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


def exit_status(code: object) -> int:
    """The status ``SystemExit(code)`` ends a process with, as Python reports it: 0
    for None, the number itself, 1 for anything else (a message, printed first)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def run_then_exit(command: Callable[[], object]) -> None:
    """Run ``command`` (a click command in standalone mode, which always ends in
    ``SystemExit``), then end the process with its status without tearing down the
    interpreter."""
    try:
        command()
        status = 0
    except SystemExit as stop:
        status = exit_status(stop.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone (| head) or a stream closed
            pass
    os._exit(status)
