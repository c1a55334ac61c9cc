"""Finding the English phrase that renders a Chinese term in one translation unit.

The phrase is chosen by lexical evidence, not by position: among the spans of the
English sentence that start and end on a content word, the one whose words best
translate the term's words (CC-CEDICT, pairs learnt from the memory, approved
renderings; a term's single characters as weaker evidence) and that carries least
else. A span that recurs with the term across the memory is preferred over one that
does not. Where no span explains the term well enough, the translation has
paraphrased it away, and that is recorded rather than a rendering invented. A span
that renders some words of the term and leaves out more than a third of them is a
fragment, never its rendering, even where the dictionary lists the term as one word:
"science and technology" renders the 科技 of 科技工作者, not the term.

The best span is then given the words that its lexical core implies but the
dictionary does not know: the synonym standing where a dictionary sense has a word
the span lacks ("commanding heights" for "commanding position"), and the noun after
a span that ends on a premodifier ("highly-skilled workers") or leaves the term's head
word untranslated ("… management framework" for the 体制 of 科技管理体制). An abbreviation
compound whose characters each stand for a word (产学研) is rendered by the list that
spells it out ("industry, academia, and research").

A term whose own structure is a clause (an idiom, a quoted slogan, a verb and its
object: see ``glossary.clause_terms``) is translated more freely than a noun phrase
("forge" for 磨 in 十年磨一剑), so its rendering need only explain most of its words,
not two thirds; it is still one clause, and crosses no comma the Chinese lacks. Where
the Chinese quotes such a term and the translation keeps the quotation marks, the
quotation is the rendering, with the verb the idiom leaves unsaid ("spend ten years
to forge one sword").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from glossary.derivation import adjective_keys
from glossary.lexicon import (
    ENGLISH_STOPWORDS,
    Lexicon,
    Senses,
    chinese_words,
    english_key,
    english_keys,
    key_stem,
    pinyin_spelling,
    sense_head,
    transliteration_keys,
)
from glossary.numbers import chinese_numeral_value
from glossary.sense_order import missing_edge

MAX_WORDS = 14  # "new round of scientific and technological revolution and industrial transformation"
MIN_SCORE = 0.55  # below this the unit paraphrases the term
CHARACTER_WEIGHT = 0.6  # a word matched only through one of its characters
STEM_MATCH = 0.7  # keys matching only loosely (``lexicon.key_stem``) count for this much
HEAD_COVERAGE = 0.67  # a single character's sense by its head noun alone ("sword" of "double-edged sword")
FILL_WEIGHT = 0.5  # a word standing for the one term word the dictionary does not render
MAX_FILL = 2  # "world leader": the words standing for it
MAX_ABBREVIATION = 4  # 产学研: longer runs of single characters are not read as lists
MAX_NAME_WORDS = 4  # a transliterated name: "Xi Jinping", "Chang'e"

# A word: letters/digits with inner hyphens, apostrophes or ampersands (S&T, R&D,
# high-quality, China’s).
ENGLISH_WORD = re.compile(r"[A-Za-z0-9]+(?:[’'&\-][A-Za-z0-9]+)*")
# Spans never cross these: a rendering lives inside one clause.
_BARRIER = re.compile(r"[.;:!?()\[\]“”\"]")
# "building China into a country strong in …": what follows "into" renders the term,
# what precedes it is the verb's object; a rendering never spans the word.
_SPAN_BREAKERS = {"into"}
# Function words inside a noun phrase ("science and technology", "leader in …").
_NOUN_PHRASE_INNER = frozenset({"and", "or", "of", "in", "for"})
# What joins an English head noun to the words modifying it: "leader in science …"
# ("of" joins too much else: "utilization of research").
_HEAD_LINKS = {"in"}
# Words after which a noun phrase begins (determiners, prepositions): a verb's object
# or an infinitive ("to develop") follows other words.
_NP_OPENERS = frozenset({
    "a", "an", "the", "of", "in", "for", "with", "by", "on", "at", "from", "as", "and", "or", "our", "their",
    "its", "his", "her", "my", "your", "this", "these", "those", "more", "most", "all", "many", "some", "any",
    "each", "every", "other", "such", "among", "between", "toward", "towards", "through", "about",
})
# Pronouns that end a verb phrase ("integrate ourselves"), never a noun phrase.
_REFLEXIVES = frozenset({"myself", "ourselves", "yourself", "yourselves", "himself", "herself", "themselves"})
# Words that introduce a verb's object ("strengthening the country").
_DETERMINERS = frozenset({"the", "a", "an", "our", "its", "their"})
# Words that may sit inside a rendering but neither begin nor end one.
_EDGE_STOPWORDS = ENGLISH_STOPWORDS | _REFLEXIVES | {"such", "like", "including", "among", "toward", "towards"}
# Adjectives that stand before their noun: a span ending on one has left the noun out
# ("scientific and technological …", "highly-skilled …").
_PREMODIFIER = re.compile(r"(?:al|ic|ive|ous|ful|[a-z]-[a-z]+ed)$")
# One item of a list: a word, or two for the first and last ("research institutes").
_ITEM, _ITEM2 = r"[A-Za-z][\w’'&]*", r"[A-Za-z][\w’'&]*(?: [A-Za-z][\w’'&]*)?"
# A quotation in English, and the punctuation a quotation may close on ("… sword,").
_QUOTATION = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_CLOSING_PUNCTUATION = ",.;:!? "


@dataclass(frozen=True)
class Found:
    """The rendering of a term in a text: the exact substring and how sure we are."""

    text: str
    score: float
    # the rendering without a premodifier the translator added ("high ground" of
    # "strategic high ground"): a text without Chinese may use it alone
    core: str | None = None


@dataclass(frozen=True)
class WordToken:
    text: str
    start: int
    end: int
    keys: frozenset[str]  # empty for function words; S&T → {scien, techn}
    spaced: bool  # only a space separates it from the word before (no comma, no dash)
    ordered: tuple[str, ...]  # its keys in reading order, numbers left out: S&T → scien, techn

    @property
    def lowered(self) -> str:
        return self.text.lower()

    @property
    def possessive(self) -> bool:
        return self.lowered.replace("’", "'").endswith("'s")

    @property
    def adverb(self) -> bool:
        """An adverb in -ly ("vigorously", "globally"), by sharing its stem with the word
        without the ending; "supply" and "family" do not."""
        lowered = self.lowered
        return lowered.endswith("ly") and len(lowered) > 4 and english_key(lowered) == english_key(lowered[:-2])

    @property
    def content(self) -> bool:
        """Whether the token may stand at the edge of a rendering."""
        return bool(self.keys) and self.lowered not in _EDGE_STOPWORDS and self.lowered not in _SPAN_BREAKERS


def word_clauses(text: str) -> list[list[WordToken]]:
    """Word tokens of an English text, grouped into clauses."""
    clauses: list[list[WordToken]] = [[]]
    position = 0
    for match in ENGLISH_WORD.finditer(text):
        if _BARRIER.search(text, position, match.start()):
            clauses.append([])
        word = match.group()
        lowered = word.lower().replace("’", "'")
        base = lowered.removesuffix("'s")
        found = english_keys(base)
        ordered = tuple(dict.fromkeys(k for k in found if not k.startswith("#")))
        spaced = text[position : match.start()].isspace()
        token = WordToken(word, match.start(), match.end(), frozenset(found), spaced, ordered)
        clauses[-1].append(token)
        position = match.end()
    return [clause for clause in clauses if clause]


class _SenseIndex:
    """A word's senses, indexed by key and by key stem, so that a span is compared
    only with the senses it shares a key with (most share none)."""

    def __init__(self, senses: Senses, headed: bool = False) -> None:
        self.senses = senses
        # each sense's last word where ``headed``: a single character's sense of
        # several words is mostly a thing described ("double-edged sword"), and the
        # thing's name renders it well enough ("a perfect sword" for 剑); not so a
        # word's ("Belt and Road Initiative" is not "initiatives")
        self.heads = [sense_head(keys) if headed else None for keys in senses]
        self.by_key: dict[str, list[int]] = {}
        self.by_stem: dict[str, list[int]] = {}
        for i, keys in enumerate(senses):
            for key in keys:
                self.by_key.setdefault(key, []).append(i)
                self.by_stem.setdefault(key_stem(key), []).append(i)

    def coverage(self, present: set[str], stems: set[str]) -> float:
        """How much of its best-covered sense a span holds; a word that shares only
        its first letters with the sense's (central / center) counts for less, a
        sense's head alone for HEAD_COVERAGE where heads count."""
        touched: set[int] = set()
        for stem in stems:
            touched.update(self.by_stem.get(stem, ()))
        best = 0.0
        for i in touched:
            keys = self.senses[i]
            covered = sum(1.0 if k in present else STEM_MATCH if key_stem(k) in stems else 0.0 for k in keys)
            head = HEAD_COVERAGE if self.heads[i] in present else 0.0
            best = max(best, covered / len(keys), head)
        return best


@dataclass(frozen=True)
class TermEvidence:
    """What each word of a term may be translated as: per word its senses, and the
    senses of each of its characters (weaker evidence, for words the dictionary
    renders differently from the translator)."""

    words: tuple[_SenseIndex, ...]
    characters: tuple[tuple[_SenseIndex, ...], ...]
    everything: frozenset[str]
    stems: frozenset[str]
    word_keys: frozenset[str]  # the keys of the words' own senses, not their characters'
    # for a term of single characters each read as a word (产学研): each one's keys
    abbreviation: tuple[frozenset[str], ...] = ()
    # per word the dictionary lists whole but that reads as several words (科技工作者:
    # 科技 + 工作者), each of those with its characters' senses; () for other words
    sub_words: tuple[tuple[tuple[_SenseIndex, tuple[_SenseIndex, ...]], ...], ...] = ()
    clause: bool = False  # the term is a clause (glossary.clause_terms), not a noun phrase
    commas: bool = True  # a rendering may cross a comma: not for a clause without one
    spelled: str = ""  # the whole term in toneless pinyin, as a name is spelled (lexicon.pinyin_spelling)


def term_evidence(term: str, lexicon: Lexicon, clause: bool = False) -> TermEvidence:
    """What each word of the term may be translated as. ``clause``: the term is a
    clause (see ``glossary.clause_terms``)."""
    words = term_words(term, lexicon)
    word_senses = []
    for word in words:
        senses = lexicon.senses(word)
        spelled = transliteration_keys(word)
        # a numeral word of a clause (the 十 and 一 of 十年磨一剑) is translated by its
        # number; in a noun phrase it is mostly part of an abbreviation whose other
        # characters the dictionary does not know (二十大: "20th National Congress"), and
        # the number alone would make a fragment look like a rendering
        value = chinese_numeral_value(word) if clause else None
        number = ((frozenset({f"#{value}"}),) if value is not None else ())
        word_senses.append(senses + ((frozenset(spelled),) if spelled else ()) + number)
    character_senses = tuple(_character_senses(word, lexicon) for word in words)
    sub_words = tuple(_sub_words(word, lexicon) for word in words)
    numbers = {k for k in english_keys(term) if k.startswith("#")}
    # a word's own senses, and those of the words it reads as (小康 + 社会 of 小康社会)
    word_keys = frozenset().union(
        *(keys for senses in word_senses for keys in senses),
        *(keys for word in sub_words for part, _ in word for keys in part.senses),
    )
    everything = word_keys.union(
        *(keys for word in character_senses for senses in word for keys in senses), numbers
    )
    abbreviation = ()
    if "".join(words) == term and 1 < len(words) <= MAX_ABBREVIATION and all(len(w) == 1 for w in words):
        abbreviation = tuple(frozenset().union(*senses) for senses in word_senses)
    return TermEvidence(
        tuple(_SenseIndex(senses, len(word) == 1) for word, senses in zip(words, word_senses, strict=True)),
        tuple(tuple(_SenseIndex(senses) for senses in word) for word in character_senses),
        everything,
        frozenset(key_stem(k) for k in everything),
        word_keys,
        abbreviation,
        sub_words,
        clause,
        not clause or bool(re.search("[,，、]", term)),
        pinyin_spelling(term),
    )


def term_words(term: str, lexicon: Lexicon) -> list[str]:
    """The words a term is rendered word by word as: a dictionary entry as a whole
    (一带一路 is not 一带 + 一路), otherwise its content words, each as the longest
    known words it is made of."""
    if lexicon.senses(term):
        return [term]
    return _parts(lexicon.words(term) or [term], lexicon)


def _parts(pieces: Iterable[str], lexicon: Lexicon) -> list[str]:
    """The words the pieces of a segmented text read as, in order (see ``Lexicon.parts``)."""
    return [part for piece in pieces for part in lexicon.parts(piece)]


def _character_senses(word: str, lexicon: Lexicon) -> tuple[Senses, ...]:
    """The senses of each character of a word of several; () for a single character."""
    return tuple(lexicon.senses(c) for c in word) if len(word) > 1 else ()


def _sub_words(word: str, lexicon: Lexicon) -> tuple[tuple[_SenseIndex, tuple[_SenseIndex, ...]], ...]:
    """The words a dictionary word reads as (科技工作者: 科技, 工作者; 小康社会: 小康,
    社会, where the segmenter keeps it whole), each with its characters' senses; () if
    it reads as one. A span may render the word by its own senses ("Marxism" for
    马克思主义) or word by word ("moderately prosperous society", where the
    dictionary's sense of 小康社会 is a description), but not the words before its
    head without the head (see ``_whole_word_coverage``)."""
    parts = _parts(chinese_words(word), lexicon)
    if len(parts) < 2:
        parts = lexicon.pieces(word)
        if not all(len(part) > 1 and lexicon.senses(part) for part in parts):
            return ()  # a piece that is a lone character: the word is read whole
    if len(parts) < 2:
        return ()
    return tuple(
        (_SenseIndex(lexicon.senses(part)), tuple(_SenseIndex(s) for s in _character_senses(part, lexicon)))
        for part in parts
    )


def _coverages(evidence: TermEvidence, words: Sequence[frozenset[str]]) -> list[float]:
    """How much of each word of the term a span covers (see ``_word_coverages``). A
    word the span renders only in part, by some of the words it reads as, is not
    covered at all: that part of the span renders those words (see ``_fragmentary``)."""
    present = set().union(*words)
    stems = {key_stem(k) for k in present}
    coverages = _word_coverages(tuple(zip(evidence.words, evidence.characters, strict=True)), present, stems)
    return [
        _whole_word_coverage(coverage, sub_words, present, stems) if sub_words else coverage
        for coverage, sub_words in zip(coverages, evidence.sub_words, strict=True)
    ]


def _whole_word_coverage(
    coverage: float, sub_words: Sequence[tuple[_SenseIndex, Sequence[_SenseIndex]]], present: set[str], stems: set[str]
) -> float:
    """How much a span covers a dictionary word that reads as several (``_sub_words``):
    by its own senses or, where it renders every one of those words, by theirs. A span
    that leaves out the last of them, the head, and more of them than a term may lose
    (``_fragmentary``) renders the modifiers without what they modify ("science and
    technology" of "scientific and technological personnel" for 科技人员) and is not
    the word's rendering at all; one that leaves out only a modifier still renders it
    ("significant progress" for 长足进步)."""
    parts = _word_coverages(sub_words, present, stems)
    if all(parts):
        return max(coverage, sum(parts) / len(parts))
    if coverage < 1.0 and not parts[-1] and _fragmentary(sub_words, present, stems):
        return 0.0
    return coverage


def _word_coverages(
    words: Sequence[tuple[_SenseIndex, Sequence[_SenseIndex]]], present: set[str], stems: set[str]
) -> list[float]:
    """How much of each word a span covers, by its senses or (weaker) by its
    characters'. A word the span covers only in part, or only by its characters, is
    judged by the English words that no other of the term's words translates by its
    senses: the "science" of "science and technology" renders 科技 in 科技管理 and
    says nothing of 管理 though 理 may mean "science", and the "talents" that render
    人才 say nothing of 脱颖而出 ("to reveal one's talent") in 人才脱颖而出. Counting
    one word for both would make the fragment a rendering of the whole."""
    coverages = []
    for i, (senses, characters) in enumerate(words):
        by_senses = senses.coverage(present, stems)
        by_characters = _character_coverage(characters, present, stems)
        if by_senses < 1.0 and (by_senses or by_characters):
            # a word the term repeats (中国智慧和中国力量) may share its translation
            others = [other for j, (other, _) in enumerate(words) if j != i and other.senses != senses.senses]
            free = {k for k in present if not any(k in o.by_key or key_stem(k) in o.by_stem for o in others)}
            free_stems = {key_stem(k) for k in free}
            by_senses = senses.coverage(free, free_stems)
            if not by_senses and not _character_coverage(characters, free, free_stems):
                by_characters = 0.0
        coverages.append(max(by_senses, by_characters))
    return coverages


def _character_coverage(characters: Sequence[_SenseIndex], present: set[str], stems: set[str]) -> float:
    if not characters:
        return 0.0
    return CHARACTER_WEIGHT * sum(c.coverage(present, stems) for c in characters) / len(characters)


def _fragmentary(
    sub_words: Sequence[tuple[_SenseIndex, Sequence[_SenseIndex]]], present: set[str], stems: set[str]
) -> bool:
    """Whether a span renders some of the words a dictionary word reads as and leaves
    out more of them, ones with senses of their own, than a term may lose (as in
    ``_score``): "science and technology" renders 科技 and leaves out 工作者, so it
    is 科技's rendering, not 科技工作者's. A span rendering none of them renders the
    word as a whole, or not at all ("Belt and Road" for 一带一路)."""
    coverages = _word_coverages(sub_words, present, stems)
    missing = sum(1 for (senses, _), coverage in zip(sub_words, coverages, strict=True) if senses.senses and not coverage)
    return any(coverages) and _loses_too_much(missing, len(sub_words))


def _loses_too_much(missing: int, words: int, clause: bool = False) -> bool:
    """Whether a span leaving out ``missing`` of a term's ``words`` is a fragment: a
    translator may render one word of three or more freely, but no more; of a clause
    (an idiom, a slogan), which translators render more freely, fewer than half."""
    if clause:
        return 2 * missing >= words
    return missing > words // 3


def _score(
    evidence: TermEvidence, words: Sequence[frozenset[str]], coverages: Sequence[float], fillers: int = 0
) -> float:
    """F-measure of how much of the term the span covers (sense by sense: its
    ``_coverages``) and how many of the span's content words the term explains.
    ``fillers``: how many words the span adds to stand for its one uncovered term word
    (see ``_gap_filled``); they and that word count at FILL_WEIGHT."""
    if not words:
        return 0.0
    missing = coverages.count(0) - bool(fillers)
    if _loses_too_much(missing, len(evidence.words), evidence.clause):
        return 0.0  # a fragment: "science and technology" is not a rendering of 科技强国
    recall = (sum(coverages) + (FILL_WEIGHT if fillers else 0.0)) / len(evidence.words)
    explaining, explaining_stems = evidence.everything, evidence.stems
    precision = (sum(
        1.0 if not keys.isdisjoint(explaining)
        else STEM_MATCH if any(key_stem(k) in explaining_stems for k in keys) else 0.0
        for keys in words
    ) + FILL_WEIGHT * fillers) / (len(words) + fillers)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class _Span:
    text: str
    words: tuple[frozenset[str], ...]  # keys of each content word; the first and last are the edges
    clause: int
    first: int  # token positions in the clause
    last: int


@dataclass(frozen=True)
class _Sentence:
    clauses: tuple[tuple[WordToken, ...], ...]
    spans: tuple[_Span, ...]


@lru_cache(maxsize=4096)
def _sentence(english: str) -> _Sentence:
    """The clauses of a sentence and every span that could be a rendering: inside one
    clause, at most MAX_WORDS words, beginning and ending on a content word."""
    clauses = tuple(tuple(clause) for clause in word_clauses(english))
    spans = []
    for c, clause in enumerate(clauses):
        for i, first in enumerate(clause):
            if not first.content:
                continue
            for j in range(i, min(len(clause), i + MAX_WORDS)):
                last = clause[j]
                if last.lowered in _SPAN_BREAKERS:
                    break
                if not last.content:
                    continue
                words = tuple(t.keys for t in clause[i : j + 1] if t.keys)
                spans.append(_Span(english[first.start : last.end], words, c, i, j))
    return _Sentence(clauses, tuple(spans))


def explains(evidence: TermEvidence, keys: frozenset[str]) -> bool:
    """Whether a word (its keys) translates some word or character of the term."""
    stems = evidence.stems
    return not keys.isdisjoint(evidence.everything) or any(key_stem(k) in stems for k in keys)


def phrase_spans(english: str, max_words: int) -> Iterator[tuple[str, list[WordToken]]]:
    """Each span of ``english`` that could be a rendering (see ``_sentence``) with at
    most ``max_words`` content words: its text and its words that have keys."""
    sentence = _sentence(english)
    for span in sentence.spans:
        if len(span.words) <= max_words:
            clause = sentence.clauses[span.clause]
            yield span.text, [token for token in clause[span.first : span.last + 1] if token.keys]


def find_rendering(
    term: str, english: str, lexicon: Lexicon, recurring: dict[str, float] | None = None
) -> Found | None:
    """The span of ``english`` that renders ``term``, or None if it is paraphrased away."""
    return best_span(term_evidence(term, lexicon), english, recurring)


def best_span(
    evidence: TermEvidence,
    english: str,
    recurring: dict[str, float] | None = None,
    elsewhere: frozenset[str] = frozenset(),
    quoted: bool = False,
    named: frozenset[str] | None = None,
    open_before: bool = False,
) -> Found | None:
    """The span of ``english`` that best renders the term ``evidence`` describes.

    Only spans whose first and last content words the term explains are weighed: a
    span with an unexplained edge always scores below the same span without it. A
    span may begin with a possessive ("Party’s", "China’s") only where the possessive
    translates a word of the term itself, not merely one of its characters.
    ``recurring`` maps lower-cased phrases to how strongly they go with the term across
    the memory (0–1); it breaks ties between spans the dictionary rates alike that
    render every word of the term.
    ``elsewhere``: keys of the other Chinese words of the unit, whose translations
    the span is never extended over. ``quoted``: the unit's Chinese quotes the term,
    so an English quotation holding the span is the rendering (see ``_quotation``).
    ``named``: the keys of those words' one-word senses; a neighbour that completes a
    dictionary sense of the term is kept from the span only by these (see
    ``_completed``). None: all of ``elsewhere``. ``open_before``: the unit's Chinese
    has no word before the term that the English leaves untranslated, so an
    adjective between a determiner and the span is the translator's own addition
    and part of the rendering ("the strategic high ground" for 制高点; see
    ``_added_premodifier``).
    """
    if evidence.abbreviation:
        listed = spelled_out(evidence.abbreviation, english)
        if listed:
            return listed
    sentence = _sentence(english)
    name = _transliteration(evidence.spelled, sentence.clauses, english) if evidence.spelled else None
    if name:
        return name
    weighed = [span for span in sentence.spans if _weighable(evidence, sentence, span)]
    best = _best(evidence, ((span, 0) for span in weighed), recurring)
    if best is None or best[0].score < MIN_SCORE:
        filled = (
            found for span in weighed
            for found in _gap_filled(evidence, english, sentence.clauses[span.clause], span, elsewhere)
        )
        best = _best(evidence, filled, recurring)
    if best is None or best[0].score < MIN_SCORE:
        return None
    found, chosen = best
    clause = sentence.clauses[chosen.clause]
    quotation = _quotation(english, clause[chosen.first].start, clause[chosen.last].end) if quoted else None
    first, last = _completed(evidence, clause, chosen, elsewhere, elsewhere if named is None else named)
    if _cut_noun_phrase(clause, first, last):
        return None
    core = english[clause[first].start : clause[last].end]
    if not quotation and open_before and _added_premodifier(evidence, clause, first, elsewhere):
        return Found(english[clause[first - 1].start : clause[last].end], found.score, core)
    return Found(quotation or core, found.score)


def _transliteration(spelled: str, clauses: Sequence[Sequence[WordToken]], english: str) -> Found | None:
    """The capitalised words that spell the whole term in pinyin: a name the
    translator transliterated ("Fendouzhe" for the submersible 奋斗者, "BeiDou" for
    北斗, "Diqiao 1" for 地壳一号), which no dictionary sense explains. Only one to
    MAX_NAME_WORDS words that only a space parts, the first capitalised: "change" is
    not 嫦娥's "Chang'e"."""
    # figures count only where the name has a number: "Chang'e-6" is 嫦娥 and 嫦娥六号
    other = "[^a-z0-9]" if any(c.isdigit() for c in spelled) else "[^a-z]"
    for clause in clauses:
        for first, token in enumerate(clause):
            if not token.text[0].isupper():
                continue
            letters = ""
            for last in range(first, min(first + MAX_NAME_WORDS, len(clause))):
                if last > first and not clause[last].spaced:
                    break
                letters += re.sub(other, "", clause[last].lowered)
                if letters == spelled:
                    return Found(english[token.start : clause[last].end], 1.0)
                if not spelled.startswith(letters):
                    break
    return None


def _quotation(english: str, start: int, end: int) -> str | None:
    """The English quotation of at most MAX_WORDS words that holds ``english[start:end]``,
    without the punctuation it closes on; None if there is none. A translator who
    keeps the marks the Chinese puts round a term marks what renders it, words the
    dictionary cannot explain included (the "spend" of "spend ten years to forge one
    sword", which 十年磨一剑 leaves unsaid)."""
    for match in _QUOTATION.finditer(english):
        group = 1 if match.group(1) is not None else 2
        if match.start(group) <= start and end <= match.end(group):
            inner = match.group(group).strip().rstrip(_CLOSING_PUNCTUATION)
            if len(ENGLISH_WORD.findall(inner)) <= MAX_WORDS and not _BARRIER.search(inner):
                return inner
    return None


def _weighable(evidence: TermEvidence, sentence: _Sentence, span: _Span) -> bool:
    """Whether the term explains both edges of a span (by more than a character of a
    word the rest of the span renders already: see ``_said_already``), a possessive
    at its start translates a word of the term itself, and the span crosses a comma
    only if the term may (a clause's rendering is one clause) and only as a list of
    the term's words (see ``_listed``)."""
    words = span.words
    clause = sentence.clauses[span.clause]
    if "," in span.text and not (evidence.commas and _listed(evidence, clause, span)):
        return False
    if not (explains(evidence, words[0]) and explains(evidence, words[-1])):
        return False
    if len(words) > 1 and (_said_already(evidence, words[0], words[1:]) or _said_already(evidence, words[-1], words[:-1])):
        return False
    if not evidence.clause and (
        clause[span.last].adverb or (clause[span.first].adverb and words[0].isdisjoint(evidence.word_keys))
    ):
        # a noun phrase's rendering ends on its noun, and begins on an adverb only
        # where a word of the term means it ("highly skilled", "comprehensively deepen")
        return False
    return not (clause[span.first].possessive and words[0].isdisjoint(evidence.word_keys))


def _said_already(evidence: TermEvidence, edge: frozenset[str], rest: Sequence[frozenset[str]]) -> bool:
    """Whether an edge word of a span translates only characters of term words that
    the rest of the span renders whole by their own senses: "capabilities" is a sense
    of the 才 of 人才, but in "capabilities to cultivate … talents" 人才 is already
    "talents", so the word belongs to something else (an 能力 the term does not have)."""
    stems = {key_stem(k) for k in edge}
    if any(word.coverage(edge, stems) for word in evidence.words):
        return False
    translated = [
        word for word, characters in zip(evidence.words, evidence.characters, strict=True)
        if any(character.coverage(edge, stems) for character in characters)
    ]
    present = set().union(*rest)
    rest_stems = {key_stem(k) for k in present}
    return bool(translated) and all(word.coverage(present, rest_stems) >= 1.0 for word in translated)


def _listed(evidence: TermEvidence, clause: Sequence[WordToken], span: _Span) -> bool:
    """Whether each comma-separated piece of a span begins and ends on a word that a
    word of the term translates by its own senses: a list of the term's parts
    ("independent, secure, and controllable" for 自主安全可控), not a rendering run on
    into the next item of the sentence ("… personnel, and vigorously"). Two pieces
    joined by ", and" are the end of a longer list, not a list of their own: "science
    and technology, and talent" renders a coordination (教育、科技、人才), not the term
    科技人才; two adjectives parted by a comma alone describe one noun ("centralized,
    unified leadership"). Nor is a list of more items than the term has words its
    rendering ("science, technology, and talent" for 科技人才)."""
    pieces: list[list[WordToken]] = [[]]
    for token in clause[span.first : span.last + 1]:
        if pieces[-1] and not token.spaced:
            pieces.append([])
        pieces[-1].append(token)
    if len(pieces) == 2 and pieces[1][0].lowered in {"and", "or"}:
        return False
    if len(pieces) > len(evidence.words):
        return False  # more items than the term has words: a list it is part of
    for piece in pieces:
        content = [token for token in piece if token.content]
        if not content or any(content[i].keys.isdisjoint(evidence.word_keys) for i in (0, -1)):
            return False
    return True


def _best(
    evidence: TermEvidence, candidates: Iterable[tuple[_Span, int]], recurring: dict[str, float] | None
) -> tuple[Found, _Span] | None:
    """The best scoring of (span, how many of its first words fill a gap); of two
    alike, the one rendering more of the term's words, then more of its characters,
    then the shorter. Only a span
    rendering every word gains by recurring: a fragment that recurs with the term
    ("scientific and technological talents" wherever 科技人才培养 is) renders the
    shorter term inside it (科技人才)."""
    best: tuple[Found, _Span] | None = None
    best_key: tuple[int, float, int] = (0, 0.0, 0)
    for span, fillers in candidates:
        words = span.words[fillers:]
        coverages = _coverages(evidence, words)
        score = _score(evidence, words, coverages, fillers)
        covered = len(coverages) - coverages.count(0) + bool(fillers)
        if recurring and covered == len(evidence.words):
            score += 0.25 * recurring.get(span.text.lower(), 0.0)
        if best is None or score >= best[0].score:
            key = (covered, _character_support(evidence, words), -len(span.text))
            if best is None or score > best[0].score or key > best_key:
                best, best_key = (Found(span.text, score), span), key
    return best


def _character_support(evidence: TermEvidence, words: Sequence[frozenset[str]]) -> float:
    """How much of the term's characters a span's words translate: between spans
    alike otherwise, "scientific and technological personnel" says more of 科技人员
    (人员: "person", "member") than "science and technology"."""
    present = set().union(*words)
    stems = {key_stem(k) for k in present}
    return sum(_character_coverage(characters, present, stems) for characters in evidence.characters)


def _gap_filled(
    evidence: TermEvidence, english: str, clause: Sequence[WordToken], span: _Span, elsewhere: frozenset[str]
) -> Iterator[tuple[_Span, int]]:
    """A span that renders every word of the term but one, grown over the words that
    stand for that one; with how many they are.

    Translators render the words the dictionary knows as it does and others freely
    ("master craftsmen" for 大国工匠, "a world leader in science and technology" for
    科技强国). A word stands for the missing one only if neither the term nor any other
    Chinese word of the unit explains it, and only where English places it: just
    before the span for a modifier, before "in"/"of" and the span for the head. The
    words taken must begin a noun phrase (after a determiner, a preposition, a comma
    or nothing), so that a verb ("develop technology") or an adverb is never taken
    for the term's word, and the span must be one noun phrase (no comma, no verb
    after "to").
    """
    coverages = _coverages(evidence, span.words)
    if len(coverages) < 2 or coverages.count(0) != 1:
        return
    inner = clause[span.first + 1 : span.last + 1]
    if not all(t.spaced and (t.content or t.lowered in _NOUN_PHRASE_INNER) for t in inner):
        return  # not one noun phrase: "market to enhance our …"
    if ends_without_noun(clause[span.last].lowered):
        return  # "notable original", "community of shared": a noun phrase without its noun
    joint = span.first
    if coverages.index(0) == len(coverages) - 1:
        if joint < 1 or clause[joint - 1].lowered not in _HEAD_LINKS or not clause[joint].spaced:
            return
        joint -= 1
    first = joint
    while first > 0 and joint - first < MAX_FILL and clause[first].spaced and _free(evidence, clause[first - 1], elsewhere):
        first -= 1
    while first < joint and not _opens_noun_phrase(clause, first):
        first += 1
    if first < joint and not _conjoined_with_other(clause, first, elsewhere):
        words = tuple(t.keys for t in clause[first:joint]) + span.words
        yield _Span(english[clause[first].start : clause[span.last].end], words, span.clause, first, span.last), joint - first


def ends_without_noun(text: str) -> bool:
    """Whether a phrase ends on a premodifier or a participle ("… original",
    "community of shared"): a noun phrase without its noun."""
    last = text.lower()
    return bool(_PREMODIFIER.search(last)) or last.endswith("ed")


def _conjoined_with_other(clause: Sequence[WordToken], position: int, elsewhere: frozenset[str]) -> bool:
    """Whether the word at ``position`` is the second of two nouns joined by "and"/"or"
    whose first translates other Chinese of the unit: "self-reliance and strength in
    science and technology" renders 科技自立自强, so its "strength" does not stand for
    the 强国 of 科技强国."""
    return (
        position >= 2 and clause[position - 1].lowered in {"and", "or"}
        and not clause[position - 2].keys.isdisjoint(elsewhere)
    )


def _opens_noun_phrase(clause: Sequence[WordToken], position: int) -> bool:
    return position == 0 or not clause[position].spaced or clause[position - 1].lowered in _NP_OPENERS


def _unclaimed(evidence: TermEvidence, token: WordToken, elsewhere: frozenset[str]) -> bool:
    """Whether a word is a content word, not a possessive, that neither the term nor
    any other Chinese word of the unit explains."""
    return (
        token.content and not token.possessive and token.keys.isdisjoint(elsewhere)
        and not explains(evidence, token.keys)
    )


def _free(evidence: TermEvidence, token: WordToken, elsewhere: frozenset[str]) -> bool:
    """Whether a word may stand for a term word the dictionary does not render: a
    content word that neither the term nor any other Chinese word of the unit
    explains, and by its ending neither an adverb nor a verb form ("effectively",
    "coordinating")."""
    return _unclaimed(evidence, token, elsewhere) and nominal(token)


def nominal(token: WordToken) -> bool:
    """Whether a word may be part of a noun phrase standing for a term word: by its
    ending neither an adverb nor a verb form ("effectively", "coordinating"), and not
    a number."""
    return not token.lowered.endswith(("ly", "ing")) and not any(k.startswith("#") for k in token.keys)


def _completed(
    evidence: TermEvidence,
    clause: Sequence[WordToken],
    span: _Span,
    elsewhere: frozenset[str],
    named: frozenset[str],
) -> tuple[int, int]:
    """The first and last word of the span with the words its core implies: a
    neighbour standing where a partly covered dictionary sense has its missing first
    or last word, the adverb closing the clause after a span that leaves out only an
    inner modifier of the term, and the noun a span ending on a premodifier or on a
    modifier of the term's untranslated head leaves out. A neighbour is taken only if
    nothing else in the unit's Chinese translates it and nothing but a space parts it
    from the span."""
    first, last = span.first, span.last
    present = set().union(*span.words)
    stems = {key_stem(k) for k in present}
    edges = set()
    for senses in evidence.words:
        if senses.coverage(present, stems) < 1.0:
            edge = missing_edge(senses.senses, (clause[first].keys, clause[last].keys), present, stems)
            if edge:
                edges.add(edge)

    def fills(position: int, joint: int, claims: frozenset[str] = elsewhere) -> bool:
        if not 0 <= position < len(clause) or not clause[joint].spaced:
            return False
        return _unclaimed(evidence, clause[position], claims)

    # what stands before a possessive qualifies the possessor, not the term; the
    # synonym of a sense's missing word is kept out only by a word the unit's other
    # Chinese translates as a whole ("top" is only part of 一流's "top quality")
    if (
        "before" in edges and not clause[first].possessive and fills(first - 1, first, named)
        and not (first >= 2 and clause[first - 2].lowered == "to" and clause[first - 1].spaced)
    ):
        first -= 1  # not an infinitive's verb ("to develop technology finance")
    first = _with_causative_verb(evidence, clause, first, present, stems, elsewhere)
    if ("after" in edges and fills(last + 1, last + 1, named)) or _completes_last_sense(evidence, clause, last):
        last += 1
    elif _only_inner_word_missing(evidence, present, stems) and _closing_adverb(clause, last + 1) and fills(
        last + 1, last + 1
    ):
        last += 1  # "nurture talent domestically" for 人才自主培养
    elif (
        _PREMODIFIER.search(clause[last].lowered) and fills(last + 1, last + 1)
        and not covers(evidence.words[-1], evidence.characters[-1], present, stems)
        and not _PREMODIFIER.search(clause[last + 1].lowered)
    ):
        last += 1  # the noun; a further premodifier ("strategic scientific …") is left alone
    elif (
        len(evidence.words) > 1 and fills(last + 1, last + 1)
        and not covers(evidence.words[-1], evidence.characters[-1], present, stems)
        and _closing_noun(clause, last + 1)
    ):
        last += 1  # the head noun the translator chose for the term's untranslated head
    if last + 1 < len(clause) and clause[last + 1].lowered == "up" and clause[last + 1].spaced and (
        clause[last].lowered.endswith("ing")
    ):
        last += 1  # the particle of a phrasal verb: "reform and opening up"
    return first, last


def _completes_last_sense(evidence: TermEvidence, clause: Sequence[WordToken], last: int) -> bool:
    """Whether the word after the span finishes, with the span's last word, a sense of
    the term's last word that the span covers only by a word standing elsewhere in it:
    "important industrial chains and supply chains" for 重要产业链供应链, whose first
    "chains" also served 供应链's "supply chain"."""
    if last + 1 >= len(clause) or not clause[last + 1].spaced:
        return False
    tail, following = clause[last].keys, clause[last + 1].keys
    return clause[last + 1].content and any(
        len(keys) > 1 and not tail.isdisjoint(keys) and following and following <= keys and not keys <= tail
        for keys in evidence.words[-1].senses
    )


def _cut_noun_phrase(clause: Sequence[WordToken], first: int, last: int) -> bool:
    """Whether the span ends on an adjective that a determiner inside it opens and
    whose noun phrase goes on after it ("development of a strategic | talent force"):
    the term's words are then part of a phrase about something else, with no
    rendering of their own."""
    return (
        first < last and clause[last - 1].lowered in _DETERMINERS and bool(_PREMODIFIER.search(clause[last].lowered))
        and last + 1 < len(clause) and clause[last + 1].spaced and clause[last + 1].content
    )


def _added_premodifier(
    evidence: TermEvidence, clause: Sequence[WordToken], first: int, elsewhere: frozenset[str]
) -> bool:
    """Whether the word before the span that begins at ``first`` is an adjective
    between a determiner and the span ("the strategic high ground") that neither the
    term nor, even loosely, any other Chinese word of the unit explains ("a social
    atmosphere" where 社会 stands before 氛围 is not an addition)."""
    if first < 2 or not clause[first].spaced or not clause[first - 1].spaced:
        return False
    word = clause[first - 1]
    stems = {key_stem(key) for key in elsewhere}
    return (
        clause[first - 2].lowered in _DETERMINERS and bool(_PREMODIFIER.search(word.lowered))
        and _unclaimed(evidence, word, elsewhere) and not any(key_stem(key) in stems for key in word.keys)
    )


def _closing_noun(clause: Sequence[WordToken], position: int) -> bool:
    """Whether the word at ``position`` may be the head noun that closes a noun phrase
    ("science and technology management framework" for 科技管理体制, whose 体制 the
    dictionary gives as "system"): a word that is by its ending no adverb, verb form or
    premodifier, and that is followed by no further content word (which would make it
    a modifier itself) and by no determiner (a verb takes one: "innovation requires
    the …")."""
    token = clause[position]
    if not nominal(token) or _PREMODIFIER.search(token.lowered) or token.lowered in _REFLEXIVES:
        return False
    if position + 1 >= len(clause) or not clause[position + 1].spaced:
        return True
    following = clause[position + 1]
    return not following.content and following.lowered not in _NP_OPENERS - _NOUN_PHRASE_INNER


def _only_inner_word_missing(evidence: TermEvidence, present: set[str], stems: set[str]) -> bool:
    """Whether a span translates every word of the term but one that stands between
    others: a modifier of the head inside the term (the 自主, "independently", of
    人才自主培养), which English, unlike Chinese, puts after the verb phrase."""
    missing = [
        i for i, (senses, characters) in enumerate(zip(evidence.words, evidence.characters, strict=True))
        if not covers(senses, characters, present, stems)
    ]
    return len(missing) == 1 and 0 < missing[0] < len(evidence.words) - 1


def _closing_adverb(clause: Sequence[WordToken], position: int) -> bool:
    """Whether the word at ``position`` is an adverb in -ly that ends its clause."""
    return (
        position < len(clause) and clause[position].adverb
        and (position + 1 >= len(clause) or not clause[position + 1].spaced)
    )


def _with_causative_verb(
    evidence: TermEvidence,
    clause: Sequence[WordToken],
    first: int,
    present: set[str],
    stems: set[str],
    elsewhere: frozenset[str],
) -> int:
    """Where a span begins once it takes in the verb before it (and its determiner)
    that renders the uncovered character of a word it covers in part, by the verb
    English makes from that character's adjective: "strengthening the country" for
    the 强国 of 人才强国战略, where the span "country" renders 国 and 强 is "strong".
    Nothing else in the unit's Chinese may translate the verb."""
    position = first - 1
    if position > 0 and clause[position].lowered in _DETERMINERS and clause[position].spaced:
        position -= 1
    if position < 0 or not clause[position + 1].spaced or not clause[position].keys.isdisjoint(elsewhere):
        return first
    made_from = adjective_keys(clause[position].lowered)
    if not made_from:
        return first
    for senses, characters in zip(evidence.words, evidence.characters, strict=True):
        if not 0 < senses.coverage(present, stems) < 1:
            continue
        for character in characters:
            if not one_word_senses(character.senses).isdisjoint(made_from) and not character.coverage(present, stems):
                return position
    return first


def one_word_senses(senses: Senses) -> set[str]:
    """The keys of a word's senses of one English word ("power" of 力量, not "great
    power" of 强国)."""
    return {key for keys in senses if len(keys) == 1 for key in keys}


def covers(senses: _SenseIndex, characters: Sequence[_SenseIndex], present: set[str], stems: set[str]) -> bool:
    """Whether a span translates a word of the term, by its senses or its characters'."""
    return senses.coverage(present, stems) > 0 or any(c.coverage(present, stems) > 0 for c in characters)


def spelled_out(characters: Sequence[frozenset[str]], english: str, one_word_items: bool = False) -> Found | None:
    """The list that spells out an abbreviation compound, one item per character in
    order ("industry, academia, and research", "industry-academia-research"), if some
    item translates its character (all of them for a pair, as "X and Y" is common).
    The first and last items may have two words ("research institutes") unless
    ``one_word_items``: without a translation unit to bound it, a two-word edge item
    takes in the list's neighbours ("integrates production")."""
    n = len(characters)
    edge = _ITEM if one_word_items else _ITEM2
    inner = "".join(rf",\s+({_ITEM})" for _ in range(n - 2))
    separated = rf"\b({edge}){inner}{',' if n > 2 else ''}\s+(?:and|or|&)\s+({edge})\b"
    hyphenated = r"\b([A-Za-z]+)" + r"-([A-Za-z]+)" * (n - 1) + r"\b(?!-)"
    for pattern in (separated, hyphenated):
        for match in re.finditer(pattern, english):
            items = [item.split() for item in match.groups()]
            if len(items[0]) > 1 and items[0][0].lower() in _EDGE_STOPWORDS:
                items[0] = items[0][1:]
            if len(items[-1]) > 1 and items[-1][-1].lower() in _EDGE_STOPWORDS:
                items[-1] = items[-1][:-1]
            if any(word.lower() in _EDGE_STOPWORDS for item in items for word in item):
                continue
            matched = sum(
                1 for item, keys in zip(items, characters, strict=True)
                if any(_stem_match(k, keys) for k in english_keys(" ".join(item)))
            )
            if matched == n or (n > 2 and matched):
                start = match.start() + match.group(0).index(items[0][0])
                end = english.index(items[-1][-1], match.start(n)) + len(items[-1][-1])
                return Found(english[start:end], (1 + matched / n) / 2)
    return None


def _stem_match(key: str, keys: frozenset[str]) -> bool:
    return key in keys or any(key_stem(k) == key_stem(key) for k in keys)


def _normal(text: str) -> str:
    return text.lower().replace("’", "'")


def count_occurrences(phrase: str, text: str) -> int:
    """How often ``phrase`` occurs in ``text`` as whole words, ignoring case and the
    kind of apostrophe."""
    needle, haystack = _normal(phrase), _normal(text)
    count, start = 0, haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
            count += 1
        start = haystack.find(needle, start + 1)
    return count


class KnownRenderings:
    """Renderings already known, to be found in English that has no Chinese beside it.

    A known rendering is recognised by its sequence of content words, so that a text
    spelling it another way (S&T workers / scientific and technological workers,
    "in science and in technology") attests it too; the text's own wording is what is
    recorded, since that is how this document renders the term. Where renderings of
    one term overlap in a text, only the longest is attested: "national strategic
    scientific and technological forces" is one occurrence of its term, not also one
    of its known shorter rendering "strategic scientific and technological forces".
    A rendering of one word is recognised by the word itself, singular or plural:
    alone, a key says too little ("research" shares its key with "researchers", the
    rendering of 科研人员).
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        # renderings with one sequence ("power", "powers") are matched once, as a group
        grouped: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
        for term, rendering in sorted(set(pairs)):
            sequence = tuple(key for clause in word_clauses(rendering) for token in clause for key in token.ordered)
            if sequence:
                grouped[(term, sequence)].append(rendering)
        self._by_first: dict[str, list[_Known]] = defaultdict(list)
        for (term, sequence), renderings in grouped.items():
            # a one-word rendering is matched by the word, in either number; a longer one
            # may not end on the person where it ends on the activity, or the reverse:
            # "scientific researchers" is not "scientific research", though the keys agree
            words = frozenset(singular(_normal(r)) for r in renderings) if len(sequence) == 1 else frozenset()
            heads = frozenset(head for r in renderings if (head := _last_word(r)))
            self._by_first[sequence[0]].append(_Known(term, tuple(renderings), sequence, words, heads))

    def attest(self, text: str) -> Counter[tuple[str, str]]:
        """(term, rendering as written here) → how often it occurs in ``text``."""
        return Counter((match.term, match.written) for match in self.matches(text))

    def matches(self, text: str) -> Iterator[Attested]:
        """Each occurrence in ``text`` of a known rendering, the longest of a term's
        renderings where several overlap. An occurrence inside a longer one of another
        term is left out unless that term contains this one: in "self-reliance and
        strength in science and technology" (科技自立自强) the words "strength in
        science and technology" are not also 科技强国, as the Chinese, had there been
        any, would have shown; "science and technology" inside "science and technology
        power" is 科技 inside 科技强国, and stays."""
        for clause in word_clauses(text):
            kept = longest_per_term(self._clause_matches(text, clause))
            yield from sorted((m for m in kept if not inside_other_term(m, kept)), key=lambda m: m.first)

    def _clause_matches(self, text: str, clause: list[WordToken]) -> Iterator[Attested]:
        """Every occurrence of a known rendering in one clause, overlapping ones too."""
        flat = [(key, index) for index, token in enumerate(clause) for key in token.ordered]
        keys = [key for key, _ in flat]
        for position, (key, first_token) in enumerate(flat):
            for known in self._by_first.get(key, ()):
                end = position + len(known.sequence)
                if tuple(keys[position:end]) != known.sequence:
                    continue
                if position and flat[position - 1][1] == first_token:
                    continue  # starts inside a word (the "technology" of S&T)
                last_token = flat[end - 1][1]
                if end < len(flat) and flat[end][1] == last_token:
                    continue  # ends inside a word
                if known.words and singular(clause[first_token].lowered) not in known.words:
                    continue
                if len(known.sequence) > 1 and _agent_or_activity(singular(clause[last_token].lowered), known.heads):
                    continue
                if _cut_noun_phrase(clause, first_token, last_token):
                    continue  # "development of a strategic | talent force" is no "development strategy"
                yield Attested(known.term, written(text, clause, first_token, last_token, known.renderings),
                               tuple(clause), first_token, last_token, text)


@dataclass(frozen=True)
class _Known:
    """Known renderings of a term that share one sequence of keys; for a one-word
    sequence, the words themselves (singular) that may stand for it."""

    term: str
    renderings: tuple[str, ...]
    sequence: tuple[str, ...]
    words: frozenset[str]
    heads: frozenset[str]  # the renderings' last words, singular


def _last_word(rendering: str) -> str | None:
    tokens = [token for clause in word_clauses(rendering) for token in clause]
    return singular(tokens[-1].lowered) if tokens else None


def _agent_or_activity(word: str, heads: frozenset[str]) -> bool:
    """Whether ``word`` names the person doing what a head names, or the reverse
    ("researcher" / "research", "manager" / "manage"): a key, cut short, does not
    tell the two apart."""
    return any(
        word != head and (longer.removesuffix("er") == shorter or longer.removesuffix("or") == shorter
                          or longer.removesuffix("r") == shorter)
        for head in heads
        for longer, shorter in ((word, head), (head, word))
    )


def singular(word: str) -> str:
    """A lower-cased word without its possessive or plural ending (countries → country)."""
    word = word.replace("’", "'").removesuffix("'s")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def longest_per_term(matches: Iterable[Attested]) -> list[Attested]:
    """Of each term's matches that overlap, the longest (in words; the first of equals):
    one occurrence of the term, in its fullest rendering."""
    taken: dict[str, list[Attested]] = defaultdict(list)
    for match in sorted(matches, key=lambda m: (m.first - m.last, m.start)):
        if not any(match.start < other.end and other.start < match.end for other in taken[match.term]):
            taken[match.term].append(match)
    return [match for matches in taken.values() for match in matches]


def inside_other_term(match: Attested, others: Iterable[Attested]) -> bool:
    """Whether ``match`` lies inside a longer match of a term that does not contain
    its term."""
    return any(
        other.start <= match.start and match.end <= other.end
        and (other.start, other.end) != (match.start, match.end)
        and match.term not in other.term
        for other in others
    )


@dataclass(frozen=True)
class Attested:
    """A rendering found in a text: as written there, and the tokens it spans."""

    term: str
    written: str
    clause: tuple[WordToken, ...]
    first: int
    last: int
    text: str  # the text the clause is of

    @property
    def start(self) -> int:
        """Where the match begins in ``text``."""
        return self.clause[self.first].start

    @property
    def end(self) -> int:
        """Where the match ends in ``text``."""
        return self.clause[self.last].end


def written(text: str, clause: Sequence[WordToken], first: int, last: int, renderings: Sequence[str]) -> str:
    """Tokens ``first``..``last`` of a clause as the text writes them, or the one of
    ``renderings`` that differs from that only in its apostrophes or case; where the
    text goes on as a rendering does after its last content word ("reform and
    opening up"), with those words too."""
    start = clause[first].start
    surface = text[start : clause[last].end]
    if surface in renderings:
        return surface
    for rendering in renderings:
        if _normal(rendering) == _normal(surface):
            return rendering
        longer = text[start : start + len(rendering)]
        if len(rendering) > len(surface) and _normal(longer) == _normal(rendering):
            return longer
    return surface

