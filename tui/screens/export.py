"""Exporting the termbase from the app: a format, a file, a progress bar.

The dialog says before anything is written what the export will hold: how many
terms, and whether only approved ones or every candidate (counted in a worker, again
whenever a choice changes). Enter in the file field exports. The format, file and
choice of the last export are offered again, in this session and the next (``tui.state``).

The export runs in a worker thread (a large termbase takes a while) and can be
cancelled: the progress callback stops it, and ``export_file`` then leaves no partial
file behind. ``services.exchange`` (and the formats' code with it) is imported only
when an export starts (or a TMX export is counted), so that the review app keeps
working whatever state that code is in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker, get_current_worker

from records import TermQuery, TermStatus
from services.errors import TermbaseError
from services.formats import FORMATS, Format, Holds
from services.terms import count_terms
from tui.screens.base import ReviewNode
from tui.state import ExportChoice

if TYPE_CHECKING:
    from services.exchange import ExportOptions

# The formats offered, the terms' first: the app is for terms.
CHOICES = (Format.TBX, Format.TBX2, Format.TMX, Format.CSV, Format.OMEGAT)


def writes_memory(fmt: str) -> bool:
    """Whether ``fmt`` writes the memory's sentence pairs rather than terms."""
    return FORMATS[Format(fmt)].holds is Holds.UNITS


# What the one checkbox keeps, for terms and for the memory
# (services.exchange.ExportOptions.approved_only).
ONLY = {False: "Approved terms only", True: "Confident sentence pairs only"}
QUOTED = {False: "“Approved terms only”", True: "“Confident sentence pairs only”"}


def counted(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def terms_summary(counts: dict[str, int], approved_only: bool, document: str | None) -> Content:
    """What a terms export will write, from the number of terms of each status."""
    where = f" attested in {document}" if document else ""
    approved = counts.get(TermStatus.APPROVED, 0)
    candidates = counts.get(TermStatus.CANDIDATE, 0)
    rejected = counts.get(TermStatus.REJECTED, 0)
    total = approved + candidates + rejected
    if approved_only and not approved:
        return Content.assemble(
            ("Writes no term", "bold"),
            f": none{where} is approved yet. Untick {QUOTED[False]} to export "
            f"all {counted(total, 'term')}.",
        )
    if approved_only:
        return Content.assemble(
            "Writes ",
            (f"only the {counted(approved, 'approved term')}", "bold"),
            f"{where}, with the renderings decided on; leaves out "
            f"{candidates:,} not reviewed yet and {rejected:,} rejected.",
        )
    return Content.assemble(
        "Writes ",
        (f"all {counted(total, 'term')}", "bold"),
        f"{where}, whatever their status: ",
        (f"{candidates:,} not reviewed yet", "bold" if candidates else ""),
        f", {approved:,} approved, {rejected:,} rejected. For a CAT tool, tick {QUOTED[False]}.",
    )


def memory_summary(units: int, confident_only: bool, document: str | None) -> Content:
    """What a TMX export will write, from the number of units it reads."""
    where = f" of {document}" if document else ""
    pairs = f"up to {counted(units, 'sentence pair')}{where}"
    return Content.assemble(
        "Writes the translation memory, not the terms: ",
        (pairs, "bold"),
        ", only those aligned with confidence." if confident_only else ".",
    )


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
        self._format = "tbx"  # the format the file's suffix was chosen for

    def compose(self) -> ComposeResult:
        last = self.review.last_export
        if last is not None and last.format in CHOICES:
            self._format, path, approved = last.format, last.path, last.approved_only
        else:
            path = str(Path.cwd() / f"glossary{FORMATS[Format(self._format)].suffix}")
            approved = False
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Export"
            with Horizontal(classes="field"):
                yield Label("Format")
                yield Select(
                    [(Text(FORMATS[f].label), f.value) for f in CHOICES],
                    value=self._format,
                    allow_blank=False,
                    id="export-format",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("File")
                yield Input(path, id="export-path", compact=True)
            yield Checkbox(
                ONLY[writes_memory(self._format)],
                value=approved,
                id="export-approved",
                compact=True,
            )
            if self.document:
                yield Checkbox(
                    Content(f"Only {self.document}"), value=True, id="export-document", compact=True
                )
            yield Static("Counting…", id="export-summary")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(id="export-message")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-start", compact=True)
                yield Button("Close", id="export-close", compact=True)

    def on_mount(self) -> None:
        self._recount()

    # -- what it will export -------------------------------------------------------

    def _choices(self) -> tuple[str, bool, str | None]:
        """The format, whether approved (or confident) only, and the document."""
        only = self.document is not None and self.query_one("#export-document", Checkbox).value
        return (
            str(self.query_one("#export-format", Select).value),
            self.query_one("#export-approved", Checkbox).value,
            self.document if only else None,
        )

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        chosen = str(event.value)
        if chosen != self._format:  # a file named for the format chosen stays as named
            path = self.query_one("#export-path", Input)
            path.value = str(Path(path.value).with_suffix(FORMATS[Format(chosen)].suffix))
            self._format = chosen
        self.query_one("#export-approved", Checkbox).label = ONLY[writes_memory(chosen)]
        self._recount()

    @on(Checkbox.Changed)
    def _recount(self) -> None:
        self.query_one("#export-summary", Static).update(Content("Counting…"))
        self._count(*self._choices())

    @work(thread=True, exclusive=True, group="export-count")
    def _count(self, fmt: str, approved_only: bool, document: str | None) -> None:
        worker = get_current_worker()
        termbase = self.review.termbase
        try:
            if writes_memory(fmt):
                from services.exchange import ExportOptions, export_size

                options = ExportOptions(documents=(document,) if document else ())
                summary = memory_summary(
                    export_size(termbase, Format(fmt), options), approved_only, document
                )
            else:
                counts: dict[str, int] = {
                    status: count_terms(termbase, TermQuery(status=status, document=document))
                    for status in TermStatus
                }
                summary = terms_summary(counts, approved_only, document)
        except (TermbaseError, ImportError) as error:
            summary = Content(f"Cannot count what the export holds: {error}")
        if not worker.is_cancelled:
            self.app.call_from_thread(self.query_one("#export-summary", Static).update, summary)

    # -- exporting -----------------------------------------------------------------

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-start")
    def _start(self) -> None:
        from services.exchange import ExportOptions

        if self.worker is not None:
            return  # one export at a time; Enter again while it runs does nothing
        fmt, approved_only, document = self._choices()
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self._say("Type the file to write.")
            return
        options = ExportOptions(
            approved_only=approved_only, documents=(document,) if document else ()
        )
        target = Path(typed).expanduser()
        choice = ExportChoice(fmt, str(target.absolute()), approved_only)
        self.query_one("#export-start", Button).disabled = True
        self.query_one(ProgressBar).display = True
        self._say("Exporting…")
        self.worker = self._export(
            Format(fmt), target, options, choice, self.query_one(ProgressBar)
        )

    @work(thread=True, exclusive=True, group="export")
    def _export(
        self,
        fmt: Format,
        target: Path,
        options: ExportOptions,
        choice: ExportChoice,
        bar: ProgressBar,
    ) -> None:
        from services.exchange import export_file, export_size

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
        except (TermbaseError, OSError, ValueError) as error:
            self.app.call_from_thread(self._finished, f"Export failed: {error}", failed=True)
            return
        self.app.call_from_thread(bar.update, total=max(count, 1), progress=max(count, 1))
        what = counted(count, "sentence pair" if writes_memory(choice.format) else "term")
        self.app.call_from_thread(self._finished, f"Exported {what} to {target}", choice=choice)

    def _say(self, message: str) -> None:
        self.query_one("#export-message", Static).update(Content(message))

    def _finished(
        self, message: str, failed: bool = False, choice: ExportChoice | None = None
    ) -> None:
        self.worker = None
        self.query_one("#export-start", Button).disabled = False
        self._say(message)
        self.notify(message, severity="error" if failed else "information", markup=False)
        if choice is not None:
            self.review.remember_export(choice)

    @on(Button.Pressed, "#export-close")
    def action_cancel(self) -> None:
        """Close; an export still running is stopped and leaves no file."""
        if self.worker is not None:
            self.worker.cancel()
            self.notify("Export cancelled", markup=False)
        self.dismiss(None)
