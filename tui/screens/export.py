"""Exporting the termbase from the app: a format, a file, a progress bar.

The export runs in a worker thread (a large termbase takes a while) and can be
cancelled: the progress callback stops it, and ``export_file`` then leaves no partial
file behind. ``exports`` is imported only when an export starts, so that the review
app keeps working whatever state that package is in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, get_current_worker

from termbase import TermbaseError
from termbase.browse import TermQuery
from tui.screens.base import ReviewNode

if TYPE_CHECKING:
    from exports.exchange import ExportOptions, Format

# The formats of exports.exchange.Format, with the suffix a file of each gets.
FORMATS = {"tbx": ".tbx", "tbx2": ".tbx", "tmx": ".tmx", "csv": ".csv", "omegat": ".txt"}
LABELS = {
    "tbx": "TBX-Basic (TBX v3)",
    "tbx2": "TBX v2 (martif)",
    "tmx": "TMX: the memory",
    "csv": "CSV glossary",
    "omegat": "OmegaT glossary",
}


class Cancelled(Exception):
    """Raised from the progress callback to stop an export the editor cancelled."""


class ExportScreen(ModalScreen[None], ReviewNode):
    """Export terms (or the memory, for TMX), optionally only approved ones and only
    the document the list is filtered on."""

    CSS_PATH = Path(__file__).with_name("modal.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, query: TermQuery) -> None:
        super().__init__()
        self.document = query.document
        self.worker: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Export"
            with Horizontal(classes="field"):
                yield Label("Format")
                yield Select(
                    [(Text(LABELS[f]), f) for f in FORMATS],
                    value="tbx",
                    allow_blank=False,
                    id="export-format",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("File")
                yield Input(str(Path.cwd() / "glossary.tbx"), id="export-path", compact=True)
            yield Checkbox("Approved terms only", id="export-approved", compact=True)
            if self.document:
                yield Checkbox(
                    Content(f"Only {self.document}"), value=True, id="export-document", compact=True
                )
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(id="export-message")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-start", compact=True)
                yield Button("Close", id="export-close", compact=True)

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        path.value = str(Path(path.value).with_suffix(FORMATS[str(event.value)]))

    @on(Button.Pressed, "#export-start")
    def _start(self) -> None:
        from exports.exchange import ExportOptions, Format

        only = self.document is not None and self.query_one("#export-document", Checkbox).value
        documents = (self.document,) if only else ()
        options = ExportOptions(
            approved_only=self.query_one("#export-approved", Checkbox).value, documents=documents
        )
        target = Path(self.query_one("#export-path", Input).value).expanduser()
        self.query_one("#export-start", Button).disabled = True
        self.query_one(ProgressBar).display = True
        self._say("Exporting…")
        fmt = Format(self.query_one("#export-format", Select).value)
        self.worker = self._export(fmt, target, options, self.query_one(ProgressBar))

    @work(thread=True, exclusive=True, group="export")
    def _export(self, fmt: Format, target: Path, options: ExportOptions, bar: ProgressBar) -> None:
        from exports.exchange import export_file, export_size

        worker = get_current_worker()
        try:
            total = export_size(self.review.termbase, fmt, options)
            self.app.call_from_thread(bar.update, total=total, progress=0)

            def progress(done: int) -> None:
                if worker.is_cancelled:
                    raise Cancelled
                self.app.call_from_thread(bar.update, progress=done)

            count = export_file(self.review.termbase, fmt, target, options, progress=progress)
        except Cancelled:
            return
        except (TermbaseError, SQLAlchemyError, OSError, ValueError) as error:
            self.app.call_from_thread(self._finished, f"Export failed: {error}", failed=True)
            return
        self.app.call_from_thread(bar.update, total=max(count, 1), progress=max(count, 1))
        self.app.call_from_thread(self._finished, f"Exported {count:,} to {target}")

    def _say(self, message: str) -> None:
        self.query_one("#export-message", Static).update(Content(message))

    def _finished(self, message: str, failed: bool = False) -> None:
        self.worker = None
        self.query_one("#export-start", Button).disabled = False
        self._say(message)
        self.notify(message, severity="error" if failed else "information", markup=False)

    @on(Button.Pressed, "#export-close")
    def action_cancel(self) -> None:
        """Close; an export still running is stopped and leaves no file."""
        if self.worker is not None:
            self.worker.cancel()
            self.notify("Export cancelled", markup=False)
        self.dismiss(None)
