"""What every command shares: the termbase and editor options, quiet mode, progress
and errors."""

from __future__ import annotations

import functools
import getpass
import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from termbase.db import ENV_VAR, Termbase, TermbaseError, default_path

# Results go to stdout; progress, notices and errors to stderr, so pipes get clean data.
stdout = Console(soft_wrap=True)
stderr = Console(stderr=True)


class UserError(click.ClickException):
    """An error caused by input or environment, reported as one line and exit code 1."""


# Errors whose message is written for the user; anything else is a bug and shows a trace.
USER_ERRORS: tuple[type[Exception], ...] = (TermbaseError, ValueError, OSError)


class GlossaryGroup(click.Group):
    """The command group: subcommands load when they run, so that one command does not
    pay for importing every other one (the review app must show its first screen
    fast); errors written for the user become one line and exit code 1."""

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}  # name -> "module:attribute"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands and name not in self.commands:
            module, _, attribute = self.lazy_commands[name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as error:
            raise UserError(str(error)) from error


def termbase_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--db`` and ``--quiet``; the command receives an open ``termbase``."""

    @click.option(
        "--db",
        envvar=ENV_VAR,
        metavar="URL|PATH",
        help=f"Termbase: a SQLite file path or a database URL "
        f"[env: {ENV_VAR}; default: {default_path()}]",
    )
    @click.option("-q", "--quiet", is_flag=True, help="No progress bars or notices.")
    @functools.wraps(command)
    def wrapper(*args: Any, db: str | None, quiet: bool, **kwargs: Any) -> Any:
        termbase = Termbase.open(db)
        try:
            return command(*args, termbase=termbase, quiet=quiet, **kwargs)
        finally:
            termbase.close()

    return wrapper


EDITOR_VARIABLE = "GLOSSARY_EDITOR"


def editor_name(given: str | None) -> str:
    """--editor, else the GLOSSARY_EDITOR environment variable, else the OS user."""
    return given or os.environ.get(EDITOR_VARIABLE) or getpass.getuser()


def editor_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--editor``; the command receives it as ``editor`` (None when not given)
    and turns it into a name with ``editor_name`` when it records a change."""
    return click.option(
        "--editor",
        help=f"Your name in the review log [env: {EDITOR_VARIABLE}; default: the OS user].",
    )(command)


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[step]}", markup=False),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=quiet,
    )


@contextmanager
def progress_bar(description: str, total: int, quiet: bool) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar on stderr; yields a function that advances it one step."""
    with _progress(quiet) as progress:
        task = progress.add_task(description, total=total, step="")

        def advance(step: str) -> None:
            progress.update(task, advance=1, step=step)

        yield advance


@contextmanager
def progress_counter(
    description: str, total: int | None, quiet: bool
) -> Iterator[Callable[[int], None]]:
    """A Rich progress bar on stderr for work counted in items; yields a function that
    sets how many are done. ``total=None`` when the end is unknown (a file's units)."""
    with _progress(quiet) as progress:
        task = progress.add_task(description, total=total, step="")

        def update(done: int) -> None:
            progress.update(task, completed=done)

        yield update


def notice(message: str, quiet: bool) -> None:
    if not quiet:
        stderr.print(message, markup=False, highlight=False)
