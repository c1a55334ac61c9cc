"""``glossary terms`` and ``glossary show``: the ranked term list and one term in full."""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from cli.options import UserError, json_text, notice, plain, stdout, termbase_options
from glossary.textutils import visible_controls
from records import RenderingView, TermStatus, TermView
from services.store import Termbase
from services.terms import find_term, find_terms


@click.command()
@click.option(
    "--status",
    type=click.Choice([s.value for s in TermStatus]),
    help="Only terms with this status.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="How many terms."
)
@click.option(
    "--search", "query", metavar="TEXT", help="Chinese (either script), pinyin or English."
)
@click.option("--json", "as_json", is_flag=True, help="Print the terms as JSON.")
@termbase_options
def terms(
    status: str | None,
    limit: int,
    query: str | None,
    as_json: bool,
    termbase: Termbase,
    quiet: bool,
) -> None:
    """The term candidates, best first, with their pinyin, status and renderings."""
    views = find_terms(termbase, query, status, limit)
    if as_json:
        click.echo(json_text([v.as_dict() for v in views]))
        return
    if not views:
        notice("no terms (run glossary build first?)", quiet)
        return
    table = Table(title_justify="left")
    for column in ("rank", "term", "pinyin", "status", "freq", "renderings"):
        table.add_column(column, justify="right" if column in ("rank", "freq") else "left")
    for view in views:
        renderings = "; ".join(f"{r.en} ({sum(r.documents.values())})" for r in view.renderings[:4])
        table.add_row(
            str(view.rank or "-"),
            plain(view.zh),
            plain(view.pinyin),
            plain(view.status),
            str(view.frequency),
            plain(renderings),
        )
    stdout.print(table)


@click.command()
@click.argument("term")
@click.option(
    "--contexts",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Sentence pairs per rendering.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the term as JSON.")
@termbase_options
def show(term: str, contexts: int, as_json: bool, termbase: Termbase, quiet: bool) -> None:
    """One TERM (Chinese in either script, pinyin or English) with pinyin, traditional
    form, status, and each translation's renderings with counts and contexts.

    Forms of a rendering that differ only in case, a leading article or number are
    one rendering, their counts added, the other forms listed under it. Each context
    is the sentence pair: the Chinese, then the English."""
    view = find_term(termbase, term, contexts)
    if view is None:
        raise UserError(f"no term matches {term!r}")
    if as_json:
        click.echo(json_text(view.as_dict()))
        return
    heading = plain(view.zh, style="bold")
    heading.append_text(
        plain(
            f"  {view.traditional or ''}  {view.pinyin or ''}  [{view.pinyin_numbers or ''}]"
            f"  {view.status}  rank {view.rank or '-'}  frequency {view.frequency}"
        )
    )
    stdout.print(heading)
    for label, value in (("definition", view.definition), ("note", view.note)):
        if value:
            stdout.print(plain(f"{label}: {value}"))
    stdout.print(_renderings_table(view))
    for rendering in view.renderings:
        _print_contexts(view, rendering)


def _rendering_cell(rendering: RenderingView) -> Text:
    """The rendering, and under it its other written forms with their counts."""
    text = plain(rendering.en)
    for variant in rendering.variants:
        status = "" if variant.status == rendering.status else f", {variant.status}"
        text.append_text(plain(f"\n  also {variant.en} ({variant.count}{status})", style="dim"))
    return text


def _renderings_table(view: TermView) -> Table:
    documents = view.documents
    table = Table(title="Renderings by document", title_justify="left")
    table.add_column("rendering", overflow="fold")
    table.add_column("status")
    for document in documents:  # ids come from manifests and imported files: plain text
        table.add_column(plain(document), justify="right", overflow="fold")
    for rendering in view.renderings:
        table.add_row(
            _rendering_cell(rendering),
            plain(rendering.status),
            *[str(rendering.documents.get(d, "")) for d in documents],
        )
    if view.paraphrased:
        table.add_row(
            Text("(paraphrased, no rendering)"),
            "",
            *[str(view.paraphrased.get(d, "")) for d in documents],
        )
    return table


def _print_contexts(view: TermView, rendering: RenderingView) -> None:
    """Each sentence pair as the review app's concordance shows it: the document,
    then the Chinese with the term in bold, then the English with the rendering in
    bold (English alone where no Chinese stands beside it: commentary)."""
    if not rendering.contexts:
        return
    stdout.print(plain(f"\n{rendering.en}", style="bold underline"))
    forms = [visible_controls(f) for f in (view.zh, view.traditional) if f]
    wanted = [visible_controls(e) for e in (rendering.en, *(v.en for v in rendering.variants))]
    for context in rendering.contexts:
        stdout.print(plain(f"  {context['document']}", style="dim"))
        for sentence, needles in ((context.get("zh"), forms), (context.get("en"), wanted)):
            if sentence:
                line = plain(f"    {sentence}")
                line.highlight_words(needles, style="bold", case_sensitive=False)
                stdout.print(line)
