"""``services.forked``: a generator run in a forked process, as an import reads its
file (issue 19): the caller sees its items, progress, warnings, errors and return
value as if it ran in its own process, and no process outlives the stream."""

from __future__ import annotations

import fcntl
import logging
import multiprocessing
import os
import sys
from collections.abc import Generator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exports.screening import ImportRefused
from glossary.decoding import DecodingError
from records import Decision, RenderingRecord, TermRecord
from services import forked
from services.forked import Progress, streamed


def produce_numbers(progress: Progress, count: int = 10) -> Generator[int, None, str]:
    """``count`` numbers, each reported, then "done"."""
    for number in range(count):
        progress(number + 1)
        yield number
    return "done"


def pid_then_fail(error: BaseException, after: int = 4):
    """A producer that yields its process id, a few numbers, then raises ``error``."""

    def produce(progress: Progress) -> Generator[int, None, None]:
        yield os.getpid()
        yield from range(after)
        raise error

    return produce


def assert_gone(pid: int) -> None:
    """No process with ``pid`` is left, not even unreaped."""
    assert multiprocessing.active_children() == []
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.fixture(params=["forked", "in process"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each behaviour holds where processes fork and where they cannot (Windows)."""
    if request.param == "in process":
        monkeypatch.setattr(forked, "fork_available", lambda: False)
    return request.param


def test_items_come_in_order_then_the_result_with_progress_on_the_way(where: str) -> None:
    reported: list[int] = []
    with streamed(produce_numbers, reported.append, batch=3) as stream:
        assert list(stream) == list(range(10))
        assert stream.result == "done"
    assert reported == sorted(reported)
    assert reported[-1] == 10
    if where == "forked":  # once a batch of three, and at the end
        assert reported == [3, 6, 9, 10]


def test_the_result_is_refused_before_the_end() -> None:
    with streamed(produce_numbers) as stream, pytest.raises(RuntimeError, match="end"):
        _ = stream.result


@pytest.mark.parametrize(
    "error",
    [
        ImportRefused("terms.csv, line 4: term '科技': the pinyin 'qqq' is not pinyin"),
        DecodingError("terms.csv", "not UTF-8, UTF-16, GB18030 or Big5"),  # __init__ of its own
    ],
)
def test_an_error_in_the_child_reaches_the_caller_as_it_was(where: str, error: Exception) -> None:
    with streamed(pid_then_fail(error)) as stream:
        items = iter(stream)
        pid = next(items)
        with pytest.raises(type(error)) as raised:
            list(items)
    assert str(raised.value) == str(error)
    assert vars(raised.value) | {"__notes__": None} == vars(error) | {"__notes__": None}
    if where == "forked":
        assert "raised in the forked process" in raised.value.__notes__[0]
        assert_gone(pid)


def test_an_error_that_does_not_pickle_still_says_what_it_was() -> None:
    class Odd(ValueError):
        def __init__(self, message: str) -> None:
            super().__init__(message)
            self.callback = lambda: None  # no pickling a lambda

    with streamed(pid_then_fail(Odd("a bad row"))) as stream:
        items = iter(stream)
        pid = next(items)
        with pytest.raises(RuntimeError, match="Odd: a bad row"):
            list(items)
    assert_gone(pid)


def test_a_caller_that_stops_early_stops_the_child() -> None:
    """An error in the merge, or Ctrl-C in the parent, ends the child too."""

    def endless(progress: Progress) -> Generator[int, None, None]:
        yield os.getpid()
        while True:
            yield 1

    for interruption in (ValueError("the merge failed"), KeyboardInterrupt()):
        with pytest.raises(type(interruption)), streamed(endless) as stream:
            items = iter(stream)
            pid = next(items)
            next(items)
            raise interruption
        assert_gone(pid)


def test_a_finished_stream_leaves_no_process() -> None:
    def own_pid(progress: Progress) -> Generator[int, None, None]:
        yield os.getpid()

    with streamed(own_pid) as stream:
        (pid,) = stream
    assert pid != os.getpid()
    assert_gone(pid)


def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    def dying(progress: Progress) -> Generator[int, None, None]:
        yield 1
        os.kill(os.getpid(), 9)
        yield 2

    with (
        streamed(dying) as stream,
        pytest.raises(RuntimeError, match="stopped unexpectedly.*-9"),
    ):
        list(stream)


def test_warnings_logged_in_the_child_reach_the_callers_loggers(
    where: str, caplog: pytest.LogCaptureFixture
) -> None:
    def warning(progress: Progress) -> Generator[int, None, None]:
        logging.getLogger("glossary.textutils").warning("%s: %d control characters dropped", "f", 3)
        yield 1

    with caplog.at_level(logging.WARNING), streamed(warning) as stream:
        assert list(stream) == [1]
    assert [(r.name, r.getMessage()) for r in caplog.records] == [
        ("glossary.textutils", "f: 3 control characters dropped")
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's pipe sizes")
def test_the_pipe_from_the_child_holds_a_few_batches() -> None:
    """So that the child writes a batch at once and reads on while the parent is
    busy (unless the system allows no pipe that large)."""
    allowed = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    receiving, sending = multiprocessing.Pipe(duplex=False)
    with receiving, sending:
        before = fcntl.fcntl(sending.fileno(), fcntl.F_GETPIPE_SZ)
        forked._widen(sending)
        after = fcntl.fcntl(sending.fileno(), fcntl.F_GETPIPE_SZ)
    assert after == (forked.PIPE_BYTES if allowed >= forked.PIPE_BYTES else before)


def test_records_sent_by_their_fields_come_back_equal() -> None:
    decided = Decision("ana", datetime(2024, 6, 24, 9, 30, tzinfo=UTC))
    records = [
        TermRecord(
            "科技强国",
            traditional="科技強國",
            pinyin="kējì qiángguó",
            status="approved",
            note="a note",
            decided=decided,
            renderings=[
                RenderingRecord("S&T power", "preferred", "n", "ctx", {"qiushi": 3}, decided),
                RenderingRecord("science and technology power"),
            ],
            sources={"speech": 2},
            origin="line 2",
        )
    ] * 3

    def produce(progress: Progress) -> Generator[TermRecord, None, None]:
        yield from records

    by_fields = (TermRecord, RenderingRecord, Decision)
    with streamed(produce, by_fields=by_fields, batch=2) as stream:
        received = list(stream)
    assert received == records
    assert [r.origin for r in received] == ["line 2"] * 3  # not compared by ==
    assert type(received[0].renderings[0].decided) is Decision
