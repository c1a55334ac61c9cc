"""Signs that stand for words: 互联网+ is "Internet Plus".

A mathematical sign in Chinese text is read aloud, and translated, as a word, so the
word aligner keeps it among a unit's words (punctuation it leaves out) and the lexicon
gives it the English of its Unicode character name, the standard's own name for it.
The sign is first brought to its compatibility form (NFKC: FULLWIDTH PLUS SIGN is PLUS
SIGN), and a name of several words says what the sign is, then its class (SIGN,
OPERATOR), which is left out: "plus".
"""

from __future__ import annotations

import unicodedata

# Unicode's math symbols; not currency signs, whose names are not what Chinese text
# means by them (￥ is FULLWIDTH YEN SIGN, and stands for yuan)
_WORD_CATEGORIES = ("Sm",)


def is_symbol_word(word: str) -> bool:
    """A token made of signs that are read as words."""
    return bool(word) and all(unicodedata.category(ch) in _WORD_CATEGORIES for ch in word)


def symbol_english(word: str) -> list[str]:
    """The English words the signs of a symbol word are named by (Unicode names)."""
    english = []
    for ch in unicodedata.normalize("NFKC", word):
        name = unicodedata.name(ch, "").lower().split()
        english += name[:-1] if len(name) > 1 else name
    return english
