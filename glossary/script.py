"""Simplified and traditional Chinese: one term, two scripts.

The termbase keeps terms in simplified characters, the script of the originals. Editors
who work for readers in Hong Kong, Macao or Taiwan need the traditional form beside
it, and a search typed in traditional characters must still find the entry.

Conversion is OpenCC's character conversion (``s2t``/``t2s``), not its Taiwan phrase
conversion (``s2twp``): a glossary shows how a term is *written*, so 项目 becomes 項目
and 软件 軟件, never the Taiwanese words 專案 and 軟體, which would be translations.
OpenCC's dictionaries ship inside its wheel, so nothing is downloaded.
"""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _converter(config: str) -> opencc.OpenCC:
    """An OpenCC converter, built once per configuration (loading the dictionaries is
    the slow part)."""
    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Traditional characters for simplified text: 科技强国 → 科技強國, 项目 → 項目."""
    return _converter("s2t").convert(text)


def to_simplified(text: str) -> str:
    """Simplified characters for traditional text, so that a traditional query finds a
    simplified entry: 科技強國 → 科技强国."""
    return _converter("t2s").convert(text)
