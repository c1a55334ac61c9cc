"""Attesting renderings in English that has no Chinese beside it, beyond the renderings
already known word for word.

A commentary that quotes the official line rarely repeats one translation exactly; it
recombines what translations already wrote. Four such recombinations are recognised,
each built only from lexical evidence about the term itself, so that an arbitrary
phrase that merely resembles a known rendering is not taken:

- a *variant*: a known rendering with one word swapped for another dictionary sense of
  the same Chinese word ("CPC’s overall leadership" → "Party’s overall leadership",
  since 党 is "party") or of the same head character of one ("strengthening the
  country through talent" → "… the nation with talent", since 国 of 强国 is both;
  prepositions of means stand for one another), or with a head noun the translator
  put for a term word it left untranslated swapped for a sense of that word
  ("highly-skilled workers" → "highly-skilled personnel", since 人才 is "talented
  person");
- a *compound*: a term made of a dictionary word and a term with known renderings,
  written as a sense of that word beside one of them (世界 + 科技强国 → "world science
  and technology powers"), or as a word the translations themselves use in its place
  (a *substitute*: where one translation writes "world leader in science and
  technology" and another "global leader in science and technology" for the same
  term, "global" stands where "world" does, so "global science and technology power"
  is 世界科技强国 too);
- a *list*: an abbreviation compound spelled out item by item (产学研 → "production,
  education, and research"), where all items but one translate their character;
- a *role*: a known rendering that names the term by a role no word of the term
  means ("world leader in science and technology" for 科技强国) with another role in
  its place ("a pioneer in science and technology", "a frontrunner in …"): the
  translator chose the role, so the dictionary has no say in it, and only the shape
  of the phrase (one thing, with "a", in the field the term's words translate) does.

A rendering found so, or known word for word, that leaves out the term's head word
takes the noun naming it beside it ("Strategy of" + "Strengthening the Nation with
Talent" for 人才强国战略: see ``DerivedRenderings.with_head``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from glossary.lexicon import Lexicon, Senses, english_keys, key_stem
from glossary.renderings import (
    Attested,
    KnownRenderings,
    TermEvidence,
    WordToken,
    covers,
    explains,
    inside_other_term,
    longest_per_term,
    nominal,
    one_word_senses,
    singular,
    spelled_out,
    term_evidence,
    term_words,
    word_clauses,
)

# Prepositions of means, which translations use alike ("strengthening the country through
# talent", "strengthening the nation with talent").
_MEANS = frozenset({"through", "with", "by", "via"})
# The endings of a noun naming who plays a role ("leader", "pioneer", "frontrunner",
# "innovator", "strategist"), and the word that joins it to the field it plays it in.
_AGENT_ENDINGS = ("er", "or", "ist")
_ROLE_LINK = "in"
_INDEFINITE = frozenset({"a", "an"})
MIN_COMPOUND_WORD = 2  # a single character is too ambiguous to stand beside a rendering


@dataclass(frozen=True)
class _Variant:
    """A known rendering as a sequence of words (content words by their keys, function
    words as written), one of which (``slot``) may be any word with a key in
    ``allowed``."""

    term: str
    words: tuple[tuple[str, ...], ...]
    slot: int
    allowed: frozenset[str]
    nouns_only: bool = False  # the slot takes no verb form or adverb (``renderings.nominal``)
    role: bool = False  # the slot takes any role noun instead (see ``_role_variant``)


@dataclass(frozen=True)
class _Compound:
    """A term that is ``inner`` with the dictionary word ``senses`` translates
    ``before`` or after it."""

    term: str
    inner: str
    senses: tuple[frozenset[str], ...]
    before: bool


class DerivedRenderings:
    """Variants, compounds and lists of known renderings (see the module's doc)."""

    def __init__(self, known: Iterable[tuple[str, str]], terms: Iterable[str], lexicon: Lexicon) -> None:
        known = sorted(set(known))
        by_term: dict[str, set[str]] = defaultdict(set)
        for term, rendering in known:
            by_term[term].add(rendering)
        evidence = {term: term_evidence(term, lexicon) for term in set(terms) | set(by_term)}
        self._variants: dict[tuple[str, ...], list[tuple[int, _Variant]]] = defaultdict(list)
        # a word (singular) → (term, the keys of its known rendering) for each rendering holding it
        self._holding: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for term, rendering in known:
            role = _role_variant(term, rendering, evidence[term])
            for variant in [*_variants(term, rendering, evidence[term]), *([role] if role else [])]:
                anchor = next(i for i in range(len(variant.words)) if i != variant.slot)
                self._variants[variant.words[anchor]].append((anchor, variant))
            tokens = [token for clause in word_clauses(rendering) for token in clause]
            keys = frozenset(key for token in tokens for key in token.keys)
            for word in {singular(token.lowered) for token in tokens}:
                self._holding[word].append((term, keys))
        self._compounds = [c for term in evidence for c in _compounds(term, by_term, lexicon)]
        # a word → the keys of the words the translations put in its place
        self._substitutes = {
            word: frozenset(key for other in others for key in english_keys(other))
            for word, others in _substitutes(by_term.values()).items()
        }
        self._inner = KnownRenderings((c.inner, r) for c in self._compounds for r in by_term[c.inner])
        self._explained = {c.inner: evidence[c.inner].everything for c in self._compounds}
        self._lists = {term: e.abbreviation for term, e in evidence.items() if e.abbreviation}
        self._evidence = evidence

    def with_head(self, match: Attested) -> str:
        """A rendering found in text without Chinese, with the noun that translates its
        term's head word where the rendering leaves that word out and English puts the
        noun beside it: "Strategy of" before, or "strategy" after, a rendering of the
        rest of 人才强国战略 ("Strategy of Strengthening the Nation with Talent")."""
        evidence = self._evidence.get(match.term)
        clause, first, last = match.clause, match.first, match.last
        if evidence is None or len(evidence.words) < 2:
            return match.written
        present = set().union(*(token.keys for token in clause[first : last + 1]))
        stems = {key_stem(key) for key in present}
        head, characters = evidence.words[-1], evidence.characters[-1]
        if covers(head, characters, present, stems):
            return match.written
        if (
            first >= 2 and clause[first - 1].lowered == "of" and clause[first - 1].spaced and clause[first].spaced
            and _names(head.senses, clause[first - 2])
        ):
            first -= 2
        elif last + 1 < len(clause) and clause[last + 1].spaced and _names(head.senses, clause[last + 1]):
            last += 1
        else:
            return match.written
        return match.text[clause[first].start : clause[last].end]

    def attest(self, text: str, known: Sequence[Attested] = ()) -> Counter[tuple[str, str]]:
        """(term, rendering as written here) → how often ``text`` attests it, leaving out
        what ``known`` (the occurrences of known renderings in it, from
        ``KnownRenderings.matches``) already holds."""
        return self.read(text, known)[0]

    def claimed(self, text: str, known: Sequence[Attested] = ()) -> Counter[tuple[str, str]]:
        """The occurrences of known renderings in ``text`` that a longer one holds: a
        compound's (see ``_compound_matches``), another term's named by its role (the
        "pioneer" of 开拓者 inside "a pioneer in science and technology"), or a longer
        variant of their own term's. To be taken from that term's attestations."""
        return self.read(text, known)[1]

    def read(
        self, text: str, known: Sequence[Attested] = ()
    ) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
        """What ``attest`` and ``claimed`` give, from one pass over ``text``."""
        # several variants (of several known renderings) may match one span: one occurrence
        variants: dict[tuple[str, int, int], tuple[_Variant, Attested]] = {}
        for clause in word_clauses(text):
            for variant, match in self._variant_matches(text, clause):
                variants[_span(match)] = (variant, match)
        # where renderings of one term overlap, the longest is the occurrence
        longest = {_span(m) for m in longest_per_term([*known, *(match for _variant, match in variants.values())])}
        known_spans = {_span(match) for match in known}
        variants = {span: pair for span, pair in variants.items() if span in longest and span not in known_spans}
        roles = [match for variant, match in variants.values() if variant.role]
        occurrences = {span: self.with_head(match) for span, (_variant, match) in variants.items()}
        claimed: Counter[tuple[str, str]] = Counter(
            (match.term, match.written) for match in known
            if inside_other_term(match, roles) or _span(match) not in longest
        )
        for span, written, inner in self._compound_matches(text, roles):
            occurrences.setdefault(span, written)
            if inner is None:
                continue
            if occurrences.pop(_span(inner), None) is None:  # a known rendering, not one derived here
                claimed[(inner.term, inner.written)] += 1
        found = Counter((span[0], written) for span, written in occurrences.items())
        for term, characters in self._lists.items():
            listed = spelled_out(characters, text, one_word_items=True)
            if listed and listed.score >= _list_threshold(len(characters)):
                found[(term, listed.text)] += 1
        for match in known:
            found.pop((match.term, match.written), None)
        return found, claimed

    def _variant_matches(self, text: str, clause: Sequence[WordToken]) -> Iterator[tuple[_Variant, Attested]]:
        words = [_word(token) for token in clause]
        for position, word in enumerate(words):
            for anchor, variant in self._variants.get(word, ()):
                start = position - anchor
                end = start + len(variant.words)
                if start < 0 or end > len(words) or not all(t.spaced for t in clause[start + 1 : end]):
                    continue
                slot = clause[start + variant.slot]
                if variant.nouns_only and not nominal(slot):
                    continue
                if variant.role and not self._plays_role(variant.term, clause, start, end):
                    continue
                if all(
                    (words[start + i] != expected and (variant.role or not variant.allowed.isdisjoint(words[start + i])))
                    if i == variant.slot
                    else words[start + i] == expected
                    for i, expected in enumerate(variant.words)
                ):
                    written = text[clause[start].start : clause[end - 1].end]
                    yield variant, Attested(variant.term, written, tuple(clause), start, end - 1, text)

    def _plays_role(self, term: str, clause: Sequence[WordToken], start: int, end: int) -> bool:
        """Whether the words ``start``..``end - 1`` of a clause, which a role variant of
        ``term`` matches, name one thing by its role: the role noun opens a noun phrase
        with an indefinite article ("a pioneer in …", "a world pioneer in …"), the
        phrase ends with the match ("the most critical factor in scientific and
        technological innovation" names no role), and no known rendering of another
        term holds both the noun and a word of the field ("a worker in science and
        technology" is 科技工作者's "science and technology workers")."""
        noun = clause[start]
        field = frozenset(key for token in clause[start + 2 : end] for key in token.keys)
        if not _role_noun(noun) or any(
            other != term and not keys.isdisjoint(field) for other, keys in self._holding.get(singular(noun.lowered), ())
        ):
            return False
        opened = start >= 1 and noun.spaced and (
            clause[start - 1].lowered in _INDEFINITE
            or (start >= 2 and clause[start - 1].content and clause[start - 1].spaced
                and clause[start - 2].lowered in _INDEFINITE)
        )
        return opened and (end >= len(clause) or not clause[end].spaced or not clause[end].content)

    def _compound_matches(
        self, text: str, roles: Sequence[Attested]
    ) -> Iterator[tuple[tuple[str, int, int], str, Attested | None]]:
        """(compound and where it stands, as written, the inner term's occurrence it
        takes over or None), the inner term's renderings being those known and those it
        is named by as a role (``roles``).

        A compound is written either as a sense of its word beside a known rendering of
        the rest ("world" + "science and technology powers"), or as a known rendering
        of the rest whose edge word, which the rest does not explain, is a sense of the
        word: "world leader in science and technology", known for 科技强国 where a
        translator put "world" for nothing in the Chinese, is in text without Chinese
        the rendering that explains every word, 世界科技强国's."""
        inner: dict[str, list[Attested]] = defaultdict(list)
        for match in [*self._inner.matches(text), *roles]:
            inner[match.term].append(match)
        for compound in self._compounds:
            for match in inner.get(compound.inner, ()):
                clause, first, last, taken = match.clause, match.first, match.last, None
                edge = first if compound.before else last
                if self._is_sense(clause[edge], compound) and not self._explained[compound.inner] & clause[edge].keys:
                    taken = match
                else:
                    beside = first - 1 if compound.before else last + 1
                    joint = first if compound.before else beside
                    if not 0 <= beside < len(clause) or not clause[joint].spaced:
                        continue
                    if not self._is_sense(clause[beside], compound):
                        continue
                    first, last = (beside, last) if compound.before else (first, beside)
                span = (compound.term, clause[first].start, clause[last].end)
                yield span, taken.written if taken else text[span[1] : span[2]], taken

    def _is_sense(self, token: WordToken, compound: _Compound) -> bool:
        """Whether a word is a sense of the compound's dictionary word, or a
        substitute the translations use for one."""
        keys = token.keys | self._substitutes.get(token.lowered, frozenset())
        return any(sense <= keys for sense in compound.senses)


def shared_character_swaps(known: Iterable[tuple[str, str]], lexicon: Lexicon) -> set[tuple[str, str]]:
    """Renderings a translator may write for a term two of whose words share a
    character, by giving both words the translation of one: 革命 and 变革 of
    新一轮科技革命和产业变革 share 革, so beside the known "… scientific and technological
    revolution and industrial transformation" stands "… revolution and industrial
    revolution". Each word must be rendered by exactly one word of the rendering, a
    one-word dictionary sense of it."""
    swapped: set[tuple[str, str]] = set()
    for term, rendering in known:
        words = term_words(term, lexicon)
        clauses = word_clauses(rendering)
        if len(words) < 2 or len(clauses) != 1:
            continue
        tokens = clauses[0]
        for one, other in combinations(words, 2):
            if len(one) < 2 or len(other) < 2 or not set(one) & set(other):
                continue
            found = [
                [token for token in tokens if not token.keys.isdisjoint(one_word_senses(lexicon.senses(word)))]
                for word in (one, other)
            ]
            if any(len(matches) != 1 for matches in found) or found[0][0] is found[1][0]:
                continue
            for source, target in ((found[0][0], found[1][0]), (found[1][0], found[0][0])):
                swapped.add((term, rendering[: target.start] + source.text + rendering[target.end :]))
    return swapped


def _substitutes(renderings: Iterable[Iterable[str]]) -> dict[str, set[str]]:
    """Word → the words that stand in its place in another rendering of the same term,
    all else the same ("world leader in science and technology" / "global leader in
    science and technology"), both ways. Words are compared as written (lower-cased),
    not by key, so that what stands for "advantage" is not taken to stand for
    "advancement". Only one-word content differences between renderings of at least
    three words count: in shorter ones the rest says too little about the slot."""
    found: dict[str, set[str]] = defaultdict(set)
    for texts in renderings:
        sequences = {
            tuple((token.lowered, bool(token.keys)) for token in clause)
            for text in texts if len(clauses := word_clauses(text)) == 1 for clause in clauses
        }
        for one, other in combinations(sorted(s for s in sequences if len(s) >= 3), 2):
            if len(one) != len(other):
                continue
            differing = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
            if len(differing) != 1:
                continue
            (a, a_content), (b, b_content) = one[differing[0]], other[differing[0]]
            if a_content and b_content and english_keys(a) != english_keys(b):
                found[a].add(b)
                found[b].add(a)
    return dict(found)


def _word(token: WordToken) -> tuple[str, ...]:
    """A word as variants compare it: a content word by its keys, any other as written."""
    if token.keys:
        return token.ordered
    return ("through",) if token.lowered in _MEANS else (token.lowered,)


def _variants(term: str, rendering: str, evidence: TermEvidence) -> Iterator[_Variant]:
    """One variant per word of ``rendering`` that is a one-word dictionary sense of
    exactly one word of the term: any other one-word sense of that word may stand in
    its place. Only a rendering written as one run of words (no comma inside) has
    variants."""
    clauses = word_clauses(rendering)
    if len(clauses) != 1 or not all(token.spaced for token in clauses[0][1:]):
        return
    words = [_word(token) for token in clauses[0]]
    if sum(1 for token in clauses[0] if token.keys) < 2:
        return  # a one-word rendering swapped is just another word
    senses = [one_word_senses(index.senses) for index in evidence.words]
    # a word no word of the term has as a one-word sense may be one of the sense of the
    # head character of one ("country" of the 国 of 强国, whose own senses are
    # "powerful country", "great power"); a modifier's senses are too many to swap
    # (强: "strong", "powerful", "to force" …)
    characters = [one_word_senses(word[-1].senses) for word in evidence.characters if len(word) > 1]
    present = {key for token in clauses[0] for key in token.keys}
    stems = {key_stem(key) for key in present}
    uncovered = frozenset(
        key for index in evidence.words if not index.coverage(present, stems) for keys in index.senses for key in keys
    )
    for slot, (word, token) in enumerate(zip(words, clauses[0], strict=True)):
        translated = [keys for keys in senses if not keys.isdisjoint(word)]
        if not translated:
            translated = [keys for keys in characters if not keys.isdisjoint(word)]
        if len(translated) == 1 and len(translated[0]) > 1:
            yield _Variant(term, tuple(words), slot, frozenset(translated[0]))
        elif slot == len(words) - 1 and token.keys and not explains(evidence, token.keys) and uncovered:
            # a head noun the translator put for a term word the rendering does not
            # translate ("workers" for the 人才 of 高技能人才): a noun among that
            # word's dictionary senses may stand in its place ("highly-skilled personnel")
            yield _Variant(term, tuple(words), slot, uncovered, nouns_only=True)


def _role_variant(term: str, rendering: str, evidence: TermEvidence) -> _Variant | None:
    """A variant of a known rendering that names the term by a role the translator
    chose ("world leader in science and technology" for 科技强国, none of whose words
    means "leader"): any other role noun may stand in its place, and the words the
    translator put before it are left out, as they explain nothing of the term either
    ("a pioneer in science and technology", "a frontrunner in science and
    technology"). The role noun is a singular agent noun the term does not explain,
    joined by "in" to words that all translate the term."""
    clauses = word_clauses(rendering)
    if len(clauses) != 1 or not all(token.spaced for token in clauses[0][1:]):
        return None
    tokens = clauses[0]
    link = next((i for i, token in enumerate(tokens) if token.lowered == _ROLE_LINK), 0)
    noun, before, field = tokens[link - 1] if link else None, tokens[: link - 1], tokens[link + 1 :]
    if noun is None or not _role_noun(noun) or explains(evidence, noun.keys):
        return None
    if any(token.keys and explains(evidence, token.keys) for token in before):
        return None
    if not any(token.keys for token in field) or not all(explains(evidence, t.keys) for t in field if t.keys):
        return None
    return _Variant(term, tuple(_word(token) for token in tokens[link - 1 :]), 0, frozenset(), role=True)


def _span(match: Attested) -> tuple[str, int, int]:
    """A match's term and where it stands in its text."""
    return match.term, match.start, match.end


def _role_noun(token: WordToken) -> bool:
    """Whether a word is by its ending a singular agent noun: "leader", "pioneer"."""
    return bool(token.keys) and not token.possessive and nominal(token) and token.lowered.endswith(_AGENT_ENDINGS)


def _names(senses: Senses, token: WordToken) -> bool:
    """Whether a word is a one-word sense of a term word."""
    return bool(token.keys) and not token.keys.isdisjoint(one_word_senses(senses))


def _compounds(term: str, known: dict[str, set[str]], lexicon: Lexicon) -> Iterator[_Compound]:
    """The ways ``term`` splits into a dictionary word and a term with known renderings
    that is itself made of several dictionary words (a single word beside another is
    a compound the dictionary and the memory already judge)."""
    for cut in range(MIN_COMPOUND_WORD, len(term) - 1):
        for word, inner, before in ((term[:cut], term[cut:], True), (term[cut:], term[:cut], False)):
            senses = lexicon.senses(word)
            if inner in known and senses and len(lexicon.parts(inner)) > 1:
                yield _Compound(term, inner, senses, before)


def _list_threshold(items: int) -> float:
    """The score ``spelled_out`` gives a list whose items all translate their character
    but one (both, for a pair): without the Chinese beside it, a looser list is too
    likely to be any list."""
    matched = items if items == 2 else items - 1
    return (1 + matched / items) / 2
