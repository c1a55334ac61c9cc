"""jieba's dictionary read through the cache folder: the same words and counts as
jieba's own loading, whether derived or read back, and the same segmentation."""

from __future__ import annotations

from pathlib import Path

import jieba
import jieba.posseg
import pytest

from glossary import segmentation

SENTENCE = "加快建设科技强国，实现高水平科技自立自强。"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "glossary"


def test_derived_then_read_back_as_jieba_loads_it(cache_home: Path) -> None:
    own = jieba.Tokenizer()
    own.initialize()
    derived, read_back = jieba.Tokenizer(), jieba.Tokenizer()
    segmentation.load_dictionary(derived)
    (written,) = cache_home.glob("jieba-prefix-dictionary-*.marshal")
    segmentation.load_dictionary(read_back)
    assert written.stat().st_size > 1_000_000
    for tokenizer in (derived, read_back):
        assert tokenizer.initialized
        assert tokenizer.total == own.total
        assert tokenizer.FREQ == own.FREQ
        assert tokenizer.lcut(SENTENCE) == own.lcut(SENTENCE)


def test_another_dictionary_is_loaded_jiebas_way(tmp_path: Path, cache_home: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("科技强国 10 n\n自立自强 10 i\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(words))
    segmentation.load_dictionary(tokenizer)
    assert tokenizer.FREQ["科技强国"] == 10
    assert "科技" not in tokenizer.FREQ or not tokenizer.FREQ["科技"]  # a prefix only
    assert not list(cache_home.glob("jieba-prefix-dictionary-*"))


def test_words_and_tags_are_jiebas() -> None:
    assert segmentation.words(SENTENCE) == jieba.lcut(SENTENCE)
    assert segmentation.words(SENTENCE, hmm=False) == jieba.lcut(SENTENCE, HMM=False)
    assert segmentation.tagged_words(SENTENCE, hmm=False) == [
        (pair.word, pair.flag) for pair in jieba.posseg.cut(SENTENCE, HMM=False)
    ]
    assert segmentation.loaded() is jieba.dt


def test_dictionary_tags_are_jiebas_tagger_table_derived_then_read_back(
    cache_home: Path,
) -> None:
    segmentation._dictionary_tags.cache_clear()
    derived = segmentation._dictionary_tags()
    (written,) = cache_home.glob("jieba-word-tags-*.marshal")
    segmentation._dictionary_tags.cache_clear()
    read_back = segmentation._dictionary_tags()
    assert written.stat().st_size > 1_000_000
    assert derived == read_back == jieba.posseg.dt.word_tag_tab
    assert segmentation.dictionary_tag("科技") == jieba.posseg.dt.word_tag_tab["科技"]
    assert segmentation.dictionary_tag("硬科技") is None
    segmentation._dictionary_tags.cache_clear()
