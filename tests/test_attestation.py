"""Known renderings counted in English without Chinese beside it."""

from __future__ import annotations

from glossary.attestation import KnownRenderings

# what a text of the memory defines: "science and technology (S&T)"
DEFINED = {"S&T": "science and technology"}
KNOWN = KnownRenderings(
    [
        ("科技", "science and technology"),
        ("国家战略科技力量", "national strategic science and technology strength"),
        ("自立自强", "self-reliance"),
    ],
    DEFINED,
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


def test_a_rendering_is_recognised_by_its_words_keys_within_one_clause() -> None:
    known = KnownRenderings([("科技工作者", "scientific and technological workers")], DEFINED)
    found = known.count("We thank S&T workers and science and technology workers.")
    assert found == {
        ("科技工作者", "S&T workers"): 1,
        ("科技工作者", "science and technology workers"): 1,
    }
    assert not known.count("Science and technology (workers) matter.")
    assert not KnownRenderings([], DEFINED).count("science and technology")


def test_a_rendering_is_counted_only_where_the_memory_shows_it_mostly_with_its_term() -> None:
    known = KnownRenderings(
        [("科技强国", "science and technology"), ("科技强国", "S&T power")], DEFINED
    )
    units = [
        ("建设科技强国。", "Build an S&T power strong in science and technology."),
        ("发展科技。", "Develop science and technology."),
        ("科技进步。", "Science and technology advance."),
    ]
    specific = known.specific(units)
    assert specific.count("A science and technology power.") == {
        ("科技强国", "science and technology power"): 1
    }
    assert not specific.count("Progress in science and technology.")
