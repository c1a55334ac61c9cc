"""The closed word classes are what their data files say they are."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import jieba
import jieba.posseg
import pytest

from glossary import word_classes
from glossary.word_classes import (
    CHINESE_FUNCTION_WORDS,
    ENGLISH_CLOSED_CLASSES,
    ENGLISH_FUNCTION_WORDS,
)

# What the Chinese file's header promises of every word: jieba's tag and frequency.
CLOSED_TAGS = ("u", "p", "c", "r", "f", "q", "d", "v")
MIN_FREQUENCY = 25_000


def _entries(name: str) -> list[list[str]]:
    text = (files("glossary") / "data" / name).read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and line[0] != "#"]


def test_every_chinese_function_word_is_a_common_closed_class_word_of_jieba() -> None:
    jieba.initialize()
    tags = jieba.posseg.dt.word_tag_tab
    entries = _entries("function_words.zh.txt")
    assert {word for word, _tag in entries} == CHINESE_FUNCTION_WORDS
    for word, tag in entries:
        assert tags[word].startswith(tag), (word, tags[word], tag)
        assert tag in CLOSED_TAGS
        assert jieba.dt.FREQ[word] >= MIN_FREQUENCY, word
    # the only verbs are the four that govern a clause
    assert {word for word, tag in entries if tag == "v"} == {"是", "要", "使", "让"}


def test_english_function_words_are_single_lower_case_words() -> None:
    assert {"the", "of", "and", "which", "sth"} <= ENGLISH_FUNCTION_WORDS
    assert all(word.isalpha() and word.islower() for word in ENGLISH_FUNCTION_WORDS)
    assert not {"science", "technology", "power", "country"} & ENGLISH_FUNCTION_WORDS


def test_english_closed_classes_are_read_by_section_with_multiword_entries() -> None:
    assert set(ENGLISH_CLOSED_CLASSES) == {
        "determiners",
        "subject pronouns",
        "relative pronouns",
        "coordinators",
        "clause openers",
    }
    assert ("we",) in ENGLISH_CLOSED_CLASSES["subject pronouns"]
    assert ("in", "order", "to") in ENGLISH_CLOSED_CLASSES["clause openers"]
    # "you" and "it" are objects too; "while" and "since" open more than a clause
    assert not {("you",), ("it",)} & ENGLISH_CLOSED_CLASSES["subject pronouns"]
    assert not {("while",), ("since",)} & ENGLISH_CLOSED_CLASSES["clause openers"]
    # every class is closed: a handful of lower-case function words
    for entries in ENGLISH_CLOSED_CLASSES.values():
        assert 0 < len(entries) <= 12
        assert all(word.isalpha() and word.islower() for words in entries for word in words)


def test_an_entry_before_any_class_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "classes.txt").write_text("# header\nthe\n[determiners]\na\n", encoding="utf-8")
    monkeypatch.setattr(word_classes, "files", lambda _package: tmp_path)
    with pytest.raises(ValueError, match="before the first"):
        word_classes._classes("classes.txt")
