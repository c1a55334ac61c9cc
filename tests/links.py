"""Word links written by hand, for tests of what is read off them."""

from __future__ import annotations

from glossary.word_alignment import AlignedPair, chinese_tokens, english_tokens


def pair_with_links(zh: str, en: str, links: dict[tuple[str, str], float]) -> AlignedPair:
    """The unit (zh, en) tokenised as the aligner does, with ``links`` between its
    words given as (Chinese word, English word) → weight; a word written more than
    once is linked wherever it stands."""
    chinese, english = chinese_tokens(zh), english_tokens(en)
    return AlignedPair(
        chinese,
        english,
        {
            (i, j): weight
            for (zh_word, en_word), weight in links.items()
            for i, c in enumerate(chinese)
            if c.text == zh_word
            for j, e in enumerate(english)
            if e.text == en_word
        },
    )
