"""The competing renderings of one term side by side: renderings × documents, each
cell the number of times the document renders the term so."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import DataTable

from termbase.browse import DocumentInfo
from termbase.terms import TermView
from tui.text import cell

OFFICIAL = "★"
DOCUMENT_WIDTH = 12
STATUS_WIDTH = 10
RENDERING_WIDTH = 24  # at least; wider when there is room
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


class RenderingsTable(DataTable[Text]):
    """One row per rendering (best first, as ``term_view`` orders them) and a last
    one for the occurrences a translation paraphrased away; one column per document
    that attests the term, official translations marked ★."""

    def __init__(self, *, id: str | None = None) -> None:
        # the rendering and its status stay in view when the documents scroll sideways
        super().__init__(id=id, cursor_type="row", fixed_columns=2)
        self.texts: list[str | None] = []  # the rendering on each row; None: paraphrased

    def show(
        self, view: TermView, documents: Mapping[str, DocumentInfo], selected: str | None
    ) -> None:
        """Fill the table for ``view``, the cursor back on the ``selected`` rendering."""
        attested = view.documents
        official = {d for d in attested if d in documents and documents[d].official}
        # official translations first: they are what a preferred rendering is checked against
        attested.sort(key=lambda d: d not in official)
        short = short_labels(attested)
        labels = {d: f"{OFFICIAL}{short[d]}" if d in official else short[d] for d in attested}
        widths = {d: min(max(len(label), 3), DOCUMENT_WIDTH) for d, label in labels.items()}
        # the rendering takes what the other columns, their padding and the scrollbar leave
        room = self.size.width - 2 - 2 - (STATUS_WIDTH + 2) - sum(w + 2 for w in widths.values())
        self.clear(columns=True)
        self.add_column(
            cell(f"Rendering ({OFFICIAL} official)"),
            key="rendering",
            width=max(RENDERING_WIDTH, room),
        )
        self.add_column(cell("Status"), key="status", width=STATUS_WIDTH)
        for document in attested:
            self.add_column(
                cell(labels[document], justify="right"),
                key=f"doc:{document}",
                width=widths[document],
            )
        self.texts = []
        for rendering in view.renderings:
            self.texts.append(rendering.en)
            self.add_row(
                cell(rendering.en),
                cell(rendering.status, STATUS_STYLES.get(rendering.status, "")),
                *[cell(rendering.documents.get(d, ""), justify="right") for d in attested],
            )
        if view.paraphrased:
            self.texts.append(None)
            self.add_row(
                cell("(paraphrased, no rendering)", "italic"),
                cell(""),
                *[cell(view.paraphrased.get(d, ""), justify="right") for d in attested],
            )
        if selected is not None and selected in self.texts:
            self.move_cursor(row=self.texts.index(selected), animate=False)

    @property
    def selected(self) -> str | None:
        """The rendering under the cursor; None on the paraphrase row or when empty."""
        if not self.texts or not 0 <= self.cursor_row < len(self.texts):
            return None
        return self.texts[self.cursor_row]
