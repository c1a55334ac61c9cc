"""What the Chinese around a term's occurrence says about the shape of its English."""

from __future__ import annotations

from glossary.phrase_pairs import best_span, rendering_text
from glossary.term_marks import Marks, marks, title_runs
from glossary.word_alignment import english_tokens

from .links import pair_with_links


def test_the_marks_of_an_occurrence() -> None:
    chinese = "全面实施《中国制造2025》，抓好去产能、去库存、去杠杆，纠正四风。"

    def of(term: str) -> Marks:
        start = chinese.index(term)
        return marks(chinese, start, start + len(term))

    assert of("中国制造2025") == Marks(titled=True)
    assert of("去库存") == Marks(item=(3, 1))
    assert of("四风") == Marks(counted=frozenset({4}))
    assert of("制造") == Marks()


def test_a_title_is_a_run_of_capitalised_words_and_numbers() -> None:
    english = english_tokens(
        "The Made in China 2025 initiative and the Paris Agreement took effect in 2016."
    )
    runs = [" ".join(english[k].text for k in run) for run in title_runs(english)]
    assert runs == ["Made in China 2025", "Paris Agreement", "2016"]


def test_between_book_title_marks_the_rendering_is_the_title_the_term_claims() -> None:
    """The links reach past the title into the sentence ("initiative", "upgrade"); a
    title is written in capitals, and the rendering is that run and no more."""
    zh = "全面实施《中国制造2025》，推动制造业升级。"
    en = "We fully implemented the Made in China 2025 initiative to upgrade manufacturing."
    links = {
        ("中国", "China"): 1.0,
        ("制造", "Made"): 0.8,
        ("2025", "2025"): 1.0,
        ("制造", "initiative"): 0.9,
        ("2025", "initiative"): 0.9,
        ("制造", "upgrade"): 0.3,
        ("制造业", "manufacturing"): 1.0,
        ("升级", "upgrade"): 0.9,
    }
    pair = pair_with_links(zh, en, links)
    start = zh.index("中国制造2025")
    end = start + len("中国制造2025")
    plain = best_span(pair, start, end)
    assert plain is not None
    assert rendering_text(en, pair.english, plain[0], plain[1]) != "Made in China 2025"
    titled = best_span(pair, start, end, marks=marks(zh, start, end))
    assert titled is not None
    assert rendering_text(en, pair.english, titled[0], titled[1]) == "Made in China 2025"
