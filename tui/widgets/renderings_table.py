"""The competing renderings of one term side by side: renderings × documents, each
cell the number of times the document renders the term so.

Renderings are shown whole: a rendering wider than its column wraps onto more lines
of its row, since two renderings alike in their first words are exactly what an
editor has to tell apart. The documents take as little room as their counts need:
headed by their short names where those leave the renderings room enough, and
otherwise by a letter each (A, B, C…), spelled out in a key above the table
(``RenderingsTable.document_key``), so that at 80 columns every document's column
stays in view beside renderings some 40 characters wide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import DataTable

from records import DocumentInfo, TermView
from tui.text import cell

OFFICIAL = "★"
PARAPHRASED = "(paraphrased, no rendering)"
STATUS_WIDTH = 10  # "deprecated"
PADDING = 1  # DataTable's cell padding, either side of every column
SCROLLBAR = 2
RENDERING_MIN = 20  # narrower than this, the documents scroll sideways instead
WIDE_ENOUGH = 40  # a rendering column this wide is worth more than spelled-out names
STATUS_STYLES = {"preferred": "bold", "deprecated": "dim strike", "rejected": "dim strike"}


def short_labels(document_ids: list[str]) -> dict[str, str]:
    """Column labels: the shortest tail of each id's hyphenated parts that tells it from
    the others ("speech-2024-en-qiushi" → "qiushi", "bench-en-01" → "01"); the concordance
    names each sentence's document in full."""
    parts = {d: d.split("-") for d in document_ids}
    labels = {}
    for document, pieces in parts.items():
        for size in range(1, len(pieces) + 1):
            tail = pieces[-size:]
            if all(other[-size:] != tail for key, other in parts.items() if key != document):
                labels[document] = "-".join(tail)
                break
        else:
            labels[document] = document
    return labels


def letter(index: int) -> str:
    """A, B … Z, AA, AB …: the key of the ``index``-th document."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


@dataclass(frozen=True)
class Layout:
    """How the table fits its width: each document's column heading and width, the
    rendering column's width, and whether the headings are letters of the key."""

    headings: dict[str, str]
    widths: dict[str, int]
    rendering: int
    keyed: bool


def plan(width: int, view: TermView, documents: list[str], official: set[str]) -> Layout:
    """Spelled-out headings if they leave the renderings ``WIDE_ENOUGH`` columns (or
    as many as the longest needs), letters otherwise."""
    rows = [*(r.documents for r in view.renderings), view.paraphrased]
    digits = {d: max((len(str(r[d])) for r in rows if d in r), default=1) for d in documents}
    texts = [r.en for r in view.renderings] + ([PARAPHRASED] if view.paraphrased else [])
    longest = max((cell_len(t) for t in texts), default=0)
    need = min(max(longest, RENDERING_MIN), WIDE_ENOUGH)
    short = short_labels(documents)

    def fit(names: dict[str, str], keyed: bool) -> Layout:
        headings = {d: f"{OFFICIAL}{names[d]}" if d in official else names[d] for d in documents}
        widths = {d: max(cell_len(headings[d]), digits[d]) for d in documents}
        others = STATUS_WIDTH + sum(widths.values()) + 2 * PADDING * (len(documents) + 2)
        return Layout(headings, widths, width - SCROLLBAR - others, keyed)

    spelled = fit(short, keyed=False)
    if spelled.rendering >= need:
        return spelled
    keyed = fit({d: letter(i) for i, d in enumerate(documents)}, keyed=True)
    return Layout(keyed.headings, keyed.widths, max(keyed.rendering, RENDERING_MIN), True)


class RenderingsTable(DataTable[Text]):
    """One row per rendering (best first, as ``term_view`` orders them) and a last
    one for the occurrences a translation paraphrased away; one column per document
    that attests the term, official translations first and marked ★."""

    document_key: reactive[Content | None] = reactive(None)
    """What the lettered columns stand for; None when they are headed by name."""

    def __init__(self, *, id: str | None = None) -> None:
        # the rendering and its status stay in view when the documents scroll sideways
        super().__init__(id=id, cursor_type="row", fixed_columns=2)
        self.texts: list[str | None] = []  # the rendering on each row; None: paraphrased
        self._shown: tuple[TermView, Mapping[str, DocumentInfo]] | None = None
        self._width = 0  # the width the table was laid out for

    def show(
        self, view: TermView, documents: Mapping[str, DocumentInfo], selected: str | None
    ) -> None:
        """Fill the table for ``view``, the cursor back on the ``selected`` rendering."""
        self._shown = (view, documents)
        self._width = self.size.width
        official = {d for d in view.documents if d in documents and documents[d].official}
        # official translations first: they are what a preferred rendering is checked against
        attested = sorted(view.documents, key=lambda d: d not in official)
        layout = plan(self._width, view, attested, official)
        self.clear(columns=True)
        self.add_column(
            cell(f"Rendering ({OFFICIAL} official)"), key="rendering", width=layout.rendering
        )
        self.add_column(cell("Status"), key="status", width=STATUS_WIDTH)
        for document in attested:
            self.add_column(
                cell(layout.headings[document], justify="right"),
                key=f"doc:{document}",
                width=layout.widths[document],
            )
        self.texts = []
        for rendering in view.renderings:
            self.texts.append(rendering.en)
            self.add_row(
                cell(rendering.en, wrap=True),
                cell(rendering.status, STATUS_STYLES.get(rendering.status, "")),
                *[cell(rendering.documents.get(d, ""), justify="right") for d in attested],
                height=None,  # as many lines as the rendering wraps onto
            )
        if view.paraphrased:
            self.texts.append(None)
            self.add_row(
                cell(PARAPHRASED, "italic", wrap=True),
                cell(""),
                *[cell(view.paraphrased.get(d, ""), justify="right") for d in attested],
                height=None,
            )
        self.document_key = self._key(layout, attested) if layout.keyed else None
        if selected is not None and selected in self.texts:
            self.move_cursor(row=self.texts.index(selected), animate=False)

    def _key(self, layout: Layout, documents: list[str]) -> Content:
        """Each letter with the document's short name: ★A qiushi  B theorychina …"""
        short = short_labels(documents)
        return Content("  ").join(
            Content.assemble((layout.headings[d], "bold"), " ", short[d]) for d in documents
        )

    def on_resize(self, event: events.Resize) -> None:
        """Lay the table out again for its new width."""
        if self._shown is not None and event.size.width != self._width:
            self.show(*self._shown, self.selected)

    @property
    def selected(self) -> str | None:
        """The rendering under the cursor; None on the paraphrase row or when empty."""
        if not self.texts or not 0 <= self.cursor_row < len(self.texts):
            return None
        return self.texts[self.cursor_row]
