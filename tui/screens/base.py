"""What every screen of the review app reaches through its app: the termbase, the
editor's name, and the one way to save."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from tui.app import ReviewApp


class ReviewNode:
    """Typed access to the running ReviewApp (``self.app`` is typed as any App).

    A mixin to list *after* the Textual base class: Textual takes a widget's CSS type
    names from its first base, so ``class S(ReviewNode, Screen)`` would not match the
    ``Screen`` rules (and lose even the screen's background)."""

    @property
    def review(self) -> ReviewApp:
        return cast("ReviewApp", self.app)  # type: ignore[attr-defined]
