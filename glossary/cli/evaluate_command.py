"""``glossary evaluate``: measure the termbase against hand-checked answers."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from glossary.alignment.evaluation import bead_f1, parse_beads, read_anchors, score_anchors
from glossary.cli.options import stdout, termbase_options
from glossary.term_evaluation import evaluate_terms, read_gold
from termbase import Termbase
from termbase.memory import aligned_documents, chinese_sentences, document_units
from termbase.terms import ranked_terms, renderings_by_document, stored_pinyin


@click.group()
def evaluate() -> None:
    """Score the termbase against gold files (see shared/dev-gold/README.md)."""


@evaluate.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores and failures as JSON.")
@termbase_options
def alignment(gold: Path, as_json: bool, termbase: Termbase, quiet: bool) -> None:
    """Score the translation memory against GOLD, a TSV of sentence anchors
    (translation, zh_anchor, en_anchor, note). An anchor is right when one unit
    holds both strings, or, for en_anchor "-", when no unit pairs that Chinese with
    English. Exits with 1 when the memory has no units for a translation in GOLD."""
    anchors = read_anchors(gold)
    with termbase.reading() as session:
        units = {
            document: [(u.zh_text, u.en_text) for u in document_units(session, document)]
            for document in sorted({a.translation for a in anchors})
        }
    missing = [document for document, pairs in units.items() if not pairs]
    report = score_anchors(anchors, units)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        table = Table(title="Sentence anchors", title_justify="left")
        for column in ("translation", "right", "total", "accuracy"):
            table.add_column(column, justify="left" if column == "translation" else "right")
        for document, row in report.as_dict()["documents"].items():
            table.add_row(document, str(row["right"]), str(row["total"]), f"{row['accuracy']:.1%}")
        stdout.print(table)
        for anchor in report.failures:
            stdout.print(f"missed  {anchor.translation}  {anchor.zh} ↔ {anchor.en}", markup=False, highlight=False)
    if missing:
        raise click.ClickException(f"no translation units for: {', '.join(missing)} (run glossary build)")


@evaluate.command()
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def beads(predicted: Path, gold: Path) -> None:
    """Strict precision, recall and F1 of PREDICTED beads (the output of
    `glossary align --sentences`) against GOLD beads, over beads with both sides."""
    scores = bead_f1(
        parse_beads(predicted.read_text(encoding="utf-8").splitlines()),
        parse_beads(gold.read_text(encoding="utf-8").splitlines()),
    )
    click.echo(json.dumps({name: round(value, 4) for name, value in scores.items()}))


@evaluate.command("terms")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--within", type=click.IntRange(min=1), default=400, show_default=True,
              help="Term recall counts the first N terms of the ranked list.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores and misses as JSON.")
@termbase_options
def terms_(gold: Path, within: int, as_json: bool, termbase: Termbase, quiet: bool) -> None:
    """Score the terminology against GOLD (a terms.tsv): term recall within the first
    N candidates (of the gold terms the Chinese text contains), rendering accuracy
    (rows whose rendering the project proposes for that translation, ignoring case
    and a leading article; also by (term, translation) pair) and pinyin accuracy
    (both columns exact)."""
    with termbase.reading() as session:
        report = evaluate_terms(
            read_gold(gold), ranked_terms(session), renderings_by_document(session),
            stored_pinyin(session), "\n".join(chinese_sentences(session)), within,
            aligned_documents(session),
        )
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    stdout.print(f"term recall within {within}: {report.recall:.1%} of {report.recall_terms}")
    stdout.print(f"rendering accuracy: {report.rendering_accuracy:.1%} of {report.rendering_rows} rows")
    for source, counts in report.rendering_by_source.items():
        label = "aligned with the Chinese" if source == "aligned" else "without the Chinese beside them"
        stdout.print(f"  in texts {label}: {counts['right']}/{counts['rows']}")
    pairs = report.rendering_pairs
    stdout.print(f"  by (term, translation) pair: {pairs['any']}/{pairs['pairs']} with one of its renderings "
                 f"proposed, {pairs['all']}/{pairs['pairs']} with all of them")
    stdout.print(f"pinyin accuracy: {report.pinyin_accuracy:.1%}")
    for term in report.missed:
        stdout.print(f"not within {within}: {term}", markup=False)
    for miss in report.rendering_misses:
        stdout.print(f"missed rendering: {miss['zh']} {miss['document']} {miss['rendering']!r} "
                     f"(proposed: {'; '.join(miss['proposed']) or '-'})", markup=False, highlight=False)
