"""Known renderings counted in English without Chinese beside it."""

from __future__ import annotations

from glossary.attestation import KnownRenderings, whole_enough
from glossary.terminology import attest_renderings
from records import AlignedUnit, EnglishSentence, EvidenceDraft

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


def test_one_word_for_a_term_of_several_is_not_recognised_in_free_text() -> None:
    """形成产业 rendered "industries" where a translation dropped "form": in free text
    "industrial" and "industry" stand for much else. A one-word term's one word is its
    rendering (全球性, "global"), and so is what abbreviates several words."""
    assert not whole_enough("形成产业", "industries", DEFINED)
    assert whole_enough("形成产业", "form industries", DEFINED)
    assert whole_enough("全球性", "global", DEFINED)
    assert whole_enough("科技工作者", "S&T workers", DEFINED)
    assert not whole_enough("科技工作者", "scientists", DEFINED)


def test_free_text_attests_only_renderings_whole_enough_for_their_term() -> None:
    unit = AlignedUnit(1, "speech-en", "使科技成果形成产业。", "Turn achievements into industries.")
    found = [
        EvidenceDraft("形成产业", "speech-en", "industries", unit_id=1),
        EvidenceDraft("科技成果", "speech-en", "scientific achievements", unit_id=1),
    ]
    outside = [
        EnglishSentence(7, "commentary", "Industrial policy rests on scientific achievements.")
    ]
    evidence = attest_renderings(found, set(), [unit], outside, [])
    assert [(e.term, e.rendering) for e in evidence] == [("科技成果", "scientific achievements")]
