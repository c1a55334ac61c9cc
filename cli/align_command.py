"""``glossary align``: align two files without storing them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from cli.options import stdout, termbase_options
from glossary.alignment import Sentence, align_sentences
from glossary.alignment.documents import align_translation, stored_form
from glossary.alignment.evaluation import format_bead
from glossary.alignment.learning import align_twice
from glossary.decoding import decode_bytes
from glossary.lexicon import Lexicon
from glossary.reading import read_text
from glossary.textutils import count_cjk
from records import UnitDraft
from services.alignment import approved_lexicon
from services.store import Termbase


def _text(path: Path) -> str:
    return decode_bytes(path.read_bytes(), str(path))


_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")

# ZH_FILE must be mostly Han characters, EN_FILE mostly Latin letters. Measured in
# characters, English glosses in a Chinese text or Chinese glosses in an English one
# stay far from either threshold; a file given in the wrong place does not.
LITTLE_CHINESE = 0.3
MOSTLY_CHINESE = 0.5


def chinese_share(text: str) -> float | None:
    """Han characters among Han characters and Latin letters; None with neither."""
    han, latin = count_cjk(text), len(_LATIN_LETTER.findall(text))
    return han / (han + latin) if han + latin else None


def check_inputs(zh_name: str, zh_text: str, en_name: str, en_text: str) -> None:
    """Refuse two texts that cannot be a Chinese original and its English translation
    in that order: an empty one, or swapped files, which would otherwise align into
    rows of 0.00 that look like a result."""
    for name, text in ((zh_name, zh_text), (en_name, en_text)):
        if not text.strip():
            raise click.ClickException(f"{name}: no text to align")
    zh_share, en_share = chinese_share(zh_text) or 0.0, chinese_share(en_text) or 0.0
    little, mostly = zh_share < LITTLE_CHINESE, en_share > MOSTLY_CHINESE
    if little and mostly:
        raise click.ClickException(
            f"the files look swapped: {zh_name} is English and {en_name} Chinese; "
            "give the Chinese file first (glossary align ZH_FILE EN_FILE)"
        )
    if little:
        raise click.ClickException(
            f"{zh_name}: hardly any Chinese ({zh_share:.0%} of its "
            "letters); ZH_FILE must be the Chinese text"
        )
    if mostly:
        raise click.ClickException(
            f"{en_name}: mostly Chinese ({en_share:.0%} of its letters); "
            "EN_FILE must be the English translation"
        )


def _sentence_beads(zh_lines: list[str], en_lines: list[str], lexicon: Lexicon) -> list[str]:
    """Beads over line numbers; blank lines keep their number but are not aligned."""
    zh_index = [n for n, line in enumerate(zh_lines) if line.strip()]
    en_index = [n for n, line in enumerate(en_lines) if line.strip()]
    zh = [Sentence(zh_lines[n].strip()) for n in zh_index]
    en = [Sentence(en_lines[n].strip()) for n in en_index]

    def align(with_lexicon: Lexicon) -> list[UnitDraft]:
        return [
            UnitDraft(
                list(b.zh),
                list(b.en),
                "".join(zh[i].text for i in b.zh),
                " ".join(en[j].text for j in b.en),
                b.similarity,
                b.shape,
            )
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
@termbase_options(access="if-any")
def align(
    zh_file: Path,
    en_file: Path,
    sentences: bool,
    as_json: bool,
    termbase: Termbase | None,
    quiet: bool,
) -> None:
    """Align a Chinese text ZH_FILE with its English translation EN_FILE.

    Without --sentences the files are whole documents: their paragraphs and
    sentences are rebuilt as `glossary build` does, and each aligned pair is printed
    as score, Chinese and English separated by tabs. The termbase's approved
    renderings are used as translation evidence (when --db or GLOSSARY_DB names
    none and the default termbase does not exist, none are); nothing is stored.
    Empty or swapped files (English first) are refused.
    """
    zh_text, en_text = _text(zh_file), _text(en_file)
    check_inputs(str(zh_file), zh_text, str(en_file), en_text)
    lexicon = approved_lexicon(termbase)
    if sentences:
        for line in _sentence_beads(zh_text.split("\n"), en_text.split("\n"), lexicon):
            click.echo(line)
        return
    original = read_text(zh_text, "zh", "original").paragraphs
    translation = read_text(en_text, "en", "translation").paragraphs
    for name, paragraphs in ((zh_file, original), (en_file, translation)):
        if not paragraphs:
            raise click.ClickException(f"{name}: no text to align")
    zh_stored = stored_form(original)
    en_stored = stored_form(translation, first_id=sum(len(p.sentences) for p in original))
    drafts = align_twice(lambda lex: align_translation(zh_stored, en_stored, lex), lexicon)
    if as_json:
        pairs = [
            {
                "zh": d.zh_text,
                "en": d.en_text,
                "score": d.score,
                "method": d.method,
                "low_confidence": d.low_confidence,
            }
            for d in drafts
        ]
        click.echo(json.dumps(pairs, ensure_ascii=False, indent=2))
        return
    for draft in drafts:
        stdout.print(
            f"{draft.score:.2f}\t{draft.zh_text}\t{draft.en_text}", markup=False, highlight=False
        )
