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
    evidence = attest_renderings([], found, set(), [unit], outside, [])
    assert [(e.term, e.rendering) for e in evidence] == [("科技成果", "scientific achievements")]


def test_a_longer_term_is_read_as_a_word_before_a_known_rendering() -> None:
    """世界科技强国 is 世界 ("world") before 科技强国: free text that names it reads "world
    science and technology powers", one occurrence of it, not of 科技强国. A
    composition that reads as a known rendering stays that rendering's: 战略科技力量建设
    would read "strategy scientific and technological forces", whose keys are those of
    战略科技力量's rendering ("strategy" and "strategic" share one)."""
    unit = AlignedUnit(
        1, "speech-en", "加快建设科技强国。", "Build a science and technology power."
    )
    found = [
        EvidenceDraft("科技强国", "speech-en", "science and technology power", unit_id=1),
        EvidenceDraft(
            "科技力量建设", "speech-en", "scientific and technological forces", unit_id=1
        ),
        EvidenceDraft(
            "战略科技力量", "speech-en", "strategic scientific and technological forces", unit_id=1
        ),
    ]
    outside = [
        EnglishSentence(7, "commentary", "China ranks among world science and technology powers."),
        EnglishSentence(8, "commentary", "It builds a science and technology power."),
        EnglishSentence(9, "commentary", "They are strategic scientific and technological forces."),
    ]
    terms = ["科技强国", "世界科技强国", "科技力量建设", "战略科技力量", "战略科技力量建设"]
    evidence = attest_renderings(terms, found, set(), [unit], outside, [])
    assert sorted((e.term, e.rendering, e.segment_id) for e in evidence) == [
        ("世界科技强国", "world science and technology powers", 7),
        ("战略科技力量", "strategic scientific and technological forces", 9),
        ("科技强国", "science and technology power", 8),
    ]
