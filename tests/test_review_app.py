"""The review app driven key by key with Textual's Pilot, on a real SQLite termbase:
each action is checked in the database and in the review log afterwards."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Select

from cli import main
from services import terms
from termbase import Termbase
from termbase.models import Rendering, Term
from tests.test_review_actions import OFFICIAL, OTHER, TERMS, build_termbase, log, statuses
from tui.app import ReviewApp
from tui.screens.form import FormScreen
from tui.screens.help import HelpScreen
from tui.screens.term import TermScreen
from tui.screens.term_list import TermListScreen
from tui.widgets.renderings_table import RenderingsTable
from tui.widgets.term_table import TermTable


def run(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no async plugin needed); pytest still
    sees the test's own parameters, and so its fixtures."""

    @functools.wraps(test)
    def synchronous(*args: object, **kwargs: object) -> None:
        asyncio.run(test(*args, **kwargs))

    return synchronous


class RecordingApp(ReviewApp):
    """The app, keeping every notification it shows so that tests can read them."""

    def __init__(self, termbase: Termbase, editor: str) -> None:
        super().__init__(termbase, editor)
        self.messages: list[str] = []

    def notify(self, message: str, **kwargs: object) -> None:  # type: ignore[override]
        self.messages.append(message)
        super().notify(message, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def count_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The list counts its total once typing pauses; tests do not pause."""
    monkeypatch.setattr("tui.screens.term_list.COUNT_DELAY", 0.001)


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the app remembers between sessions (the last export) goes to a folder of
    the test's own, never the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_termbase(tmp_path / "review.sqlite")


@pytest.fixture
def checked(db: Path) -> Iterator[Termbase]:
    """A second connection to the termbase, for the test to look at what was saved."""
    termbase = Termbase.open(str(db))
    yield termbase
    termbase.close()


@pytest.fixture
def make_app(db: Path) -> Iterator[Callable[..., RecordingApp]]:
    opened: list[Termbase] = []

    def make(editor: str = "ana") -> RecordingApp:
        opened.append(Termbase.open(str(db)))
        return RecordingApp(opened[-1], editor)

    yield make
    for termbase in opened:
        termbase.close()


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs: pages, terms and saves load in threads, and each may
    start another (a save starts the reload of the view)."""
    for _ in range(50):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return
    raise AssertionError("workers never settled")


async def search(pilot: Pilot, query: str) -> list[str]:
    """Type a search (as an editor would, key by key) and return the terms listed."""
    await pilot.press("slash", "home", "ctrl+k", *query)
    await settle(pilot)
    return shown(pilot)


async def status_line(pilot: Pilot) -> str:
    """The list's status line, once its total is counted."""
    screen = pilot.app.screen
    assert isinstance(screen, TermListScreen)
    for _ in range(100):
        if screen.total is not None:
            return str(screen.query_one("#list-status").render())
        await pilot.pause()
        await settle(pilot)
    raise AssertionError("the total was never counted")


def shown(pilot: Pilot) -> list[str]:
    return [row.simplified for row in pilot.app.screen.query_one(TermTable).rows_shown]


async def open_term(pilot: Pilot, query: str) -> TermScreen:
    await search(pilot, query)
    await pilot.press("enter", "enter")  # leave the search box, open the first term
    await settle(pilot)
    assert isinstance(pilot.app.screen, TermScreen)
    return pilot.app.screen


async def select_rendering(pilot: Pilot, text: str) -> None:
    table = pilot.app.screen.query_one(RenderingsTable)
    target = table.texts.index(text)
    step = "down" if target > table.cursor_row else "up"
    await pilot.press(*[step] * abs(target - table.cursor_row))
    assert table.selected == text


async def fill(pilot: Pilot, *values: str) -> None:
    """Type ``values`` into the form's fields in turn (Enter moves on, and saves from
    the last field)."""
    assert isinstance(pilot.app.screen, FormScreen)
    for value in values:
        await pilot.press("home", "ctrl+k", *value, "enter")
    await settle(pilot)


def term(checked: Termbase, simplified: str) -> Term | None:
    with checked.reading() as session:
        return session.scalars(sa.select(Term).where(Term.simplified == simplified)).one_or_none()


# --- the term list ----------------------------------------------------------------------


@run
async def test_the_list_opens_on_the_ranked_terms_and_searches_as_you_type(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown(pilot) == [t[0] for t in TERMS]
        assert "1–5 of 5" in await status_line(pilot)
        # pinyin, key by key: every keystroke answers
        await pilot.press("slash")
        for key, expected in (
            ("x", ["新质生产力"]),
            ("i", ["新质生产力"]),
            ("n", ["新质生产力"]),
            ("z", ["新质生产力"]),
            ("q", []),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert shown(pilot) == expected, key
        assert await search(pilot, "kjqg") == ["科技强国", "科技強國"]  # initials
        assert await search(pilot, "現代化") == ["中国式现代化"]  # traditional script
        assert await search(pilot, "Productive Forces") == ["新质生产力"]  # English, any case
        assert "matching 'Productive Forces'" in await status_line(pilot)
        await pilot.press("escape")  # back to the table: keys are commands again
        assert app.focused is app.screen.query_one(TermTable)
        assert await search(pilot, "") == [t[0] for t in TERMS]


@run
async def test_warms_up_searching_once_after_the_first_page(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-through of what searching reads (``services.terms.warm_up``) starts
    once the first page is shown, so that it never delays the first screen, and only
    then: later pages and searches find it done."""
    app = make_app()
    warmed: list[bool] = []  # per warm-up: whether a page was shown before it

    def warm_up(termbase: Termbase) -> None:
        warmed.append(app.screen.shown is not None)
        terms.warm_up(termbase)  # on a real termbase, not only a stand-in

    monkeypatch.setattr("tui.screens.term_list.warm_up", warm_up)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert warmed == [True]
        assert await search(pilot, "keji") == ["科技强国", "科技強國"]
        await pilot.press("escape", "ctrl+r")
        await settle(pilot)
        assert warmed == [True]


@run
async def test_filters_by_status_and_document(make_app, checked: Termbase) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")  # all → candidate
        await settle(pilot)
        assert shown(pilot) == [t[0] for t in TERMS]
        await pilot.press("f")  # → approved: none yet
        await settle(pilot)
        assert shown(pilot) == []
        assert "no terms of 0" in await status_line(pilot)
        await pilot.press("f", "f")  # → rejected → all
        await settle(pilot)
        await pilot.press("F")  # all documents → the first, the official translation
        await settle(pilot)
        assert app.screen.query_one("#document").value == OFFICIAL
        assert shown(pilot) == [t[0] for t in TERMS if any(o[1] == OFFICIAL for o in t[2])]
        await pilot.press("F", "F")  # → the original (attests nothing) → the other translation
        await settle(pilot)
        assert app.screen.query_one("#document").value == OTHER
        assert shown(pilot) == [t[0] for t in TERMS if any(o[1] == OTHER for o in t[2])]


@run
async def test_sorts_by_key_by_header_and_reverses(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # rank → term
        await settle(pilot)
        assert shown(pilot) == sorted(t[0] for t in TERMS)
        await pilot.press("o")
        await settle(pilot)
        assert shown(pilot) == sorted((t[0] for t in TERMS), reverse=True)
        await pilot.press("s", "s")  # → pinyin → renderings (most first)
        await settle(pilot)
        rows = app.screen.query_one(TermTable).rows_shown
        assert [r.competing for r in rows] == sorted((r.competing for r in rows), reverse=True)
        assert "by renderings ▼" in await status_line(pilot)
        await pilot.click(TermTable, offset=(76, 0))  # the Freq header
        await settle(pilot)
        assert [r.frequency for r in app.screen.query_one(TermTable).rows_shown] == [4, 2, 2, 2, 1]
        await pilot.click(TermTable, offset=(76, 0))  # again: the other way
        await settle(pilot)
        assert [r.frequency for r in app.screen.query_one(TermTable).rows_shown] == [1, 2, 2, 2, 4]


@run
async def test_pages_through_the_list(make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.screens.term_list.PAGE_SIZE", 2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        everything = [t[0] for t in TERMS]
        assert shown(pilot) == everything[:2]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert shown(pilot) == everything[2:4]
        assert "3–4 of 5" in await status_line(pilot)
        await pilot.press("down", "down")  # past the last row: the next page, at its top
        await settle(pilot)
        assert shown(pilot) == everything[4:]
        await pilot.press("right_square_bracket")  # no page after the last
        await settle(pilot)
        assert shown(pilot) == everything[4:]
        await pilot.press("up")  # above the first row: the page before, at its bottom
        await settle(pilot)
        assert shown(pilot) == everything[2:4]
        assert app.screen.query_one(TermTable).current.simplified == everything[3]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert shown(pilot) == everything[:2]


@run
async def test_help_lists_the_keys_and_q_quits(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert {
            ("/", "Search"),
            ("s", "Sort"),
            ("o", "Reverse order"),
            ("q", "Quit"),
            ("u", "Undo"),
        } <= set(app.screen.keys)
        await pilot.press("escape")
        await open_term(pilot, "keji")
        await pilot.press("question_mark")
        assert {
            ("a", "Approve"),
            ("d", "Deprecate"),
            ("r", "Reject"),
            ("e", "Edit"),
            ("n", "Note"),
            ("+", "Add"),
            ("m", "Merge"),
            ("^r", "Reload"),
        } <= set(app.screen.keys)
        await pilot.press("question_mark")
        assert isinstance(app.screen, TermScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TermListScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


# --- decisions ----------------------------------------------------------------------


@run
async def test_approve_makes_the_selected_rendering_preferred(make_app, checked: Termbase) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_term(pilot, "kejiqiangguo")
        assert screen.view.zh == "科技强国"
        await select_rendering(pilot, "science and technology power")
        await pilot.press("a")
        await settle(pilot)
        await select_rendering(pilot, "country strong in science and technology")
        await pilot.press("a")
        await settle(pilot)
        assert screen.view.status == "approved"  # the view reloaded after the save
    assert term(checked, "科技强国").status == "approved"
    assert statuses(checked, "科技强国") == {
        "country strong in science and technology": "preferred",
        "science and technology power": "admitted",
        "tech powerhouse": "candidate",
    }
    assert log(checked) == [
        ("ana", "approve", "rendering", "科技强国", "status", "candidate", "preferred"),
        ("ana", "approve", "term", "科技强国", "status", "candidate", "approved"),
        ("ana", "approve", "rendering", "科技强国", "status", "preferred", "admitted"),
        ("ana", "approve", "rendering", "科技强国", "status", "candidate", "preferred"),
    ]
    assert "Approved 科技强国: country strong in science and technology" in app.messages


@run
async def test_deprecate_and_reject(make_app, checked: Termbase) -> None:
    app = make_app("ben")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_term(pilot, "kejiqiangguo")
        await select_rendering(pilot, "tech powerhouse")
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await open_term(pilot, "gzl")
        await pilot.press("r")
        await settle(pilot)
    assert statuses(checked, "科技强国")["tech powerhouse"] == "deprecated"
    assert term(checked, "高质量发展").status == "rejected"
    assert log(checked) == [
        ("ben", "deprecate", "rendering", "科技强国", "status", "candidate", "deprecated"),
        ("ben", "reject", "term", "高质量发展", "status", "candidate", "rejected"),
    ]


@run
async def test_edit_term_pinyin_and_rendering(make_app, checked: Termbase) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_term(pilot, "xinzhi")
        await select_rendering(pilot, "new productive forces")
        await pilot.press("e")
        await pilot.pause()
        # a pinyin that is not pinyin keeps the form open, with the reason
        await pilot.press("tab", "tab", "home", "ctrl+k", *"xyz", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "not pinyin" in str(app.screen.query_one("#form-error").render())
        await pilot.press("shift+tab", "shift+tab")  # back to the first field
        await pilot.press("tab", "tab")  # term and traditional form stay
        await fill(pilot, "xīnzhì-shēngchǎnlì", "novel productive forces")
        assert isinstance(app.screen, TermScreen)
    edited = term(checked, "新质生产力")
    assert (edited.pinyin_marks, edited.pinyin_toneless, edited.pinyin_initials) == (
        "xīnzhì-shēngchǎnlì",
        "xinzhi shengchanli",
        "xzscl",
    )
    assert "novel productive forces" in statuses(checked, "新质生产力")
    assert log(checked) == [
        (
            "ana",
            "edit",
            "term",
            "新质生产力",
            "pinyin_marks",
            "xīnzhì shēngchǎnlì",
            "xīnzhì-shēngchǎnlì",
        ),
        (
            "ana",
            "edit",
            "rendering",
            "新质生产力",
            "text",
            "new productive forces",
            "novel productive forces",
        ),
    ]


@run
async def test_note_definition_and_added_rendering(make_app, checked: Termbase) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_term(pilot, "zhongguoshi")
        await pilot.press("n")
        await fill(pilot, "Huge population", "Use Qiushi's")
        await pilot.press("plus")
        await fill(pilot, "[Chinese] modernity")
        assert "[Chinese] modernity" in app.screen.query_one(RenderingsTable).texts
    saved = term(checked, "中国式现代化")
    assert (saved.definition, saved.note) == ("Huge population", "Use Qiushi's")
    assert statuses(checked, "中国式现代化")["[Chinese] modernity"] == "candidate"
    assert log(checked) == [
        ("ana", "note", "term", "中国式现代化", "definition", None, "Huge population"),
        ("ana", "note", "term", "中国式现代化", "note", None, "Use Qiushi's"),
        ("ana", "add", "rendering", "中国式现代化", "text", None, "[Chinese] modernity"),
    ]


@run
async def test_merge_a_duplicate_and_undo_it(make_app, checked: Termbase) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_term(pilot, "kejiqiangguo")
        await pilot.press("m")
        await pilot.press(*"keji qiangguo")
        await settle(pilot)
        await pilot.press("enter", "enter")  # to the choices, take the first: 科技強國
        await settle(pilot)
        assert "S&T powerhouse" in screen.query_one(RenderingsTable).texts
        assert term(checked, "科技強國") is None
        with checked.reading() as session:
            moved = session.scalars(
                sa.select(Rendering.text).join(Term).where(Term.simplified == "科技强国")
            )
            assert sorted(moved) == [
                "S&T powerhouse",
                "country strong in science and technology",
                "science and technology power",
                "tech powerhouse",
            ]
        merged = log(checked)[-1]
        assert (
            merged[:5] == ("ana", "merge", "term", "科技强国", "merged") and "科技強國" in merged[5]
        )
        await pilot.press("u")
        await settle(pilot)
        assert "S&T powerhouse" not in screen.query_one(RenderingsTable).texts
    assert statuses(checked, "科技強國") == {
        "science and technology power": "candidate",
        "S&T powerhouse": "candidate",
    }
    assert log(checked)[-1] == ("ana", "undo", "term", "科技强国", "merged", "科技强国", "科技強國")
    assert "Undone: merge of 科技强国" in app.messages


@run
async def test_undo_takes_back_the_editors_own_last_action(make_app, checked: Termbase) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_term(pilot, "kejiqiangguo")
        await pilot.press("a")  # the first rendering
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("u")  # from the list too
        await settle(pilot)
        await pilot.press("u")  # nothing left
        await settle(pilot)
    assert term(checked, "科技强国").status == "candidate"
    assert set(statuses(checked, "科技强国").values()) == {"candidate"}
    assert log(checked)[2:] == [
        ("ana", "undo", "term", "科技强国", "status", "approved", "candidate"),
        ("ana", "undo", "rendering", "科技强国", "status", "preferred", "candidate"),
    ]
    assert app.messages[-1] == "Not saved: ana has nothing to undo"


@run
async def test_a_second_editor_is_told_of_the_conflict_and_sees_the_change(
    make_app, checked: Termbase
) -> None:
    ana, ben = make_app("ana"), make_app("ben")
    async with ana.run_test(size=(80, 24)) as by_ana, ben.run_test(size=(80, 24)) as by_ben:
        await settle(by_ana)
        await settle(by_ben)
        await open_term(by_ana, "kejiqiangguo")
        ben_view = await open_term(by_ben, "kejiqiangguo")
        await select_rendering(by_ana, "science and technology power")
        await by_ana.press("a")
        await settle(by_ana)
        await select_rendering(by_ben, "science and technology power")
        await by_ben.press("d")  # on the version ben loaded, before ana's approval
        await settle(by_ben)
        assert "科技强国 was changed by ana since you loaded it" in ben.messages[-1]
        assert "decide again" in ben.messages[-1]
        assert statuses(checked, "科技强国")["science and technology power"] == "preferred"
        assert {entry[0] for entry in log(checked)} == {"ana"}
        # the term is re-read at once: ana's decision is on ben's screen, no ctrl+r needed
        assert ben_view.view.status == "approved"
        await by_ben.press("d")
        await settle(by_ben)
    assert statuses(checked, "科技强国")["science and technology power"] == "deprecated"
    assert log(checked)[-1] == (
        "ben",
        "deprecate",
        "rendering",
        "科技强国",
        "status",
        "preferred",
        "deprecated",
    )


# --- text is text ------------------------------------------------------------------------

MARKUP = [
    (
        "标记[b]x[/b]",
        "biāojì",
        [
            (
                "[link=http://x]y[/link]",
                OFFICIAL,
                "这是标记[b]x[/b]。",
                "This is [link=http://x]y[/link] and [b]x[/b].",
            ),
        ],
    ),
]


@run
async def test_terms_renderings_and_contexts_are_never_markup(tmp_path: Path) -> None:
    termbase = Termbase.open(str(build_termbase(tmp_path / "markup.sqlite", MARKUP)))
    with termbase.transaction() as session:
        session.scalars(sa.select(Term)).one().note = "[b]bold[/b] [red]red[/red]"
    app = ReviewApp(termbase, "[i]ana[/i]")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            listed = app.export_screenshot()
            await pilot.press("enter")
            await settle(pilot)
            viewed = app.export_screenshot()
    finally:
        termbase.close()
    for literal in ("标记[b]x[/b]", "[link=http://x]y[/link]", "[i]ana[/i]"):
        assert literal in listed, literal
    for literal in ("标记[b]x[/b]", "[link=http://x]y[/link]", "[red]red[/red]", "[b]x[/b]."):
        assert literal in viewed, literal
    assert "http://x" not in viewed.replace("[link=http://x]", "")  # no link was made


# --- the command and export ------------------------------------------------------------


def test_glossary_review_opens_the_app_as_the_editor(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, str]] = []
    monkeypatch.setattr(ReviewApp, "run", lambda app: opened.append((app.editor, app.termbase.url)))
    monkeypatch.setenv("GLOSSARY_EDITOR", "ana")
    for extra, editor in (([], "ana"), (["--editor", "ben"], "ben")):
        result = CliRunner().invoke(main, ["review", "--db", str(db), *extra])
        assert result.exit_code == 0, result.output
        assert opened.pop() == (editor, f"sqlite:///{db.resolve()}")


@run
async def test_export_runs_in_a_worker_with_progress(make_app, tmp_path: Path) -> None:
    target = tmp_path / "glossary.csv"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#export-format", Select).value = "csv"
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value.endswith("glossary.csv")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export-start")
        await settle(pilot)
        bar = app.screen.query_one(ProgressBar)
        assert (bar.total, bar.progress) == (len(TERMS), len(TERMS))
        assert f"Exported {len(TERMS)} terms to {target}" in app.messages
    exported = target.read_text(encoding="utf-8")
    assert all(simplified in exported for simplified, _pinyin, _occurrences in TERMS)


# --- the term view at 80×24 --------------------------------------------------------------

# The sample corpus's four English documents, whose labels alone take 45 columns.
WIDE_ORIGINAL = "speech-2024-zh"
WIDE_DOCUMENTS = (
    ("speech-2024-en-qiushi", True),
    ("commentary-2025-theorychina", False),
    ("speech-2018-en-digichina", False),
    ("speech-2024-en-newsletter", False),
)
QIUSHI, THEORYCHINA, DIGICHINA, NEWSLETTER = (d for d, _official in WIDE_DOCUMENTS)
# Two renderings alike in their first 28 characters, and one longer than any column.
POWER = "scientific and technological power"
POWERHOUSE = "scientific and technological powerhouse"
LONG = "a country that is strong in science and technology and leads the world in innovation"
WIDE_TERMS = [
    (
        "科技强国",
        "kējì qiángguó",
        [
            (POWER, QIUSHI, "加快建设科技强国。", f"Build a {POWER}."),
            (POWER, DIGICHINA, "建设科技强国。", f"A {POWER} is the goal."),
            (POWERHOUSE, THEORYCHINA, "建成科技强国。", f"China as a {POWERHOUSE}."),
            (POWERHOUSE, NEWSLETTER, "迈向科技强国。", f"Towards a {POWERHOUSE}."),
            (LONG, NEWSLETTER, "成为科技强国。", f"To become {LONG}."),
        ],
    ),
]


def build_wide_termbase(path: Path, terms: list = WIDE_TERMS) -> Path:
    """Like ``build_termbase``, with the four translations of the sample corpus."""
    return build_termbase(path, terms, WIDE_DOCUMENTS, WIDE_ORIGINAL)


def rendering_column(table: RenderingsTable) -> list[str]:
    """What the renderings table shows in its first column, row by row: each row's
    lines (a rendering may wrap) joined by spaces."""
    width = next(iter(table.columns.values())).get_render_width(table)
    lines = [
        strip.crop(0, width).text.strip()
        for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height))
    ]
    shown, y = [], table.header_height
    for row in table.ordered_rows:
        shown.append(" ".join(line for line in lines[y : y + row.height] if line))
        y += row.height
    return shown


@run
async def test_at_80_columns_every_rendering_and_document_is_shown_whole(tmp_path: Path) -> None:
    termbase = Termbase.open(str(build_wide_termbase(tmp_path / "wide.sqlite")))
    app = ReviewApp(termbase, "ana")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            table = app.screen.query_one(RenderingsTable)
            # whole, and so told apart, though alike in their first 28 characters
            assert sorted(table.texts) == sorted([POWER, POWERHOUSE, LONG])
            assert rendering_column(table) == table.texts
            # every document's column is on screen, none scrolled off to the right
            widths = sum(column.get_render_width(table) for column in table.columns.values())
            assert widths <= table.scrollable_content_region.width
            assert table.scroll_x == 0
            assert table.document_key is not None  # lettered, with the key above
            screen = app.export_screenshot()
            for label in ("qiushi", "theorychina", "digichina", "newsletter"):
                assert label in screen, label
            # wider, the documents are headed by name and the cursor stays where it was
            await pilot.press("down")
            selected = table.selected
            await pilot.resize_terminal(160, 24)
            await settle(pilot)
            assert table.document_key is None
            assert [str(c.label) for c in table.columns.values()][2:] == [
                "★qiushi",
                "theorychina",
                "digichina",
                "newsletter",
            ]
            assert table.selected == selected
    finally:
        termbase.close()


# --- the export dialog -------------------------------------------------------------------


def export_summary(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#export-summary").render())


@run
async def test_the_export_dialog_says_which_terms_it_will_export(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_term(pilot, "kejiqiangguo")
        await pilot.press("a")  # one approved term, four candidates
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        summary = export_summary(pilot)
        assert "all 5 terms" in summary
        assert "4 not reviewed" in summary and "1 approved" in summary, summary
        await pilot.click("#export-approved")
        await settle(pilot)
        summary = export_summary(pilot)
        assert "only the 1 approved term" in summary and "leaves out 4" in summary, summary
        app.screen.query_one("#export-format", Select).value = "tmx"
        await settle(pilot)
        assert "sentence pairs" in export_summary(pilot)
        assert "Confident" in str(app.screen.query_one("#export-approved").label)


@run
async def test_enter_in_the_file_field_exports_and_the_path_is_remembered(
    make_app, tmp_path: Path, own_state_folder: Path
) -> None:
    target = tmp_path / "out" / "terms.csv"
    target.parent.mkdir()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one("#export-format", Select).value = "csv"
        await pilot.click("#export-approved")
        await settle(pilot)
        app.screen.query_one("#export-path", Input).focus()
        await pilot.press("home", "ctrl+k", *str(target), "enter")
        await settle(pilot)
        assert f"Exported 0 terms to {target}" in app.messages
        assert target.exists()
        await pilot.press("escape")
        await pilot.press("x")  # again in the same session: the same choices
        await settle(pilot)
        assert app.screen.query_one("#export-path", Input).value == str(target)
        assert app.screen.query_one("#export-format", Select).value == "csv"
        assert app.screen.query_one("#export-approved").value is True
    assert list(own_state_folder.rglob("*.json"))  # kept where platformdirs puts state
    again = make_app()  # the next session, on the same termbase
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert again.screen.query_one("#export-path", Input).value == str(target)
        assert again.screen.query_one("#export-format", Select).value == "csv"
    other = Termbase.open(str(build_termbase(tmp_path / "other.sqlite")))
    elsewhere = ReviewApp(other, "ana")  # another termbase: not its export
    try:
        async with elsewhere.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("x")
            await settle(pilot)
            assert elsewhere.screen.query_one("#export-path", Input).value != str(target)
    finally:
        other.close()
