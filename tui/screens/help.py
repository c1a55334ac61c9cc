"""Help: every key of the screen below (the footer has room for only some at 80
columns) and what the app does with a decision."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

ABOUT = (
    "Enter opens the term under the cursor, Esc goes back. Every action is saved at "
    "once and logged under your name, with the value before and after. If another "
    "editor changed the term since you opened it, nothing is saved: ^r reloads it. "
    "u undoes your last action (and logs the undo).\n"
    "# counts the renderings still competing; an italic one leads but is not preferred "
    "yet. ^p opens the command palette (light and dark themes)."
)
COLUMN = 29  # two columns of keys fit the dialog


def _declared_keys(cls: type) -> set[str]:
    """Keys bound by the BINDINGS of ``cls`` and its bases, Textual's own classes
    (their tab, copy, quit…) left out."""
    found: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__.split(".")[0] == "textual":
            continue
        for binding in klass.__dict__.get("BINDINGS", []):
            keys = binding.key if isinstance(binding, Binding) else binding[0]
            found.update(key.strip() for key in keys.split(","))
    return found


class HelpScreen(ModalScreen[None]):
    """The keys of ``below`` (the screen help was asked on) and the app's."""

    CSS_PATH = Path(__file__).with_name("modal.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.keys = self._keys(below)

    def _keys(self, below: Screen) -> list[tuple[str, str]]:
        """The keys the screen's and the app's own classes bind (not Textual's usual
        ones, tab or copy, nor a focused widget's cursor keys)."""
        ours = {(node, key) for node in (below, self.app) for key in _declared_keys(type(node))}
        keys: dict[str, str] = {}
        for key, active in below.active_bindings.items():
            if (active.node, key) in ours and active.binding.description:
                keys.setdefault(
                    self.app.get_key_display(active.binding), active.binding.description
                )
        return list(keys.items())

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help") as dialog:
            dialog.border_title = "Keys"
            width = max((len(key) for key, _ in self.keys), default=0)
            entries = [
                Content.assemble(
                    (key.rjust(width), "bold $text-accent"), " ", description
                ).pad_right(COLUMN - width - 1 - len(description))
                for key, description in self.keys
            ]
            half = (len(entries) + 1) // 2
            yield Static(
                Content("\n").join(
                    left + (entries[half + row] if half + row < len(entries) else Content(""))
                    for row, left in enumerate(entries[:half])
                )
            )
            yield Static(Content(ABOUT), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
