"""What every command shares: the termbase and editor options, quiet mode, progress
and errors."""

from __future__ import annotations

import functools
import getpass
import importlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

import click
from rich.console import Console, ConsoleOptions, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.segment import Segment
from rich.text import Text

from glossary.textutils import has_control, visible_controls
from services import store
from services.errors import USER_ERRORS, StorageError, TermbaseMissing
from services.store import ENV_VAR, Termbase, default_path

F = TypeVar("F", bound=Callable[..., Any])


class SafeConsole(Console):
    """A Rich console that never lets a control character of the text it prints reach
    the terminal: text comes from documents, imported files and other editors, and
    an escape sequence in it could clear the screen, retitle the window or hide what
    follows. Each one is shown as its escape (``\\x1b``) instead; the console's own
    colours and cursor moves (control segments) pass as they are.

    Commands escape their text before laying it out too (``visible_controls``), so
    that tables keep their widths; this is the net for anything they miss."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and has_control(segment.text):
                yield Segment(visible_controls(segment.text), segment.style)
            else:
                yield segment


_JSON_UNESCAPED_CONTROLS = re.compile("[\x7f-\x9f]")


def json_text(data: Any) -> str:
    """``data`` as indented JSON for a person or a script: characters as they are,
    but every control character escaped, DEL and the C1 range too (``json.dumps``
    escapes only those below U+0020, and U+009B is a terminal's CSI)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNESCAPED_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def plain(text: object, style: str = "") -> Text:
    """Text from the termbase or a file, to print as it is: never read as Rich markup
    (a title may hold "[bold]" or "[link=…]") and with control characters escaped
    (``visible_controls``) before Rich measures it, so that tables keep their widths."""
    return Text(visible_controls("" if text is None else str(text)), style=style)


# Results go to stdout; progress, notices and errors to stderr, so pipes get clean data.
stdout = SafeConsole(soft_wrap=True)
stderr = SafeConsole(stderr=True)


class UserError(click.ClickException):
    """An error caused by input or environment, reported as one line and exit code 1.

    Its message may quote a file name or a value from a file: control characters in
    it are shown escaped, never sent to the terminal."""

    def format_message(self) -> str:
        return visible_controls(self.message)


class GlossaryGroup(click.Group):
    """The command group: subcommands load when they run, so that one command does not
    pay for importing every other one (the review app must show its first screen
    fast), and the list of commands is printed from each one's line in
    ``lazy_commands`` without loading any; errors written for the user become one
    line and exit code 1."""

    def __init__(
        self, *args: Any, lazy_commands: dict[str, tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}  # name -> ("module:attribute", summary)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands and name not in self.commands:
            target, summary = self.lazy_commands[name]
            module, _, attribute = target.partition(":")
            command = getattr(importlib.import_module(module), attribute)
            command.short_help = summary
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            (
                name,
                self.lazy_commands[name][1]
                if name in self.lazy_commands
                else self.commands[name].get_short_help_str(),
            )
            for name in self.list_commands(ctx)
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as error:
            raise UserError(str(error)) from error


DB_HELP = (
    f"Termbase: a SQLite file path or a database URL [env: {ENV_VAR}; default: {default_path()}]"
)
QUIET_HELP = "No progress bars or notices."
_GLOBAL = "glossary.global."  # ctx.meta keys for the group's --db and --quiet

# How a command uses the termbase: "read" needs one that exists (edits and decisions
# too: they change a termbase, never make one); "write" creates it when missing
# (build, ingest, import); "if-any" is "read" when --db or GLOSSARY_DB names one, and
# no termbase at all when neither does and the default file does not exist (align,
# which only borrows approved renderings).
Access = Literal["read", "write", "if-any"]
CREATE_HINT = (
    "create one with `glossary build MANIFEST`, `glossary ingest FILE` or `glossary import FILE`"
)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value:
        ctx.meta[_GLOBAL + str(param.name)] = value
    return value


def global_options(group: F) -> F:
    """``--db`` and ``-q/--quiet`` on the group as well, so that ``glossary --db X
    build …`` works like ``glossary build … --db X``: the group keeps them in
    ``ctx.meta`` and every command's own option, when given, wins."""
    group = click.option(
        "-q", "--quiet", is_flag=True, expose_value=False, callback=_remember, help=QUIET_HELP
    )(group)
    return click.option(
        "--db", metavar="URL|PATH", expose_value=False, callback=_remember, help=DB_HELP
    )(group)


def _global(name: str) -> Any:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_GLOBAL + name) if ctx is not None else None


def open_termbase(db: str | None, access: Access) -> Termbase | None:
    """The termbase a command asked for, or None for "if-any" with nothing named and
    no default file; a missing termbase is one line that says how to make one."""
    if access == "if-any" and not (db or os.environ.get(ENV_VAR)) and not default_path().exists():
        return None
    try:
        return store.open_termbase(db, create=access == "write")
    except TermbaseMissing as error:
        raise UserError(f"{error}; nothing was created ({CREATE_HINT})") from error


class _NoticeHandler(logging.Handler):
    """Warnings the library logs for the user (text dropped from a file, …) as
    notices on stderr."""

    def __init__(self, quiet: bool) -> None:
        super().__init__(logging.WARNING)
        self.quiet = quiet

    def emit(self, record: logging.LogRecord) -> None:
        notice(record.getMessage(), self.quiet)


@contextmanager
def library_notices(quiet: bool) -> Iterator[None]:
    """Show what the ``glossary`` library logs at warning level while a command runs."""
    logger = logging.getLogger("glossary")
    handler = _NoticeHandler(quiet)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def _run_with_termbase(
    command: Callable[..., Any],
    access: Access,
    db: str | None,
    quiet: bool,
    *args: Any,
    **kwargs: Any,
) -> Any:
    termbase = open_termbase(db, access)
    if termbase is None:
        with library_notices(quiet):
            return command(*args, termbase=None, quiet=quiet, **kwargs)
    try:
        with library_notices(quiet):
            result = command(*args, termbase=termbase, quiet=quiet, **kwargs)
    except StorageError as error:  # the database failing under us (connection lost,
        termbase.discard_if_created()  # disk full …) is the environment, not a bug
        raise UserError(f"termbase {termbase.shown}: {error}") from error
    except BaseException:
        termbase.discard_if_created()
        raise
    termbase.close()
    if termbase.created:
        notice(f"created termbase {termbase.shown}", quiet)
    return result


def termbase_options(command: Callable[..., Any] | None = None, *, access: Access = "read") -> Any:
    """Add ``--db`` and ``--quiet``; the command receives an open ``termbase`` (None
    only with ``access="if-any"``). Use as ``@termbase_options`` or
    ``@termbase_options(access="write")`` for a command that may create the termbase."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @click.option("--db", metavar="URL|PATH", help=DB_HELP)
        @click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
        @functools.wraps(command)
        def wrapper(*args: Any, db: str | None, quiet: bool, **kwargs: Any) -> Any:
            return _run_with_termbase(
                command,
                access,
                db or _global("db"),
                quiet or bool(_global("quiet")),
                *args,
                **kwargs,
            )

        return wrapper

    return decorate(command) if command is not None else decorate


EDITOR_VARIABLE = "GLOSSARY_EDITOR"


def refuse_controls(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Callback of an option or argument whose text is stored (a note, a rendering, a
    title …): a control character in it (an escape sequence pasted along) is refused,
    as a wrong command line, rather than stored for every later reader's terminal or
    silently dropped from what the user typed. Tab and newline are text."""
    for text in value if isinstance(value, tuple) else (value,):
        found = has_control(text) if isinstance(text, str) else None
        if found:
            raise click.BadParameter(
                f"contains the control character {visible_controls(found)}, which is not text"
            )
    return value


def editor_name(given: str | None) -> str:
    """--editor, else the GLOSSARY_EDITOR environment variable, else the OS user."""
    name = given or os.environ.get(EDITOR_VARIABLE) or getpass.getuser()
    found = has_control(name)
    if found:
        raise UserError(
            f"the editor name {name!r} contains the control character "
            f"{visible_controls(found)}; set another with --editor or {EDITOR_VARIABLE}"
        )
    return name


def editor_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--editor``; the command receives it as ``editor`` (None when not given)
    and turns it into a name with ``editor_name`` when it records a change."""
    return click.option(
        "--editor",
        callback=refuse_controls,
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
