"""The concordance: the sentence pairs in which a rendering renders the term, the
term highlighted in the Chinese and the rendering in the English."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from records import DocumentInfo
from tui.text import highlighted

TERM_STYLE = "bold underline $text-accent"
RENDERING_STYLE = "bold underline $text-primary"


class Concordance(VerticalScroll):
    """Scrolls through the contexts of the rendering selected in the table above."""

    def compose(self) -> ComposeResult:
        yield Static(id="concordance-text")

    def show(
        self,
        forms: Sequence[str | None],
        rendering: str | None,
        contexts: Sequence[dict],
        documents: Mapping[str, DocumentInfo],
    ) -> None:
        """``forms``: the term as it may appear in Chinese (simplified, traditional)."""
        self.border_title = Content(f"Concordance: {rendering}" if rendering else "Concordance")
        if not contexts:
            message = (
                "No sentence pairs for this rendering."
                if rendering
                else ("Select a rendering to see its sentence pairs.")
            )
            self.query_one(Static).update(Content(message).stylize("italic"))
            return
        parts: list[Content] = []
        for context in contexts:
            document = context.get("document") or ""
            info = documents.get(document)
            source = f"{document} ★ official" if info and info.official else document
            parts.append(Content(source).stylize("$text-muted"))
            if context.get("zh"):
                parts.append(highlighted(context["zh"], forms, TERM_STYLE))
            if context.get("en"):
                parts.append(highlighted(context["en"], [rendering], RENDERING_STYLE))
            parts.append(Content(""))
        self.query_one(Static).update(Content("\n").join(parts[:-1]))
        self.scroll_home(animate=False)
