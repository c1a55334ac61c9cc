"""Read documents that interleave a translation with its original, paragraph by paragraph.

Newsletters and study sites publish translations as English paragraph, Chinese
paragraph, English paragraph ... after some commentary of their own.  Such a
document is already aligned at paragraph level, which is the most reliable alignment
the termbase can get, so the pairing is recorded (``counterpart``) instead of being
rediscovered later by an aligner.  Nothing about the layout is assumed that the text
cannot show: the order (English first or Chinese first) is measured, lines that hold
both languages are split, and everything before the first pair is commentary.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass
from enum import Enum

from glossary.chinese_layout import (
    chinese_footnote_text,
    is_chinese_caption,
    make_chinese_paragraph,
)
from glossary.documents import ParagraphKind, ParsedParagraph
from glossary.english_layout import (
    english_footnote_text,
    is_english_caption,
    looks_like_english_heading,
    make_english_paragraph,
)
from glossary.textutils import (
    count_cjk,
    count_latin_words,
    ends_paragraph,
    is_cjk,
    strip_markdown_bold,
)

__all__ = ["read_interleaved"]


class _Script(Enum):
    ZH = "zh"
    EN = "en"


@dataclass
class _Item:
    """One monolingual piece of a line, before kinds and pairing are settled."""

    script: _Script
    text: str
    partner: int | None = None  # index of the other half of a two-language line


_URL_TAIL = re.compile(r"\s*(?:https?://|www\.)\S+\s*$")
# Two consecutive Latin words: Chinese text may contain a token such as "6G" or "AI",
# not running English.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*\s+[A-Za-z][A-Za-z'’-]*")


def _script_of(text: str) -> _Script:
    """Majority script: a Chinese character counts as much as an English word."""
    return _Script.ZH if count_cjk(text) >= count_latin_words(text) else _Script.EN


def _split_two_languages(line: str) -> tuple[str, str, bool] | None:
    """Split a line holding an English and a Chinese paragraph side by side.

    Returns (english, chinese, english_first), or None for a monolingual line.  A
    line counts as two-language only if each part is clean: the English part has no
    Chinese character at all and the Chinese part no run of English words, so an
    English sentence glossing a term "(自主创新)" stays English.
    """
    cjk_positions = [i for i, ch in enumerate(line) if is_cjk(ch)]
    if len(cjk_positions) < 2 or count_latin_words(line) < 2:
        return None
    first, last = cjk_positions[0], cjk_positions[-1]
    # English first: "Distinguished academicians, ... friends! 各位院士，同志们、朋友们！"
    if line[first - 1 : first].isspace() and _clean_parts(line[:first], line[first:]):
        return line[:first].strip(), line[first:].strip(), True
    # Chinese first: "中文标题 English Title - Outlet, date http://..."
    end = last + 1
    while end < len(line) and not line[end].isspace() and not line[end].isascii():
        end += 1  # closing punctuation of the Chinese part
    if line[end : end + 1].isspace() and _clean_parts(line[end:], line[:end]):
        return line[end:].strip(), line[:end].strip(), False
    return None


_BRACKETS = (("(", ")"), ("（", "）"), ("[", "]"), ("“", "”"), ("《", "》"))


def _clean_parts(english: str, chinese: str) -> bool:
    """Both halves are whole paragraphs: English words on one side, no English run on
    the other, and no bracket or quote opened on one side and closed on the other
    (which is what a gloss such as "innovation (自主创新)" looks like)."""
    if count_latin_words(english) < 2 or _LATIN_RUN.search(chinese):
        return False
    return all(part.count(o) == part.count(c) for part in (english, chinese) for o, c in _BRACKETS)


def _items(text: str) -> list[_Item]:
    items: list[_Item] = []
    for raw in text.split("\n"):
        line = strip_markdown_bold(raw).strip()
        if not line:
            continue
        split = _split_two_languages(line)
        if split is None:
            items.append(_Item(_script_of(line), line))
            continue
        english, chinese, english_first = split
        english = _URL_TAIL.sub("", english)
        pair = [_Item(_Script.EN, english), _Item(_Script.ZH, chinese)]
        if not english_first:
            pair.reverse()
        a, b = len(items), len(items) + 1
        pair[0].partner, pair[1].partner = b, a
        items.extend(pair)
    return items


def _length_ratio_spread(items: list[_Item], english_first: bool) -> float:
    """How consistent the English/Chinese length ratio is under one pairing order.

    A translation's length tracks its original's; pairing each paragraph with the
    wrong neighbour mixes long and short paragraphs and scatters the ratio.
    """
    logs: list[float] = []
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        if a.partner is not None or b.partner is not None or a.script is b.script:
            continue
        en, zh = (a, b) if a.script is _Script.EN else (b, a)
        if (a.script is _Script.EN) != english_first:
            continue
        logs.append(math.log(len(en.text) / max(1, count_cjk(zh.text))))
    return statistics.pstdev(logs) if len(logs) >= 2 else math.inf


def _english_first(items: list[_Item]) -> bool:
    """Whether translated pairs run English then Chinese, measured from the text."""
    en_spread = _length_ratio_spread(items, english_first=True)
    zh_spread = _length_ratio_spread(items, english_first=False)
    if en_spread != zh_spread:
        return en_spread < zh_spread
    # No usable pairs of separate lines: go by the two-language lines, else English first.
    firsts = [items[i].script is _Script.EN for i in range(len(items)) if items[i].partner == i + 1]
    return sum(firsts) >= len(firsts) / 2


def _pair(items: list[_Item], english_first: bool) -> None:
    """Pair adjacent paragraphs in the measured order (two-language lines are
    paired already)."""
    first_script = _Script.EN if english_first else _Script.ZH
    i = 0
    while i < len(items) - 1:
        a, b = items[i], items[i + 1]
        if (
            a.partner is None
            and b.partner is None
            and a.script is first_script
            and b.script is not first_script
        ):
            a.partner, b.partner = i + 1, i
            i += 2
        else:
            i += 1


def _pair_kind(en: str, zh: str) -> tuple[ParagraphKind, str, str]:
    """Kind of a translated pair, decided on both halves so that they agree; marks
    are removed from footnotes."""
    en_note, zh_note = english_footnote_text(en), chinese_footnote_text(zh)
    if en_note is not None or zh_note is not None:
        return (
            ParagraphKind.FOOTNOTE,
            en_note if en_note is not None else en,
            zh_note if zh_note is not None else zh,
        )
    if is_english_caption(en) or is_chinese_caption(zh):
        return ParagraphKind.CAPTION, en, zh
    if looks_like_english_heading(en) and not ends_paragraph(zh):
        return ParagraphKind.HEADING, en, zh
    return ParagraphKind.BODY, en, zh


def read_interleaved(text: str) -> list[ParsedParagraph]:
    """Paragraphs of an interleaved English/Chinese document with counterparts set.

    The first translated pair is the TITLE; single-language paragraphs before it
    are the outlet's COMMENTARY, as are unpaired paragraphs after the last pair.
    """
    items = _items(text)
    _pair(items, _english_first(items))
    paired = [i for i, item in enumerate(items) if item.partner is not None]
    if not paired:
        return [_make(item.script, item.text, ParagraphKind.COMMENTARY) for item in items]
    first_pair, last_pair = paired[0], paired[-1]

    paragraphs: list[ParsedParagraph] = []
    for index, item in enumerate(items):
        if item.partner is None:
            inside = first_pair < index < last_pair
            kind = ParagraphKind.BODY if inside else ParagraphKind.COMMENTARY
            paragraphs.append(_make(item.script, item.text, kind))
            continue
        partner = items[item.partner]
        en, zh = (
            (item.text, partner.text) if item.script is _Script.EN else (partner.text, item.text)
        )
        kind, en, zh = _pair_kind(en, zh)
        if index in (first_pair, items[first_pair].partner):
            kind = ParagraphKind.TITLE
        own = en if item.script is _Script.EN else zh
        paragraph = _make(item.script, own, kind)
        paragraph.counterpart = item.partner
        paragraphs.append(paragraph)
    return paragraphs


def _make(script: _Script, text: str, kind: ParagraphKind) -> ParsedParagraph:
    if script is _Script.ZH:
        return make_chinese_paragraph(text, kind)
    return make_english_paragraph(text, kind)
