"""Four-character expressions coined from single morphemes (四字格): 降本增效, 以气代煤,
脱实向虚, 标本兼治.

Chinese policy language coins set expressions as idioms are made: two two-syllable
halves, each a verb with its object or a subject with its predicate, built from
single morphemes that are no words on their own. Such an expression is said and
written as one unit: GB/T 16159-2012 hyphenates a four-character idiom between its
halves (jiàngběn-zēngxiào), and a glossary keeps it as a term even where it occurs
once. The test needs to know words (their tags, whether a dictionary lists them), so
it takes them from a ``WordLookup``: ``DICTIONARY_WORDS`` for jieba's default
dictionary and CC-CEDICT; the pinyin writer passes its own segmenter's.

The closed classes of morphemes below are grammar (GB/T 16159-2012 6.1.5 on prefixes
and suffixes), not lists of terms.
"""

from __future__ import annotations

from typing import Protocol

from glossary.textutils import is_cjk

NUMERALS = "零〇一二两三四五六七八九十百千万亿"
# Single-character suffixes joined to the word before them: 创新型 chuàngxīnxíng,
# 中国式 Zhōngguóshì, 工作者 gōngzuòzhě, 生产力 shēngchǎnlì, 产业链 chǎnyèliàn.
# 主义 is a word of its own, not a suffix: a name of four or more syllables is written
# word by word (GB/T 16159-2012 6.1.2: huánjìng bǎohù guīhuà), as Xiandai Hanyu Cidian
# writes 社会主义 shèhuì zhǔyì.
SUFFIXES = set("型性化式者家员率力观论感度界侧们制派链")
# Single-character prefixes joined to the word after them: 非公有制 fēigōngyǒuzhì,
# 高水平 gāoshuǐpíng, 超大规模 chāodà guīmó. Not 全, an adjective that GB/T 16159-2012
# 6.1.5 does not count among the prefixes: 全 领域 quán lǐngyù (全过程 is one word).
PREFIXES = set("非反超副总准亚次泛伪高双多单半")
PARTICLES = set("的地得之了着过和与及或")
COMMON = 100  # jieba frequency from which a word counts as common


class WordLookup(Protocol):
    """What the test asks of a vocabulary."""

    def tag(self, word: str) -> str:
        """The word's part-of-speech tag ("x" for none)."""
        ...

    def is_word(self, word: str) -> bool:
        """Whether the segmenter knows the word."""
        ...

    def dictionary_word(self, word: str) -> bool:
        """A word by general evidence: a CC-CEDICT entry or a common word."""
        ...


class _DictionaryWords:
    """jieba's default dictionary and CC-CEDICT's translations. jieba is imported when first asked:
    the pinyin writer imports this module, and looking a term up reads no dictionary."""

    def tag(self, word: str) -> str:
        from glossary import segmentation

        return segmentation.dictionary_tag(word) or "x"

    def is_word(self, word: str) -> bool:
        return bool(self._frequencies().get(word))

    def dictionary_word(self, word: str) -> bool:
        # CC-CEDICT's translations, which term extraction reads anyway
        from glossary.extraction.reference import dictionary_senses

        return dictionary_senses(word) is not None or self._frequencies().get(word, 0) >= COMMON

    @staticmethod
    def _frequencies() -> dict[str, int]:
        from glossary import segmentation

        frequencies: dict[str, int] = segmentation.loaded().FREQ
        return frequencies


DICTIONARY_WORDS: WordLookup = _DictionaryWords()


def coined_pair(text: str, *, lexicalised: bool, words: WordLookup = DICTIONARY_WORDS) -> bool:
    """Whether four characters are an idiom-like expression of two two-syllable parts:
    parallel verb-object or subject-predicate pairs coined from single morphemes, such
    as 以气 代煤, 降本 增效, 勇挑 重担, at least one part no dictionary word (a
    reduplication such as 人人 is one: 单音节词重叠，连写).

    Not: two dictionary words, a phrase written word by word (众筹 平台, 科技 强国);
    a part made by a prefix or suffix (能耗 双控, 6.1.5); numerals (the numeral
    rules); an adverb, conjunction or pronoun before the rest (从严 治党, 又 做 加法:
    副词与后面的词语分写); a verb with its complement 到 or 在 (落到 实处). Where the
    segmenter does not know the four characters as one entry (``lexicalised``), a
    dictionary word and a coined part make an idiom only if the coined part is the
    second and predicates; a noun after a word is its object or head (打造 众创,
    油气 管网)."""
    halves = (text[:2], text[2:])
    if len(text) != 4 or not all(map(is_cjk, text)) or set(text) & set(NUMERALS):
        return False
    if set(text) & PARTICLES or any(
        half[0] in PREFIXES or half[-1] in SUFFIXES or half[-1] in "到在" for half in halves
    ):
        return False
    if words.tag(text[0])[:1] in ("d", "c", "r") or words.tag(halves[0])[:1] == "d":
        return False
    known = [words.dictionary_word(half) or half[0] == half[1] for half in halves]
    if all(known):
        return False
    if lexicalised or not any(known):
        return True
    second = halves[1]
    tag = words.tag(second) if words.is_word(second) else words.tag(second[0])
    return not known[1] and tag[:1] in ("v", "a")
