"""The review app: a term list to search and filter, a term view to decide in.

Every editorial action is one transaction, run in a worker thread (a save can wait
for another writer's lock), logged under the editor's name, and refused when another
editor changed the term since it was loaded (the screens then reload, to show the
term as it is now). ``revision`` counts the saves, so that screens showing the
termbase reload after each one. The app also keeps the editor's
last export of the termbase, for the session and in a state file (``tui.state``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from services import review
from services.errors import TermbaseError, WriteConflict, first_line
from services.store import Termbase, public_url, termbase_name
from tui.screens.help import HelpScreen
from tui.screens.term_list import TermListScreen
from tui.state import ExportChoice, default_state_file, last_export, remember_export

Change = Callable[[], str]  # one action: calls its service, says what it did


class ReviewApp(App[None]):
    """Review the terms of ``termbase`` as ``editor``."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "glossary review"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "undo", "Undo"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    saving: reactive[bool] = reactive(False, bindings=True)
    revision: reactive[int] = reactive(0)

    def __init__(self, termbase: Termbase, editor: str, state_file: Path | None = None) -> None:
        """``state_file``: where to remember the last export between sessions (by
        default in the per-user state folder)."""
        super().__init__()
        self.termbase = termbase
        self.editor = editor
        self.state_file = state_file or default_state_file()
        self.last_export: ExportChoice | None = None  # of this termbase
        self._heap_frozen = False

    def on_mount(self) -> None:
        self.sub_title = f"{termbase_name(self.termbase.url)} · {self.editor}"
        self._recall_export()
        self.push_screen(TermListScreen())

    @property
    def termbase_key(self) -> str:
        """How the state file names this termbase: its URL, without a password."""
        return public_url(self.termbase.url)

    @work(thread=True, group="state")
    def _recall_export(self) -> None:
        remembered = last_export(self.state_file, self.termbase_key)
        if remembered is not None:
            self.call_from_thread(self._recalled, remembered)

    def _recalled(self, choice: ExportChoice) -> None:
        if self.last_export is None:  # an export of this session is newer
            self.last_export = choice

    def remember_export(self, choice: ExportChoice) -> None:
        """Offer ``choice`` at the next export, in this session and the next ones."""
        self.last_export = choice
        self._keep_export(choice)

    @work(thread=True, group="state")
    def _keep_export(self, choice: ExportChoice) -> None:
        try:
            remember_export(self.state_file, self.termbase_key, choice)
        except OSError:
            pass  # remembered for this session only

    def on_term_list_screen_page_shown(self) -> None:
        """Once the first page is on screen, set aside from the garbage collector the
        heap loaded so far: the pinyin, jieba and CLI modules leave some 300,000
        objects that live as long as the process, and every full collection would
        walk them all (about 100 ms, in the middle of a keystroke)."""
        if not self._heap_frozen:
            self._heap_frozen = True
            # no collection first: it would take as long, just when typing may start
            self.call_after_refresh(gc.freeze)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo" and self.saving:
            return None  # shown greyed out until the save in progress is done
        return True

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_undo(self) -> None:
        def undo() -> str:
            undone = review.undo(self.termbase, self.editor)
            return f"Undone: {undone.action} of {undone.term}"

        self.save(undo)

    def save(self, change: Change) -> None:
        """Run ``change`` (a service of ``services.review``, which saves in a
        transaction of its own) off the UI thread; one at a time, so that an action
        never races the reload of the one before."""
        self.saving = True
        self._save(change)

    @work(thread=True, group="save")
    def _save(self, change: Change) -> None:
        try:
            message = change()
        except WriteConflict as error:
            # The editor decided on a term someone else has changed since: nothing is
            # saved, and the screens re-read it, so the editor decides again on it.
            self.call_from_thread(self._conflicted, _conflict_message(error))
        except (TermbaseError, ValueError) as error:
            self.call_from_thread(self._saved, f"Not saved: {first_line(error)}", failed=True)
        else:
            self.call_from_thread(self._saved, message)

    def _saved(self, message: str, failed: bool = False) -> None:
        self.saving = False
        if failed:
            self.notify(message, title="Not saved", severity="error", timeout=12, markup=False)
        else:
            self.notify(message, markup=False)
            self.revision += 1

    def _conflicted(self, message: str) -> None:
        """Say what happened, and reload every screen (``revision``) to show the term
        as the other editor left it."""
        self._saved(message, failed=True)
        self.revision += 1


def _conflict_message(error: WriteConflict) -> str:
    return f"{first_line(error)}; nothing was saved. The term is shown as it is now: decide again"
