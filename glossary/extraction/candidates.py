"""Term candidates from Chinese text: noun-phrase-like word n-grams, set patterns and
recurring units.

Political terms are mostly word sequences that jieba cuts apart (科技 自立自强,
国家 战略 科技 力量), so candidates are n-grams of jieba words.  Three general sources:

* Tag patterns: n-grams that stay inside a *chunk*, a run of words bounded by
  punctuation and by words that never belong to a term (particles, prepositions,
  conjunctions, pronouns, adverbs, localisers, auxiliary verbs, numerals other than
  a count inside a name: 八项规定, 全面两孩政策); they do not start with a verb, which
  governs what follows (加快|建设…), except at the head of a list item
  (…、创新驱动发展战略) or as a one-character verb with a two-character object, the
  [1+2] shape Chinese prosody makes one word (去产能, 补短板); they do not end with a
  modifier or a numeral.  的 after an adjective or a one-character noun stays inside
  (积极的财政政策, 党的全面领导).
* Statistics instead of tags: word sequences that recur with at least two different
  neighbours on each side (accessor variety), whatever the tagger made of their words
  (供给|侧 and 减税|降|费 are "verbs"), and whole items of a list set off by 、
  (…、标本兼治、…); both only need their edges not to be function words. A list's
  items are also cut by its parallelism, all as long as its shortest later item
  (加强|定向调控、相机调控).
* The dictionaries: a word of four or more characters that general language seldom
  uses, whatever its tag (简政放权), and a run of words CC-CEDICT lists as one set
  expression though the segmenter cut it (过|紧日子).
* The author's and the language's marks: numbered formulas of a numeral, a measure
  word and the counted thing (四个面向, 八项规定, 三大战略) or alternating (五位一体), quoted
  or book-title expressions with their Latin or numeric tails and enumerations
  (“互联网+”, 《中国制造2025》, “双随机、一公开”), paired slogans of two parallel items
  (大众创业、万众创新), coordinations (新一轮科技革命和产业变革), abbreviation-like
  compounds (产学研), idioms (重中之重), organisations tagged as such (国务院) and
  slogans of two verb–object pairs (集中力量办大事).
* A second reader: the strings Baidu's tagger LAC reads as one proper noun
  (供给侧结构性改革, 营改增, 混合所有制) or as one noun jieba's dictionary lacks
  (获得感), where its edges agree with jieba's (second_reading.py).

This module only proposes, recording the words around each occurrence; whether an
occurrence stood alone, and how term-like a candidate is, is ranking.py's judgement,
made with statistics of the whole input.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from glossary import segmentation
from glossary.coined_expressions import DICTIONARY_WORDS, coined_pair
from glossary.extraction.reference import dictionary_senses, general_word, reference_count
from glossary.extraction.second_reading import (
    ReadWord,
    place_names,
    special_nouns,
    unknown_nouns,
)
from glossary.textutils import is_cjk

MAX_WORDS = 6  # longer runs are descriptions, not names
MAX_CHARS = 12
MAX_COORDINATION_CHARS = 16
MAX_SLOGAN_CHARS = 8
MAX_ITEM_CHARS = 8  # a longer list item is a description
MIN_VARIETY = 2  # distinct neighbours on each side that make a recurring string a candidate
UNIT_VARIETY = 3  # ... and that make it a unit (kind "repeated") whatever its shape
SET_EXPRESSION_CHARS = 4  # a rare word this long is a set expression, not a verb in use
MAX_SET_EXPRESSION_CHARS = 6
MAX_COMPRESSED = 3  # a one-character verb with a two-character object: 去产能

# jieba part-of-speech tags of words that end a chunk: particles, prepositions,
# conjunctions, pronouns, adverbs, numerals and measure words, localisers, interjections.
_BOUNDARY_TAGS = ("u", "p", "c", "r", "d", "m", "q", "f", "y", "e", "o", "eng", "x")
# Tags of words that never open or close a term: the closed classes of function words
# (particles, prepositions, conjunctions, pronouns, modal particles, interjections,
# onomatopoeia), adverbs, localisers, numerals, measure words and time words.
_FUNCTION_TAGS = ("u", "p", "c", "r", "y", "e", "o", "d", "f", "m", "q", "t")
# Verbs that only carry mood or copula, which the tagger files with content verbs, and
# the plural suffix (朋友们), which marks an address or a group, not a name.
_NEVER_IN_TERMS = frozenset(
    "要 是 有 为 作为 成为 应 应当 必须 能 能够 可以 会 将 需要 使 让 促使 使得 进行 们".split()
)
# One-character complements of result that follow a verb (组织好, 筑牢, 抓实).
_RESULT_COMPLEMENTS = frozenset("好 牢 住 实 透 完 掉 到 成 紧 准 足 深 细".split())
# Complements of direction that follow a one-character verb (树起, 走出, 迈上).
_DIRECTION_COMPLEMENTS = frozenset({"起", "出", "上", "下", "来", "去", "开", "入", "回"})
_COMPLEMENTS = _RESULT_COMPLEMENTS | _DIRECTION_COMPLEMENTS
_COORDINATORS = frozenset({"和", "与", "及", "以及"})
ENUMERATION_COMMA = "、"  # sets off the items of a list

_NUMERAL = "一二两三四五六七八九十百千万"
# A counted word inside a name (八项|规定, 全面|两|孩|政策, 十三|五|规划, 三|大|战略): a
# numeral other than 一 (as often the article "a"), with at most one measure word.
_NUMERAL_WORD = re.compile("[两二三四五六七八九十双][两二三四五六七八九十]*[项个大条]?")
_FORMULA_NUMERAL = "两二三四五六七八九"  # 一 and 十 are as often article or round number
# A numbered formula: a numeral, one measure word (个, 项, 条 or the "great" of 三大) and
# the counted thing (四个意识, 八项规定, 三大战略), not the tail of a longer number (十九大).
_MEASURES = "个项条大"
_COUNTED = re.compile(rf"(?<![{_NUMERAL}])[{_FORMULA_NUMERAL}][{_MEASURES}][\u4e00-\u9fff]{{2,4}}")
_ALTERNATING = re.compile(rf"[{_NUMERAL}][\u4e00-\u9fff][{_NUMERAL}][\u4e00-\u9fff]")
# Quotation marks and book-title marks (《中国制造2025》): the author marks off a name.
_QUOTED = re.compile(r"[“「『《\"]([^“”「」『』《》\"]{2,16})[”」』》\"]")
_TITLE_MARK = "《"  # book-title marks set off the name of a document, plan or treaty
# What a marked-off name may hold besides Han characters: a Latin or numeric tail
# (互联网+, 中国制造2025) and the enumeration comma of a coordinated slogan (双随机、一公开).
_NAME_EXTRA = re.compile(r"[A-Za-z0-9+＋·、\-]")
PARALLEL_CHARS = (3, 4)  # lengths of the halves of a paired slogan (大众创业、万众创新)


@dataclass(frozen=True)
class Token:
    """A jieba word and its part-of-speech tag."""

    word: str
    tag: str

    @property
    def is_boundary(self) -> bool:
        """Punctuation, numbers, Latin text and function words: never inside a term."""
        if not any(is_cjk(ch) for ch in self.word):
            return True
        if self.is_numeral:
            return False
        return self.word in _NEVER_IN_TERMS or self.tag.startswith(_BOUNDARY_TAGS)

    @property
    def is_numeral(self) -> bool:
        """A numeral that may count something inside a name (八项规定, 三大战略)."""
        return self.tag.startswith("m") and _NUMERAL_WORD.fullmatch(self.word) is not None

    @property
    def is_set_phrase(self) -> bool:
        """An idiom or set phrase, as jieba's dictionary tags it (i, l)."""
        return self.tag[:1] in ("i", "l")

    @property
    def is_verb(self) -> bool:
        """jieba's tags come from a one-tag-per-word dictionary (构筑 n, 充分发挥 n), so
        CC-CEDICT has the last word: a verb if its first sense is one ("to build"), or if
        jieba says verb and some sense agrees (完善 "perfect; to improve")."""
        return _verb(self.word, self.tag.startswith("v") and self.tag != "vn")


@lru_cache(maxsize=65536)
def _verb(word: str, tagged_verb: bool) -> bool:
    senses = dictionary_senses(word)
    if senses is None and len(word) == 2 and word[1] in _COMPLEMENTS:
        # 树起 "to set up": a verb and its complement, which the dictionary does not
        # list and jieba may tag as anything (树起 s): a verb if its first character can be.
        first = dictionary_senses(word[0]) or ()
        return any(sense.startswith("to ") for sense in first)
    if senses is None:  # 充分发挥: a compound the dictionary lacks is what its head is
        return _verb(word[-2:], tagged_verb) if len(word) > 2 else tagged_verb
    return senses[0].startswith("to ") or (tagged_verb and any(x.startswith("to ") for x in senses))


def _is_idiom(token: Token) -> bool:
    """A set phrase of four or more characters that jieba tags as one (i, l) and that
    the dictionary lists as a word (重中之重, 只争朝夕), not a mere collocation (高度重视)."""
    return (
        len(token.word) >= 4 and token.is_set_phrase and dictionary_senses(token.word) is not None
    )


def tokens(sentence: str) -> list[Token]:
    """jieba words with tags.  Without the HMM, characters outside the dictionary stay
    single, so an unknown term (硬科技) is not glued to its neighbour (投硬 科技)."""
    return _genitives(
        [Token(word, tag) for word, tag in segmentation.tagged_words(sentence, hmm=False)]
    )


def _genitives(words: list[Token]) -> list[Token]:
    """Fuse 的 with a one-character noun (党的…) or an adjective (积极的…, 稳健的…) into
    one word: 党的全面领导 and 积极的财政政策 are terms, while 的 after anything else
    (a clause, a longer noun) is where one phrase ends and the next begins."""
    fused: list[Token] = []
    for token in words:
        if (
            token.word == "的"
            and fused
            and (
                (len(fused[-1].word) == 1 and fused[-1].tag.startswith("n"))
                or (len(fused[-1].word) == 2 and fused[-1].tag in ("a", "ad"))
            )
        ):
            fused[-1] = Token(fused[-1].word + "的", "genitive")
        else:
            fused.append(token)
    return fused


Context = tuple[Token | None, Token | None]  # the words before and after an occurrence


@dataclass
class Proposal:
    """What the generators know of one candidate string before ranking."""

    words: tuple[Token, ...]  # its jieba words, as cut where it was first seen
    kinds: set[str] = field(default_factory=set)
    contexts: set[Context] = field(default_factory=set)  # of its n-gram occurrences


@dataclass(frozen=True)
class Chunk:
    """A run of words that may all belong to one term, with the boundary words around it."""

    words: list[Token]
    left: Token | None  # the boundary word before it, if any
    right: Token | None


def chunks(sentence_tokens: list[Token]) -> list[Chunk]:
    result: list[Chunk] = []
    current: list[Token] = []
    left: Token | None = None
    for token in sentence_tokens:
        if token.is_boundary:
            if current:
                result.append(Chunk(current, left, token))
            current, left = [], token
        else:
            current.append(token)
    if current:
        result.append(Chunk(current, left, None))
    return result


def _may_start(token: Token, chunk: Chunk, at: int) -> bool:
    if token.tag.startswith("k"):  # a suffix (者, 们) never starts a term
        return False
    if at and token.word in _RESULT_COMPLEMENTS and chunk.words[at - 1].is_verb:
        return False  # 组织好|国际大科学计划: the verb's complement, not the term's modifier
    return True


def _verb_may_start(words: Sequence[Token], chunk: Chunk, at: int) -> bool:
    """A verb governs what follows (加快建设…, 建设科技强国), so a span opening with
    one is a statement, unless it opens a later item of a list (…、创新驱动发展战略),
    where nothing governs it, or it is a compressed verb–object word: a one-character
    verb and a short object (去|产能, 补|短板), the [1+2] shape that Chinese prosody
    makes a single word, as a two-character verb with its object (加快|建设) is not."""
    if at == 0 and chunk.left is not None and chunk.left.word == ENUMERATION_COMMA:
        return True
    return len(words[0].word) == 1 and len(words) == 2 and len(_text(words)) <= MAX_COMPRESSED


def _may_end(token: Token) -> bool:
    return (
        token.tag != "genitive"
        and not token.is_numeral
        and not token.tag.startswith(("a", "b", "z"))
    )


def _content_single(token: Token) -> bool:
    """Single words worth proposing on their own: nouns, idioms, set phrases, and any
    word of four or more characters that general language seldom uses, whatever its
    tag: a set expression the segmenter keeps whole (简政放权 "streamline administration
    and delegate power", tagged as a noun but a verb by its head)."""
    if len(token.word) >= SET_EXPRESSION_CHARS and not general_word(token.word):
        return token.tag != "nr"  # not a personal name
    return (
        len(token.word) >= 2
        and token.tag.startswith(("n", "vn", "i", "l", "j"))
        and not token.is_verb
    )


def phrase_spans(chunk: Chunk) -> Iterator[tuple[int, int]]:
    words = chunk.words
    for i, first in enumerate(words):
        if _content_single(first):
            yield i, i + 1
        if not _may_start(first, chunk, i):
            continue
        chars = len(first.word)
        for j in range(i + 1, min(len(words), i + MAX_WORDS)):
            chars += len(words[j].word)
            if chars > MAX_CHARS:
                break
            if _may_end(words[j]) and (
                not first.is_verb or _verb_may_start(words[i : j + 1], chunk, i)
            ):
                yield i, j + 1


def _text(words: Iterable[Token]) -> str:
    return "".join(t.word for t in words)


def _before(chunk: Chunk, i: int) -> Token | None:
    return chunk.words[i - 1] if i else chunk.left


def _after(chunk: Chunk, j: int) -> Token | None:
    return chunk.words[j] if j < len(chunk.words) else chunk.right


def coordinations(left: Chunk, conjunction: Token, right: Chunk) -> Iterator[tuple[str, Context]]:
    """Parallel noun phrases joined by 和/与/及, with heads of the same kind and no verb
    before their heads: 新一轮科技革命和产业变革, 目标导向和问题导向."""
    starts = [i for i, j in phrase_spans(left) if j == len(left.words) and j - i >= 2]
    ends = [j for i, j in phrase_spans(right) if i == 0 and j >= 2]
    for i in starts:
        for j in ends:
            first, second = left.words[i:], right.words[:j]
            if first[-1].is_verb != second[-1].is_verb or any(
                t.is_verb for t in first[:-1] + second[:-1]
            ):
                continue
            text = _text(first) + conjunction.word + _text(second)
            if len(text) <= MAX_COORDINATION_CHARS:
                yield text, (_before(left, i), _after(right, j))


def _is_abbreviation(word: str) -> bool:
    """A compound of one-character stand-ins for words (产学研 = 产业·学校·研究): three or
    four characters, none of whose two-character substrings is a general word."""
    return (
        3 <= len(word) <= 4
        and all(is_cjk(ch) for ch in word)
        and not any(reference_count(word[k : k + 2]) for k in range(len(word) - 1))
    )


def _dictionary_words(token: Token) -> list[str]:
    """The token as dictionary words: jieba keeps some set phrases whole (集中力量) that
    CC-CEDICT lacks; halved into two words it has (集中 + 力量), their structure shows."""
    word = token.word
    if dictionary_senses(word) is None and len(word) == 4:
        halves = [word[:2], word[2:]]
        if all(dictionary_senses(half) is not None for half in halves):
            return halves
    return [word]


def _is_slogan(words: Sequence[Token]) -> bool:
    """Two verb–object pairs in series, short enough to be said as one breath
    (集中力量办大事 "pool strength | do great things"): the shape of a policy slogan.
    Such a slogan names a way of acting and is quoted as a whole, so it is a unit
    even where it occurs once, after its subject and before 的 (制度|…|的优势); a
    long verb–object run is a statement instead, hence the length limit."""
    parts = [part for token in words for part in _dictionary_words(token)]
    if len(parts) != 4 or sum(map(len, parts)) > MAX_SLOGAN_CHARS:
        return False
    return all(_verb(part, False) == (k % 2 == 0) for k, part in enumerate(parts))


def _pattern_kinds(text: str) -> set[str]:
    kinds: set[str] = set()
    if _COUNTED.fullmatch(text) or (_ALTERNATING.fullmatch(text) and "个" not in text):
        kinds.add("formula")
    return kinds


def _formulas(sentence: str) -> Iterator[str]:
    for match in _COUNTED.finditer(sentence):
        # 四个面向: the counted thing is one word, so cut where jieba ends it
        counted = match.group()[2:]
        first = segmentation.words(counted, hmm=False)[0]
        if len(first) >= 2:
            yield match.group()[:2] + first
    for match in _ALTERNATING.finditer(sentence):
        if "个" not in match.group():
            yield match.group()


def _quoted(sentence: str) -> Iterator[tuple[str, set[str]]]:
    for match in _QUOTED.finditer(sentence):
        inner = match.group(1)
        if sum(map(is_cjk, inner)) < 2 or not all(
            is_cjk(ch) or _NAME_EXTRA.fullmatch(ch) for ch in inner
        ):
            continue
        kinds = {"quoted"} | _pattern_kinds(inner)
        if match.group(0).startswith(_TITLE_MARK):
            kinds.add("title")  # a book, plan, law or treaty: a proper name
        if len(inner) <= 4 and any(ch in _FORMULA_NUMERAL for ch in inner):
            kinds.add("formula")  # “破四唯”, “五位一体”
        yield inner, kinds


def parallel_pairs(segment_list: Sequence[Chunk]) -> Iterator[tuple[Token, ...]]:
    """Two items of the same word structure joined by 、 and by nothing else, not part
    of a longer list: a paired slogan said as one (大众创业、万众创新).  The first item
    is cut from the end of its run, as long as the second, whatever governs it
    (推动|大众创业); both begin and end on content words."""
    for first, second in itertools.pairwise(segment_list):
        comma = first.right
        if comma is None or comma is not second.left or comma.word != ENUMERATION_COMMA:
            continue
        outside = [t.word for t in (first.left, second.right) if t is not None]
        if ENUMERATION_COMMA in outside:
            continue
        n = len(second.words)
        left, right = first.words[-n:], second.words
        if (
            len(first.words) >= n >= 2
            and [len(t.word) for t in left] == [len(t.word) for t in right]
            and len(_text(right)) in PARALLEL_CHARS
            and all(_is_edge(t) for t in (left[0], left[-1], right[0], right[-1]))
        ):
            yield (*left, comma, *right)


def parallel_coinages(words: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Runs of two-character words that all open with one character, said as one
    formula: three or more (共商|共建|共享, 交往|交流|交融), or two of which one at
    least no dictionary lists (联防|联控), as a coinage is. Repeating a morpheme across
    parallel words is how Chinese coins slogans (嵌字格, the AXAY pattern of 优进优出);
    the numbered formulas (一降一补, 三严三实) are its best-known kind.  Two words the
    dictionary has are mere coordination (生产|生活), and a word said twice (一步|一步)
    repeats itself."""
    start = 0
    while start < len(words):
        end = start + 1
        opening = words[start].word
        while (
            end < len(words)
            and len(opening) == len(words[end].word) == 2
            and words[end].word[0] == opening[0]
            and all(map(is_cjk, words[end].word))
        ):
            end += 1
        run = [token.word for token in words[start:end]]
        coined = len(run) >= 3 or any(dictionary_senses(word) is None for word in run)
        if len(run) >= 2 and len(set(run)) == len(run) and coined:
            yield start, end
            start = end
        else:
            start += 1


def four_character_coinages(words: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Runs of words making four characters that are one coined expression of two
    halves (``glossary.coined_expressions``: 降本增效, 脱|实|向|虚), whether jieba keeps
    them as one word or cuts them. Where it cuts them, no word may run across the
    halves and neither half may be a word (防止|脱实 is a verb with a coined object);
    a mood or copular verb (要, 有), a particle (等) or a closing localiser (形势下)
    makes a phrase, not a coinage."""
    for i in range(len(words)):
        j, length = i, 0
        while j < len(words) and length < 4:
            length += len(words[j].word)
            j += 1
        run = words[i:j]
        text = _text(run)
        if length != 4:
            continue
        if len(run) > 1 and (
            2 not in itertools.accumulate(len(t.word) for t in run)
            or any(map(DICTIONARY_WORDS.dictionary_word, (text[:2], text[2:])))
        ):
            continue
        grammatical = any(t.word in _NEVER_IN_TERMS or t.tag.startswith("u") for t in run)
        if grammatical or DICTIONARY_WORDS.tag(text[-1]).startswith("f"):
            continue
        if coined_pair(text, lexicalised=len(run) == 1):
            yield i, j


def _without_governing_verb(name: str) -> str:
    """A special noun of the second reader without the verb it has taken in: LAC
    reads 践行社会主义核心价值观 as one name, but a name does not open with a verb of two
    characters or more that governs the words after it (践行|社会主义核心价值观). A
    verb used as a noun (混合 vn in 混合所有制) opens names, and stays."""
    words = tokens(name)
    first = words[0]
    rest = name[len(first.word) :]
    if len(words) > 2 and first.tag == "v" and len(first.word) >= 2:
        return rest
    return name


def _is_edge(token: Token) -> bool:
    """A word that may open or close a unit found by statistics alone, whatever its tag:
    not a function word of the closed classes (particles, prepositions, conjunctions,
    pronouns, modal and copular verbs), not punctuation or a number."""
    return token.is_numeral or (
        any(is_cjk(ch) for ch in token.word)
        and token.word not in _NEVER_IN_TERMS
        and token.tag != "genitive"
        and not token.tag.startswith(_FUNCTION_TAGS)
    )


def segments(sentence_tokens: list[Token]) -> list[Chunk]:
    """Runs of Han words between punctuation (or Latin text and digits), each with the
    punctuation around it: the units that statistics, not tags, are asked about."""
    result: list[Chunk] = []
    current: list[Token] = []
    left: Token | None = None
    for token in sentence_tokens:
        if any(is_cjk(ch) for ch in token.word):
            current.append(token)
            continue
        if current:
            result.append(Chunk(current, left, token))
        current, left = [], token
    if current:
        result.append(Chunk(current, left, None))
    return result


def _segment_spans(segment: Chunk) -> Iterator[tuple[int, int]]:
    words = segment.words
    for i, first in enumerate(words):
        if not _is_edge(first):
            continue
        chars = 0
        for j in range(i, min(len(words), i + MAX_WORDS)):
            chars += len(words[j].word)
            if chars > MAX_CHARS:
                break
            if j > i and _is_edge(words[j]) and not words[j].is_numeral:
                yield i, j + 1


def repeated_units(
    tokenised: Sequence[list[Token]],
) -> Iterator[tuple[str, set[str], tuple[Token, ...], Context]]:
    """Word sequences that recur with varied neighbours, whatever their tags: seen at
    least twice, after at least two different words (or a boundary) and before at
    least two.  That is accessor variety (Feng et al. 2004): a string whose
    surroundings change while it stays the same is a unit of the text's vocabulary,
    which catches terms that the tagger cuts into verbs and adverbs (供给|侧, 相机|调控).
    A boundary counts as a new neighbour each time it is seen."""
    seen: dict[str, list[tuple[tuple[Token, ...], Context]]] = defaultdict(list)
    for sentence_tokens in tokenised:
        for segment in segments(sentence_tokens):
            for i, j in _segment_spans(segment):
                words = tuple(segment.words[i:j])
                seen[_text(words)].append((words, (_before(segment, i), _after(segment, j))))
    for text, uses in seen.items():
        if len(uses) < 2:
            continue
        lefts = {_neighbour(before, k) for k, (_w, (before, _a)) in enumerate(uses)}
        rights = {_neighbour(after, k) for k, (_w, (_b, after)) in enumerate(uses)}
        variety = min(len(lefts), len(rights))
        if variety >= MIN_VARIETY:
            kinds = {"phrase", "repeated"} if variety >= UNIT_VARIETY else {"phrase"}
            for words, context in uses:
                yield text, kinds, words, context


def _neighbour(token: Token | None, occurrence: int) -> str | int:
    """A neighbouring word, or for a boundary the occurrence's own number: a new one."""
    return token.word if token is not None and is_cjk(token.word[0]) else occurrence


def list_items(segment: Chunk) -> Iterator[tuple[int, int]]:
    """A whole item of a list (…、标本兼治、…, 去库存、降成本): the author sets it
    off by the enumeration comma, so it is a unit whatever its tags, once its edges
    are not function words (着力|稳增长 is cut at the function word's side)."""
    delimiters = {t.word for t in (segment.left, segment.right) if t is not None}
    if ENUMERATION_COMMA not in delimiters:
        return
    words = segment.words
    i = next((k for k, t in enumerate(words) if _is_edge(t)), len(words))
    j = next((k + 1 for k in range(len(words) - 1, -1, -1) if _is_edge(words[k])), 0)
    if i < j and 2 <= len(_text(words[i:j])) <= MAX_ITEM_CHARS and (i == 0 or j == len(words)):
        yield i, j


def parallel_items(sentence_segments: Sequence[Chunk]) -> Iterator[tuple[Chunk, int, int]]:
    """Items of a list cut by its parallelism: coordinated items are built alike, so
    in a run of segments joined by 、 every item is as long as the shortest segment
    after the first. The first segment's item is its tail of that length, cut from
    the verb that governs the whole list (加强|定向调控、相机调控), and a later
    segment of that length is an item whole. An adverb may open such an item where
    it modifies the item's head noun (相机调控, 不忘初心), though a unit found by
    statistics alone may not open with one."""
    run: list[Chunk] = []
    for segment in sentence_segments:  # in order: each one's left is the last's right
        run.append(segment)
        if segment.right is None or segment.right.word != ENUMERATION_COMMA:
            yield from _parallel_run(run)
            run = []
    yield from _parallel_run(run)


def _parallel_run(run: Sequence[Chunk]) -> Iterator[tuple[Chunk, int, int]]:
    if len(run) < 2:
        return
    length = min(len(_text(segment.words)) for segment in run[1:])
    if not 2 <= length <= MAX_ITEM_CHARS:
        return
    first = run[0].words
    chars, i = 0, len(first)
    while i > 0 and chars < length:
        i -= 1
        chars += len(first[i].word)
    if chars == length and _parallel_edges(first[i:]):
        yield run[0], i, len(first)
    for segment in run[1:]:
        if len(_text(segment.words)) == length and _parallel_edges(segment.words):
            yield segment, 0, len(segment.words)


def _parallel_edges(words: Sequence[Token]) -> bool:
    """Edges a parallel item may have: those of a unit, or an adverb before a head
    noun."""
    last = words[-1]
    nominal = last.tag.startswith("n") or last.tag == "vn"
    return _is_edge(last) and (_is_edge(words[0]) or (words[0].tag == "d" and nominal))


def dictionary_words(sentence_tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """Runs of words that the dictionary lists as one set expression of four or more
    characters although the segmenter cut it (过|紧日子 "to live frugally"), whatever
    the tags of its pieces: the dictionary's word is the unit."""
    for i in range(len(sentence_tokens)):
        chars = 0
        for j in range(i, len(sentence_tokens)):
            chars += len(sentence_tokens[j].word)
            if chars > MAX_SET_EXPRESSION_CHARS:
                break
            if j > i and chars >= SET_EXPRESSION_CHARS:
                text = _text(sentence_tokens[i : j + 1])
                if all(is_cjk(ch) for ch in text) and dictionary_senses(text) is not None:
                    yield i, j + 1


def _before_token(words: Sequence[Token], i: int) -> Token | None:
    return words[i - 1] if i else None


def _after_token(words: Sequence[Token], j: int) -> Token | None:
    return words[j] if j < len(words) else None


def propose(
    sentences: Sequence[str],
    tokenised: Sequence[list[Token]],
    readings: Sequence[Sequence[ReadWord]],
) -> dict[str, Proposal]:
    """Every candidate string of the sentences (``tokenised``: their ``tokens``;
    ``readings``: their ``second_reading``), with the kinds of evidence for it and the
    contexts it was cut from."""
    proposals: dict[str, Proposal] = {}

    def add(
        text: str, kinds: set[str], context: Context | None = None, words: Sequence[Token] = ()
    ) -> None:
        proposal = proposals.get(text)
        if proposal is None:
            proposal = proposals[text] = Proposal(tuple(words) or tuple(tokens(text)))
        proposal.kinds |= kinds
        if context is not None:
            proposal.contexts.add(context)

    for sentence, sentence_tokens, reading in zip(sentences, tokenised, readings, strict=True):
        edges = set(itertools.accumulate((len(t.word) for t in sentence_tokens), initial=0))
        for text in special_nouns(reading, edges):
            add(_without_governing_verb(text), {"name"})
        for text in place_names(reading, edges):
            add(text, {"name"})
        for text in unknown_nouns(reading, edges):
            add(text, {"phrase"})
        for text in _formulas(sentence):
            add(text, {"formula"})
        for text, kinds in _quoted(sentence):
            add(text, kinds)
        for token in sentence_tokens:
            if token.tag == "nt" and len(token.word) >= 2:  # an organisation: 国务院
                add(token.word, {"institution"}, words=[token])
            if _is_idiom(token):
                add(token.word, {"idiom"}, words=[token])
            if _is_abbreviation(token.word) and token.tag in ("n", "j"):  # not names (nr)
                add(token.word, {"abbreviation"}, words=[token])
        for i, j in dictionary_words(sentence_tokens):
            add(
                _text(sentence_tokens[i:j]),
                {"phrase"},
                (_before_token(sentence_tokens, i), _after_token(sentence_tokens, j)),
                sentence_tokens[i:j],
            )
        sentence_chunks = chunks(sentence_tokens)
        for chunk in sentence_chunks:
            for i, j in phrase_spans(chunk):
                text = _text(chunk.words[i:j])
                context = (_before(chunk, i), _after(chunk, j))
                kinds = {"phrase"} | _pattern_kinds(text)
                if _is_slogan(chunk.words[i:j]):
                    kinds.add("slogan")
                add(text, kinds, context, chunk.words[i:j])
        sentence_segments = segments(sentence_tokens)
        for words in parallel_pairs(sentence_segments):
            add(_text(words), {"parallel"}, words=words)
        for segment in sentence_segments:
            for i, j in parallel_coinages(segment.words):
                context = (_before(segment, i), _after(segment, j))
                add(_text(segment.words[i:j]), {"parallel"}, context, segment.words[i:j])
            for i, j in four_character_coinages(segment.words):
                context = (_before(segment, i), _after(segment, j))
                add(_text(segment.words[i:j]), {"idiom"}, context, segment.words[i:j])
        items = [(segment, i, j) for segment in sentence_segments for i, j in list_items(segment)]
        for segment, i, j in items + list(parallel_items(sentence_segments)):
            add(
                _text(segment.words[i:j]),
                {"phrase", "item"},
                (_before(segment, i), _after(segment, j)),
                segment.words[i:j],
            )
        for left, right in itertools.pairwise(sentence_chunks):
            if (
                left.right is not None
                and left.right is right.left
                and left.right.word in _COORDINATORS
            ):
                for text, context in coordinations(left, left.right, right):
                    add(text, {"phrase", "coordination"}, context)
    for text, kinds, words, context in repeated_units(tokenised):
        add(text, kinds, context, words)
    return proposals
