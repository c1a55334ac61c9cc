"""Which words head a verb phrase: what tells a noun phrase from a verb phrase on each
side of a translation unit.

A term with no word that may be a verb (财政政策, 新型城镇化) names something; its
English is a noun phrase, which neither begins nor ends with a verb in its base or
present form: "proactive fiscal policy", not "pursue a proactive fiscal policy", where
the verb renders the Chinese verb before the term (实施).  Both tests lean towards
"may be a verb", so that a doubtful word leaves a rendering as it was.

- English: a word heads a verb phrase when every reading of it in LemmInflect's
  lexicon (Jascob, from the Automatically Generated Inflection Database and the
  English Web Treebank) is a verb, and it is the base or the present form (pursue,
  pursues: not pursued, targeted, which stand before nouns as adjectives), or when
  it is an auxiliary or modal (was, will, must).  "cut", "increase" and "reform" are
  nouns too, and stay free.  A noun phrase holds an auxiliary that is nothing else
  (is, was, has, should; not "will", "can", "might", nouns too) only in a relative
  clause ("a society that is moderately prosperous") or as an infinitive after "to"
  ("couples to have two children"), so a span that would run
  across one ends before it ("proactive fiscal policy", not "proactive fiscal policy
  was pursued"). A word that may be a verb in its base form and is followed by a
  determiner is a verb there ("set the goal"): a noun takes no article after it.
- Chinese: jieba's dictionary tags each word once, whatever its use, and tags many
  verb-object compounds as nouns (简政放权 n, 大力发展 nz), so a word may be a verb
  when jieba tags it as one, as an adverb, idiom or abbreviation; when a
  two-character word inside it is tagged a verb (发展 in 大力发展); when CC-CEDICT's
  first sense of it is a verb ("to ..."); when it is an adjective not followed by 的,
  since a Chinese adjective is also a predicate and before a noun may govern it
  (健全|地方税体系, "improve the local tax system"); and, for a word jieba lacks, when
  one of its characters may be (营改增, not 两孩).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

from glossary import segmentation
from glossary.coined_expressions import coined_pair
from glossary.disk_cache import MARSHAL, cached
from glossary.extraction.reference import dictionary_senses
from glossary.textutils import is_cjk
from glossary.word_classes import ENGLISH_CLOSED_CLASSES

# jieba tags of words that are or go with verbs: verbs (v, vn, vd), adverbs (d),
# idioms and set phrases (i, l), abbreviations (j)
_VERBAL_TAGS = ("v", "d", "i", "l", "j")


def _single_words(name: str) -> frozenset[str]:
    return frozenset(words[0] for words in ENGLISH_CLOSED_CLASSES[name] if len(words) == 1)


# English articles and possessive determiners, which open a noun phrase.
DETERMINERS = _single_words("determiners")
# The English relative pronouns, which open a clause inside a noun phrase.
RELATIVE_PRONOUNS = _single_words("relative pronouns")
# The English coordinators that join the items of a list or a series ("and", "or").
COORDINATORS = _single_words("coordinators")
# What opens a clause: a pronoun that can only be a subject ("we"), a subordinator of
# purpose, result, cause, concession or condition ("because", "so that", "in order to").
CLAUSE_OPENERS = (
    ENGLISH_CLOSED_CLASSES["subject pronouns"] | ENGLISH_CLOSED_CLASSES["clause openers"]
)
_LONGEST_CLAUSE_OPENER = max(map(len, CLAUSE_OPENERS))
# Auxiliaries by LemmInflect that are a clitic's or a gerund's spelling as well: the
# possessive 's, and "having" that opens a noun phrase's gerund ("having a home").
_NOT_AUXILIARY = frozenset({"'s", "having"})


@cache
def _english_classes() -> dict[str, frozenset[str]]:
    """The English word forms that head a verb phrase, and those that are auxiliaries
    and nothing else, from LemmInflect's lexicon (derived once, then read from the
    disk cache under the lexicon file's size, found without importing LemmInflect,
    whose import alone takes 0.15 s)."""
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("lemminflect")
    lexicon = Path(spec.origin).with_name("resources") / "lemma_lu.csv.gz"
    name = f"english-verb-classes-3-lemminflect-{lexicon.stat().st_size}.marshal"
    derived = cached(name, lambda: _derive_english_classes(lexicon), MARSHAL)
    return {name: frozenset(words) for name, words in derived.items()}


def _derive_english_classes(lexicon: Path) -> dict[str, list[str]]:
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

    heads, auxiliaries, bases, helpers = [], [], [], []
    for word, readings in LemmaLUCodec.load(str(lexicon)).items():
        if word in readings.get("VERB", ()):
            bases.append(word)
        if "AUX" in readings:
            heads.append(word)
            helpers.append(word)
            if not set(readings) - {"AUX", "VERB"} and word not in _NOT_AUXILIARY:
                auxiliaries.append(word)
        elif set(readings) == {"VERB"}:
            lemmas = readings["VERB"]
            # the base form is its own lemma; the present's third person adds -s
            if word in lemmas or (word.endswith("s") and not word.endswith("ss")):
                heads.append(word)
    return {
        "heads": sorted(heads),
        "auxiliaries": sorted(auxiliaries),
        "bases": sorted(bases),
        "helpers": sorted(helpers),
    }


def heads_verb_phrase(word: str) -> bool:
    """Whether the English ``word`` can only be a verb in its base or present form, an
    auxiliary or a modal."""
    return word.lower() in _english_classes()["heads"]


def opens_verb_phrase(words: Sequence[str]) -> bool:
    """Whether ``words`` begin with a verb phrase: a word that can only be a verb in its
    base or present form, or one that may be a verb in its base form followed by a
    determiner, which no noun is ("set the goal", "show our resolve")."""
    if not words:
        return False
    if heads_verb_phrase(words[0]):
        return True
    return (
        len(words) > 1
        and words[0].lower() in _english_classes()["bases"]
        and words[1].lower() in DETERMINERS
    )


def opens_clause(words: Sequence[str], at: int) -> bool:
    """Whether a clause opener (``CLAUSE_OPENERS``: a subject pronoun or a
    subordinator) begins at ``at`` in the lower-cased English ``words``."""
    return any(
        tuple(words[at : at + k]) in CLAUSE_OPENERS for k in range(1, _LONGEST_CLAUSE_OPENER + 1)
    )


def helping_verb(word: str) -> bool:
    """Whether the English ``word`` may be an auxiliary or a modal (will, is, must)."""
    return word.lower() in _english_classes()["helpers"]


def auxiliary(word: str) -> bool:
    """Whether the English ``word`` is an auxiliary and can be nothing but a verb."""
    return word.lower() in _english_classes()["auxiliaries"]


def nominal(words: Sequence[str]) -> bool:
    """Whether no word of the Chinese ``words`` (a term's, in order) may be a verb. An
    adjective may, as a predicate or a causative (健全 "to make sound"), unless 的
    makes it an attribute (积极的财政政策)."""
    attributes = [after == "的" for after in [*words[1:], None]]
    return not any(
        _may_be_verb(word, attribute) for word, attribute in zip(words, attributes, strict=True)
    )


def predicates(words: Sequence[str]) -> int:
    """How many predicates the Chinese ``words`` (a term's, in order) may hold: each
    word that may be a verb; two for a four-character coinage of two verb–object
    halves (简政放权), which is one word to jieba; and for a word of three or more
    characters that jieba lacks, an abbreviation (放管服), each character that may be."""
    attributes = [after == "的" for after in [*words[1:], None]]
    return sum(
        _predicates(word, attribute) for word, attribute in zip(words, attributes, strict=True)
    )


@lru_cache(maxsize=65536)
def _predicates(word: str, attribute: bool) -> int:
    if coined_pair(word, lexicalised=True):
        return 2
    if len(word) > 2 and segmentation.dictionary_tag(word) is None:
        return sum(_may_be_verb(character, attribute) for character in word)
    return int(_may_be_verb(word, attribute))


@lru_cache(maxsize=65536)
def _may_be_verb(word: str, attribute: bool) -> bool:
    tag = segmentation.dictionary_tag(word)
    if tag is None and len(word) > 1 and all(is_cjk(ch) for ch in word):
        return any(_may_be_verb(ch, attribute) for ch in word)
    if tag is None or tag.startswith(_VERBAL_TAGS) or (tag.startswith("a") and not attribute):
        return True
    inner = (word[k : k + 2] for k in range(len(word) - 1)) if len(word) > 2 else ()
    if any((segmentation.dictionary_tag(part) or "").startswith("v") for part in inner):
        return True
    senses = dictionary_senses(word) or ()
    return bool(senses) and senses[0].startswith("to ")
