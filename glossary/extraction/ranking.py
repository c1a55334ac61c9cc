"""Termhood: how much a candidate looks like a term an editor would want to keep.

Three kinds of evidence are combined into one score:

* frequency, discounted for nesting as in C-value (Frantzi et al. 2000): a string that
  only ever occurs inside longer candidates (战略科技 in 国家战略科技力量) earns little
  on its own, one that recurs in several different longer terms (制高点, 科技强国) or on
  its own earns much, and so does one whose container is merely it beside another
  candidate used on its own (经济发展|新常态); a string always glued to one lone
  character that begins a dictionary word with it is a piece of a word the segmenter
  cut (自|贸试验区) and earns little;
* domain specificity: the text uses the candidate's words far more often than general
  language does (jieba's dictionary, see reference.py), so 科技, 创新, 人才 lift a
  phrase while 工作, 问题, 方面 do not; the words the text uses most (发展, 推进 in
  a work report) mark its genre, so keyness stops growing at theirs; a dictionary
  entry made of two dictionary words (快速|增长) is no more specific than its halves;
* the shape it was found in: a quoted expression, a numbered formula, a paired slogan,
  an organisation, a proper noun by a second tagger's reading (营改增), an idiom or a
  phrase standing alone between boundaries is a unit
  by the author's own marking; a string recurring with varied neighbours on both
  sides (accessor variety of three or more) is a unit by the text's own usage.
  Marks by the author weigh most: a text quotes few expressions, and nearly all of
  them are names, whereas many frequent phrases are mere descriptions (经济发展).

Everything is computed from the input texts alone: no list of known terms.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from glossary.extraction.candidates import MIN_VARIETY, Proposal, Token, propose, tokens
from glossary.extraction.counting import count_all
from glossary.extraction.reference import (
    dictionary_senses,
    general_word,
    keyness,
    known_string,
    reference_count,
)
from glossary.extraction.second_reading import ReadWord, nominal_uses, second_reading
from glossary.textutils import is_cjk

# Extra termhood for candidates the author marked off as units, in score units.
KIND_BONUS = {
    "quoted": 3.0,
    "formula": 3.0,
    "parallel": 3.0,
    "institution": 2.0,
    "name": 2.0,
    "idiom": 1.5,
    "abbreviation": 1.0,
    "coordination": 0.5,
    "slogan": 1.0,
}
# Units by the author's or the dictionary's mark, or by a slogan's fixed shape.
MARKED = frozenset(
    {"quoted", "formula", "idiom", "slogan", "parallel", "institution", "name", "repeated"}
)
UNIT_BONUS = 1.0  # base termhood of any candidate, scaled by its unithood
UNCUT_SHARE = 0.1  # termhood kept by a candidate whose edges never bound a phrase
DOMAIN_SCALE = 5.0  # mean log keyness at which C-value counts at face value
MAX_LENGTH_WORDS = 3  # C-value's reward for length stops here: longer is description
NESTED_FLOOR = 0.3  # share of its frequency a string nested in longer candidates keeps
CLAUSE_FACTOR = 0.4  # for a subject-verb-object or verb-object run (科技管理体制实现重塑)
CONTEXT_FACTOR = 0.2  # for a better candidate plus a word of its context (建设|科技强国)
FRAGMENT_FACTOR = 0.2  # for a string cut out of a longer word (贸试验区 of 自贸试验区)
NOMINAL_SHARE = 0.5  # verbs read as nouns in half their uses are nouns (科技创新)
ADVERBIAL_SHARE = 0.6  # words before a verb this often modify it (全面推进, 深入发展)
KEYNESS_QUANTILE = 0.95  # no word counts as more specific to the text than this share of its words

# Kinds that say where a candidate was seen, not that its author marked it off.
_UNMARKED = frozenset({"phrase", "item", "repeated"})

# jieba tags of what follows a verb in use: aspect particles (了 ul, 着 uz, 过 ug),
# numerals and measure words (取得一批).
_VERBAL_FOLLOWERS = ("ul", "uz", "ug", "m", "q")

# Conjunctions and particles (和, 的): words of their own that join or mark phrases.
_JOINING_TAGS = ("c", "u", "y", "e")


@dataclass(frozen=True)
class Candidate:
    text: str  # simplified Chinese term
    frequency: int  # occurrences in the input (non-overlapping substring count)
    score: float  # termhood, higher is better
    kinds: frozenset[str]  # e.g. {"phrase"}, {"formula"}, {"quoted"}, {"parallel"}


def extract_candidates(texts: Sequence[str], limit: int | None = None) -> list[Candidate]:
    """Ranked best first; texts are Chinese sentences or paragraphs."""
    # Evidence comes from distinct texts: a speech ingested twice (the original and a
    # bilingual edition) says nothing twice, and must rank the same as once.
    distinct = list(dict.fromkeys(texts))
    tokenised = [tokens(text) for text in distinct]
    readings = [second_reading(text) for text in distinct]
    proposals = propose(distinct, tokenised, readings)
    joined, distinct_joined = "\n".join(texts), "\n".join(distinct)
    evidence = count_all(proposals, distinct_joined)
    proposals = {
        text: p
        for text, p in proposals.items()
        if evidence[text] and not _mere_vocabulary(text, p, evidence[text])
    }
    usage = _Usage(tokenised, readings)
    statement = {
        text: _statement_factor(proposal, evidence, proposals, usage)
        * (FRAGMENT_FACTOR if _fragment(text, proposal, evidence[text], distinct_joined) else 1.0)
        for text, proposal in proposals.items()
    }
    independent = _independent_frequency(evidence, proposals, usage, statement)
    frequency = evidence if joined == distinct_joined else count_all(proposals, joined)
    ranked = [
        Candidate(
            text=text,
            frequency=frequency[text],
            score=_score(proposal, independent[text], usage) * statement[text],
            kinds=frozenset(proposal.kinds),
        )
        for text, proposal in proposals.items()
    ]
    ranked.sort(key=lambda c: (-c.score, -c.frequency, c.text))
    return ranked[:limit] if limit is not None else ranked


def _log_keyness(count: int, total: int, word: str) -> float:
    """Keyness on a log scale, its sign kept."""
    g2 = keyness(count, total, word)
    return math.copysign(math.log1p(abs(g2)), g2)


def _dictionary_halves(word: str) -> tuple[str, str] | None:
    """The first split of ``word`` into two dictionary words of two characters or more
    (快速|增长), if any."""
    for k in range(2, len(word) - 1):
        if reference_count(word[:k]) and reference_count(word[k:]):
            return word[:k], word[k:]
    return None


class _Usage:
    """How the texts use each word: keyness against general language; for verbs, how
    often the second reader reads them as nouns (创新 in 科技创新) rather than as
    governing an object (推动 in 推动科技创新); which words mostly stand before a verb, as
    its adverb (全面推进); which idioms some verb takes as its object (推进…自立自强);
    and how often each word starts or ends a noun phrase.  ``counts`` counts distinct
    uses, which is what those shares need."""

    def __init__(
        self, tokenised: Sequence[list[Token]], readings: Sequence[Sequence[ReadWord]]
    ) -> None:
        counts: Counter[str] = Counter()
        # Each distinct use (word with its neighbours) counts once, so that a text
        # ingested twice (a speech and a bilingual edition of it) is no extra evidence.
        uses: set[tuple[Token | None, Token, Token | None]] = set()
        for sentence in tokenised:
            befores, afters = [None, *sentence[:-1]], [*sentence[1:], None]
            for before, token, after in zip(befores, sentence, afters, strict=True):
                if not token.is_boundary:
                    counts[token.word] += 1
                    uses.add((before, token, after))
        self.counts: Counter[str] = Counter(token.word for _b, token, _a in uses)
        read, as_noun = Counter[str](), Counter[str]()
        for sentence, reading in zip(tokenised, readings, strict=True):
            for word, nominal in nominal_uses(reading, [token.word for token in sentence]):
                read[word] += 1
                as_noun[word] += nominal
        self.nominal = {word: as_noun[word] / n for word, n in read.items()}
        # how many uses each share is taken over: those the second reader read, each in
        # its own sentence
        self.weighed: dict[str, int] = dict(read)
        # The second reader reads a set phrase as one verb however it is used (推进…
        # 自立自强 v), so what tells a set phrase used as a noun is how often it closes
        # its phrase (…自立自强，), over its distinct uses.
        closing = Counter(token.word for _b, token, after in uses if _closes(after))
        for word in {token.word for _b, token, _a in uses if token.is_set_phrase}:
            self.nominal[word] = closing[word] / self.counts[word]
            self.weighed[word] = self.counts[word]
        starting = Counter(token.word for before, token, _a in uses if self.opens_left(before))
        before_verb = Counter(
            token.word
            for _b, token, after in uses
            if after is not None and not after.is_boundary and after.is_verb
        )
        self.adverbial = {
            word
            for word, n in self.counts.items()
            if n > 1 and before_verb[word] / n >= ADVERBIAL_SHARE
        }
        ending = Counter(token.word for _b, token, after in uses if self.ends_phrase(token, after))
        self.governed = {word for sentence in tokenised for word in self._governed_idioms(sentence)}
        self.starts = {word: starting[word] / n for word, n in self.counts.items()}
        self.ends = {word: ending[word] / n for word, n in self.counts.items()}
        self.occurrences = counts  # every use: how often a word occurs at all
        total = sum(counts.values()) or 1
        weight = {word: _log_keyness(n, total, word) for word, n in counts.items()}
        # A dictionary entry made of two dictionary words (快速|增长, 行动|计划) is as
        # specific as its halves, at most: the dictionary counts how often its corpus
        # kept the string whole, not how often general language says it, so that
        # count alone makes any such phrase look rare.
        for word, n in counts.items():
            halves = _dictionary_halves(word)
            if halves:
                parts = [_log_keyness(counts[half] + n, total, half) for half in halves]
                weight[word] = min(weight[word], sum(parts) / 2)
        # The words the text uses most beyond general language (发展, 推进, 改革 in a
        # work report) mark its genre more than any subject: keyness is saturated at
        # the text's KEYNESS_QUANTILE, so that chains of them do not outrank terms.
        ceiling = _quantile(sorted(weight.values()), KEYNESS_QUANTILE)
        self.weight = {word: min(value, ceiling) for word, value in weight.items()}

    def _governed_idioms(self, sentence: Sequence[Token]) -> Iterator[str]:
        """The idioms of a sentence used as nouns: those that some predicate before
        them, with no boundary between, takes as (part of) its object (推进|高水平科技
        自立自强), and those right before a noun, which they modify as a noun does
        (适度规模经营|农户): Chinese attaches a predicate to a noun only with 的."""
        governing = False
        for token, after in zip(sentence, [*sentence[1:], None], strict=True):
            if token.is_boundary:
                governing = False
                continue
            modifying = after is not None and after.tag.startswith("n") and not after.is_verb
            if token.is_set_phrase and (governing or modifying):
                yield token.word
            governing = governing or self.predicate(token)

    def nominal_verb(self, token: Token) -> bool:
        """A verb the texts use as a noun: read by the second reader more than once, and
        as a noun in at least half of those uses. Uses in distinct sentences count, not
        distinct neighbours: 新旧动能转换 twice before 和 is two uses, one read as a
        noun ("the shift"), one as a verb. A set phrase: seen in more than one distinct
        context, closing its phrase in at least half of them."""
        return (
            self.weighed.get(token.word, 0) > 1
            and self.nominal.get(token.word, 0.0) >= NOMINAL_SHARE
        )

    def predicate(self, token: Token) -> bool:
        return token.is_verb and not self.nominal_verb(token)

    @staticmethod
    def opens_left(token: Token | None) -> bool:
        """Whether a noun phrase may start right after ``token``: after a boundary, any
        verb (增进|人类福祉, 建设|创新型国家) or an adjective describing it (广大|科技工作者)."""
        return (
            token is None or token.is_boundary or token.is_verb or token.tag.startswith(("a", "vn"))
        )

    def opens_right(self, token: Token | None) -> bool:
        """Whether a noun phrase may end right before ``token``: before a boundary, a
        verb or an idiom used as a predicate (青年拔尖人才|脱颖而出)."""
        return token is None or token.is_boundary or self.predicate(token) or token.tag == "i"

    def ends_phrase(self, token: Token, after: Token | None) -> bool:
        """Whether a noun phrase may end on ``token`` followed by ``after`` (see
        ``opens_right``); before a predicate only if the texts do not use ``token``
        mostly before verbs, as the adverb of the verb that follows (全面|推进,
        深入|发展): 中国式现代化全面 is no phrase."""
        if token.word in self.adverbial:
            return after is None or after.is_boundary
        return self.opens_right(after)

    def framed(self, proposal: Proposal) -> bool:
        """A noun followed by a verb the texts otherwise use as a predicate, always found
        between a governing verb and a noun (提高|人才自主培养|水平): the modifier of the
        head of that verb's object.  Chinese attaches a clause to a noun only with 的, so
        the noun is the verb's object put before it, the verb is nominalised (培养
        "training") and the candidate a complete noun phrase; the head noun belongs to
        the verb's object, not to the term."""
        first, last = proposal.words[0], proposal.words[-1]
        return (
            bool(proposal.contexts)
            and first.tag.startswith(("n", "j"))
            and not first.is_verb
            and self.predicate(last)
            and all(
                before is not None
                and not before.is_boundary
                and self.predicate(before)
                and after is not None
                and after.tag.startswith("n")
                and not after.is_boundary
                and not after.is_verb
                for before, after in proposal.contexts
            )
        )

    def unithood(self, proposal: Proposal) -> float:
        """1 for a candidate the author marked off, seen standing alone, as the modifier
        in a verb's object, or between varied neighbours (负面清单 before 制度, 试点 and
        管理制度); otherwise how often its first word starts and its
        last word ends a phrase anywhere in the texts, so that arbitrary cuts through a
        longer phrase (伟业关键时期) weigh little."""
        if (
            proposal.kinds & MARKED
            or self.framed(proposal)
            or _varied(proposal)
            or any(
                self.opens_left(before) and self.ends_phrase(proposal.words[-1], after)
                for before, after in proposal.contexts
            )
        ):
            return 1.0
        first, last = proposal.words[0].word, proposal.words[-1].word
        return self.starts.get(first, 1.0) * self.ends.get(last, 1.0)


def _quantile(ordered: Sequence[float], share: float) -> float:
    """The value below which ``share`` of the ``ordered`` values lie (nearest rank);
    infinity for no values."""
    if not ordered:
        return math.inf
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def _varied(proposal: Proposal) -> bool:
    """Accessor variety over a candidate's occurrences, all boundaries counting as one
    neighbour: at least two different words (or a word and a boundary) on each side.
    A fragment of one longer phrase has a single neighbour on some side, whichever
    punctuation follows it (发展制高点 after 未来 and 产业, always before a boundary)."""
    lefts = {_neighbour_word(before) for before, _after in proposal.contexts}
    rights = {_neighbour_word(after) for _before, after in proposal.contexts}
    return min(len(lefts), len(rights)) >= MIN_VARIETY


def _closes(after: Token | None) -> bool:
    """Whether a word followed by ``after`` closes its phrase. An aspect particle (了,
    着, 过), a numeral or a measure word after a verb marks it as a verb in use
    (取得了, 取得一批), not as a noun ending a phrase, though all are boundaries."""
    return after is None or (after.is_boundary and not after.tag.startswith(_VERBAL_FOLLOWERS))


def _neighbour_word(token: Token | None) -> str | None:
    return None if token is None or token.is_boundary else token.word


def _fragment(text: str, proposal: Proposal, frequency: int, joined: str) -> bool:
    """A string the texts always write with the same character before it (or after it),
    which the segmenter cut off as a word of its own although with the string's edge it
    begins a word of the dictionary: 自|贸试验区 (自贸区), 二|十国集团 (二十).  A term
    seen more than once is used in varied surroundings, so an edge always glued to one
    lone character is a cut through a longer word.  A neighbour that ends a word of its
    own (发展|新常态), a conjunction or particle (和|容错纠错机制) or a character that makes
    no word with the edge is no evidence."""
    if frequency < 2:
        return False
    for side, before in ((0, True), (1, False)):
        lone = {
            neighbour.word
            for c in proposal.contexts
            if (neighbour := c[side]) is not None
            and len(neighbour.word) == 1
            and not neighbour.tag.startswith(_JOINING_TAGS)
        }
        neighbours = _neighbour_chars(text, joined, before=before)
        if len(neighbours) != 1 or (char := neighbours.pop()) not in lone or not is_cjk(char):
            continue
        glued = (char + text[:k] if before else text[-k:] + char for k in range(1, len(text)))
        if any(known_string(string) for string in glued):
            return True
    return False


def _neighbour_chars(text: str, joined: str, *, before: bool) -> set[str]:
    """The characters right before (or after) each occurrence of ``text``."""
    found: set[str] = set()
    start = joined.find(text)
    while start != -1:
        at = start - 1 if before else start + len(text)
        found.add(joined[at] if 0 <= at < len(joined) else "")
        if len(found) > 1:
            break
        start = joined.find(text, start + 1)
    return found


def _mere_vocabulary(text: str, proposal: Proposal, frequency: int) -> bool:
    """A single word proposed only because it is a noun, a list item or recurring, and
    either common in general language (人才, 发展) or a collocation jieba lists but no
    dictionary defines, which the texts neither repeat nor set off as a list item
    (坚实基础, 再立新功; not …、标本兼治、…)."""
    if not proposal.kinds <= _UNMARKED or len(proposal.words) > 1:
        return False
    collocation = proposal.words[0].is_set_phrase and dictionary_senses(text) is None
    alone = proposal.kinds == {"phrase"}  # not set off as a list item
    return general_word(text) or (alone and collocation and frequency < 2)


def _independent_frequency(
    frequency: dict[str, int],
    proposals: dict[str, Proposal],
    usage: _Usage,
    statement: dict[str, float],
) -> dict[str, float]:
    """C-value's nested frequency: f(a) less the mean frequency of the longer candidates
    that contain a, floored at a share of f(a) so that a stays in reach below them.
    As in C-value practice only repeated candidates count as containers (one occurrence
    of 着力培养造就战略科学家 says nothing against 战略科学家), and each counts as much as
    it is itself a term: as much as it is a unit (发展制高点, only ever after 未来 or
    产业, hardly is), and as much as both it and the nested string are names rather than
    statements: a statement holding a name is that name in use (加强|定向调控,
    提高|全要素生产率), and a statement nested in a name (推动科技 in 推动科技创新) is
    cut as a statement already.  A container that is the string beside another candidate the texts
    use without it (经济发展|新常态) counts for nothing: two units side by side say
    nothing against either."""
    containers: dict[str, set[str]] = defaultdict(set)
    for longer in proposals:
        if frequency[longer] < 2:
            continue
        for start in range(len(longer)):
            for end in range(start + 2, len(longer) + 1 - (start == 0)):
                if longer[start:end] in proposals:
                    containers[longer[start:end]].add(longer)
    independent: dict[str, float] = {}
    for text in proposals:
        f = frequency[text]
        holders = containers.get(text)
        if holders:
            weights = [
                0.0
                if _joins_another(b, text, frequency, proposals)
                else usage.unithood(proposals[b]) * min(statement[b], statement[text])
                for b in holders
            ]
            nested = sum(frequency[b] * w for b, w in zip(holders, weights, strict=True)) / len(
                holders
            )
            independent[text] = max(f - nested, NESTED_FLOOR * f)
        else:
            independent[text] = float(f)
    return independent


def _joins_another(
    longer: str, text: str, frequency: dict[str, int], proposals: dict[str, Proposal]
) -> bool:
    """Whether ``longer`` is ``text`` joined to another candidate the texts use without
    it (经济发展 + 新常态): two units side by side, so ``text`` is no fragment of it."""
    if longer.startswith(text):
        rest = longer[len(text) :]
    elif longer.endswith(text):
        rest = longer[: -len(text)]
    else:
        return False
    return rest in proposals and frequency[rest] > frequency[longer]


def _is_clause(words: Sequence[Token], usage: _Usage) -> bool:
    """A statement rather than a name: a verb with an object after it (发起|国际科技合作
    倡议, 推进|科技), a verb the texts only use with an object left at the end
    (…工作|取得), or a predicate idiom after its subject (科技战线|重任在肩).  A verb or
    idiom the texts use as a noun (创新 in 科技创新, 自立自强) is no predicate.  A verb
    seen only once right before a last word of two characters gives no evidence: it
    may modify that head as in a compound (拔尖|人才, 转移|体系); before a longer last
    word, a noun with its own modifier or a four-character compound, it governs an
    object (产业|增添|新动力, 技术|助力|粮食安全). A dictionary entry of two words is
    read as those words where the first is one the texts use as an adverb, before a
    predicate (全面|实施, 严肃|查处), or a predicate itself (深化|改革, 造福|人类):
    jieba keeps such phrases whole, and they are statements all the same."""
    last = len(words) - 1
    halves = _dictionary_halves(words[0].word) if not last else None
    if halves:
        first, second = tokens(halves[0]), tokens(halves[1])
        if halves[0] in usage.adverbial:
            # one dictionary entry of an adverb and its verb (全面|实施, 严肃|查处)
            return any(map(usage.predicate, second))
        if len(first) == 1 and usage.predicate(first[0]):
            # of a verb and its object (深化|改革, 造福|人类), read as the two words
            return _is_clause([*first, *second], usage)
    # An idiom or set phrase used as a noun may still end a verb's object (粮食安全).
    idiom = last and words[last].is_set_phrase and len(words[last].word) >= 4
    if idiom and not (usage.nominal_verb(words[last]) and words[last].word in usage.governed):
        return True
    for k, token in enumerate(words):
        if not usage.predicate(token):
            continue
        compound = usage.counts[token.word] == 1 and len(words[last].word) <= 2
        if k < last - 1 or (k == last - 1 and not compound) or k == last > 0:
            return True
    return False


def _statement_factor(
    proposal: Proposal, frequency: dict[str, int], proposals: dict[str, Proposal], usage: _Usage
) -> float:
    """How far a candidate is a name rather than a statement: cut for a clause unless it
    is marked off as a unit, and for a better candidate with a verb of its context."""
    unit = _unit(proposal) or usage.framed(proposal)
    clause = not unit and _is_clause(proposal.words, usage)
    factor = _context_factor(proposal, frequency, proposals, usage)
    return factor * CLAUSE_FACTOR if clause else factor


def _context_factor(
    proposal: Proposal, frequency: dict[str, int], proposals: dict[str, Proposal], usage: _Usage
) -> float:
    """A more frequent candidate with a verb of its context added is that candidate in
    use, not a term of its own: a governing verb of two or more characters before it
    (建设|科技强国), or after it a verb the texts use as a predicate (科技强国|打下), if
    the texts also use that verb outside this candidate.  A one-character verb before a short
    object makes a compressed word instead (去|库存), a verb the texts use as a noun may
    head a term (文化|自信), and a verb seen only inside the candidate is part of its
    compound (混合|所有制), not the candidate in use.  A verb governs a noun phrase: one
    before a candidate that opens with a verb is coordinated with it or in series
    (减税|降费), not governing it."""
    words = proposal.words
    if len(words) < 2:
        return 1.0
    own = frequency["".join(t.word for t in words)]
    for extra, rest, governs in ((words[0], words[1:], True), (words[-1], words[:-1], False)):
        core = "".join(t.word for t in rest)
        if not (core in proposals and frequency[core] > own and extra.is_verb):
            continue
        in_use = usage.occurrences[extra.word] > own and (
            len(extra.word) > 1 and not rest[0].is_verb if governs else usage.predicate(extra)
        )
        if in_use:
            return CONTEXT_FACTOR
    return 1.0


def _unit(proposal: Proposal) -> bool:
    """Marked off as a unit, so no clause whatever its words: by its author, by the
    dictionary, by its shape, or by recurring with varied neighbours unless it opens
    with a verb of two or more characters, which governs an object (建设|科技强国)."""
    marked = proposal.kinds & MARKED
    if marked != {"repeated"}:
        return bool(marked)
    first = proposal.words[0]
    return not (first.is_verb and len(first.word) > 1)


def _score(proposal: Proposal, independent: float, usage: _Usage) -> float:
    """C-value weighted by domain specificity, plus a base for being a candidate at all
    and bonuses for marked shapes; all scaled by unithood (``_statement_factor`` cuts
    clauses)."""
    words = proposal.words
    domain = sum(usage.weight.get(t.word, 0.0) for t in words) / len(words)
    length = math.log2(1 + min(len(words), MAX_LENGTH_WORDS))
    bonus = sum(KIND_BONUS.get(kind, 0.0) for kind in proposal.kinds)
    return (length * independent * max(domain, 0.1) / DOMAIN_SCALE + UNIT_BONUS + bonus) * (
        UNCUT_SHARE + (1 - UNCUT_SHARE) * usage.unithood(proposal)
    )
