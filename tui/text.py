"""Terms, renderings and sentences as text to show, never as markup.

Rich and Textual parse ``[...]`` in plain strings as markup: a rendering such as
"[b]x[/b]" would lose its brackets and a "[link=…]" would become a link. Everything
from the termbase is therefore wrapped here, in Rich ``Text`` (for DataTable cells)
or Textual ``Content`` (for everything else).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import JustifyMethod
from rich.text import Text
from textual.content import Content


def cell(
    value: object, style: str = "", justify: JustifyMethod = "left", wrap: bool = False
) -> Text:
    """A DataTable cell: plain text, one line cut with an ellipsis where too long, or
    with ``wrap`` as many lines as it takes (a word longer than the column is folded)."""
    return Text(
        "" if value is None else str(value),
        style=style,
        justify=justify,
        no_wrap=not wrap,
        overflow="fold" if wrap else "ellipsis",
    )


def highlighted(text: str, needles: Iterable[str | None], style: str) -> Content:
    """``text`` with every occurrence of any needle (ignoring case) styled: the term in
    a Chinese sentence, the rendering in its English translation."""
    content = Content(text)
    wanted = sorted({n for n in needles if n}, key=len, reverse=True)
    if not wanted:
        return content
    pattern = re.compile("|".join(re.escape(n) for n in wanted), re.IGNORECASE)
    for match in pattern.finditer(text):
        content = content.stylize(style, match.start(), match.end())
    return content
