"""Choosing the duplicate to merge into the term on screen: search as in the term
list, pick one with Enter."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from records import TermQuery, TermRow, TermView
from services.errors import TermbaseError
from services.terms import term_page
from tui.screens.base import ReviewNode
from tui.search import term_search

CHOICES = 20


class MergeScreen(ModalScreen[TermRow | None], ReviewNode):
    """Returns the term to merge into ``keep`` (it will be deleted), or None."""

    CSS_PATH = Path(__file__).with_name("modal.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, keep: TermView) -> None:
        super().__init__()
        self.keep = keep
        self.choices: list[TermRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = Content(f"Merge a duplicate into {self.keep.zh}")
            yield Static(
                Content(
                    "The duplicate's renderings and evidence move to this term, and the "
                    "duplicate is deleted (u undoes it)."
                ),
                classes="hint",
            )
            yield Input(
                placeholder="Find the duplicate: 中文, pinyin or English",
                id="merge-search",
                compact=True,
            )
            yield OptionList(id="merge-choices")

    @on(Input.Changed, "#merge-search")
    def _search(self, event: Input.Changed) -> None:
        self._find(event.value)

    @on(Input.Submitted, "#merge-search")
    def _to_choices(self) -> None:
        self.query_one(OptionList).focus()

    @work(thread=True, exclusive=True, group="merge-search")
    def _find(self, text: str) -> None:
        search = term_search(text)
        if not search:
            self.app.call_from_thread(self._show, [])
            return
        try:
            rows = term_page(self.review.termbase, TermQuery(search=search), 0, CHOICES + 1)
        except TermbaseError as error:
            self.app.call_from_thread(
                self.notify, f"Cannot search: {error}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._show, [r for r in rows if r.id != self.keep.id][:CHOICES])

    def _show(self, rows: list[TermRow]) -> None:
        self.choices = rows
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(
                    Text.assemble(
                        (row.simplified, "bold"),
                        "  ",
                        row.pinyin or "",
                        "  ",
                        (row.rendering or "", "italic"),
                        f"  ({row.status})",
                    )
                )
                for row in rows
            ]
        )
        if rows:
            options.highlighted = 0  # Enter takes the best match

    @on(OptionList.OptionSelected, "#merge-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
