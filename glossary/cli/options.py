"""What every command shares: the termbase and editor options, quiet mode, progress
and errors."""

from __future__ import annotations

import functools
import getpass
import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from termbase.db import ENV_VAR, Termbase, TermbaseError, TermbaseMissing, default_path

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


DB_HELP = (f"Termbase: a SQLite file path or a database URL "
           f"[env: {ENV_VAR}; default: {default_path()}]")
QUIET_HELP = "No progress bars or notices."
_GLOBAL = "glossary.global."  # ctx.meta keys for the group's --db and --quiet

# How a command uses the termbase: "read" needs one that exists (edits and decisions
# too: they change a termbase, never make one); "write" creates it when missing
# (build, ingest, import); "if-any" is "read" when --db or GLOSSARY_DB names one, and
# no termbase at all when neither does and the default file does not exist (align,
# which only borrows approved renderings).
Access = Literal["read", "write", "if-any"]
CREATE_HINT = ("create one with `glossary build MANIFEST`, `glossary ingest FILE` "
               "or `glossary import FILE`")


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value:
        ctx.meta[_GLOBAL + str(param.name)] = value
    return value


def global_options(group: click.Group) -> click.Group:
    """``--db`` and ``-q/--quiet`` on the group as well, so that ``glossary --db X
    build …`` works like ``glossary build … --db X``: the group keeps them in
    ``ctx.meta`` and every command's own option, when given, wins."""
    group = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_remember,
                         help=QUIET_HELP)(group)
    return click.option("--db", metavar="URL|PATH", expose_value=False, callback=_remember,
                        help=DB_HELP)(group)


def _global(name: str) -> Any:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_GLOBAL + name) if ctx is not None else None


def open_termbase(db: str | None, access: Access) -> Termbase | None:
    """The termbase a command asked for, or None for "if-any" with nothing named and
    no default file; a missing termbase is one line that says how to make one."""
    if access == "if-any" and not (db or os.environ.get(ENV_VAR)) and not default_path().exists():
        return None
    try:
        return Termbase.open(db, create=access == "write")
    except TermbaseMissing as error:
        raise UserError(f"{error}; nothing was created ({CREATE_HINT})") from error


def _run_with_termbase(command: Callable[..., Any], access: Access, db: str | None, quiet: bool,
                       *args: Any, **kwargs: Any) -> Any:
    termbase = open_termbase(db, access)
    if termbase is None:
        return command(*args, termbase=None, quiet=quiet, **kwargs)
    try:
        result = command(*args, termbase=termbase, quiet=quiet, **kwargs)
    except BaseException:
        termbase.discard_if_created()
        raise
    termbase.close()
    if termbase.created:
        notice(f"created termbase {termbase.shown}", quiet)
    return result


def termbase_options(
    command: Callable[..., Any] | None = None, *, access: Access = "read"
) -> Any:
    """Add ``--db`` and ``--quiet``; the command receives an open ``termbase`` (None
    only with ``access="if-any"``). Use as ``@termbase_options`` or
    ``@termbase_options(access="write")`` for a command that may create the termbase."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @click.option("--db", metavar="URL|PATH", help=DB_HELP)
        @click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
        @functools.wraps(command)
        def wrapper(*args: Any, db: str | None, quiet: bool, **kwargs: Any) -> Any:
            return _run_with_termbase(command, access, db or _global("db"),
                                      quiet or bool(_global("quiet")), *args, **kwargs)

        return wrapper

    return decorate(command) if command is not None else decorate


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
    """A line on stderr unless ``quiet``; never wrapped, so that each notice stays one
    line for whoever greps a log."""
    if not quiet:
        stderr.print(message, markup=False, highlight=False, soft_wrap=True)
