"""``glossary align``: align two files without storing them."""

from __future__ import annotations

import json
from pathlib import Path

import click

from glossary.alignment import Sentence, align_sentences
from glossary.alignment.documents import align_translation, stored_form
from glossary.alignment.evaluation import format_bead
from glossary.alignment.learning import align_twice
from glossary.cli.options import stdout, termbase_options
from glossary.decoding import decode_bytes
from glossary.lexicon import Lexicon
from glossary.reading import read_text
from termbase import Termbase
from termbase.memory import UnitDraft
from termbase.terms import approved_renderings


def _text(path: Path) -> str:
    return decode_bytes(path.read_bytes(), str(path))


def _sentence_beads(zh_lines: list[str], en_lines: list[str], lexicon: Lexicon) -> list[str]:
    """Beads over line numbers; blank lines keep their number but are not aligned."""
    zh_index = [n for n, line in enumerate(zh_lines) if line.strip()]
    en_index = [n for n, line in enumerate(en_lines) if line.strip()]
    zh = [Sentence(zh_lines[n].strip()) for n in zh_index]
    en = [Sentence(en_lines[n].strip()) for n in en_index]

    def align(with_lexicon: Lexicon) -> list[UnitDraft]:
        return [
            UnitDraft(list(b.zh), list(b.en), "".join(zh[i].text for i in b.zh),
                      " ".join(en[j].text for j in b.en), b.similarity, b.shape)
            for b in align_sentences(zh, en, with_lexicon)
        ]

    drafts = align_twice(align, lexicon)
    return [
        format_bead([zh_index[i] for i in d.zh_segments], [en_index[j] for j in d.en_segments])
        for d in drafts
    ]


@click.command()
@click.argument("zh_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("en_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--sentences",
    is_flag=True,
    help="The files hold one sentence per line: print beads such as [0]:[0, 1] "
    "(0-based line numbers, Chinese first; [5]:[] for an unaligned line).",
)
@click.option("--json", "as_json", is_flag=True, help="Whole documents: print the pairs as JSON.")
@termbase_options
def align(
    zh_file: Path, en_file: Path, sentences: bool, as_json: bool, termbase: Termbase, quiet: bool
) -> None:
    """Align a Chinese text ZH_FILE with its English translation EN_FILE.

    Without --sentences the files are whole documents: their paragraphs and
    sentences are rebuilt as `glossary build` does, and each aligned pair is printed
    as score, Chinese and English separated by tabs. The termbase's approved
    renderings are used as translation evidence; nothing is stored.
    """
    lexicon = Lexicon()
    with termbase.reading() as session:
        for chinese, english in approved_renderings(session):
            lexicon.add(chinese, english)
    if sentences:
        for line in _sentence_beads(_text(zh_file).split("\n"), _text(en_file).split("\n"), lexicon):
            click.echo(line)
        return
    original = read_text(_text(zh_file), "zh", "original").paragraphs
    translation = read_text(_text(en_file), "en", "translation").paragraphs
    zh_stored = stored_form(original)
    en_stored = stored_form(translation, first_id=sum(len(p.sentences) for p in original))
    drafts = align_twice(lambda lex: align_translation(zh_stored, en_stored, lex), lexicon)
    if as_json:
        pairs = [
            {"zh": d.zh_text, "en": d.en_text, "score": d.score, "method": d.method,
             "low_confidence": d.low_confidence}
            for d in drafts
        ]
        click.echo(json.dumps(pairs, ensure_ascii=False, indent=2))
        return
    for draft in drafts:
        stdout.print(f"{draft.score:.2f}\t{draft.zh_text}\t{draft.en_text}", markup=False, highlight=False)
