"""``glossary evaluate``: measure the termbase against hand-checked answers."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from cli.options import stdout, termbase_options
from glossary.alignment.evaluation import bead_f1, parse_beads, read_anchors, score_anchors
from glossary.term_evaluation import read_gold
from services.evaluation import evaluate_terminology, unit_texts
from services.store import Termbase


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
    units = unit_texts(termbase, sorted({a.translation for a in anchors}))
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
            stdout.print(
                f"missed  {anchor.translation}  {anchor.zh} ↔ {anchor.en}",
                markup=False,
                highlight=False,
            )
    if missing:
        raise click.ClickException(
            f"no translation units for: {', '.join(missing)} (run glossary build)"
        )


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
@click.option(
    "--within",
    type=click.IntRange(min=1),
    default=None,
    help="Also give term recall within the first N candidates.",
)
@click.option("--json", "as_json", is_flag=True, help="Print all the figures and misses as JSON.")
@termbase_options
def terms_(gold: Path, within: int | None, as_json: bool, termbase: Termbase, quiet: bool) -> None:
    """Score the terminology against GOLD (a terms.tsv). Term recall: of the gold terms
    the Chinese text contains, the share within the first 400 candidates, the first
    1,000 (and the first N with --within) and anywhere in the list. Rendering accuracy,
    over all candidates, by (term, translation) pair: right when one of the pair's gold
    renderings is proposed for that translation (case folded, a leading article
    ignored); also with all of them, and by gold row. Pinyin, on the gold terms found
    among the candidates: syllables and tones (the tone-number column, case aside) and
    word joining (the tone-mark column exact: spaces, hyphens, capitals)."""
    report = evaluate_terminology(termbase, read_gold(gold), within)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return

    def say(text: str) -> None:
        stdout.print(text, markup=False, highlight=False)

    def score(right: int, total: int, what: str = "") -> str:
        return f"{right / total if total else 0:.1%} ({right}/{total}{' ' if what else ''}{what})"

    found = report.recall_terms
    for cut in report.cuts:
        say(
            f"term recall within {cut:,}: "
            f"{score(found - len(report.missed(cut)), found, 'gold terms in the Chinese')}"
        )
    say(
        f"term recall anywhere: {score(found - len(report.missed()), found, 'gold terms in the Chinese')}"
        f" among {report.candidates:,} candidates"
    )
    pairs = report.rendering_pairs
    say(
        f"rendering accuracy: {score(pairs['any'], pairs['pairs'], 'pairs of term and translation')}"
        f" with one of their renderings proposed"
    )
    say(f"  with all of their renderings: {score(pairs['all'], pairs['pairs'])}")
    say(f"  by row: {score(report.rendering_rows_right, report.rendering_rows)}")
    for source, counts in report.rendering_by_source.items():
        label = (
            "aligned with the Chinese" if source == "aligned" else "without the Chinese beside them"
        )
        say(
            f"  in texts {label}: {counts['any']}/{counts['pairs']} pairs, "
            f"{counts['rows_right']}/{counts['rows']} rows"
        )
    found_terms = report.pinyin_terms
    syllables = score(
        report.pinyin_syllables_right, found_terms, "gold terms found among the candidates"
    )
    say(f"pinyin syllables and tones: {syllables}")
    say(f"pinyin word joining: {score(report.pinyin_joining_right, found_terms, 'found terms')}")
    last = max(report.cuts)
    for term in report.missed(last):
        position = report.positions[term]
        say(
            f"not within {last:,}: {term} ({f'at {position:,}' if position else 'not a candidate'})"
        )
    if within and within < last:
        for term in report.missed(within):
            if term not in report.missed(last):
                say(f"not within {within:,}: {term} (at {report.positions[term]:,})")
    for miss in report.rendering_misses:
        say(
            f"missed rendering: {miss['zh']} {miss['document']} {miss['rendering']!r} "
            f"(proposed: {'; '.join(miss['proposed']) or '-'})"
        )
    for miss in report.pinyin_misses:
        (marks, numbers), (got_marks, got_numbers) = miss["expected"], miss["got"]
        say(
            f"pinyin miss ({', '.join(miss['wrong'])}): {miss['zh']} "
            f"expected {marks} / {numbers}, got {got_marks} / {got_numbers}"
        )
