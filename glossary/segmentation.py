"""jieba, the word segmenter every Chinese stage shares, with its dictionary loaded fast.

jieba keeps its prefix dictionary (its 350,000 words and every prefix of each, about
500,000 keys) in a marshal file of the temporary folder, and reads it with
``marshal.load`` straight from the open file, which reads object by object: about
0.65 s, an eighth of a build of the sample corpus. The same data read into memory
first and loaded from bytes takes about 0.2 s. So the dictionary is kept in the
cache folder (``glossary.disk_cache``) and loaded from there before jieba is first
used: the same words and counts, whatever reads them. Everything that segments goes
through ``words`` or ``tagged_words``, which load it first.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jieba

from glossary.disk_cache import MARSHAL, cached

jieba.setLogLevel(60)


def _fingerprint(dictionary: Path) -> str:
    """Changes when jieba or its dictionary does: part of the cache file's name."""
    return f"{jieba.__version__}-{dictionary.stat().st_size}"


def loaded() -> jieba.Tokenizer:
    """jieba's default tokenizer with its dictionary loaded (once per process)."""
    tokenizer = jieba.dt
    if not tokenizer.initialized:
        load_dictionary(tokenizer)
    return tokenizer


def load_dictionary(tokenizer: jieba.Tokenizer) -> None:
    """Fill ``tokenizer`` with jieba's default dictionary from the cache folder, deriving
    it there as jieba does (``Tokenizer.gen_pfdict``) the first time; a tokenizer set
    to another dictionary loads it jieba's own way."""
    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        tokenizer.check_initialized()
        return
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    freq, total = cached(
        f"jieba-prefix-dictionary-{_fingerprint(dictionary)}.marshal",
        lambda: jieba.Tokenizer.gen_pfdict(tokenizer.get_dict_file()),
        MARSHAL,
    )
    with tokenizer.lock:
        if not tokenizer.initialized:
            tokenizer.FREQ, tokenizer.total = freq, total
            tokenizer.initialized = True


def words(text: str, *, hmm: bool = True) -> list[str]:
    """jieba's words of ``text`` (accurate mode); ``hmm=False`` leaves characters
    outside the dictionary single instead of guessing words from them."""
    loaded()
    return jieba.lcut(text, HMM=hmm)


def tagged_words(text: str, *, hmm: bool = True) -> list[tuple[str, str]]:
    """jieba's words of ``text`` with their part-of-speech tags. The tagger loads on
    first use (its 350,000 tags take about 0.25 s): aligning reads no tags."""
    import jieba.posseg

    loaded()
    return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text, HMM=hmm)]


def dictionary_tag(word: str) -> str | None:
    """The part-of-speech tag jieba's dictionary gives ``word``, one for all its uses;
    None for a word it lacks."""
    return _dictionary_tags().get(word)


@cache
def _dictionary_tags() -> dict[str, str]:
    """Each word's tag in jieba's dictionary, as its tagger reads them (``jieba.posseg``
    reads the dictionary file again on import: 0.35 s), kept in the cache folder: a
    process that looks tags up without tagging text, as the renderings' parts of
    speech do while the candidates are tagged in another process, loads them in a
    fraction of that."""
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    return cached(
        f"jieba-word-tags-{_fingerprint(dictionary)}.marshal",
        lambda: _read_tags(dictionary),
        MARSHAL,
    )


def _read_tags(dictionary: Path) -> dict[str, str]:
    """The tags of jieba's dictionary file, a "word count tag" line each."""
    tags = {}
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            word, _count, tag = line.split()
            tags[word] = tag
    return tags
