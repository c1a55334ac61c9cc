"""``glossary prefer``, ``admit``, ``deprecate`` and ``reject``: an editor's decisions
from the command line.

One verb per decision, as git and sqlite-utils name what they do, rather than one
verb with a ``--status`` option: each reads as the sentence it stands for
(``glossary prefer 科技强国 "country strong in science and technology"``), and the
verbs are the review app's keys (``a`` approve, ``d`` deprecate, ``r`` reject). They
take the same actions (``services.review.decide``), so every decision goes to the
review log under the editor's name just as the app logs it, survives rebuilds and
can be undone in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from cli.options import (
    editor_name,
    editor_option,
    json_text,
    notice,
    refuse_controls,
    termbase_options,
)
from records import RenderingStatus
from services.review import Decision, decide
from services.store import Termbase


def decision_dict(decision: Decision, editor: str) -> dict[str, Any]:
    """What a script needs to know of a decision: the term's status and the
    rendering's, before and after, and who decided when."""
    return {
        "term": decision.term,
        "term_id": decision.term_id,
        "term_status": decision.term_status,
        "term_status_before": decision.term_status_before,
        "rendering": decision.rendering,
        "status": decision.status,
        "status_before": decision.status_before,
        "added": decision.rendering is not None and decision.status_before is None,
        "variant_of": decision.variant_of,
        "editor": editor,
        "at": decision.at.isoformat() if decision.at else None,
        "version": decision.version,
    }


def _rendering_message(result: dict[str, Any]) -> str:
    message = f"{result['rendering']!r} {result['status']}"
    if result["added"]:
        variant = result["variant_of"]
        return message + (f" (added, a variant of {variant!r})" if variant else " (added)")
    if result["status_before"] == result["status"]:
        return message + " (unchanged)"
    return message + f" (was {result['status_before']})"


def decision_message(result: dict[str, Any]) -> str:
    """One line for the editor: what was decided, and what came with it."""
    parts = [_rendering_message(result)] if result["rendering"] is not None else []
    if result["term_status"] != result["term_status_before"] or not parts:
        parts.append(f"term {result['term_status']} (was {result['term_status_before']})")
    return f"{result['term']}: " + "; ".join(parts)


def _decide(
    termbase: Termbase,
    term: str,
    rendering: str | None,
    status: RenderingStatus,
    editor: str | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Find the one term meant, decide, and say what was done."""
    if rendering is not None and not rendering.strip():
        raise click.UsageError("RENDERING is empty")
    name = editor_name(editor)
    # Decided again on what is there if another editor saved the term meanwhile: the
    # command says what to make of it, whatever it was before (services.review).
    result = decision_dict(decide(termbase, term, rendering, status, name), name)
    if as_json:
        click.echo(json_text(result))
    else:
        notice(decision_message(result), quiet)


def decision_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """TERM RENDERING, --editor, --json and the termbase options every verb shares."""
    for option in (
        termbase_options,
        click.option("--json", "as_json", is_flag=True, help="Print what was decided as JSON."),
        editor_option,
        click.argument("rendering", callback=refuse_controls),
        click.argument("term"),
    ):
        command = option(command)
    return command


@click.command()
@decision_options
def prefer(
    term: str, rendering: str, editor: str | None, as_json: bool, termbase: Termbase, quiet: bool
) -> None:
    """Make RENDERING the preferred English of TERM, and approve TERM.

    TERM is found as `glossary show` finds it and must match one term only. A
    RENDERING the term does not have yet is added as yours first; the rendering
    preferred before stays allowed, as admitted. Logged under your name, as the
    review app logs its decisions."""
    _decide(termbase, term, rendering, RenderingStatus.PREFERRED, editor, as_json, quiet)


@click.command()
@decision_options
def admit(
    term: str, rendering: str, editor: str | None, as_json: bool, termbase: Termbase, quiet: bool
) -> None:
    """Allow RENDERING beside the preferred English of TERM.

    TERM is found as `glossary show` finds it and must match one term only. A
    RENDERING the term does not have yet is added as yours first. The term's own
    status stays as it is (`glossary prefer` approves it)."""
    _decide(termbase, term, rendering, RenderingStatus.ADMITTED, editor, as_json, quiet)


@click.command()
@decision_options
def deprecate(
    term: str, rendering: str, editor: str | None, as_json: bool, termbase: Termbase, quiet: bool
) -> None:
    """Mark RENDERING of TERM as English not to use: it stays in exports, marked, so
    that translators are told.

    TERM is found as `glossary show` finds it and must match one term only. A
    RENDERING the term does not have yet is added as yours first."""
    _decide(termbase, term, rendering, RenderingStatus.DEPRECATED, editor, as_json, quiet)


@click.command()
@click.argument("term")
@click.argument("rendering", required=False, callback=refuse_controls)
@editor_option
@click.option("--json", "as_json", is_flag=True, help="Print what was decided as JSON.")
@termbase_options
def reject(
    term: str,
    rendering: str | None,
    editor: str | None,
    as_json: bool,
    termbase: Termbase,
    quiet: bool,
) -> None:
    """Reject TERM (not a term, or not one for this glossary); with RENDERING, reject
    only that rendering (not a translation of TERM at all: deprecate English that
    translates it but is not to be used).

    TERM is found as `glossary show` finds it and must match one term only."""
    _decide(termbase, term, rendering, RenderingStatus.REJECTED, editor, as_json, quiet)
