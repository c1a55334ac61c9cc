"""Pinyin of Chinese terms, written as the standard orthography writes it (GB/T 16159-2012).

Editors read a term's pinyin beside it and search the glossary by pinyin, so the pinyin
has to be *written* pinyin, not the syllable-per-character output of pypinyin: the
syllables of a word joined (kējì qiángguó), suffixes joined to their word
(chuàngxīnxíng, Zhōngguóshì), particles apart (dǎng de), numerals apart from their
measure words (xīn yī lún), four-character idioms hyphenated as 2+2 (zhǐzhēng-zhāoxī),
abbreviated coordinate compounds hyphenated (chǎn-xué-yán), proper nouns capitalised,
neutral tones unmarked (rènwu) and 一 and 不 in their dictionary tones (yī, bù).

Three sources of knowledge, the first that knows winning:

1. the project's phrase list, ``glossary/data/pinyin_phrases.tsv``: political and
   common vocabulary whose reading or written form neither library gets right
   (neutral tones as Xiandai Hanyu Cidian has them, polyphones, proper nouns,
   abbreviations, coinages such as 新质);
2. jieba's segmentation and part-of-speech tags, for word boundaries, idioms (``i``),
   numerals, verbs and particles. The tokenizer is a private one, so that the phrase
   list never changes how the aligner segments text. Its tags for names and places
   (``nr``, ``ns``) are too loose to capitalise by (福祉 nr, 美丽 ns), so proper nouns
   come from the phrase list;
3. pypinyin's readings, taken over the whole term so that polyphones see their context.

The phrase list is read without touching pypinyin's global phrase dictionary for the
same reason: other modules call pypinyin and must not see their output change.

Tone numbers, toneless forms and search keys are all derived from the tone-mark form
(:func:`numbers_from_marks`), so that an editor's corrected pinyin, stored by the
termbase, yields numbers and keys consistent with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import groupby, pairwise
from typing import TYPE_CHECKING, TypedDict

from glossary.coined_expressions import (
    COMMON,
    NUMERALS,
    PARTICLES,
    PREFIXES,
    SUFFIXES,
    coined_pair,
)
from glossary.disk_cache import MARSHAL, cached
from glossary.textutils import is_cjk

if TYPE_CHECKING:
    import jieba.posseg

# ---------------------------------------------------------------------------------
# Syllables, tone marks and tone numbers
# ---------------------------------------------------------------------------------

_MARKED = {
    "ā": ("a", 1),
    "á": ("a", 2),
    "ǎ": ("a", 3),
    "à": ("a", 4),
    "ē": ("e", 1),
    "é": ("e", 2),
    "ě": ("e", 3),
    "è": ("e", 4),
    "ī": ("i", 1),
    "í": ("i", 2),
    "ǐ": ("i", 3),
    "ì": ("i", 4),
    "ō": ("o", 1),
    "ó": ("o", 2),
    "ǒ": ("o", 3),
    "ò": ("o", 4),
    "ū": ("u", 1),
    "ú": ("u", 2),
    "ǔ": ("u", 3),
    "ù": ("u", 4),
    "ǖ": ("ü", 1),
    "ǘ": ("ü", 2),
    "ǚ": ("ü", 3),
    "ǜ": ("ü", 4),
}
_BASE = {mark: base for mark, (base, _tone) in _MARKED.items()}
# Interjection syllables (嗯 ng, 呣 m, 哼 hng) would let a parser cut "xing" as x-i-ng.
_INTERJECTIONS = {"m", "n", "ng", "hm", "hng", "ê", "ế", "ề"}


def _unmarked(syllable: str) -> str:
    return "".join(_BASE.get(ch, ch) for ch in syllable)


@cache
def _syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows (ü written ü), for parsing written pinyin:
    derived once from its 41,000 characters (a tenth of a second), then read from the
    cache folder, so that a search by pinyin starts fast."""
    from importlib.metadata import version  # not pypinyin's own: importing it takes 0.15 s

    return cached(f"pinyin-syllables-{version('pypinyin')}.marshal", _derive_syllables, MARSHAL)


def _derive_syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    found = {
        _unmarked(reading) for readings in pinyin_dict.values() for reading in readings.split(",")
    }
    return frozenset(s for s in found if s.isalpha() and s not in _INTERJECTIONS)


@lru_cache(maxsize=65536)
def _syllabify(chunk: str) -> tuple[str, ...]:
    """Cut one apostrophe-free run of written pinyin ("qiángguó") into its syllables.
    Memoised: a build parses the pinyin of every candidate, and their words recur.

    A syllable after the first never begins with a, o or e (the orthography would have
    put an apostrophe there: xī'ān), each has at most one tone mark, and of the cuts left
    the one with fewest syllables wins. Raises ValueError if there is none.
    """
    lowered = chunk.lower()
    valid = _syllables()
    best: list[list[str] | None] = [None] * (len(lowered) + 1)
    best[0] = []
    for start in range(len(lowered)):
        prefix = best[start]
        if prefix is None:
            continue
        for end in range(start + 1, min(len(lowered), start + 6) + 1):
            piece = lowered[start:end]
            bare = _unmarked(piece)
            if start and bare[0] in "aoe":
                break
            if bare not in valid or sum(ch in _MARKED for ch in piece) > 1:
                continue
            current = best[end]
            if current is None or len(prefix) + 1 < len(current):
                best[end] = [*prefix, piece]
    result = best[-1]
    if result is None:
        raise ValueError(f"not pinyin: {chunk!r}")
    return tuple(result)


_PINYIN_CHUNK = re.compile(r"[^\s\-'’]+")
_FOREIGN = re.compile(r"[A-Z0-9]+$|.*\d")  # 5G, AI, G: kept as they are


def _marked_syllables(marks: str) -> list[str]:
    """The syllables of written pinyin in order, punctuation and separators dropped;
    Latin-script tokens (5G, AI) come through whole."""
    syllables: list[str] = []
    for chunk in _PINYIN_CHUNK.findall(unicodedata.normalize("NFC", marks)):
        letters = re.sub(r"^\W+|\W+$", "", chunk)
        if not letters:
            continue
        if _FOREIGN.match(letters):
            syllables.append(letters)
        else:
            syllables.extend(_syllabify(letters))
    return syllables


def _numbered(syllable: str) -> str:
    tone = next((_MARKED[ch][1] for ch in syllable if ch in _MARKED), 5)
    return f"{_unmarked(syllable.lower())}{tone}"


def numbers_from_marks(marks: str) -> str:
    """Tone-number pinyin, one syllable per space, from written tone-mark pinyin:
    "zhànlüè kēxuéjiā" → "zhan4 lüe4 ke1 xue2 jia1"; ü stays ü, the neutral tone is 5.
    Only syllables are written: Latin-script and numeral tokens have none ("Zhōngguó
    Zhìzào 2025" → "zhong1 guo2 zhi4 zao4"), as the marks keep them as written.

    Works on any tone-mark pinyin, an editor's correction included; raises ValueError
    on something that is not pinyin.
    """
    return " ".join(_numbered(s) for s in _marked_syllables(marks) if not _FOREIGN.match(s))


_TONE_DIGIT = re.compile(r"(?<=[a-zA-ZüÜ:])[1-5]")


def _without_tone_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if ch not in "\u0300\u0301\u0304\u030c")
    return unicodedata.normalize("NFC", kept)


def toneless(term_or_pinyin: str) -> str:
    """The pinyin without tones, words, case and ü kept: 科技强国 or "kējì qiángguó" →
    "keji qiangguo"; "zhan4 lüe4" → "zhan lüe"."""
    text = term_or_pinyin
    if any(map(is_cjk, text)):
        text = pinyin_marks(text)
    return _without_tone_marks(_TONE_DIGIT.sub("", unicodedata.normalize("NFC", text)))


class PinyinKeys(TypedDict):
    """What a term is found by: "keji qiangguo", "kejiqiangguo" and "kjqg"."""

    spaced: str
    compact: str
    initials: str


def _folded(text: str) -> str:
    # ü is typed u or v; folding both to u finds 女 under nu (and 努 under nü), which a
    # search can afford.
    return text.lower().replace("ü", "u").replace("u:", "u").replace("v", "u")


def search_keys(marks: str) -> PinyinKeys:
    """Search keys of a term from its tone-mark pinyin (computed or an editor's):
    toneless words ("keji qiangguo"), the same run together ("kejiqiangguo") and the
    first letter of each syllable ("kjqg"), all lower case with ü folded to u.

    A query matches when :func:`normalise_pinyin_query` of it equals (or, for
    search-as-you-type, begins) ``compact`` or ``initials``.
    """
    plain = toneless(marks).replace("'", "").replace("’", "")
    words = [_folded(w) for w in re.findall(r"[^\W_]+", plain)]
    syllables = [_folded(_unmarked(s.lower())) for s in _marked_syllables(marks)]
    return PinyinKeys(
        spaced=" ".join(words),
        compact="".join(words),
        initials="".join(s[0] for s in syllables if s),
    )


def pinyin_fields(marks: str) -> dict[str, str]:
    """The stored pinyin columns of a term, all following from its tone marks."""
    keys = search_keys(marks)
    return {
        "pinyin_marks": marks,
        "pinyin_numbers": numbers_from_marks(marks),
        "pinyin_toneless": keys["spaced"],
        "pinyin_initials": keys["initials"],
    }


def normalise_pinyin_query(query: str) -> str:
    """What a user typed, in the form to compare with a term's ``compact`` or
    ``initials`` key: "kejiqiangguo", "keji qiangguo", "kē jì", "ke1ji4", "KJQG" and
    "zhanlve" become "kejiqiangguo", "kejiqiangguo", "keji", "keji", "kjqg", "zhanlue"."""
    text = _without_tone_marks(_TONE_DIGIT.sub("", unicodedata.normalize("NFC", query)))
    return re.sub(r"[^a-z0-9]", "", _folded(text))


# ---------------------------------------------------------------------------------
# The phrase list
# ---------------------------------------------------------------------------------


def _parse_phrases(lines: list[str]) -> dict[str, str]:
    """Hanzi → written pinyin; an entry whose syllables do not match its characters
    one for one is refused, so that a typo cannot shift every reading after it."""
    phrases: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        hanzi, written = (field.strip() for field in line.split("\t")[:2])
        if len(_marked_syllables(written)) != len(hanzi) or not all(map(is_cjk, hanzi)):
            raise ValueError(f"pinyin phrase list, line {number}: {hanzi} ≠ {written}")
        phrases[hanzi] = written
    return phrases


@cache
def _phrases() -> dict[str, str]:
    text = (files("glossary") / "data" / "pinyin_phrases.tsv").read_text(encoding="utf-8")
    return _parse_phrases(text.splitlines())


@cache
def _segmenter() -> jieba.posseg.POSTokenizer:
    """jieba with the phrase list added, private to this module (see the module doc).
    Its tagger loads here, not at import: commands that only search pinyin (the
    review app's first screen) start 0.2 s sooner. It starts as a copy of jieba's
    default dictionary and tags, which term extraction loads anyway: reading the same
    350,000 words a second time would cost about a second."""
    import jieba  # loaded when first needed: looking terms up reads no pinyin
    import jieba.posseg

    from glossary import segmentation

    shared = segmentation.loaded()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(shared.FREQ), shared.total
    tokenizer.initialized = True
    for hanzi in _phrases():
        # frequent enough to win against a rival cut (补短 板 → 补 短板)
        tokenizer.add_word(
            hanzi, max(tokenizer.FREQ.get(hanzi) or 0, tokenizer.suggest_freq(hanzi, False), 3000)
        )
    # POSTokenizer's constructor would read the tags from the dictionary file again
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer, tagger.word_tag_tab = tokenizer, jieba.posseg.dt.word_tag_tab
    return tagger


# ---------------------------------------------------------------------------------
# Orthography rules
# ---------------------------------------------------------------------------------

# 零 and 〇 begin no count (零部件, 零容忍); inside a number they are digits (一百零五)
_NUMERAL_RUN = re.compile(f"[{NUMERALS[2:]}][{NUMERALS}]*")
# Measure words (and nouns used as measures) that a numeral stands apart from:
# 四个 sì gè, 新一轮 xīn yī lún, 十年 shí nián, 五项 wǔ xiàng.
_MEASURES = set(
    "个位名项条次年岁月日天周种类轮批届张份件只座所颗把本部场步代层级套片段根股句"
    "首篇幅封番遍趟分成倍元吨亩户家支队样"
)
# Words that begin with a numeral but are words, not counts: 一致 yīzhì, 两岸 liǎng'àn.
_NUMERAL_WORDS = {
    "一致",
    "一切",
    "一起",
    "一定",
    "一般",
    "一样",
    "一直",
    "一律",
    "一同",
    "一向",
    "一再",
    "一旦",
    "一共",
    "一齐",
    "一体",
    "一贯",
    "一流",
    "一线",
    "一道",
    "一些",
    "一点",
    "一下",
    "一边",
    "一度",
    "一时",
    "一味",
    "一心",
    "一带",
    "一路",
    "一手",
    "一生",
    "一方",
    "一面",
    "一级",
    "一揽子",
    "一把手",
    "一系列",
    "一方面",
    "一辈子",
    "一体化",
    "进一步",
    "两岸",
    "两会",
    "两制",
    "三农",
    "四化",
    "万一",
    "十分",
    "百分",
    "千万",
    "万分",
}
# Characters that make a four-character idiom indivisible: 重中之重 zhòngzhōngzhīzhòng,
# 一以贯之 yīyǐguànzhī; the others are written 2+2 (zhǐzhēng-zhāoxī).
_IDIOM_GLUE = set("之而以于其所乎者也")
_CONJUNCTIONS = set("的和与及或")  # 人与自然, 党的建设: phrases, never idioms
_ASPECT_PARTICLES = {"uz", "ul", "ug"}  # 着 了 过, joined to their verb: kànzhe
_PUNCTUATION = str.maketrans(
    {
        "，": ",",
        "、": ",",
        "。": ".",
        "；": ";",
        "：": ":",
        "！": "!",
        "？": "?",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "（": "(",
        "）": ")",
        "《": "«",
        "》": "»",
        "·": " ",
        "・": " ",
        "—": "-",
    }
)
_OPENING = set("“‘（《(「『[")


@dataclass
class _Unit:
    """One piece of the term with its written form and what the joining rules need."""

    hanzi: str
    flag: str  # jieba's tag; "phrase" for the phrase list, "x" for non-Han text
    written: str


def _join(pieces: list[str]) -> str:
    """Pinyin pieces written as one word, with an apostrophe before a, o, e (xī'ān)."""
    out = ""
    for piece in pieces:
        if out and out[-1].isalpha() and _unmarked(piece[:1].lower()) in ("a", "o", "e"):
            out += "'"
        out += piece
    return out


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def _context_readings(term: str) -> list[str]:
    """pypinyin's reading of every character, each Han run read as a whole so that
    polyphones are resolved in context; 一 and 不 back in their dictionary tones."""
    # pypinyin loads when first needed: commands that only look terms up never do
    from pypinyin import Style, pinyin

    readings: list[str] = []
    for han, group in groupby(term, key=is_cjk):
        run = "".join(group)
        if not han:
            readings.extend(run)
            continue
        found = [r[0] for r in pinyin(run, style=Style.TONE)]
        if len(found) != len(run):  # characters pypinyin does not know come as one item
            found = [pinyin(ch, style=Style.TONE)[0][0] for ch in run]
        readings.extend(found)
    return [{"一": "yī", "不": "bù"}.get(ch, r) for ch, r in zip(term, readings, strict=True)]


def _tag(word: str) -> str:
    return _segmenter().word_tag_tab.get(word, "x")


def _is_word(word: str) -> bool:
    return bool(_segmenter().tokenizer.FREQ.get(word))


class _SegmenterWords:
    """This module's segmenter, phrase list and all, as ``coined_pair`` asks of words."""

    def tag(self, word: str) -> str:
        return _tag(word)

    def is_word(self, word: str) -> bool:
        return _is_word(word)

    def dictionary_word(self, word: str) -> bool:
        return _dictionary_word(word)


_SEGMENTER_WORDS = _SegmenterWords()


def _subwords(text: str) -> list[str]:
    """The best segmentation of ``text`` into dictionary words other than itself."""
    tokenizer = _segmenter().tokenizer
    dag = tokenizer.get_DAG(text)
    dag[0] = [end for end in dag[0] if end != len(text) - 1] or [0]
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(text, dag, route)
    words, start = [], 0
    while start < len(text):
        end = route[start][1] + 1
        words.append(text[start:end])
        start = end
    return words


def _four_character_split(text: str) -> list[str] | None:
    """Two words that make up a four-character token: 2+2 (共同富裕), else 1+3 or 3+1
    around a three-character word (坐 冷板凳, 非 公有制); ``None`` if there are none."""
    if _is_word(text[:2]) and _is_word(text[2:]):
        return [text[:2], text[2:]]
    if _is_word(text[1:]):
        return [text[:1], text[1:]]
    if _is_word(text[:3]):
        return [text[:3], text[3:]]
    return None


def _is_idiom(text: str, flag: str, words: list[str] | None) -> bool:
    """Whether a four-character token is written as an idiom: it has an idiom's shape,
    or is no two words, or jieba calls it an idiom (i) and it is not plainly two common
    words (jieba's list of idioms also holds 依靠群众 and 安全可靠)."""
    if _idiom_shape(text) and not _times_in_parallel([text[:2], text[2:]]):
        return True
    if words is None:
        return True
    if flag == "i":
        return not all(
            _segmenter().tokenizer.FREQ.get(w, 0) >= COMMON for w in (text[:2], text[2:])
        )
    return (
        words == [text[:2], text[2:]]
        and flag not in ("nr", "ns", "nt")
        and coined_pair(text, lexicalised=True, words=_SEGMENTER_WORDS)
    )


def _four_character_expression(term: str, tokens: list[tuple[str, str]]) -> bool:
    """Whether a term of four characters that jieba cut into pieces is one idiom-like
    expression (``coined_pair``): the pieces meet between its two halves
    (以 气 代 煤, 善 谋 勇为), and it is no proper noun."""
    if len(term) != 4 or len(tokens) < 2 or any(flag == "nt" for _word, flag in tokens):
        return False
    ends, position = set(), 0
    for word, _flag in tokens:
        position += len(word)
        ends.add(position)
    return (
        2 in ends
        and not _leading_proper(term)
        and term[:2] not in _phrases()
        and term[2:] not in _phrases()
        and coined_pair(term, lexicalised=False, words=_SEGMENTER_WORDS)
    )


def _times_in_parallel(words: list[str]) -> bool:
    """Two words of time or place side by side (事前 事后, 课内 课外): a coordination
    of words, each written as one (GB/T 16159-2012 6.1.2), not an idiom, though
    shaped like one (AXAY)."""
    return any(_tag(word) in ("t", "f", "s") for word in words)


def _idiom_shape(text: str) -> bool:
    """Four characters shaped like an idiom: 自立自强 and 能上能下 (AXAY), 兢兢业业 (AABB),
    五位一体 and 一国两制 (a numeral before each half; jieba's set phrases, while coined
    formulas such as 三严三实 are numbered items, :func:`_numbered_formulas`)."""
    a, b, c, d = text[0], text[1], text[2], text[3]
    if a in PARTICLES or b in PARTICLES:
        return False
    if a == c or (a == b and c == d):
        return True
    return a in NUMERALS and c in NUMERALS and b not in NUMERALS and d not in NUMERALS


def _modifier_and_word(text: str, flag: str) -> bool:
    """Whether a three-character token is a monosyllabic adjective before a word
    rather than one word: GB/T 16159-2012 6.1.2 joins a three-syllable structure
    that stands for one concept, which a dictionary attests; without that, the
    adjective is a word of its own (硬 科技 yìng kējì, 新 时代 xīn shídài): 新 台阶,
    强 刺激. Prefixes (6.1.5) join their word all the same (高技能), and
    inside a saying the figure stays whole (坐 冷板凳)."""
    head, rest = text[0], text[1:]
    return (
        flag not in ("nr", "ns", "nt", "m")
        and head not in PREFIXES
        and _tag(head)[:1] == "a"
        and _dictionary_word(rest)
        and not _dictionary_word(text)
        and not _leading_proper(text)
    )


def _leading_proper(text: str) -> bool:
    """True for a word that begins with a proper noun of the phrase list (中国式, 中国共产党人)."""
    return any(_phrases().get(text[:n], "")[:1].isupper() for n in range(2, len(text)))


def _numeral(syllables: list[str], hanzi: str) -> str:
    """A numeral as one word, broken after 百 千 万 亿 when more follows
    (三百五十六 sānbǎi wǔshíliù)."""
    words: list[list[str]] = [[]]
    for ch, syllable in zip(hanzi, syllables, strict=True):
        words[-1].append(syllable)
        if ch in "百千万亿":
            words.append([])
    return " ".join(_join(w) for w in words if w)


_NUMBER = re.compile(f"第?[{NUMERALS}]+")


def _regrouped(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """jieba's tokens with what it cut apart put together again: numbers (二 〇 三五年),
    a measure word glued to the next word (第三 次分配 → 第三次 分配), numbered formulas
    (一 照 一 码 → 一照 一码), idiom-shaped set phrases (爱国 爱 港, 抓 早 抓 小) and single
    characters that make a word (:func:`_joined_monosyllables`)."""
    merged: list[tuple[str, str]] = []
    for word, flag in tokens:
        previous = merged[-1][0] if merged else ""
        if _NUMBER.fullmatch(previous) and word[0] in NUMERALS:
            merged[-1] = (previous + word, "m")
        elif (
            _NUMBER.fullmatch(previous)
            and word[0] in _MEASURES
            and len(word) > 2
            and _is_word(word[1:])
        ):
            merged[-1] = (previous + word[0], "m")
            merged.append((word[1:], _tag(word[1:])))
        else:
            merged.append((word, flag))
    merged = _numbered_formulas(merged)
    out: list[tuple[str, str]] = []
    index = 0
    while index < len(merged):
        window, end = "", index
        while end < len(merged) and len(window) < 4:
            window += merged[end][0]
            end += 1
        if len(window) == 4 and end - index > 1 and _set_phrase(window, merged[index:end]):
            if any(flag in ("f", "t", "s") for _word, flag in merged[index:end]):
                # times or places side by side: two words (:func:`_times_in_parallel`)
                out.extend([(window[:2], "t"), (window[2:], "t")])
            else:
                out.append((window, "i"))
            index = end
        else:
            out.append(merged[index])
            index += 1
    return _joined_monosyllables(out)


# A numeral before these quantifies what follows (三大 战役 sān dà): it abbreviates nothing.
_QUANTIFIERS = set("大小多余些几来半")
# Formulas number their items with one digit; longer numbers count (十二 连增, 万 人).
_FORMULA_NUMERAL = re.compile("[一二两三四五六七八九]")


def _numbered_formulas(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Numbered formulas: a numeral that counts nothing but heads an abbreviated item
    is one word with it (GB/T 16159-2012 6.1.2, a two- or three-syllable structure
    that stands for one concept is written as one word; cf. 三农 sānnóng, 四化 sìhuà):
    六稳 六保 → liùwěn liùbǎo, 一照 一码 → yīzhào yīmǎ, 三公 经费 → sāngōng jīngfèi.

    The numeral takes a single Han character that is no measure word (四个 sì gè:
    数词和量词分写), no quantifier (三大 sān dà) and no particle, numeral or adverb, or a
    two-character verb or adjective (a noun after a numeral is counted: 两 岸); never
    after a verb, whose object it counts (磨一剑 mó yī jiàn)."""
    out: list[tuple[str, str]] = []
    for word, flag in tokens:
        numeral = out[-1] if out else None
        before = out[-2] if len(out) > 1 else None
        if (
            numeral is not None
            and numeral[1] == "m"
            and _FORMULA_NUMERAL.fullmatch(numeral[0])
            and not (before is not None and before[1].startswith("v"))
            and _abbreviated_item(word, flag)
        ):
            out[-1] = (numeral[0] + word, "j")
        else:
            out.append((word, flag))
    return out


def _abbreviated_item(word: str, flag: str) -> bool:
    """Whether a token after a numeral is an item it heads, not a thing it counts."""
    if not all(map(is_cjk, word)) or word[0] in _MEASURES or word in _NUMERAL_WORDS:
        return False
    if len(word) == 1:
        return (
            word not in _QUANTIFIERS
            and word not in PARTICLES
            and word not in NUMERALS
            and flag[:1] in ("n", "v", "a", "j", "b")
        )
    return len(word) == 2 and flag[:1] in ("v", "a")


def _dictionary_word(word: str) -> bool:
    """A word by general evidence: a CC-CEDICT entry or a common word of jieba's."""
    from glossary import cedict

    return word in cedict.definitions() or _segmenter().tokenizer.FREQ.get(word, 0) >= COMMON


_FUNCTION_VERBS = set("是有在为")  # the copula and its kin: grammatical, not content


def _morpheme(word: str, flag: str) -> bool:
    """A single Han character of a content word (noun, verb, adjective or their bound
    forms), not a particle, numeral, measure word, adverb or preposition."""
    return (
        len(word) == 1
        and is_cjk(word)
        and word not in PARTICLES
        and word not in NUMERALS
        and word not in _FUNCTION_VERBS
        and flag[:1] in ("n", "v", "a", "b", "j")
    )


def _joined_monosyllables(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Single characters jieba left apart that the orthography writes as one word
    (GB/T 16159-2012 6.1.2: a two- or three-syllable structure that stands for one
    concept is written together):

    - exactly three in a row, none pairing into a dictionary word: an abbreviation
      (缩略语) of a longer phrase, 煤 改 气 → méigǎiqì;
    - two that CC-CEDICT has as a word, 众 筹 → zhòngchóu;
    - a monosyllabic adjective and the monosyllabic noun it modifies.

    A verb and its monosyllabic object stay apart (动词与宾语分写: kàn xìn).
    """
    out: list[tuple[str, str]] = []
    index = 0
    while index < len(tokens):
        run = index
        while run < len(tokens) and _morpheme(*tokens[run]):
            run += 1
        chars = [word for word, _flag in tokens[index:run]]
        starts_run = index == 0 or not _morpheme(*tokens[index - 1])
        if (
            starts_run
            and len(chars) == 3
            and not any(_dictionary_word(a + b) for a, b in pairwise(chars))
        ):
            out.append(("".join(chars), "j"))
            index = run
            continue
        word, flag = tokens[index]
        previous = out[-1] if out else None
        if (
            previous is not None
            and _morpheme(*previous)
            and _morpheme(word, flag)
            and (
                _dictionary_word(previous[0] + word)
                or (previous[1].startswith("a") and flag.startswith("n"))
            )
        ):
            out[-1] = (previous[0] + word, "j")
        else:
            out.append((word, flag))
        index += 1
    return out


def _set_phrase(window: str, tokens: list[tuple[str, str]]) -> bool:
    """Whether tokens that make up four characters are one idiom-shaped set phrase;
    not two words that happen to repeat a character (农业 农村) or to count (两岸 一家)."""
    if not all(map(is_cjk, window)) or not _idiom_shape(window) or window[1] in _MEASURES:
        return False
    if any(word in _NUMERAL_WORDS for word, _flag in tokens):
        return False
    return [len(word) for word, _flag in tokens] != [2, 2]


class _Builder:
    """Turns the jieba tokens of one term into units with their written forms."""

    def __init__(self, term: str) -> None:
        self.term = term
        self.readings = _context_readings(term)

    def units(self) -> list[_Unit]:
        out: list[_Unit] = []
        start = 0
        tokens = _regrouped([(t.word, t.flag) for t in _segmenter().cut(self.term, HMM=False)])
        if _four_character_expression(self.term, tokens):
            tokens = [(self.term, "l")]
        elif len(self.term) == 2 and all(_morpheme(w, "n" if f == "g" else f) for w, f in tokens):
            # a term of two content morphemes (a bound one, g, too: 雾霾) is a
            # two-syllable structure that stands for one concept, written as one word
            # (GB/T 16159-2012 6.1.2): 降费 jiàngfèi, 棚改 pénggǎi, 众创 zhòngchuàng;
            # an adverb stays apart (较 低)
            tokens = [(self.term, "j")]
        for word, flag in tokens:
            # organisations are proper nouns, but jieba's tag for them (nt) also covers
            # 国际化 and 党组织: trusted only where a known proper noun leads (中国…)
            proper = flag == "nt" and _leading_proper(word)
            out.extend(self._token(word, flag, start, proper=proper, saying=False))
            start += len(word)
        return out

    def _syllables(self, start: int, text: str) -> list[str]:
        return self.readings[start : start + len(text)]

    def _token(
        self, text: str, flag: str, start: int, *, proper: bool, saying: bool
    ) -> list[_Unit]:
        if not is_cjk(text[0]):
            return [_Unit(text, "x", text.translate(_PUNCTUATION))]
        phrase = _phrases().get(text)
        if phrase is not None:
            return [_Unit(text, "phrase", _capitalised(phrase) if proper else phrase)]
        syllables = self._syllables(start, text)
        words: list[str] | None = None
        if len(text) == 4 and not proper and not set(text[1:3]) & _CONJUNCTIONS:
            words = _four_character_split(text)
            if _is_idiom(text, flag, words):
                if set(text[1:3]) & _IDIOM_GLUE:
                    return [_Unit(text, "i", _join(syllables))]
                return [_Unit(text, "i", _join(syllables[:2]) + "-" + _join(syllables[2:]))]
        split = self._split_numeral(text, start, proper=proper, saying=saying)
        if split is not None:
            return split
        if len(text) >= 4:
            # a compound of several words, written word by word: 共同富裕 gòngtóng fùyù,
            # 中国人民解放军 Zhōngguó Rénmín Jiěfàngjūn
            saying = saying or flag in ("i", "l")
            units: list[_Unit] = []
            offset = start
            for word in words or _subwords(text):
                units.extend(self._token(word, _tag(word), offset, proper=proper, saying=saying))
                offset += len(word)
            return units
        if len(text) == 3 and not (proper or saying) and _modifier_and_word(text, flag):
            # read as a whole, as pypinyin read it, only written as two words
            return [
                _Unit(text[0], _tag(text[0]), syllables[0]),
                _Unit(text[1:], _tag(text[1:]), _join(syllables[1:])),
            ]
        written = _join(syllables)
        if proper or _leading_proper(text):
            written = _capitalised(written)
        return [_Unit(text, flag, written)]

    def _split_numeral(
        self, text: str, start: int, *, proper: bool, saying: bool
    ) -> list[_Unit] | None:
        """Numerals apart from what they count: 新一轮 → xīn yī lún, 四个 → sì gè; 第
        joined to its numeral with a hyphen (dì-shísì). In a saying (十年磨一剑) a numeral
        also stands apart from a noun after it. ``None`` when the text holds no such
        numeral."""
        match = _NUMERAL_RUN.search(text)
        if match is None or text in _NUMERAL_WORDS:
            return None
        begin, end = match.span()
        ordinal = begin > 0 and text[begin - 1] == "第"
        counted = text[end : end + 1]
        measured = counted in _MEASURES
        # a noun after the numeral: counted by 一 or 两 inside a word (磨一剑, but not
        # 统一体 or 老百姓), or by any numeral in a saying
        counts_noun = (
            begin > 0 and text[begin:end] in ("一", "两") and not _is_word(text[:end])
        ) or (saying and text[begin : end + 1] not in _NUMERAL_WORDS)
        if not ordinal and counted and not measured and not counts_noun:
            return None
        if not ordinal and not counted and begin > 0:
            return None  # 统一, 唯一: a word that ends in a numeral
        head = begin - 1 if ordinal else begin
        numeral = _numeral(self._syllables(start + begin, text[begin:end]), text[begin:end])
        if ordinal:
            numeral = self.readings[start + head] + "-" + numeral
        units: list[_Unit] = []
        if head:
            units.extend(
                self._token(text[:head], _tag(text[:head]), start, proper=proper, saying=saying)
            )
        units.append(_Unit(text[head:end], "m", numeral))
        if measured:
            units.append(_Unit(counted, "q", self.readings[start + end]))
            end += 1
        if end < len(text):
            rest = text[end:]
            units.extend(self._token(rest, _tag(rest), start + end, proper=proper, saying=saying))
        return units


def _written(units: list[_Unit]) -> str:
    """Units joined into words by the affix and particle rules, words spaced."""
    words: list[_Unit] = []
    prefix: _Unit | None = None
    for unit in units:
        if not unit.written.strip():
            continue
        if prefix is not None:
            if _takes_prefix(prefix.hanzi, unit):
                unit = _Unit(
                    prefix.hanzi + unit.hanzi, unit.flag, _join([prefix.written, unit.written])
                )
            else:
                words.append(prefix)
            prefix = None
        previous = words[-1] if words else None
        if previous is not None and _joins_previous(previous, unit):
            words[-1] = _Unit(
                previous.hanzi + unit.hanzi, previous.flag, _join([previous.written, unit.written])
            )
        elif unit.hanzi in PREFIXES and unit.flag not in ("phrase", "m", "q"):
            prefix = unit
        else:
            words.append(unit)
    if prefix is not None:
        words.append(prefix)
    text, glue = "", True
    for word in words:
        punctuation = word.flag == "x" and not word.hanzi[:1].isalnum()
        if punctuation and word.hanzi[:1] not in _OPENING:
            text += word.written  # closing marks and commas hang on the word before,
            glue = word.written == "-"  # a hyphen on both
        else:
            text += ("" if glue else " ") + word.written
            glue = punctuation
    return text.strip()


def _takes_prefix(prefix: str, unit: _Unit) -> bool:
    """Whether a word takes the prefix before it: a content word of two or more
    characters, or of one after 双 (双减 shuāngjiǎn, 双控 shuāngkòng); no particle,
    numeral or multi-word phrase."""
    if " " in unit.written or "-" in unit.written or unit.flag in ("x", "m", "q", "i"):
        return False
    return len(unit.hanzi) >= 2 or (prefix == "双" and unit.flag[:1] in ("n", "v", "a", "j"))


def _joins_previous(previous: _Unit, unit: _Unit) -> bool:
    """Suffixes join the word before them, 着 了 过 the verb before them, and 人 a
    proper noun (Zhōngguórén)."""
    if len(previous.hanzi) < 2 or previous.flag in ("x", "m", "q", "i"):
        return False
    if unit.flag in _ASPECT_PARTICLES:
        return previous.flag.startswith("v")
    if unit.flag == "phrase":
        return False
    if unit.hanzi == "人":
        return previous.written[:1].isupper()
    return unit.hanzi in SUFFIXES


@lru_cache(maxsize=4096)
def pinyin_marks(term: str) -> str:
    """Tone-mark pinyin of a Chinese term in the standard orthography:
    科技强国 → "kējì qiángguó", 中国式现代化 → "Zhōngguóshì xiàndàihuà",
    只争朝夕 → "zhǐzhēng-zhāoxī", 党的全面领导 → "dǎng de quánmiàn lǐngdǎo"."""
    term = unicodedata.normalize("NFC", term.strip())
    if not term:
        return ""
    return _written(_Builder(term).units())


def proper_name(marks: str) -> str:
    """Pinyin written as a proper name: every word capitalised (GB/T 16159-2012 6.3.3,
    由几个词组成的专有名词，每个词的第一个字母大写), each part of a hyphenated one too:
    "Zhōngguó zhìzào 2025" → "Zhōngguó Zhìzào 2025"."""
    return " ".join("-".join(map(_capitalised, word.split("-"))) for word in marks.split(" "))


def pinyin_numbers(term: str) -> str:
    """Tone-number pinyin, one syllable per space, of a Chinese term: 任务 → "ren4 wu5",
    战略 → "zhan4 lüe4". Derived from :func:`pinyin_marks`, so the two always agree."""
    return numbers_from_marks(pinyin_marks(term))
