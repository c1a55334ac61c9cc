"""Chinese terms that English translators gloss inline.

Translations of political texts often give the Chinese of a key term in brackets:
"a world S&T superpower (世界科技强国)", or the reverse, "自主创新 (independent
innovation)".  Each such gloss is a rendering attested by the translator, so it is
worth collecting even where the Chinese original is not in the corpus.
"""

from __future__ import annotations

import math
import re

from glossary import segmentation

# English words, possibly hyphenated or joined with & or an apostrophe (supply-side,
# S&T, China’s), or numbers: the words renderings are read in
from glossary.word_alignment import ENGLISH_WORD
from glossary.word_classes import ENGLISH_FUNCTION_WORDS

_HAN = r"[\u3400-\u9fff]"
_CHINESE_IN_BRACKETS = re.compile(rf"[(（]\s*({_HAN}[\u3400-\u9fff·0-9]*)\s*[)）]")
_CHINESE_THEN_ENGLISH = re.compile(rf"({_HAN}+)\s*[(（]\s*([A-Za-z][^()（）]*?)\s*[)）]")
# Anything that cannot sit inside a term's translation: clause punctuation, quotes.
_BREAK = re.compile(r"[,;:.!?\"“”‘—–\[\]]|'(?=\s)")
_CONNECTORS = frozenset({"of", "and", "in", "&"})  # may join the words of one term
# Words that end a gloss when walking back from the bracket: every other function word.
_FUNCTION_WORDS = ENGLISH_FUNCTION_WORDS - _CONNECTORS
_LOOK_BACK = 200  # characters before a bracket searched for the English phrase
_LEADING_ARTICLES = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def inline_glosses(english_text: str) -> list[tuple[str, str]]:
    """(Chinese, English phrase) pairs glossed inline, in order, without repeats.

    Before a bracket with Chinese in it, the English phrase is the run of words right
    before the bracket, stopping at punctuation or a function word and holding about
    one content word per two Chinese characters: "to support supply-side structural
    reform (供给侧结构性改革)" gives "supply-side structural reform".
    """
    pairs: list[tuple[str, str]] = []
    for match in _CHINESE_IN_BRACKETS.finditer(english_text):
        before = english_text[max(0, match.start() - _LOOK_BACK) : match.start()]
        english = _phrase_before(re.split(r"[()（）]", before)[-1], match.group(1))
        if english:
            pairs.append((match.group(1), english))
    for match in _CHINESE_THEN_ENGLISH.finditer(english_text):
        english = _LEADING_ARTICLES.sub("", match.group(2).strip())
        if english and not _BREAK.search(english):
            pairs.append((_term_before(match.group(1), english), english))
    return list(dict.fromkeys(pairs))


def _term_before(chinese: str, english: str) -> str:
    """The trailing jieba words of a Chinese run, about two characters per English
    content word: 我们要坚持自主创新 (independent innovation) glosses 自主创新."""
    wanted = 2 * sum(
        1 for w in ENGLISH_WORD.findall(english) if w.lower() not in _FUNCTION_WORDS | _CONNECTORS
    )
    term = ""
    for word in reversed(segmentation.words(chinese, hmm=False)):
        if len(term) >= wanted:
            break
        term = word + term
    return term


def _phrase_before(text: str, chinese: str) -> str:
    tail = _BREAK.split(text)[-1]
    words = ENGLISH_WORD.findall(tail)
    if words and words[-1][0].isupper():
        return _name_before(words)
    budget = max(1, math.ceil(len(chinese) / 2))
    taken: list[str] = []
    content = 0
    for word in reversed(words):
        lower = word.lower()
        if lower in _CONNECTORS:
            taken.append(word)
            continue
        if lower in _FUNCTION_WORDS:
            break
        weight = len(word.split("-"))  # supply-side is two words' worth of Chinese
        if content + weight > budget and content:
            break
        taken.append(word)
        content += weight
    while taken and taken[-1].lower() in _CONNECTORS:  # never start with "of", "and"
        taken.pop()
    return " ".join(reversed(taken))


def _name_before(words: list[str]) -> str:
    """A capitalised name translates the whole Chinese name, however many words it
    takes: the Belt and Road Initiative (一带一路)."""
    taken: list[str] = []
    for word in reversed(words):
        if word.lower() in _CONNECTORS or (
            word[0].isupper() and word.lower() not in _FUNCTION_WORDS
        ):
            taken.append(word)
        else:
            break
    while taken and taken[-1].lower() in _CONNECTORS:
        taken.pop()
    return " ".join(reversed(taken))
