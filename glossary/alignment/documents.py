"""Feeding documents to the aligner: which sentences are aligned with which.

A translation is aligned with its original in two streams: the flow of the text
(title, headings, body, footnotes, in reading order) and the photo captions, which
publications place wherever the layout lets them, so they are aligned only with each
other. A bilingual document already says which paragraph translates which; only the
sentences inside each pair are aligned.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.alignment.scoring import BeadScorer, Sentence
from glossary.alignment.sequences import Bead, align_sentences
from glossary.documents import ParsedParagraph
from glossary.lexicon import Lexicon
from records import StoredParagraph, StoredSentence, UnitDraft

FLOW_KINDS = ("title", "heading", "body", "footnote")
CAPTION_KINDS = ("caption",)
LOW_CONFIDENCE = 0.2  # similarity under which a unit is flagged for review
# A sentence left unaligned in its stream is paired with one left unaligned anywhere
# else in the document (a caption translated in the running text, a footnote moved)
# only when each is the other's best match and they explain each other this well.
MOVED_SIMILARITY = 0.5


def _sentences(paragraphs: Sequence[StoredParagraph]) -> tuple[list[Sentence], list[int]]:
    sentences, segment_ids = [], []
    for paragraph in paragraphs:
        for stored in paragraph.sentences:
            sentences.append(Sentence(stored.text, paragraph.position))
            segment_ids.append(stored.segment_id)
    return sentences, segment_ids


def _drafts(
    beads: list[Bead],
    zh: tuple[list[Sentence], list[int]],
    en: tuple[list[Sentence], list[int]],
    method: str,
) -> list[UnitDraft]:
    drafts = []
    for bead in beads:
        aligned = bool(bead.zh and bead.en)
        drafts.append(
            UnitDraft(
                zh_segments=[zh[1][i] for i in bead.zh],
                en_segments=[en[1][j] for j in bead.en],
                zh_text="".join(zh[0][i].text for i in bead.zh),
                en_text=" ".join(en[0][j].text for j in bead.en),
                score=round(bead.similarity, 4),
                method=f"{method}:{bead.shape}" if aligned else "unaligned",
                low_confidence=aligned and bead.similarity < LOW_CONFIDENCE,
            )
        )
    return drafts


def length_ratio(zh: Sequence[Sentence], en: Sequence[Sentence]) -> float:
    zh_length = sum(len(s.text.replace(" ", "")) for s in zh) or 1
    return (sum(len(s.text.replace(" ", "")) for s in en) or 1) / zh_length


def _align_streams(
    zh_paragraphs: Sequence[StoredParagraph],
    en_paragraphs: Sequence[StoredParagraph],
    lexicon: Lexicon,
    method: str,
    ratio: float = 0.0,
) -> list[UnitDraft]:
    zh, en = _sentences(zh_paragraphs), _sentences(en_paragraphs)
    if not zh[0] and not en[0]:
        return []
    beads = align_sentences(zh[0], en[0], lexicon, ratio=ratio)
    return _drafts(beads, zh, en, method)


def _align_captions(
    zh_captions: list[StoredParagraph],
    en_captions: list[StoredParagraph],
    lexicon: Lexicon,
    ratio: float,
) -> list[UnitDraft]:
    """Captions as wholes first (which caption translates which), then their sentences."""
    whole_zh = [
        Sentence(" ".join(s.text for s in p.sentences), i) for i, p in enumerate(zh_captions)
    ]
    whole_en = [
        Sentence(" ".join(s.text for s in p.sentences), i) for i, p in enumerate(en_captions)
    ]
    drafts: list[UnitDraft] = []
    for bead in align_sentences(whole_zh, whole_en, lexicon, ratio=ratio):
        drafts += _align_streams(
            [zh_captions[i] for i in bead.zh],
            [en_captions[j] for j in bead.en],
            lexicon,
            "caption",
            ratio,
        )
    return drafts


def align_translation(
    original: Sequence[StoredParagraph],
    translation: Sequence[StoredParagraph],
    lexicon: Lexicon,
) -> list[UnitDraft]:
    """Units for a translation and its original."""
    zh_flow = [p for p in original if p.kind in FLOW_KINDS and p.language == "zh"]
    en_flow = [p for p in translation if p.kind in FLOW_KINDS and p.language == "en"]
    ratio = length_ratio(_sentences(zh_flow)[0], _sentences(en_flow)[0])
    drafts = _align_streams(zh_flow, en_flow, lexicon, "flow", ratio)
    drafts += _align_captions(
        [p for p in original if p.kind in CAPTION_KINDS and p.language == "zh"],
        [p for p in translation if p.kind in CAPTION_KINDS and p.language == "en"],
        lexicon,
        ratio,
    )
    return pair_moved_sentences(drafts, lexicon, ratio)


def pair_moved_sentences(
    drafts: list[UnitDraft], lexicon: Lexicon, ratio: float
) -> list[UnitDraft]:
    """Pair the sentences each stream left unaligned across the whole document, where a
    Chinese and an English one are each other's best match and explain each other
    well: a photo caption translated in the running text, a footnote the translation
    moves elsewhere. Order says nothing here, so the words must say it all."""
    lone_zh = [k for k, d in enumerate(drafts) if d.zh_segments and not d.en_segments]
    lone_en = [k for k, d in enumerate(drafts) if d.en_segments and not d.zh_segments]
    if not lone_zh or not lone_en:
        return drafts
    scorer = BeadScorer(
        [Sentence(drafts[k].zh_text) for k in lone_zh],
        [Sentence(drafts[k].en_text) for k in lone_en],
        lexicon,
        ratio=ratio,
    )
    zh_range, en_range = range(len(lone_zh)), range(len(lone_en))
    similarity = {(a, b): scorer.cost(a, a + 1, b, b + 1)[1] for a in zh_range for b in en_range}
    best_en = {a: max(en_range, key=lambda b: (similarity[a, b], -b)) for a in zh_range}
    best_zh = {b: max(zh_range, key=lambda a: (similarity[a, b], -a)) for b in en_range}
    paired: dict[int, UnitDraft] = {}
    dropped: set[int] = set()
    for a, b in best_en.items():
        if best_zh[b] == a and similarity[a, b] >= MOVED_SIMILARITY:
            zh, en = drafts[lone_zh[a]], drafts[lone_en[b]]
            paired[lone_zh[a]] = UnitDraft(
                zh_segments=zh.zh_segments,
                en_segments=en.en_segments,
                zh_text=zh.zh_text,
                en_text=en.en_text,
                score=round(similarity[a, b], 4),
                method="moved:1-1",
            )
            dropped.add(lone_en[b])
    return [paired.get(k, d) for k, d in enumerate(drafts) if k not in dropped]


def align_bilingual(paragraphs: Sequence[StoredParagraph], lexicon: Lexicon) -> list[UnitDraft]:
    """Units for a bilingual document, paragraph pair by paragraph pair; a Chinese
    paragraph with no English beside it gives unaligned units. The outlet's
    commentary is not translation and gives none."""
    by_id = {p.id: p for p in paragraphs}
    pairs = [
        (p, by_id[p.counterpart_id])
        for p in paragraphs
        if p.language == "zh" and p.counterpart_id in by_id
    ]
    ratio = length_ratio(
        [s for zh, _ in pairs for s in _sentences([zh])[0]],
        [s for _, en in pairs for s in _sentences([en])[0]],
    )
    paired = {p.id for pair in pairs for p in pair}
    drafts: list[UnitDraft] = []
    for paragraph in paragraphs:
        if paragraph.language == "zh" and paragraph.id in paired:
            counterpart = by_id[paragraph.counterpart_id]  # type: ignore[index]
            drafts += _align_streams([paragraph], [counterpart], lexicon, "pair", ratio)
        elif paragraph.id not in paired and paragraph.kind != "commentary":
            side = ([paragraph], []) if paragraph.language == "zh" else ([], [paragraph])
            drafts += _align_streams(*side, lexicon, "pair", ratio)
    return drafts


def stored_form(paragraphs: Sequence[ParsedParagraph], first_id: int = 0) -> list[StoredParagraph]:
    """Paragraphs read from a file in the shape the termbase gives them, with segment
    ids numbering the sentences from ``first_id``, so that files can be aligned
    without storing them."""
    stored, next_id = [], first_id
    for position, paragraph in enumerate(paragraphs):
        sentences = [
            StoredSentence(next_id + i, text) for i, text in enumerate(paragraph.sentences)
        ]
        next_id += len(sentences)
        counterpart = None if paragraph.counterpart is None else -1 - paragraph.counterpart
        stored.append(
            StoredParagraph(
                -1 - position,
                position,
                paragraph.language,
                str(paragraph.kind),
                counterpart,
                sentences,
            )
        )
    return stored
