"""Teaching the lexicon from the memory itself.

A general dictionary knows 科技 but not how a given translation renders 自立自强 or
举国体制. Words that keep turning up together in the pairs the aligner was sure of
(Dice coefficient over sentence pairs, as in hunalign's second pass) are added as
translations, and a second alignment pass uses them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from glossary.lexicon import Lexicon, chinese_words, english_keys
from records import UnitDraft

MIN_COUNT = 2
MIN_DICE = 0.5
LEARNING_SCORE = 0.45  # 1-1 pairs at least this sure teach the lexicon


def confident_pairs(drafts: Iterable[UnitDraft]) -> list[tuple[str, str]]:
    """The 1–1 units the aligner was sure of: the material to learn from."""
    return [
        (d.zh_text, d.en_text)
        for d in drafts
        if len(d.zh_segments) == 1 and len(d.en_segments) == 1 and d.score >= LEARNING_SCORE
    ]


def align_twice(align: Callable[[Lexicon], list[UnitDraft]], lexicon: Lexicon) -> list[UnitDraft]:
    """Align, learn from the confident pairs, align again with what was learnt."""
    learn_from_pairs(lexicon, confident_pairs(align(lexicon)))
    return align(lexicon)


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
    # decided against the lexicon as it was, then added: adding a key to a word the
    # dictionary lacks changes what its other keys are checked against, so deciding
    # as we add would depend on the order of ``joint``, which string hashing sets
    learnt = sorted(
        (zh_word, en_key)
        for (zh_word, en_key), count in joint.items()
        if count >= MIN_COUNT
        and 2 * count / (zh_counts[zh_word] + en_counts[en_key]) >= MIN_DICE
        and en_key not in lexicon.glosses(zh_word)
    )
    for zh_word, en_key in learnt:
        lexicon.add_keys(zh_word, {en_key})
    return len(learnt)
