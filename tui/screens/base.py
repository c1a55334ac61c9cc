"""What every screen of the review app reaches through its app: the termbase, the
editor's name, the last export, and the one way to save. Screens see the app through
``ReviewHost``, the little of it they use, so that they need not import the app
module, which imports them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from services.store import Termbase
from tui.state import ExportChoice


class ReviewHost(Protocol):
    """The part of ``tui.app.ReviewApp`` the screens use."""

    termbase: Termbase
    editor: str
    saving: bool
    last_export: ExportChoice | None

    def save(self, change: Callable[[], str]) -> None: ...

    def remember_export(self, choice: ExportChoice) -> None: ...


class ReviewNode:
    """Typed access to the running ReviewApp (``self.app`` is typed as any App).

    A mixin to list *after* the Textual base class: Textual takes a widget's CSS type
    names from its first base, so ``class S(ReviewNode, Screen)`` would not match the
    ``Screen`` rules (and lose even the screen's background)."""

    @property
    def review(self) -> ReviewHost:
        return cast(ReviewHost, self.app)  # type: ignore[attr-defined]
