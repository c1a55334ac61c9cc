"""The head of the term view: the term, its traditional form, pinyin and status, and
the editor's definition and note."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from records import TermView

STATUS_STYLES = {"approved": "bold $text-success", "rejected": "bold $text-error"}


class TermSummary(Static):
    """Three lines: the term, its definition, its note (n edits the last two)."""

    def show(self, view: TermView) -> None:
        heading = Content.assemble(
            (view.zh, "bold"),
            "  ",
            view.traditional or "",
            "  ",
            (view.pinyin or "", "italic"),
            "  ",
            (view.status, STATUS_STYLES.get(view.status, "bold")),
            "  ",  # plain: a styled span would lose its leading spaces
            ("frequency ", "$text-muted"),
            str(view.frequency),
            "  ",
            ("rank ", "$text-muted"),
            str(view.rank) if view.rank is not None else "–",
        )
        lines = [heading]
        for label, value in (("Definition", view.definition), ("Note", view.note)):
            lines.append(
                Content.assemble(
                    (f"{label}: ", "$text-muted"), value or ("none", "italic $text-muted")
                )
            )
        self.update(Content("\n").join(lines))
