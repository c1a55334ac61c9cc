"""A generated corpus for benchmarks, built from the real sentence pairs of the sample.

The sample corpus (``../shared/corpus``) is one speech and its translations: about 100
Chinese and 140 English sentences in the official (Qiushi) pair. Anything that must be
shown to scale needs more text than that, so this module builds it, deterministically
(fixed seed), out of *blocks* of real text whose correspondence is known without
running the aligner:

* **Qiushi sections**: the Chinese original and the official translation cut at the
  places both texts mark the same way, the five numbered tasks (第一，… / "First, we
  should …") and the forms of address (各位院士，同志们、朋友们！ / "Distinguished
  Academicians, …"). A section is a loose translation: sentences split, merged and
  reordered, a list turned into bullet points, slogans dropped.
* **Newsletter pairs**: the interleaved bilingual newsletter's paragraph pairs (the
  clean Chinese original beside a second, closer translation).

The corpus opens with the real pair itself (its size in sentences is "1×"). Every
further document (a Chinese text and its English translation) is a run of blocks in
shuffled order, about the size of the real speech, with the perturbations real
translations have: now and then a block repeated, an English sentence dropped (the
translator left it out) or a Chinese one (a line the translation skips). Generation
is sequential, so a smaller corpus is a prefix of a larger one.

Captions are left out: the pipeline aligns them in a separate, tiny stream.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.common import ORIGINAL, REPORTS, SEED, TRANSLATION, corpus_file
from glossary.alignment import Sentence
from glossary.decoding import decode_bytes
from glossary.documents import ParsedParagraph
from glossary.reading import read_text

NEWSLETTER = "speech-2024-06-24.newsletter.zh-en.txt"

FLOW_KINDS = ("title", "heading", "body", "footnote")  # as the pipeline aligns them

DOCUMENT_SIZE = (0.72, 1.2)  # a document's target size, relative to the real pair
REPEAT_BLOCK = 0.04  # a block immediately repeated (a reprinted passage)
DROP_ENGLISH = 0.03  # an English sentence the translator left out
DROP_CHINESE = 0.01  # a Chinese sentence with no translation

_ZH_BREAK = re.compile(r"^(第[一二三四五六七八九十]+，|各位院士)")
_EN_BREAK = re.compile(
    r"^((First|Second|Third|Fourth|Fifth), we should |Distinguished Academicians)"
)

Paragraphs = list[list[str]]  # a side of a block: paragraphs, each a list of sentences


@dataclass(frozen=True)
class Block:
    """Corresponding Chinese and English paragraphs from the sample."""

    source: str  # "qiushi" or "newsletter"
    zh: Paragraphs
    en: Paragraphs

    @property
    def size(self) -> int:
        return sum(map(len, self.zh)) + sum(map(len, self.en))


@dataclass
class Document:
    """One generated original and its translation, ready for ``align_sentences``.
    ``zh_block``/``en_block`` give, per sentence, which block occurrence it came from."""

    zh: list[Sentence]
    en: list[Sentence]
    zh_block: list[int]
    en_block: list[int]

    @property
    def size(self) -> int:
        return len(self.zh) + len(self.en)


def _read(name: str, language: str, role: str) -> list[ParsedParagraph]:
    path = corpus_file(name)
    return _read_path(path, language, role)


def _read_path(path: Path, language: str, role: str) -> list[ParsedParagraph]:
    return read_text(decode_bytes(path.read_bytes(), str(path)), language, role).paragraphs


def _flow(paragraphs: list[ParsedParagraph]) -> Paragraphs:
    return [list(p.sentences) for p in paragraphs if p.kind in FLOW_KINDS and p.sentences]


def _sections(paragraphs: Paragraphs, breaks: re.Pattern[str]) -> list[Paragraphs]:
    sections: list[Paragraphs] = [[]]
    for paragraph in paragraphs:
        if breaks.match(paragraph[0]) and sections[-1]:
            sections.append([])
        sections[-1].append(paragraph)
    return sections


@cache
def blocks() -> tuple[Block, ...]:
    zh = _sections(_flow(_read(ORIGINAL, "zh-Hans", "original")), _ZH_BREAK)
    en = _sections(_flow(_read(TRANSLATION, "en", "translation")), _EN_BREAK)
    if len(zh) != len(en):
        raise SystemExit(
            f"the sample pair no longer cuts into matching sections ({len(zh)} Chinese, "
            f"{len(en)} English): update bench/corpus.py"
        )
    found = [Block("qiushi", z, e) for z, e in zip(zh, en, strict=True)]
    newsletter = _read(NEWSLETTER, "en", "bilingual")
    for paragraph in newsletter:
        if paragraph.language == "zh" and paragraph.counterpart is not None and paragraph.sentences:
            english = newsletter[paragraph.counterpart]
            if english.sentences:
                found.append(
                    Block("newsletter", [list(paragraph.sentences)], [list(english.sentences)])
                )
    return tuple(found)


def _sample_blocks() -> list[Block]:
    return [b for b in blocks() if b.source == "qiushi"]


def sample_size() -> int:
    """Sentences in the real pair (both sides): the unit of corpus sizes, "1×"."""
    return sum(b.size for b in _sample_blocks())


def sample_document() -> Document:
    """The real pair as the pipeline aligns it: the flow of the original and of the
    official translation (captions apart), its sections in their order."""
    return _assemble(_sample_blocks(), random.Random(0), 0, drop=False)[0]


def _document(
    rng: random.Random, pool: tuple[Block, ...], target: int, first_block: int
) -> tuple[Document, int]:
    """A document of about ``target`` sentences, and the next free block id."""
    order = list(pool)
    rng.shuffle(order)
    chosen: list[Block] = []
    for block in order:
        if chosen and sum(b.size for b in chosen) >= target:
            break
        chosen.append(block)
        if rng.random() < REPEAT_BLOCK:
            chosen.append(block)
    return _assemble(chosen, rng, first_block, drop=True)


def _assemble(
    chosen: list[Block], rng: random.Random, first_block: int, drop: bool
) -> tuple[Document, int]:
    document = Document([], [], [], [])
    paragraph = {"zh": 0, "en": 0}
    block_id = first_block
    for block in chosen:
        for side, paragraphs, p_drop in (
            ("zh", block.zh, DROP_CHINESE if drop else 0.0),
            ("en", block.en, DROP_ENGLISH if drop else 0.0),
        ):
            sentences = getattr(document, side)
            origins = getattr(document, f"{side}_block")
            for sentence_list in paragraphs:
                kept = [s for s in sentence_list if not p_drop or rng.random() >= p_drop]
                for text in kept:
                    sentences.append(Sentence(text, paragraph[side]))
                    origins.append(block_id)
                paragraph[side] += 1
        block_id += 1
    return document, block_id


def generate(sentences: int, seed: int = SEED) -> list[Document]:
    """Documents with at least ``sentences`` sentences in all (both languages): first
    the real pair itself, then generated ones. The documents for a smaller count are
    a prefix of those for a larger one."""
    rng = random.Random(seed)
    pool = blocks()
    unit = sample_size()
    first = sample_document()
    documents: list[Document] = [first]
    total, block_id = first.size, max(first.zh_block + first.en_block) + 1
    while total < sentences:
        target = round(unit * rng.uniform(*DOCUMENT_SIZE))
        document, block_id = _document(rng, pool, target, block_id)
        documents.append(document)
        total += document.size
    return documents


def real_pairs() -> dict[str, tuple[Path, Path]]:
    """The real pairs beside the repository, by name: the sample speech with its
    official translation and the two Government Work Reports with theirs."""
    pairs = {"speech": (corpus_file(ORIGINAL), corpus_file(TRANSLATION))}
    for year in (2016, 2017):
        zh, en = REPORTS / f"gwr-{year}.zh.txt", REPORTS / f"gwr-{year}.en.txt"
        if not (zh.is_file() and en.is_file()):
            raise SystemExit(
                f"report corpus not found: {zh.parent} (it lives beside the repository)"
            )
        pairs[f"gwr-{year}"] = (zh, en)
    return pairs


def real_document(name: str) -> Document:
    """A real pair's flow as the pipeline aligns it, each paragraph its own block (the
    correspondence is not known in advance); ``all`` is every real pair in one."""
    pairs = real_pairs()
    if name == "all":
        return concatenate([real_document(each) for each in pairs])
    zh_file, en_file = pairs[name]
    document = Document([], [], [], [])
    for side, path, language, role in (
        ("zh", zh_file, "zh-Hans", "original"),
        ("en", en_file, "en", "translation"),
    ):
        for number, paragraph in enumerate(_flow(_read_path(path, language, role))):
            getattr(document, side).extend(Sentence(text, number) for text in paragraph)
            getattr(document, f"{side}_block").extend([-1] * len(paragraph))
    return document


def concatenate(documents: list[Document]) -> Document:
    """All documents as one long one (paragraph ids kept distinct)."""
    long = Document([], [], [], [])
    zh_offset = en_offset = 0
    for document in documents:
        long.zh += [Sentence(s.text, s.paragraph + zh_offset) for s in document.zh]
        long.en += [Sentence(s.text, s.paragraph + en_offset) for s in document.en]
        long.zh_block += document.zh_block
        long.en_block += document.en_block
        zh_offset += 1 + max((s.paragraph for s in document.zh), default=0)
        en_offset += 1 + max((s.paragraph for s in document.en), default=0)
    return long
