"""Turn the bytes of a source file into text, or refuse with a clear error.

Chinese sources arrive in UTF-8, UTF-16 (Windows "Unicode" exports), GB18030/GBK
(mainland tools) and Big5 (Taiwan/Hong Kong).  Guessing wrong is silent corruption:
GBK bytes decode "successfully" as Big5 and vice versa, producing plausible-looking
but meaningless characters that would then be stored as terms.  So detection is
layered, cheapest and surest first (explicit choice, byte-order mark, strict UTF-8),
and the statistical guess from charset-normalizer is checked against how *common*
the resulting Chinese characters are: real text is made of frequent characters,
a wrong decoding of Chinese bytes scatters into rare ones.  Anything that still
does not look like text is rejected rather than stored.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from charset_normalizer import from_bytes

__all__ = ["SUPPORTED_ENCODINGS", "DecodingError", "decode_bytes", "open_text"]

SUPPORTED_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gb18030", "big5")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030"),  # GB18030's own BOM, rare but defined
)

# A decoding is accepted only if at most this share of its characters is impossible
# in text (controls, private-use, unassigned code points) ...
_MAX_BAD_SHARE = 0.002
# ... and its characters are, on the whole, ones that occur in real text.
_MIN_PLAUSIBILITY = 0.85


class DecodingError(ValueError):
    """The bytes of ``source`` are not text in a supported encoding."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: cannot decode: {reason}")
        self.source = source
        self.reason = reason


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode ``data`` (read from ``source``, named in errors) to text with ``\\n``
    newlines and no byte-order mark.

    ``encoding`` forces a codec (e.g. from a manifest); otherwise it is detected among
    UTF-8, UTF-16, GB18030/GBK and Big5.  Raises ``DecodingError`` for binary data or
    data that does not decode plausibly in any of them.
    """
    if encoding is not None:
        text = _decode_forced(data, source, encoding)
    elif not data:
        text = ""
    else:
        text = _detect_and_decode(data, source)
    text = _normalise_newlines(text.removeprefix("\ufeff"))
    if _bad_share(text) > _MAX_BAD_SHARE:
        raise DecodingError(source, "contains control or non-character code points (binary data?)")
    return text


# Files of a million lines (glossaries) are decoded as they are read: the encoding is
# recognised on the first bytes, as ``decode_bytes`` recognises it, and the rest is
# decoded as it streams.
_PREFIX = 1 << 16  # bytes the encoding is recognised on: some 20,000 characters
_GUESSED = ("utf-8", "gb18030", "big5")  # what a file without a BOM or NULs may be
_STREAM_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),
)


def _stream_codec(path: Path) -> str | None:
    """The codec to stream ``path`` with, or None to decode it whole (UTF-16 without
    a BOM, whose lines cannot be cut on a byte). DecodingError (naming the file)
    for bytes that are no text."""
    with open(path, "rb") as stream:
        prefix = stream.read(_PREFIX)
        complete = not stream.read(1)
    for bom, codec in _STREAM_BOMS:
        if prefix.startswith(bom):
            return codec
    if b"\x00" in prefix:
        return None
    if not complete:  # whole lines only: no character is cut in two
        prefix = prefix[: prefix.rfind(b"\n") + 1] or prefix
    text = decode_bytes(prefix, str(path))
    for codec in _GUESSED:
        try:
            if prefix.decode(codec).replace("\r\n", "\n").replace("\r", "\n") == text:
                return codec
        except UnicodeDecodeError:
            continue
    return None


def open_text(path: Path) -> TextIO:
    """The file at ``path`` as text with universal newlines, decoded as it is read,
    in the encoding ``decode_bytes`` finds on its start; the caller closes it.
    DecodingError if the start is no text; a UnicodeDecodeError further on if the
    rest is not in the same encoding; OSError if the file cannot be read."""
    codec = _stream_codec(path)
    if codec is None:
        return io.StringIO(decode_bytes(path.read_bytes(), str(path)))
    return open(path, encoding=codec, newline=None)


def _decode_forced(data: bytes, source: str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise DecodingError(source, f"unknown encoding {encoding!r}") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodingError(source, f"not valid {encoding} at byte {exc.start}") from None


def _detect_and_decode(data: bytes, source: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    source, f"{codec} byte-order mark but invalid {codec} at byte {exc.start}"
                ) from None

    if b"\x00" in data:
        # NUL bytes occur in text only as the high half of UTF-16 code units.
        text = _utf16_without_bom(data)
        if text is None:
            raise DecodingError(source, "contains NUL bytes and is not UTF-16 text (binary data?)")
        return text

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Control characters in "valid UTF-8" mean the bytes were something else
        # (BOM-less UTF-16 of Chinese text can consist of ASCII-range bytes only).
        if _bad_share(text) <= _MAX_BAD_SHARE:
            return text

    best = _best_candidate(data)
    if best is None:
        raise DecodingError(
            source, "not UTF-8, UTF-16, GB18030/GBK or Big5 text (no plausible decoding)"
        )
    return best


@dataclass(frozen=True)
class _Candidate:
    encoding: str
    text: str
    plausibility: float
    bad_share: float


def _candidate(data: bytes, encoding: str) -> _Candidate | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return _Candidate(encoding, text, _plausibility(text), _bad_share(text))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM, recognised by where its NUL bytes fall.

    Text that is mostly ASCII (or Latin) in UTF-16LE has NULs at odd offsets, in
    UTF-16BE at even ones; the other byte order would put them in the character
    instead and fail the plausibility check.
    """
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd_nuls >= even_nuls else ("utf-16-be", "utf-16-le")
    for encoding in order:
        cand = _candidate(data, encoding)
        if cand and cand.bad_share <= _MAX_BAD_SHARE and cand.plausibility >= _MIN_PLAUSIBILITY:
            return cand.text
    return None


def _best_candidate(data: bytes) -> str | None:
    """Pick among the non-UTF-8 encodings by plausibility, charset-normalizer first.

    charset-normalizer's chaos/coherence measures are tuned for alphabetic languages
    and may rank GBK and Big5 readings of the same bytes close together; the
    plausibility score (share of common characters) separates them clearly, so it
    decides, and charset-normalizer's choice only breaks ties.
    """
    guesses = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16_le", "utf_16_be"])
    guessed = guesses.best()
    preferred = _codec_name(guessed.encoding) if guessed is not None else None

    candidates = [c for enc in ("gb18030", "big5") if (c := _candidate(data, enc))]
    if len(data) % 2 == 0:
        # BOM-less UTF-16 of Chinese text has no NULs; only plausibility tells it apart.
        candidates += [c for enc in ("utf-16-le", "utf-16-be") if (c := _candidate(data, enc))]
    viable = [
        c
        for c in candidates
        if c.bad_share <= _MAX_BAD_SHARE and c.plausibility >= _MIN_PLAUSIBILITY
    ]
    if not viable:
        return None
    viable.sort(key=lambda c: (c.plausibility, c.encoding == preferred), reverse=True)
    return viable[0].text


def _codec_name(name: str) -> str:
    return codecs.lookup(name).name


# ---------------------------------------------------------------------------------
# plausibility
# ---------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _is_common_han(ch: str) -> bool:
    """A character among the ~3,800 most used simplified (GB2312 level 1) or ~5,400
    most used traditional (Big5 level 1) characters.

    The two standards' level-1 tables are frequency lists in all but name, and the
    codecs ship with Python, so no table needs to be kept here.
    """
    try:
        gb = ch.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
        return len(b5) == 2 and 0xA440 <= int.from_bytes(b5, "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x85\u2028\u2029\ufeff")


def _is_bad(ch: str) -> bool:
    if ch in _TEXT_CONTROLS:
        return False
    return unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd"


def _bad_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(1 for ch in text if _is_bad(ch)) / len(text)


def _char_weight(ch: str) -> float:
    cp = ord(ch)
    if cp < 0x80:
        return 1.0 if (ch.isprintable() or ch in _TEXT_CONTROLS) else 0.0
    if _is_common_han(ch):
        return 1.0
    if 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF65 or 0x2000 <= cp <= 0x206F:
        return 1.0  # CJK and general punctuation, full-width forms
    if 0xA0 <= cp <= 0x24F:
        return 0.8  # Latin letters with diacritics, in names and loanwords
    if unicodedata.category(ch).startswith(("L", "N")):
        return 0.3  # rare characters occur, but a text is not made of them
    return 0.1


def _plausibility(text: str) -> float:
    """Average weight of the characters that tell encodings apart.

    ASCII bytes read the same in all candidate single-/multi-byte encodings, so for
    those the score is taken over the non-ASCII characters only; for UTF-16 every
    character counts (ASCII there comes from byte pairs and is itself evidence).
    """
    chars = [ch for ch in text if ord(ch) >= 0x80] or list(text)
    if not chars:
        return 1.0
    return sum(_char_weight(ch) for ch in chars) / len(chars)


def _normalise_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line/paragraph separators become ``\\n``; a form feed
    (page break in PDF-extracted text) is a line break too."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for sep in ("\u2028", "\u2029", "\x85", "\f", "\v"):
        text = text.replace(sep, "\n")
    return text
