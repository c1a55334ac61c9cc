"""A small modal form: a few labelled fields, Save and Cancel. The term view uses it
to edit a term, its note and definition, and to add a rendering."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

Values = dict[str, str]


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""


class FormScreen(ModalScreen[Values | None]):
    """Returns the fields' values (stripped) on Save, None on Cancel. ``validate``
    may return a message, which keeps the form open with the message shown."""

    CSS_PATH = Path(__file__).with_name("modal.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        validate: Callable[[Values], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.validate = validate

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = Content(self.title_text)
            for field in self.fields:
                with Horizontal(classes="field"):
                    yield Label(Content(field.label))
                    yield Input(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{field.name}",
                        select_on_focus=False,
                        compact=True,
                    )
            yield Static(id="form-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def values(self) -> Values:
        return {
            f.name: self.query_one(f"#field-{f.name}", Input).value.strip() for f in self.fields
        }

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field, and saves from the last."""
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            inputs[inputs.index(event.input) + 1].focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = self.values()
        problem = self.validate(values) if self.validate else None
        if problem:
            self.query_one("#form-error", Static).update(Content(problem))
            return
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
