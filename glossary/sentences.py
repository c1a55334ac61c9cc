"""Sentence splitting for Chinese and English paragraphs.

Alignment and term extraction work sentence by sentence, so a wrong cut (after "Dr."
or "U.S.", or a closing quote left dangling at the start of the next sentence) shows
up later as a misaligned pair.  Both splitters are rule-based on purpose: the rules
are few, inspectable, and behave the same on every unseen document, which a model
trained on someone else's text would not guarantee.
"""

from __future__ import annotations

import re

from glossary.textutils import CLOSERS, CLOSERS_EN, TERMINALS_ASCII, TERMINALS_ZH

# ---------------------------------------------------------------------------------
# Chinese
# ---------------------------------------------------------------------------------

# A boundary is a run of terminal punctuation plus the closing quotes/brackets that
# follow it.  ASCII !?; count only when not followed by an ASCII letter/digit, which
# keeps URLs (``?id=3``) and code-like tokens whole.  An ellipsis (……) on its own is
# not a boundary: in Chinese it often stands inside a sentence (列举……等); when a
# sentence really ends after it, a 。！？ usually follows and ends it there.
_ZH_BOUNDARY = re.compile(
    rf"(?:[{TERMINALS_ZH}]+|[{re.escape(TERMINALS_ASCII)}]+(?![0-9A-Za-z]))"
    rf"[{re.escape(TERMINALS_ZH + TERMINALS_ASCII)}]*[{re.escape(CLOSERS)}]*"
)
_LEADING_CLOSERS = re.compile(rf"^\s*[{re.escape(CLOSERS)}]+")
_ONLY_PUNCT = re.compile(rf"^[\s{re.escape(TERMINALS_ZH + TERMINALS_ASCII + CLOSERS)}…]*$")


def split_chinese_sentences(text: str) -> list[str]:
    """Split Chinese text after 。！？； (and ASCII !?;), keeping closing quotes and
    brackets with the sentence they close.  Line breaks are boundaries too.

    Returns stripped, non-empty sentences.
    """
    sentences: list[str] = []
    for line in text.split("\n"):
        lead = _LEADING_CLOSERS.match(line)
        if lead and sentences:
            # a closing quote carried over to the next line closes the last sentence
            sentences[-1] += lead.group(0).strip()
            line = line[lead.end() :]
        start = 0
        pieces: list[str] = []
        for m in _ZH_BOUNDARY.finditer(line):
            pieces.append(line[start : m.end()])
            start = m.end()
        pieces.append(line[start:])
        for piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            if _ONLY_PUNCT.match(piece) and sentences:
                # stray closers/punctuation at a line start belong to what precedes
                sentences[-1] += piece
            else:
                sentences.append(piece)
    return sentences


# ---------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------

_BULLETS = "•▪◦●■·–-"
# Bullets that are unambiguous anywhere in a line: a new item starts before them.
_INLINE_BULLET = re.compile(r"[^\S\n]+(?=[•▪◦●■][^\S\n])")

# Candidate boundary: terminal punctuation, optional closing quotes/brackets, then
# whitespace; whether it really is a boundary depends on what precedes and follows.
# A footnote reference ("…superpower.[1] The") stays with its sentence.
_EN_CANDIDATE = re.compile(
    rf"(?P<punct>[.!?…]+)(?P<close>[{re.escape(CLOSERS_EN)}]*(?:\[\d{{1,3}}\])?)(?P<space>\s+)"
)
_OPENERS = "\"'“‘([«"
_NEXT_WORD = re.compile(r"[A-Za-z]+")

# Abbreviations after which a sentence (almost) never ends: titles, Latin "e.g."-type
# forms, reference words usually followed by a number, month names.
_NEVER_END = frozenset(
    """mr mrs ms dr prof rev hon st sr jr gen col lt maj capt sgt cmdr adm gov sen rep
    pres amb vs cf viz fig figs eq eqs pp vol vols ch chap sec sect art para approx
    dept est ed eds jan feb mar apr jun jul aug sep sept oct nov dec mt ft e.g i.e
    ibid op""".split()
)
# Abbreviations that can end a sentence: a boundary only when the next word is a
# typical sentence opener ("... and so on, etc. The next step").
_MAY_END = frozenset("etc inc ltd co corp al bros plc llc".split())
# Abbreviations that end a sentence unless a number follows ("No. 7", "Art. 3").
_BEFORE_NUMBER = frozenset("no nos art arts".split())

_SENTENCE_STARTERS = frozenset(
    """the this that these those it its we our they their he she his her i in on at as
    by for from with but and however moreover furthermore meanwhile there here a an if
    when while since after before although though such today yet so thus therefore
    to what why how who some many most all both each every not one only during under
    over through according given despite""".split()
)

_INITIAL = re.compile(r"^[A-Z]\.$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_ENUMERATOR = re.compile(r"^\(?(?:\d{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[A-Za-z])[.)]$")


def _starts_sentence(rest: str) -> bool:
    """Whether the text after a candidate boundary can open a sentence."""
    if not rest:
        return False
    ch = rest[0]
    if ch.isupper() or ch.isdigit() or ch in _OPENERS or ch in _BULLETS:
        return True
    return "\u3400" <= ch <= "\u9fff"  # Chinese quoted or glossed after a sentence


def _next_is_opener_word(rest: str) -> bool:
    m = _NEXT_WORD.match(rest.lstrip(_OPENERS))
    return m is not None and m.group(0).lower() in _SENTENCE_STARTERS


def _period_ends_sentence(sentence_so_far: str, rest: str) -> bool:
    """Decide a candidate boundary whose punctuation is a single period.

    ``sentence_so_far`` ends with the period; ``rest`` is the text after the spaces.
    """
    if re.match(r"^\s*\S+$", sentence_so_far) and _ENUMERATOR.match(sentence_so_far.strip()):
        return False  # "1. Item", "IV. Heading", "(a) ..." at the start of an item
    token = sentence_so_far.split()[-1].lstrip(_OPENERS)
    bare = token[:-1].lower()
    if _INITIAL.match(token):
        return False  # "J. Smith"
    if bare in _NEVER_END:
        return False
    if bare in _BEFORE_NUMBER:
        return not rest[:1].isdigit()
    if bare in _MAY_END or _DOTTED_ACRONYM.match(token):
        return _next_is_opener_word(rest)  # "U.S. Congress" vs "in the U.S. The"
    return True


# A period glued to the next sentence ("stability grew.Given all these factors"), as
# text copied from web pages often has where a line break was lost: a word of two or
# more letters ending in lower case, the terminal, and a capitalised word.
_GLUED = re.compile(r"(?<![A-Za-z.])([A-Za-z][a-z]+)([.!?])(?=[A-Z][a-z])")


def _unglue(line: str) -> str:
    """Put the lost space back after a glued terminal, unless the word before it is an
    abbreviation ("etc.The" is left to the rules for abbreviations)."""

    def space(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        if word in _NEVER_END or word in _MAY_END or word in _BEFORE_NUMBER:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)} "

    return _GLUED.sub(space, line)


def _split_english_line(line: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for m in _EN_CANDIDATE.finditer(line):
        rest = line[m.end() :]
        if not _starts_sentence(rest):
            continue
        punct = m.group("punct")
        if punct == "." and not _period_ends_sentence(line[start : m.end("punct")], rest):
            continue
        sentences.append(line[start : m.end("close")])
        start = m.end()
    sentences.append(line[start:])
    return sentences


def split_english_sentences(text: str) -> list[str]:
    """Split English text into sentences.

    Boundaries: after . ! ? (and closing quotes/brackets) followed by whitespace and an
    uppercase letter, digit, quote or bullet, or glued to a capitalised word after a
    lower-case one ("grew.Given"); at every line break; before an inline bullet (•, ▪).  Abbreviations, initials, dotted acronyms and list enumerators do
    not end sentences (see ``_period_ends_sentence``).  Returns stripped, non-empty
    sentences.
    """
    result: list[str] = []
    for line in text.split("\n"):
        for item in _INLINE_BULLET.split(line):
            pieces = _split_english_line(_unglue(item.strip()))
            result.extend(s.strip() for s in pieces if s.strip())
    return result
