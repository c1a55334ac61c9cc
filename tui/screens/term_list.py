"""The term list: search as you type, filter by status and document, sort, and page
through any number of terms.

Only the page on screen is ever loaded (``services.terms``). Loading runs in a
worker thread, at most one at a time: what the editor asks for while a page loads
(more keystrokes, another sort) is remembered, and the newest request is loaded as
soon as the running one is shown. So fast typing costs one query per pause, slow
typing shows every keystroke's result, and no queue of stale queries builds up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Select, Static

from records import DocumentInfo, SortKey, TermQuery, TermRow, TermStatus
from services.errors import TermbaseError
from services.terms import count_terms, documents, term_page, warm_up
from tui.screens.base import ReviewNode
from tui.screens.export import ExportScreen
from tui.screens.term import SEARCH, TermScreen
from tui.search import term_search
from tui.widgets.term_table import TermTable

# Rows per page: two or three screenfuls. Every keystroke fetches a whole page (the
# rows and a summary of their renderings), so rows beyond the screen cost query time.
PAGE_SIZE = 50
# The total is counted once the editor stops typing for this long: counting every
# match costs as much as finding the first page, and would slow the next keystroke.
COUNT_DELAY = 0.3
SORT_ORDER = (
    SortKey.RANK,
    SortKey.TERM,
    SortKey.PINYIN,
    SortKey.RENDERINGS,
    SortKey.STATUS,
    SortKey.FREQUENCY,
)
# Sorts whose first click shows the most first.
DESCENDING_FIRST = frozenset({SortKey.RENDERINGS, SortKey.FREQUENCY})
ALL = ""  # the filter value that filters nothing


@dataclass(frozen=True)
class ListRequest:
    """What the list should show: the query (from the search text as typed) and where
    in its results."""

    text: str
    query: TermQuery
    offset: int = 0


class TermListScreen(Screen[None], ReviewNode):
    """Every term, a page at a time."""

    class PageShown(Message):
        """A page of results is in the table; it paints on the next refresh. The app
        waits for the first one, the benchmark times keystrokes by them."""

        def __init__(self, request: ListRequest) -> None:
            super().__init__()
            self.request = request

    CSS_PATH = Path(__file__).with_name("term_list.tcss")
    AUTO_FOCUS = "#terms"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", key_display="/"),
        Binding("escape", "leave_search", "Leave search", show=False),
        Binding("s", "sort", "Sort"),
        Binding("o", "reverse", "Reverse order", show=False),
        Binding("f", "cycle_status", "Status"),
        Binding("F", "cycle_document", "Document"),
        Binding("right_square_bracket", "page(1)", "Next page", key_display="]"),
        Binding("left_square_bracket", "page(-1)", "Previous page", key_display="[", show=False),
        Binding("x", "export", "Export"),
        Binding("ctrl+r", "reload", "Reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.request = ListRequest("", TermQuery())
        self.shown: ListRequest | None = None  # what the table shows now
        self.total: int | None = None  # of the query shown; None until counted
        self._loading = False
        self._counted: TermQuery | None = None
        self._count_timer: Timer | None = None
        self._choices: dict[str, list[str]] = {
            "status": [ALL, *(s.value for s in TermStatus)],
            "document": [ALL],
        }

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Input(
                placeholder="Search: 中文, pinyin or English  (/)", id="search", compact=True
            )
            yield Select(
                [(Text("All statuses"), ALL), *[(Text(s.value), s.value) for s in TermStatus]],
                value=ALL,
                allow_blank=False,
                id="status",
                compact=True,
            )
            yield Select(
                [(Text("All documents"), ALL)],
                value=ALL,
                allow_blank=False,
                id="document",
                compact=True,
            )
        yield TermTable(id="terms")
        yield Static(id="list-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._load_documents()
        self._load()
        self.watch(self.app, "revision", self._reload, init=False)

    # -- loading -------------------------------------------------------------------

    def _ask(self, request: ListRequest) -> None:
        self.request = request
        if self._count_timer is not None:
            self._count_timer.stop()
        self._load()

    def _load(self) -> None:
        if not self._loading:
            self._loading = True
            self._load_page(self.request)

    @work(thread=True, group="page")
    def _load_page(self, request: ListRequest) -> None:
        try:
            rows = term_page(self.review.termbase, request.query, request.offset, PAGE_SIZE)
        except TermbaseError as error:
            self.app.call_from_thread(self._failed, error)
        else:
            self.app.call_from_thread(self._show, request, rows)

    def _failed(self, error: Exception) -> None:
        self._loading = False
        self.notify(f"Cannot read the termbase: {error}", severity="error", markup=False)

    def _show(self, request: ListRequest, rows: list[TermRow]) -> None:
        self._loading = False
        table = self.query_one(TermTable)
        previous = table.current
        cursor = table.cursor_row
        if self.shown is None or self.shown.query != request.query:
            cursor = 0
        elif self.shown.offset != request.offset:  # paged: up from the top lands at the bottom
            cursor = 0 if request.offset > self.shown.offset else PAGE_SIZE - 1
        elif previous is not None:  # the same page reloaded: stay on the same term
            cursor = next((i for i, row in enumerate(rows) if row.id == previous.id), cursor)
        table.show(rows, (request.query.sort, request.query.descending), cursor)
        if self.shown is None:  # the first page: warm up once it is on screen
            self.call_after_refresh(self._warm_up)
        self.shown = request
        if request.query != self._counted:
            self.total = None
            self._count_timer = self.set_timer(COUNT_DELAY, partial(self._count, request.query))
        self._update_status()
        self.post_message(self.PageShown(request))
        if self.request != request:
            self._load()

    @work(thread=True, exclusive=True, group="count")
    def _count(self, query: TermQuery) -> None:
        """The total, for the status line."""
        try:
            total = count_terms(self.review.termbase, query)
        except TermbaseError:
            return  # the page query reports what is wrong; the total stays "…"
        self.app.call_from_thread(self._counted_total, query, total)

    def _counted_total(self, query: TermQuery, total: int) -> None:
        self._counted = query
        if self.shown is not None and self.shown.query == query:
            self.total = total
            self._update_status()

    @work(thread=True, group="warm-up")
    def _warm_up(self) -> None:
        """Have the termbase read what searching reads (``services.terms.warm_up``)
        before the editor starts typing, not at the first keystrokes."""
        try:
            warm_up(self.review.termbase)
        except TermbaseError:
            return  # only ever a head start: the searches report what is wrong

    @work(thread=True, group="documents")
    def _load_documents(self) -> None:
        try:
            found = documents(self.review.termbase)
        except TermbaseError:
            return  # the page query reports what is wrong; the filter keeps its choices
        self.app.call_from_thread(self._set_documents, found)

    def _set_documents(self, found: list[DocumentInfo]) -> None:
        select = self.query_one("#document", Select)
        current = select.value
        self._choices["document"] = [ALL, *(d.id for d in found)]
        select.set_options(
            [
                (Text("All documents"), ALL),
                *[(Text(f"★ {d.id}" if d.official else d.id), d.id) for d in found],
            ]
        )
        select.value = current if current in self._choices["document"] else ALL

    def _reload(self) -> None:
        self._counted = None
        self._ask(self.request)

    def _update_status(self) -> None:
        shown = self.shown
        if shown is None:
            return
        rows = len(self.query_one(TermTable).rows_shown)
        total = "…" if self.total is None else f"{self.total:,}"
        place = (
            f"{shown.offset + 1:,}–{shown.offset + rows:,} of {total}"
            if rows
            else f"no terms of {total}"
        )
        if shown.query.search:
            place += f" matching {shown.text.strip()!r}"
        key = shown.query.sort
        order = "best match" if key is SortKey.RANK and shown.query.search else key.value
        arrow = "▼" if shown.query.descending else "▲"
        self.query_one("#list-status", Static).update(Text(f"{place} · by {order} {arrow}"))

    # -- what the editor asks for ----------------------------------------------------

    def _query(self, **changes: Any) -> None:
        self._ask(replace(self.request, query=replace(self.request.query, **changes), offset=0))

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._ask(
            ListRequest(event.value, replace(self.request.query, search=term_search(event.value)))
        )

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(TermTable).focus()

    @on(Select.Changed, "#status")
    def _status_changed(self, event: Select.Changed) -> None:
        self._query(status=event.value or None)

    @on(Select.Changed, "#document")
    def _document_changed(self, event: Select.Changed) -> None:
        self._query(document=event.value or None)

    @on(TermTable.HeaderClicked)
    def _header_clicked(self, event: TermTable.HeaderClicked) -> None:
        self._sort_by(event.sort)

    @on(TermTable.RowSelected)
    def _open(self, event: TermTable.RowSelected) -> None:
        self.app.push_screen(TermScreen(event.row.id), self._term_closed)

    def _term_closed(self, result: str | None) -> None:
        if result == SEARCH:
            self.action_search()

    @on(TermTable.EdgeReached)
    def _edge(self, event: TermTable.EdgeReached) -> None:
        self._turn(event.step)

    def _sort_by(self, key: SortKey) -> None:
        query = self.request.query
        descending = not query.descending if key is query.sort else key in DESCENDING_FIRST
        self._query(sort=key, descending=descending)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        self.query_one(TermTable).focus()

    def action_sort(self) -> None:
        following = SORT_ORDER[(SORT_ORDER.index(self.request.query.sort) + 1) % len(SORT_ORDER)]
        self._query(sort=following, descending=following in DESCENDING_FIRST)

    def action_reverse(self) -> None:
        self._query(descending=not self.request.query.descending)

    def _cycle(self, name: str) -> None:
        select = self.query_one(f"#{name}", Select)
        values = self._choices[name]
        select.value = values[(values.index(str(select.value)) + 1) % len(values)]

    def action_cycle_status(self) -> None:
        self._cycle("status")

    def action_cycle_document(self) -> None:
        self._cycle("document")

    def _turn(self, step: int) -> bool:
        """Show the page ``step`` pages on, if there is one."""
        offset = self.request.offset + step * PAGE_SIZE
        rows = len(self.query_one(TermTable).rows_shown)
        at_end = rows < PAGE_SIZE or (self.total is not None and offset >= self.total)
        if offset < 0 or (step > 0 and at_end):
            return False
        self._ask(replace(self.request, offset=offset))
        return True

    def action_page(self, step: int) -> None:
        if not self._turn(step):
            self.app.bell()

    def action_reload(self) -> None:
        self._load_documents()
        self._reload()

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen(self.request.query))
