"""Known renderings counted in English without Chinese beside it."""

from __future__ import annotations

from glossary.attestation import KnownRenderings

KNOWN = KnownRenderings(
    [
        ("科技", "science and technology"),
        ("国家战略科技力量", "national strategic science and technology strength"),
        ("自立自强", "self-reliance"),
    ]
)


def test_a_known_rendering_counts_as_written_case_ignored() -> None:
    found = KNOWN.count("Self-reliance matters; so does self-reliance in science and technology.")
    assert found == {
        ("自立自强", "Self-reliance"): 1,
        ("自立自强", "self-reliance"): 1,
        ("科技", "science and technology"): 1,
    }


def test_where_renderings_overlap_the_longest_stands() -> None:
    found = KNOWN.count("China’s national strategic science and technology strength grows.")
    assert found == {("国家战略科技力量", "national strategic science and technology strength"): 1}


def test_only_whole_words_count() -> None:
    assert not KNOWN.count("Their self-reliances and science and technologys differ.")
    assert not KnownRenderings([]).count("science and technology")
