"""The term view: one term, its competing renderings side by side, the sentence pairs
behind the selected one, and the editor's decisions on them.

Each action acts on the version of the term on screen: if another editor changed the
term since, the save is refused (see ``ReviewApp.save``) and ctrl+r shows their
change. After every save the view reloads, so the version moves on with it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from records import DocumentInfo, TermRow, TermView
from services import review as decisions
from services.errors import TermbaseError
from services.terms import documents, term_view
from tui.screens.base import ReviewNode
from tui.screens.form import Field, FormScreen, Values
from tui.screens.merge import MergeScreen
from tui.widgets.concordance import Concordance
from tui.widgets.renderings_table import RenderingsTable
from tui.widgets.term_summary import TermSummary

CONTEXTS = 20  # sentence pairs per rendering in the concordance
SEARCH = "search"  # what the screen returns when the editor asked to search
Action = Callable[[TermView], str]  # calls a service on the term as shown, says what it did


class TermScreen(Screen[str | None], ReviewNode):
    """One term, by id. Dismissed with ``SEARCH`` when the editor pressed /."""

    CSS_PATH = Path(__file__).with_name("term.tcss")
    AUTO_FOCUS = "#renderings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", "Approve"),
        Binding("d", "deprecate", "Deprecate"),
        Binding("r", "reject", "Reject"),
        Binding("e", "edit", "Edit"),
        Binding("n", "note", "Note"),
        Binding("plus", "add", "Add", key_display="+"),
        Binding("m", "merge", "Merge"),
        Binding("escape", "back", "Back", show=False),
        Binding("slash", "search", "Search", key_display="/", show=False),
        Binding("ctrl+r", "reload", "Reload", show=False),
    ]
    DECISIONS = frozenset({"approve", "deprecate", "reject", "edit", "note", "add", "merge"})

    def __init__(self, term_id: int) -> None:
        super().__init__()
        self.term_id = term_id
        self.view: TermView | None = None
        self.documents: dict[str, DocumentInfo] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield TermSummary("Loading…", id="summary")
        yield Static(id="document-key")
        yield RenderingsTable(id="renderings")
        yield Concordance(id="concordance")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._load()
        self.watch(self.app, "revision", self.action_reload, init=False)
        self.watch(self.query_one(RenderingsTable), "document_key", self._show_key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.DECISIONS and (self.view is None or self.review.saving):
            return None  # greyed out while the term loads or a save is under way
        return True

    # -- loading -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="term")
    def _load(self) -> None:
        termbase = self.review.termbase
        try:
            view = term_view(termbase, self.term_id, contexts=CONTEXTS)
            found = documents(termbase)
        except TermbaseError as error:
            self.app.call_from_thread(
                self.notify, f"Cannot read the term: {error}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._show, view, found)

    def _show(self, view: TermView | None, found: list[DocumentInfo]) -> None:
        if view is None:
            self.notify("That term no longer exists (merged or deleted).", severity="warning")
            self.dismiss(None)
            return
        table = self.query_one(RenderingsTable)
        selected = table.selected
        self.view = view
        self.documents = {d.id: d for d in found}
        self.query_one(TermSummary).show(view)
        table.show(view, self.documents, selected)
        self._show_concordance()
        self.refresh_bindings()

    def _show_key(self, key: Content | None) -> None:
        """The documents the table's lettered columns stand for, when it letters them."""
        document_key = self.query_one("#document-key", Static)
        document_key.update(key or "")
        document_key.display = key is not None

    @on(DataTable.RowHighlighted, "#renderings")
    def _show_concordance(self) -> None:
        if self.view is None:
            return
        rendering = self.query_one(RenderingsTable).selected
        contexts = next((r.contexts for r in self.view.renderings if r.en == rendering), [])
        self.query_one(Concordance).show(
            (self.view.zh, self.view.traditional), rendering, contexts, self.documents
        )

    # -- decisions -----------------------------------------------------------------

    def _save(self, action: Action) -> None:
        view = self.view
        if view is not None:
            self.review.save(lambda: action(view))

    def _rendering(self, verb: str) -> str | None:
        rendering = self.query_one(RenderingsTable).selected
        if rendering is None:
            self.notify(f"Select a rendering to {verb} first.", severity="warning")
        return rendering

    def action_approve(self) -> None:
        if self.view is None:
            return
        rendering = self.query_one(RenderingsTable).selected
        if rendering is None and self.view.renderings:
            self.notify("Select the rendering to approve first.", severity="warning")
            return

        def approve(view: TermView) -> str:
            decisions.approve(
                self.review.termbase, view.id, rendering, self.review.editor, view.version
            )
            return f"Approved {view.zh}" + (f": {rendering}" if rendering else "")

        self._save(approve)

    def action_deprecate(self) -> None:
        rendering = self._rendering("deprecate")
        if rendering is None:
            return

        def deprecate(view: TermView) -> str:
            decisions.deprecate(
                self.review.termbase, view.id, rendering, self.review.editor, view.version
            )
            return f"Deprecated {rendering}"

        self._save(deprecate)

    def action_reject(self) -> None:
        def reject(view: TermView) -> str:
            decisions.reject(self.review.termbase, view.id, self.review.editor, view.version)
            return f"Rejected {view.zh}"

        self._save(reject)

    def action_edit(self) -> None:
        if self.view is None:
            return
        rendering = self.query_one(RenderingsTable).selected
        fields = [
            Field("simplified", "Term (simplified)", self.view.zh),
            Field("traditional", "Traditional", self.view.traditional or ""),
            Field("pinyin", "Pinyin (tone marks)", self.view.pinyin or "", "kējì qiángguó"),
        ]
        if rendering is not None:
            fields.append(Field("rendering", "Rendering", rendering))
        self.app.push_screen(
            FormScreen(f"Edit {self.view.zh}", fields, _check_edit),
            lambda values: self._edited(values, rendering),
        )

    def _edited(self, values: Values | None, rendering: str | None) -> None:
        if values is None or self.view is None:
            return
        view = self.view
        changes: dict[str, str | None] = {}
        if values["simplified"] != view.zh:
            changes["simplified"] = values["simplified"]
        if values["traditional"] != (view.traditional or ""):
            changes["traditional"] = values["traditional"] or None
        if values["pinyin"] != (view.pinyin or ""):
            changes[decisions.PINYIN] = values["pinyin"] or None
        renamed = (
            (rendering, values["rendering"])
            if rendering and values["rendering"] != rendering
            else None
        )
        if not changes and renamed is None:
            self.notify("Nothing changed.")
            return

        def edit(view: TermView) -> str:
            edited = decisions.edit(
                self.review.termbase,
                view.id,
                changes,
                self.review.editor,
                view.version,
                rendering=renamed,
            )
            renaming = ["rendering"] if renamed else []
            return f"Saved {view.zh}: " + ", ".join([*edited.fields, *renaming])

        self._save(edit)

    def action_note(self) -> None:
        if self.view is None:
            return
        fields = [
            Field("definition", "Definition", self.view.definition or ""),
            Field("note", "Note", self.view.note or ""),
        ]
        self.app.push_screen(
            FormScreen(f"Definition and note of {self.view.zh}", fields), self._noted
        )

    def _noted(self, values: Values | None) -> None:
        if values is None or self.view is None:
            return
        changes = {
            name: value or None
            for name, value in values.items()
            if value != (getattr(self.view, name) or "")
        }
        if not changes:
            self.notify("Nothing changed.")
            return

        def note(view: TermView) -> str:
            decisions.edit(
                self.review.termbase,
                view.id,
                changes,
                self.review.editor,
                view.version,
                action="note",
            )
            return f"Saved the {' and '.join(changes)} of {view.zh}"

        self._save(note)

    def action_add(self) -> None:
        if self.view is None:
            return
        self.app.push_screen(
            FormScreen(
                f"Add a rendering of {self.view.zh}",
                [Field("rendering", "Rendering")],
                lambda values: None if values["rendering"] else "Type the rendering.",
            ),
            self._added,
        )

    def _added(self, values: Values | None) -> None:
        if values is None:
            return
        text = values["rendering"]

        def add(view: TermView) -> str:
            decisions.add_rendering(
                self.review.termbase, view.id, text, self.review.editor, view.version
            )
            return f"Added {text}"

        self._save(add)

    def action_merge(self) -> None:
        if self.view is None:
            return
        self.app.push_screen(MergeScreen(self.view), self._merge)

    def _merge(self, duplicate: TermRow | None) -> None:
        if duplicate is None:
            return

        def merge(view: TermView) -> str:
            decisions.merge(
                self.review.termbase,
                view.id,
                duplicate.id,
                self.review.editor,
                view.version,
                duplicate.version,
            )
            return f"Merged {duplicate.simplified} into {view.zh}"

        self._save(merge)

    # -- navigation ----------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_search(self) -> None:
        self.dismiss(SEARCH)

    def action_reload(self) -> None:
        self._load()


def _check_edit(values: Values) -> str | None:
    """Why the edit form cannot be saved as it is, if it cannot."""
    if not values["simplified"]:
        return "The term cannot be empty."
    if "rendering" in values and not values["rendering"]:
        return "The rendering cannot be empty (d deprecates it instead)."
    if values["pinyin"]:
        try:
            decisions.pinyin_changes(values["pinyin"])
        except ValueError as error:
            return str(error)
    return None
