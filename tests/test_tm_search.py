"""``glossary tm search``: match percentages, ranking, cut-offs and concordance over a
small memory written here, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from cli.tm_command import tm
from glossary.tm_search import (
    _english_candidate,
    english_tokens,
    match_percent,
    normalise_chinese,
    query_language,
)
from records import DocumentMeta, UnitDraft
from services.memory import search_memory
from termbase import Termbase
from termbase.memory import replace_units
from termbase.store import save_document

SCIENCE_ZH = "我们要加快建设科技强国。"
SCIENCE_EN = "We must speed up building China into a country strong in science and technology."
# two characters of twelve changed: 83%
EDUCATION_ZH = "我们要加快建设教育强国。"
# three edits of 15 tokens (science → education, and, technology): 80%
EDUCATION_EN = "We must speed up building China into a country strong in education."
LONG_ZH = "到二〇三五年，我国要建成科技强国，实现高水平科技自立自强。"  # 29 characters
LONG_EN = "By 2035 China must become a country strong in science and technology."
LAW_ZH = "坚持全面依法治国。"
LAW_EN = "We must uphold the rule of law."  # 8 tokens
LAWYERS_ZH = "加强律师队伍建设。"
LAWYERS_EN = "Building a team of rule-of-law lawyers."
MARKUP_ZH = "见[bold]附件[/bold]。"
MARKUP_EN = "See [bold]the annex[/bold]."


def unit(zh: str, en: str, score: float) -> UnitDraft:
    return UnitDraft([], [], zh, en, score, "test")


@pytest.fixture
def db(db_url: str) -> str:
    """A memory of two aligned documents, with unaligned sentences in both."""
    termbase = Termbase.open(db_url)
    with termbase.transaction() as session:
        for meta in (
            DocumentMeta("speech-zh", "zh-Hans", "original", "h1", title="原文"),
            DocumentMeta(
                "speech-en",
                "en",
                "translation",
                "h2",
                title="Qiushi translation",
                translation_of="speech-zh",
            ),
            DocumentMeta("bulletin", "en", "bilingual", "h3", title="Bulletin"),
        ):
            save_document(session, meta, [])
        replace_units(
            session,
            "speech-en",
            "speech-zh",
            [
                unit(SCIENCE_ZH, SCIENCE_EN, 0.9),
                unit(EDUCATION_ZH, EDUCATION_EN, 0.8),
                unit(LONG_ZH, LONG_EN, 0.7),
                unit(SCIENCE_ZH, "", 0.0),  # unaligned Chinese sentence, same text
                unit("", SCIENCE_EN, 0.0),  # unaligned English sentence, same text
                unit(LAW_ZH, LAW_EN, 0.9),
                unit(LAWYERS_ZH, LAWYERS_EN, 0.9),
            ],
        )
        replace_units(
            session,
            "bulletin",
            None,
            [unit(SCIENCE_ZH, SCIENCE_EN, 0.5), unit(MARKUP_ZH, MARKUP_EN, 0.9)],
        )
    termbase.close()
    return db_url


def find(db: str, query: str, **options) -> list[tuple[int, str, str]]:
    termbase = Termbase.open(db)
    hits = search_memory(termbase, query, **options)
    termbase.close()
    return [(hit.percent, hit.zh, hit.document_id) for hit in hits]


def test_an_identical_chinese_sentence_is_100_and_an_edited_one_less(db: str) -> None:
    assert find(db, SCIENCE_ZH) == [
        (100, SCIENCE_ZH, "speech-en"),  # the aligner was surer of this one
        (100, SCIENCE_ZH, "bulletin"),
        (83, EDUCATION_ZH, "speech-en"),
    ]


def test_whitespace_punctuation_width_and_case_do_not_count(db: str) -> None:
    assert find(db, "我们 要加快建设科技强国．")[0][0] == 100
    assert find(db, "我们要加快建设科技强国.")[0][0] == 100
    shouted = "WE MUST SPEED UP building China into a country strong in science and technology ．"
    assert find(db, shouted)[0][0] == 100
    # a missing full stop is one edit
    assert find(db, "我们要加快建设科技强国")[0][0] == 100 * 11 // 12


def test_the_cutoff_is_respected(db: str) -> None:
    assert [hit[0] for hit in find(db, SCIENCE_ZH, minimum=84)] == [100, 100]
    assert [hit[0] for hit in find(db, SCIENCE_ZH, minimum=83)] == [100, 100, 83]
    assert [hit[0] for hit in find(db, SCIENCE_EN, minimum=81)] == [100, 100]
    assert [hit[0] for hit in find(db, SCIENCE_EN, minimum=80)] == [100, 100, 80]


def test_english_is_matched_word_by_word_against_the_english_side(db: str) -> None:
    hits = find(db, SCIENCE_EN.lower())
    assert hits == [
        (100, SCIENCE_ZH, "speech-en"),
        (100, SCIENCE_ZH, "bulletin"),
        (80, EDUCATION_ZH, "speech-en"),
    ]
    # one word of 15 tokens changed
    assert find(db, SCIENCE_EN.replace("speed up", "hasten up"))[0][0] == 100 * 14 // 15


def test_units_containing_the_query_are_found_below_the_cutoff_and_ranked(db: str) -> None:
    assert find(db, "科技强国") == [
        (100 * 4 // 12, SCIENCE_ZH, "speech-en"),
        (100 * 4 // 12, SCIENCE_ZH, "bulletin"),
        (100 * 4 // 29, LONG_ZH, "speech-en"),
    ]
    # whole words only: "rule of law" is not in "rule-of-law lawyers"
    assert find(db, "Rule of law") == [(100 * 3 // 8, LAW_ZH, "speech-en")]


def test_the_limit_keeps_the_best_across_pages(db: str) -> None:
    assert find(db, "科技强国", limit=1) == [(33, SCIENCE_ZH, "speech-en")]
    assert find(db, SCIENCE_ZH, batch_size=2) == find(db, SCIENCE_ZH)
    assert find(db, "科技强国", limit=2, batch_size=1) == find(db, "科技强国", limit=2)


def test_unaligned_sentences_are_never_hits(db: str) -> None:
    hits = find(db, SCIENCE_ZH, minimum=0, limit=100)
    assert len(hits) == 7  # every aligned unit, and neither unaligned sentence
    assert all(zh for _, zh, _ in hits)
    english = find(db, SCIENCE_EN, minimum=0, limit=100)
    assert len(english) == 7


def run(*args: str):
    return CliRunner().invoke(tm, list(args), catch_exceptions=False)


def test_json_output(db: str) -> None:
    result = run("search", SCIENCE_ZH, "--json", "--min", "80", "--db", db)
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [set(hit) for hit in hits] == [
        {"percent", "zh", "en", "document", "title", "unit_id", "alignment_score"}
    ] * 3
    first = hits[0]
    assert (first["percent"], first["zh"], first["en"]) == (100, SCIENCE_ZH, SCIENCE_EN)
    assert (first["document"], first["title"], first["alignment_score"]) == (
        "speech-en",
        "Qiushi translation",
        0.9,
    )
    assert [(hit["document"], hit["title"]) for hit in hits[1:]] == [
        ("bulletin", "Bulletin"),
        ("speech-en", "Qiushi translation"),
    ]
    assert hits[2]["en"] == EDUCATION_EN and hits[2]["percent"] == 83
    assert len({hit["unit_id"] for hit in hits}) == 3
    limited = json.loads(run("search", SCIENCE_ZH, "--json", "--limit", "1", "--db", db).stdout)
    assert [hit["unit_id"] for hit in limited] == [first["unit_id"]]


def test_no_hits_is_an_empty_list_and_a_notice(db: str) -> None:
    result = run("search", "完全无关的句子", "--json", "--db", db)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "no translation unit matches" in result.stderr
    table = run("search", "entirely unrelated words", "--db", db)
    assert table.exit_code == 0 and table.stdout == ""


def test_the_table_shows_texts_literally(db: str) -> None:
    result = run("search", MARKUP_EN, "--db", db)
    assert result.exit_code == 0, result.output
    assert "[bold]" in result.stdout and "[/bold]" in result.stdout
    assert "bulletin" in result.stdout and "100" in result.stdout


def test_bad_options_are_usage_errors(db: str) -> None:
    assert run("search", "x", "--min", "101", "--db", db).exit_code == 2
    assert run("search", "x", "--limit", "0", "--db", db).exit_code == 2
    blank = run("search", "  ", "--db", db)
    assert blank.exit_code == 1 and "nothing to search for" in blank.stderr


def test_normalisation_and_percentages() -> None:
    assert query_language("COP29 气候大会") == "zh"
    assert query_language("rule of law") == "en"
    assert normalise_chinese("２０２４年 “科技”，") == '2024年"科技",'
    assert english_tokens("Don't stop—well-being, U.S.") == [
        "don't",
        "stop",
        "—",
        "well-being",
        ",",
        "u",
        ".",
        "s",
        ".",
    ]
    assert match_percent("abcd", "abcd") == 100
    assert match_percent("abcd", "abce") == 75
    assert match_percent(["a", "b", "c"], ["a", "b"]) == 66  # rounded down, never up


def test_the_english_prefilter_never_drops_a_hit() -> None:
    """Units the substring prefilter skips must be neither fuzzy hits nor contain the
    query: checked against the exact percentage on random sentences."""
    rng = random.Random(3)
    words = ["the", "rule", "of", "law", "party", "people", ",", ".", "lawful", "ru"]
    dropped = 0
    for _ in range(3000):
        query = " ".join(rng.choices(words, k=rng.randint(1, 8)))
        text = " ".join(rng.choices(words, k=rng.randint(1, 12)))
        minimum = rng.choice([0, 30, 50, 70, 90, 100])
        needle = english_tokens(query)
        tokens = _english_candidate(needle, minimum)(text)
        if tokens:
            assert tokens == english_tokens(text)
            continue
        dropped += 1
        full = english_tokens(text)
        assert match_percent(needle, full) < minimum
        assert f" {' '.join(needle)} " not in f" {' '.join(full)} "
    assert dropped > 500  # the prefilter does drop units
