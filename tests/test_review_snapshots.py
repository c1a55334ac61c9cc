"""Snapshots of the review app's main screens at 80×24 (pytest-textual-snapshot):
the term list, the term view (on a dark and a light theme, and of a term four
documents render, with long renderings) and the help.
``--snapshot-update`` rewrites them; look at the SVGs
(tests/__snapshots__/test_review_snapshots/) before committing new ones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from termbase import Termbase
from tests.test_review_actions import build_termbase
from tests.test_review_app import build_wide_termbase, settle, status_line
from tui.app import ReviewApp

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def count_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.screens.term_list.COUNT_DELAY", 0.001)


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[ReviewApp]:
    termbase = Termbase.open(str(build_termbase(tmp_path / "review.sqlite")))
    yield ReviewApp(termbase, "ana")
    termbase.close()


@pytest.fixture
def wide_app(tmp_path: Path) -> Iterator[ReviewApp]:
    """Four translations of the term, and renderings longer than the table's column."""
    termbase = Termbase.open(str(build_wide_termbase(tmp_path / "wide.sqlite")))
    yield ReviewApp(termbase, "ana")
    termbase.close()


async def term_list(pilot: Pilot) -> None:
    await settle(pilot)
    await status_line(pilot)


async def term_view(pilot: Pilot) -> None:
    await term_list(pilot)
    await pilot.press("enter")  # the first term: 科技强国
    await settle(pilot)


async def term_view_light(pilot: Pilot) -> None:
    pilot.app.theme = "textual-light"
    await term_view(pilot)


async def help_on_the_list(pilot: Pilot) -> None:
    await term_list(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


def test_term_list(snap_compare, app: ReviewApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=term_list)


def test_term_view(snap_compare, app: ReviewApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=term_view)


def test_term_view_on_a_light_theme(snap_compare, app: ReviewApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=term_view_light)


def test_term_view_of_four_documents(snap_compare, wide_app: ReviewApp) -> None:
    """Every document's column in view, each keyed by a letter, and the renderings
    whole: the longest wraps."""
    assert snap_compare(wide_app, terminal_size=SIZE, run_before=term_view)


def test_help(snap_compare, app: ReviewApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=help_on_the_list)
