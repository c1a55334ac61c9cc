"""The term list's table: one page of terms at a time, drawn with Textual's Line API.

A new page comes with every search keystroke, so drawing it has to be cheap: a
DataTable measures and renders every cell through Rich (some 30 ms a page, a third of
the keystroke budget), while this widget draws only the lines on screen, straight to
segments. Moving the cursor past either end asks the screen for the next or previous
page instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from records import SortKey, TermRow


@dataclass(frozen=True)
class Column:
    sort: SortKey  # what clicking the header sorts by
    label: str
    width: int  # at 80 columns; the rendering column takes what is left
    right: bool = False


COLUMNS = (
    Column(SortKey.TERM, "Term", 12),
    Column(SortKey.PINYIN, "Pinyin", 16),
    Column(SortKey.RANK, "Rendering", 0),
    Column(SortKey.RENDERINGS, "#", 2, right=True),
    Column(SortKey.STATUS, "Status", 9),
    Column(SortKey.FREQUENCY, "Freq", 5, right=True),
)
PADDING = 1  # blank cells either side of each column
STATUS_STYLES = {"approved": Style(bold=True), "rejected": Style(dim=True, strike=True)}
UNDECIDED = Style(italic=True)  # a rendering that leads but is not preferred yet


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells (wide characters count two), cut with an
    ellipsis where too long."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else set_cell_size(text, width)
    return " " * (width - cell_len(text)) + text if right else set_cell_size(text, width)


class TermTable(ScrollView, can_focus=True):
    """Terms with their pinyin, preferred (or leading) rendering, number of competing
    renderings, status and frequency. The header is the first line and stays put."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page_cursor(-1)", "Page up", show=False),
        Binding("pagedown", "page_cursor(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "term-table--header",
        "term-table--cursor",
        "term-table--odd-row",
    }

    cursor_row: reactive[int] = reactive(0, always_update=True)

    class RowSelected(Message):
        """Enter (or a click on the current row) on a term."""

        def __init__(self, row: TermRow) -> None:
            super().__init__()
            self.row = row

    class HeaderClicked(Message):
        def __init__(self, sort: SortKey) -> None:
            super().__init__()
            self.sort = sort

    class EdgeReached(Message):
        """The cursor was moved past the last row (``step=1``) or the first (``-1``)."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows_shown: list[TermRow] = []
        self._sort = (SortKey.RANK, False)

    # -- content -------------------------------------------------------------------

    def show(self, rows: Sequence[TermRow], sort: tuple[SortKey, bool], cursor: int = 0) -> None:
        """Show a page of rows with the cursor on row ``cursor`` (clamped)."""
        self.rows_shown = list(rows)
        self._sort = sort
        self.virtual_size = Size(self.size.width, len(self.rows_shown) + 1)
        # always_update: the watcher runs, and refreshes, even when the row is unchanged
        self.cursor_row = max(0, min(cursor, len(self.rows_shown) - 1))

    @property
    def current(self) -> TermRow | None:
        """The term under the cursor."""
        if not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def widths(self) -> list[int]:
        """Column widths for the table's width: fixed ones, with the room beyond 80
        columns going mostly to the rendering."""
        usable = max(self.size.width, 80) - 2 - 2 * PADDING * len(COLUMNS)  # 2: the scrollbar
        widths = [c.width for c in COLUMNS]
        extra = max(usable - sum(widths), 0)
        widths[0] += extra // 8
        widths[1] += extra // 8
        widths[2] = usable - sum(widths)
        return widths

    def watch_cursor_row(self, row: int) -> None:
        """Keep the cursor's line in view (line 0 is the header)."""
        visible = max(self.scrollable_content_region.height - 1, 1)
        top = self.scroll_offset.y
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False)
        self.refresh()

    # -- drawing -------------------------------------------------------------------

    def _line(self, cells: list[tuple[str, Style]], base: Style) -> Strip:
        segments = []
        for text, style in cells:
            segments.append(Segment(" " * PADDING + text + " " * PADDING, base + style))
        return Strip(segments).extend_cell_length(self.size.width, base).crop(0, self.size.width)

    def _header(self) -> Strip:
        key, descending = self._sort
        arrow = " ▼" if descending else " ▲"
        # rank is the order by default, shown by no arrow (the status line names it)
        cells = [
            (
                fit(
                    column.label + (arrow if column.sort is key is not SortKey.RANK else ""),
                    width,
                    column.right,
                ),
                Style(),
            )
            for column, width in zip(COLUMNS, self.widths(), strict=True)
        ]
        return self._line(cells, self.get_component_rich_style("term-table--header"))

    def _row(self, index: int) -> Strip:
        row = self.rows_shown[index]
        if index == self.cursor_row:
            base = self.get_component_rich_style("term-table--cursor")
        elif index % 2:
            base = self.get_component_rich_style("term-table--odd-row")
        else:
            base = self.rich_style
        values = [
            (row.simplified, Style()),
            (row.pinyin or "", Style()),
            (row.rendering or "", Style() if row.decided else UNDECIDED),
            (str(row.competing), Style()),
            (row.status, STATUS_STYLES.get(row.status, Style())),
            (str(row.frequency), Style()),
        ]
        cells = [
            (fit(text, width, column.right), style)
            for (text, style), column, width in zip(values, COLUMNS, self.widths(), strict=True)
        ]
        return self._line(cells, base)

    def render_line(self, y: int) -> Strip:
        if y == 0:
            return self._header()
        index = self.scroll_offset.y + y - 1
        if index >= len(self.rows_shown):
            return Strip.blank(self.size.width, self.rich_style)
        return self._row(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows_shown) + 1)

    def on_focus(self) -> None:
        self.refresh()  # the cursor's colours follow the focus (see term_list.tcss)

    def on_blur(self) -> None:
        self.refresh()

    # -- keys and mouse --------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        target = self.cursor_row + step
        if self.rows_shown and 0 <= target < len(self.rows_shown):
            self.cursor_row = target
        else:
            self.post_message(self.EdgeReached(step))

    def action_page_cursor(self, step: int) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        self.cursor_row = max(0, min(self.cursor_row + step * visible, len(self.rows_shown) - 1))

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = max(len(self.rows_shown) - 1, 0)

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.RowSelected(self.current))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = 0
            for column, width in zip(COLUMNS, self.widths(), strict=True):
                x += width + 2 * PADDING
                if event.x < x:
                    self.post_message(self.HeaderClicked(column.sort))
                    return
            return
        index = self.scroll_offset.y + event.y - 1
        if 0 <= index < len(self.rows_shown):
            if index == self.cursor_row:
                self.action_select()
            self.cursor_row = index
