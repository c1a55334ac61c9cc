"""Teaching the lexicon from the memory itself.

A general dictionary knows 科技 but not how a given translation renders 自立自强 or
举国体制. Words that keep turning up together in the pairs the aligner was sure of
(Dice coefficient over sentence pairs, as in hunalign's second pass) are added as
translations, and a second alignment pass uses them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from glossary.lexicon import Lexicon, chinese_words, english_keys

MIN_COUNT = 2
MIN_DICE = 0.5


def learn_from_pairs(lexicon: Lexicon, pairs: Iterable[tuple[str, str]]) -> int:
    """Add strongly associated (Chinese word, English key) pairs; returns how many."""
    zh_counts: Counter[str] = Counter()
    en_counts: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for zh_text, en_text in pairs:
        zh_words = set(chinese_words(zh_text))
        en_keys = {k for k in english_keys(en_text) if not k.startswith("#")}
        zh_counts.update(zh_words)
        en_counts.update(en_keys)
        joint.update((z, e) for z in zh_words for e in en_keys)
    added = 0
    for (zh_word, en_key), count in joint.items():
        if count < MIN_COUNT:
            continue
        dice = 2 * count / (zh_counts[zh_word] + en_counts[en_key])
        if dice >= MIN_DICE and en_key not in lexicon.glosses(zh_word):
            lexicon.add_keys(zh_word, {en_key})
            added += 1
    return added
