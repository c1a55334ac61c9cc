"""The English phrase that renders a Chinese term in one unit, read off the word links.

Statistical machine translation extracts a phrase pair where the links of the words
on each side stay inside the pair (Och & Ney 2004; Koehn, Och & Marcu 2003). Links
are noisy on a small memory, so consistency is weighed rather than required: among
the spans of the English sentence, the one is chosen that best balances three
shares, as an F-measure does:

- how much of the span the term explains (its words' links to the term, less their
  links to other words of the Chinese; an unlinked word counts a little, since
  translators add words no link explains);
- how many of the term's words the span covers;
- how much of the term's English, wherever it stands in the sentence, the span holds.

A span begins and ends on a content word and stays inside one clause of the English
(never across ``. ; : ! ? ( ) [ ] “ ” "`` or a dash). What the Chinese marks
(``glossary.term_marks``) shapes the English: a label or list that names a numerical
abbreviation's items is never cut, nor is the item of an English list at a list
item's place; a title is a run of capitalised words. A term with no word that may be
a verb names something, and so does one the second reader reads as one proper noun
or place (营改增, 混合所有制: ``extraction.second_reading``); its English is a noun
phrase: no verb in its base or present form renders it, begins or ends the span (a
capitalised word after another word is part of a name, "Stock Connect", not a verb),
and the span runs across no auxiliary but in a relative clause or as an infinitive
(``glossary.parts_of_speech``).
Where no span explains the term well enough, the translation has paraphrased it away,
and no rendering is given.

Among the spans that do, a whole phrase is preferred to one cut inside a phrase:
``PhraseEdges`` learns from all the English of the termbase how often the span's
words, wherever they stand together, begin a phrase (follow punctuation or a function
word) and end one (precede them), as branching statistics judge unithood. "two
centenary" is always followed by "goals", so "the two centenary goals" beats "the two
centenary"; "major" almost always goes on to a noun, so where "accomplish major" is
seen only once, its last word's habit decides, and "accomplish major tasks" wins.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from glossary.enumerations import enumerations, labels
from glossary.lexicon import english_key
from glossary.numbers import english_ordinal
from glossary.parts_of_speech import (
    COORDINATORS,
    RELATIVE_PRONOUNS,
    auxiliary,
    heads_verb_phrase,
    helping_verb,
    nominal,
    opens_clause,
    opens_verb_phrase,
    predicates,
)
from glossary.term_marks import UNMARKED, Marks, title_runs
from glossary.word_alignment import DICTIONARY, AlignedPair, Token, english_tokens
from glossary.word_classes import CHINESE_FUNCTION_WORDS, CLAUSE_BREAKS, ENGLISH_FUNCTION_WORDS

MAX_WORDS = 12  # longer spans are descriptions, not renderings
UNLINKED = 0.2  # what a content word that no link explains adds to the span's share
CONFLICT = 0.5  # how much a word's link to other Chinese words takes off its link to the term
MIN_SCORE = 0.3  # below this, the unit has paraphrased the term away
EDGE_WEIGHT = 0.1  # how far a span's score bends to how well its edges end a phrase
SPAN_PRIOR = 5.0  # sightings a word's habit at a phrase edge is worth against a run's own
_EDGE_WORDS = ENGLISH_FUNCTION_WORDS | {"’s", "'s"}


def _content(word: str) -> bool:
    """Whether a span may begin or end on ``word``: a word, not a function word."""
    return word[:1].isalnum() and word.lower() not in _EDGE_WORDS


def term_tokens(pair: AlignedPair, start: int, end: int) -> set[int]:
    """The Chinese words of a unit that the term standing at [start, end) overlaps,
    function words left out."""
    return {
        i
        for i, token in enumerate(pair.chinese)
        if token.start < end and token.end > start and token.text not in CHINESE_FUNCTION_WORDS
    }


def _link_strengths(
    pair: AlignedPair, inside: set[int]
) -> tuple[list[float], list[float], list[dict[int, float]]]:
    """For each English word, its strongest link to the term and to the rest, and
    the term's words it is linked to."""
    to_term = [0.0] * len(pair.english)
    to_rest = [0.0] * len(pair.english)
    term_links: list[dict[int, float]] = [{} for _ in pair.english]
    for (i, j), weight in pair.links.items():
        if i in inside:
            to_term[j] = max(to_term[j], weight)
            term_links[j][i] = weight
        else:
            to_rest[j] = max(to_rest[j], weight)
    return to_term, to_rest, term_links


def _whole_term_words(sentence_keys: Sequence[str | None], term_keys: frozenset[str]) -> list[int]:
    """The English words that render the term as a whole: those with ``term_keys``,
    in the shortest stretch of the sentence holding as many different keys as any
    (a rendering is one phrase: "initiative" in "the Belt and Road Initiative", not
    in another initiative the sentence goes on to name). ``sentence_keys``: the key
    of each content word of the sentence, None for the others."""
    if not term_keys:
        return []
    found = [(j, key) for j, key in enumerate(sentence_keys) if key in term_keys]
    if not found:
        return []
    most = len({key for _j, key in found})
    windows = []  # (width in words, first, last) of each stretch holding ``most`` keys
    for first in range(len(found)):
        keys: set[str] = set()
        for last in range(first, len(found)):
            keys.add(found[last][1])
            if len(keys) == most:
                windows.append((found[last][0] - found[first][0], first, last))
                break
    _width, first, last = min(windows)  # the narrowest, the earliest of equals
    return [j for j, _key in found[first : last + 1]]


def _counted_phrases(
    english: Sequence[Token],
    counts: frozenset[int],
    to_term: Sequence[float],
    to_rest: Sequence[float],
) -> list[list[int]]:
    """The English that names the items a term counts, where the term's links reach
    it: labels that keep the count ("five priority tasks") and that the term claims
    (links to it more strongly than to other Chinese words: "Five-Year Plan" is
    五年规划's, not 五中全会's, though the numbers link), or else lists of as many
    items (a list beside a label explains it)."""
    if not counts or any(
        to_term[j] and english_ordinal(token.text) in counts for j, token in enumerate(english)
    ):
        return []  # the numeral orders here (五中全会: "the fifth plenary session")
    named = [
        label for label in labels(english, counts) if any(to_term[j] > to_rest[j] for j in label)
    ]
    return named or [
        [j for item in items for j in item]
        for items in enumerations(english, counts)
        if any(to_term[j] for j in range(items[0][0], items[-1][-1] + 1))
    ]


def _claimed_title(
    english: Sequence[Token], to_term: Sequence[float], to_rest: Sequence[float]
) -> list[int] | None:
    """The run of title words (``term_marks.title_runs``) the term claims most: the sum
    over its words of how much more they are linked to the term than to the rest."""
    claims = [
        (sum(max(0.0, to_term[j] - to_rest[j]) for j in run), run) for run in title_runs(english)
    ]
    claim, run = max(claims, default=(0.0, None))
    return run if claim > 0 else None


def _listed_item(
    english: Sequence[Token],
    item: tuple[int, int],
    to_term: Sequence[float],
    to_rest: Sequence[float],
) -> tuple[list[int], set[int]] | None:
    """The words of the item at ``item``'s index of the first English list of as many
    items in which the term claims a word of that item, with the commas between that
    list's items; None if there is none."""
    count, index = item
    for listed in enumerations(english, frozenset({count})):
        if any(to_term[j] > to_rest[j] for j in listed[index]):
            commas = {
                j
                for before, after in itertools.pairwise(listed)
                for j in range(before[-1] + 1, after[0])
                if english[j].text == ","
            }
            return listed[index], commas
    return None


def scored_spans(
    pair: AlignedPair,
    start: int,
    end: int,
    term_keys: frozenset[str] = frozenset(),
    marks: Marks = UNMARKED,
    named: bool = False,
) -> list[tuple[int, int, float]]:
    """(first, last) English token indices and score of every span that may render the
    term at [start, end) of the unit's Chinese, scoring at least MIN_SCORE.
    ``term_keys``: English keys the dictionary or an editor gives the term as a whole
    (``Lexicon.senses``); an English word with one of them is linked to every word of
    the term, as a dictionary link is to one word. ``marks``: what the Chinese around
    the occurrence says of its English (``glossary.term_marks``). Where the term counts
    items, an English label or list naming them that its links reach renders it whole,
    every item linked; between book-title marks, the run of capitalised words it claims
    most is the rendering; as an item of a list set off by 、, the item at its place
    in an English list of as many items, where it claims a word of that item, renders
    it, and no span reaches across that list's commas into the other items. A term
    with fewer than two predicates (``parts_of_speech.predicates``) is rendered inside
    one verb phrase of a series: no span runs across a comma into the next ("…
    products, develop farm-based recreation"). No span begins on a word that may be an
    auxiliary or a modal: "will", "must" mark the sentence's predicate, not the term;
    and none runs across a pronoun that can only be a subject ("we"), which opens a
    clause, or into a clause of purpose, cause or concession ("so that", "because").
    ``named``: the term names something whatever its words may be (the second reader
    reads it as one proper noun), so it is rendered by a noun phrase as a term with no
    word that may be a verb is: "mixed ownership systems", not "establish mixed
    ownership systems" for 混合所有制, whose 混合 may be "to mix"."""
    inside = term_tokens(pair, start, end)
    if not inside:
        return []
    english = pair.english
    reading = _read_sentence(tuple(token.text for token in english))
    to_term, to_rest, term_links = _link_strengths(pair, inside)
    whole = _whole_term_words(reading.keys, term_keys)
    # A label or list that names the counted items is one phrase, however long: no
    # span cuts into it, and each of its words renders the term.
    reach = [j + MAX_WORDS for j in range(len(english))]  # past the last word a span may end on
    may_begin = list(reading.may_begin)
    may_end = [True] * len(english)
    term_words = [t.text for t in pair.chinese if t.start < end and t.end > start]
    if named or nominal(term_words):
        _keep_to_a_noun_phrase(reading, to_term, term_links, may_begin, may_end, reach)
    phrases = _counted_phrases(english, marks.counted, to_term, to_rest)
    title = _claimed_title(english, to_term, to_rest) if marks.titled and not phrases else None
    list_commas: set[int] = set()
    if title:
        phrases = [title]
    elif marks.item and not phrases:
        listed = _listed_item(english, marks.item, to_term, to_rest)
        if listed:
            phrases, list_commas = [listed[0]], listed[1]
    for items in phrases:
        first, last = items[0], items[-1]
        whole += items
        for j in range(first, last + 1):
            reach[j] = max(reach[j], last + 1)
            may_begin[j], may_end[j] = j == first, j == last
        for j in items:
            to_rest[j] = 0.0  # the count says what the item renders
    if title:  # the title and no more
        may_begin = [j == title[0] for j in range(len(english))]
        may_end = [j == title[-1] for j in range(len(english))]
    # A comma before a verb opens the next verb phrase of a series, which renders
    # another predicate than a term with one or none can hold.
    series = frozenset() if phrases else reading.series_commas
    if series and predicates(term_words) >= 2:
        series = frozenset()
    breaks = series | reading.breaks
    for j in whole:
        to_term[j] = DICTIONARY
        term_links[j] = dict.fromkeys(inside, DICTIONARY)
    own = [max(0.0, a - CONFLICT * b) for a, b in zip(to_term, to_rest, strict=True)]
    total = sum(own)
    if not total:
        return []
    content = reading.content
    explained = [
        own[j] if to_term[j] else (0.0 if to_rest[j] else UNLINKED) for j in range(len(english))
    ]
    # Words beyond the term's links explain nothing of it: a span reaching past them
    # gains only words that lower its share, so no span begins or ends further out.
    linked = [j for j, weight in enumerate(to_term) if weight]
    found: list[tuple[int, int, float]] = []
    for first in range(linked[0], linked[-1] + 1):
        if not content[first] or not may_begin[first] or first in list_commas:
            continue
        share, words, held, coverage = 0.0, 0, 0.0, 0.0
        covered: dict[int, float] = {}
        for last in range(first, min(linked[-1] + 1, reach[first])):
            if last in breaks or last in list_commas:
                break
            held += own[last]
            for i, weight in term_links[last].items():
                before = covered.get(i, 0.0)
                if weight > before:
                    covered[i] = weight
                    coverage += weight - before
            if content[last]:
                share += explained[last]
                words += 1
            if not content[last] or not share or not held or not may_end[last]:
                continue
            shares = (share / words, coverage / len(inside), held / total)
            if min(shares) <= 0:
                continue
            score = len(shares) / sum(1 / s for s in shares)
            if score >= MIN_SCORE:
                found.append((first, last, score))
    return found


def _keep_to_a_noun_phrase(
    reading: SentenceReading,
    to_term: list[float],
    term_links: list[dict[int, float]],
    may_begin: list[bool],
    may_end: list[bool],
    reach: list[int],
) -> None:
    """Bound the spans of a term that names something to a noun phrase: no verb in its
    base or present form renders the term, begins or ends the span, and no span runs
    across an auxiliary but inside a relative clause (``glossary.parts_of_speech``);
    after "to" an auxiliary is an infinitive, which a noun phrase may hold ("policy of
    allowing couples to have two children"). Changes the lists in place."""
    for j in reading.verbs:
        may_begin[j] = may_end[j] = False
        to_term[j], term_links[j] = 0.0, {}
    for j, stop in enumerate(reading.stops):
        reach[j] = min(reach[j], stop)


class SentenceReading(NamedTuple):
    """What the spans of every term in a unit need to know of its English sentence,
    read once per sentence (``_read_sentence``)."""

    verbs: tuple[int, ...]  # verbs in base or present form, not in a name
    stops: tuple[int, ...]  # for each word, where a noun phrase starting there must stop
    may_begin: tuple[bool, ...]  # not on an auxiliary or a modal
    series_commas: frozenset[int]  # commas that open the next verb phrase of a series
    breaks: frozenset[int]  # no span runs across: clause-ending punctuation, clause openings
    content: tuple[bool, ...]  # a span may begin and end there: not a function word
    keys: tuple[str | None, ...]  # each content word's key (``lexicon.english_key``)


@lru_cache(maxsize=4096)
def _read_sentence(words: tuple[str, ...]) -> SentenceReading:
    """The reading of an English sentence's words. A verb in its base or present form
    written with a capital after another word is a word of a name ("Shenzhen-Hong Kong
    Stock Connect", "the Theory of Three Represents"), not a verb. A noun phrase stops
    before the first auxiliary after its start that no relative pronoun comes before
    and that is no infinitive after "to" (len(words): nowhere). A comma opens the next
    verb phrase of a series before a verb, "and" or "or" between. A clause begins at a pronoun that
    can only be a subject ("we") and at a clause of purpose, result, cause or
    concession ("so that", "so as to", "in order to", "because" …)."""
    lowered = [word.lower() for word in words]
    content = [_content(word) for word in words]
    stops = [len(words)] * (len(words) + 1)
    for k in range(len(words) - 1, -1, -1):
        infinitive = k > 0 and lowered[k - 1] == "to"
        if lowered[k] in RELATIVE_PRONOUNS:
            stops[k] = len(words)
        elif auxiliary(words[k]) and not infinitive:
            stops[k] = k
        else:
            stops[k] = stops[k + 1]
    series, clauses = set(), set()
    for k, word in enumerate(lowered):
        if word == ",":
            verb = k + 1 + (k + 1 < len(lowered) and lowered[k + 1] in COORDINATORS)
            if opens_verb_phrase(words[verb : verb + 2]):
                series.add(k)
        if opens_clause(lowered, k):
            clauses.add(k)
    return SentenceReading(
        verbs=tuple(
            j
            for j, word in enumerate(words)
            if heads_verb_phrase(word)
            and not (j and word[:1].isupper() and words[j - 1][:1].isalpha())
        ),
        stops=tuple(stops[1:]),
        may_begin=tuple(not helping_verb(word) for word in words),
        series_commas=frozenset(series),
        breaks=frozenset(clauses | {k for k, word in enumerate(words) if word in CLAUSE_BREAKS}),
        content=tuple(content),
        keys=tuple(
            english_key(word) if kept else None for word, kept in zip(lowered, content, strict=True)
        ),
    )


class PhraseEdges:
    """How often a run of English words begins and ends a phrase in a body of English:
    stands after, or before, punctuation or a function word.

    A run seen often enough speaks for itself; a rarer one leans on its first word's
    habit of beginning phrases and its last word's of ending them, as a prior worth
    SPAN_PRIOR sightings (a Dirichlet prior backing off from runs to words)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.seen: Counter[str] = Counter()
        self.begins: Counter[str] = Counter()
        self.ends: Counter[str] = Counter()
        self._sentences: list[list[str]] = []
        self._places: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        self._runs: dict[tuple[str, ...], float] = {}
        for text in texts:
            words = [token.text.lower() for token in english_tokens(text)]
            breaks = [_breaks_phrase(word) for word in words]
            number = len(self._sentences)
            self._sentences.append(words)
            for k, word in enumerate(words):
                self._places[word].append((number, k))
                self.seen[word] += 1
                self.begins[word] += k == 0 or breaks[k - 1]
                self.ends[word] += k + 1 == len(words) or breaks[k + 1]

    def _word_chances(self, first: str, last: str) -> tuple[float, float]:
        """The chances (smoothed) that ``first`` begins a phrase and ``last`` ends one."""
        return (
            (self.begins[first] + 1) / (self.seen[first] + 2),
            (self.ends[last] + 1) / (self.seen[last] + 2),
        )

    def weight(self, words: Sequence[str]) -> float:
        """How well the run ``words`` stands as a whole phrase: its chances of beginning
        and of ending one, bent by EDGE_WEIGHT."""
        run = tuple(word.lower() for word in words)
        cached = self._runs.get(run)
        if cached is not None:
            return cached
        seen = begins = ends = 0
        # look the run up where its rarest word stands
        rarest = min(range(len(run)), key=lambda k: len(self._places.get(run[k], ())))
        for number, k in self._places.get(run[rarest], ()):
            sentence, first = self._sentences[number], k - rarest
            after = first + len(run)
            if first < 0 or tuple(sentence[first:after]) != run:
                continue
            seen += 1
            begins += first == 0 or _breaks_phrase(sentence[first - 1])
            ends += after == len(sentence) or _breaks_phrase(sentence[after])
        prior_begins, prior_ends = self._word_chances(run[0], run[-1])
        chances = (
            (begins + SPAN_PRIOR * prior_begins) / (seen + SPAN_PRIOR),
            (ends + SPAN_PRIOR * prior_ends) / (seen + SPAN_PRIOR),
        )
        weight = self._runs[run] = (chances[0] * chances[1]) ** EDGE_WEIGHT
        return weight


def _breaks_phrase(word: str) -> bool:
    """Punctuation and function words stand between phrases."""
    return not word[:1].isalnum() or word in ENGLISH_FUNCTION_WORDS


def best_span(
    pair: AlignedPair,
    start: int,
    end: int,
    edges: PhraseEdges | None = None,
    term_keys: frozenset[str] = frozenset(),
    marks: Marks = UNMARKED,
    named: bool = False,
) -> tuple[int, int, float] | None:
    """The best of ``scored_spans``, its score bent by ``edges`` where given (the
    shortest where scores tie), or None."""
    spans = scored_spans(pair, start, end, term_keys, marks, named)
    if edges is None:
        return max(spans, key=_preference, default=None)
    english = pair.english
    best: tuple[int, int, float] | None = None
    # an edge weight is at most 1: once a span scores less than the best bent score,
    # neither it nor any after it can win
    for a, b, score in sorted(spans, key=lambda span: -span[2]):
        if best is not None and score < best[2]:
            break
        bent = (a, b, score * edges.weight([token.text for token in english[a : b + 1]]))
        if best is None or _preference(bent) > _preference(best):
            best = bent
    return best


def _preference(span: tuple[int, int, float]) -> tuple[float, int]:
    """Higher score first, then the shorter span."""
    first, last, score = span
    return score, first - last


def rendering_text(english_text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    """The span as written in the unit's English."""
    return english_text[tokens[first].start : tokens[last].end]
