"""A generator run in a forked process, its items streamed back in batches: an
import reads, screens and prepares its file's records in one process while the
other merges them into the termbase, on two cores instead of one.

The child is forked (``multiprocessing``'s "fork" start method), so it starts with
everything the parent has loaded (dictionaries, the generator's closure) and
nothing is pickled on the way in; its items, the value the generator returns, the
warnings it logs and the exception it raises are pickled on the way out. Where
fork is not available (Windows) the generator simply runs in the caller's process.

What the caller sees is the same either way: the items in order; the progress
callback called with the count the generator last reported (once a batch, in the
parent); warnings logged through the parent's own loggers, so they reach the
command line's notices and the tests' captured logs; an exception of the same
class with the same message, the child's traceback added as a note; and the
generator's return value. The child never touches the termbase: it inherits the
parent's database connections, which only the parent may use.

No process is left behind. The child ignores Ctrl-C (the parent, which gets it
too, stops the child), ends when the parent stops reading (its next send fails,
the parent being gone or done) and is terminated and waited for when the parent
leaves ``streamed`` for any reason. Batches go through a pipe, whose sender waits
while it is full: the child is a batch or two ahead of the parent at most, so
memory does not grow with the input.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager, suppress
from dataclasses import fields
from logging.handlers import QueueHandler
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from operator import attrgetter
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int], None]  # called with the number of items done so far
Produce = Callable[[Progress], Generator[T, None, R]]
BATCH = 500  # items a message carries: the merge's batch, and a few hundred KB


def fork_available() -> bool:
    """Whether processes can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


class Stream(Generic[T, R]):
    """The items of a generator, in order, then (``result``) what it returned."""

    def __init__(self, items: Generator[T, None, R]) -> None:
        self._items = items
        self._result: list[R] = []  # empty until the items run out

    def __iter__(self) -> Iterator[T]:
        self._result.append((yield from self._items))

    @property
    def result(self) -> R:
        """What the generator returned, once its items are all read."""
        if not self._result:
            raise RuntimeError("the stream was not read to its end")
        return self._result[0]


@contextmanager
def streamed(
    produce: Produce[T, R],
    progress: Progress | None = None,
    by_fields: tuple[type, ...] = (),
    batch: int = BATCH,
) -> Iterator[Stream[T, R]]:
    """``produce(progress)``'s items, produced in a forked process where processes
    can be forked (in this one elsewhere); the child is stopped when this ends.

    Instances of the dataclasses ``by_fields`` among the items are sent as their
    fields' values and made again by calling the class (``_by_fields``): each
    field must be an argument of ``__init__``, which must do nothing else."""
    if not fork_available():
        yield Stream(produce(progress or _ignore))
        return
    receiving, sending = multiprocessing.Pipe(duplex=False)
    _widen(sending)
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(produce, sending, receiving, by_fields, batch), daemon=True
    )
    child.start()
    sending.close()  # the child's now: its end closing is what ends our recv
    try:
        stream: Stream[T, R] = Stream(_received(receiving, child, progress))
        yield stream
    finally:
        receiving.close()  # a child still sending gets a broken pipe, and ends
        if child.is_alive():
            child.terminate()
        child.join()


def _ignore(done: int) -> None:
    """Progress nobody asked for."""


# What the pipe to the parent holds (Linux; an unprivileged process may ask for up to
# /proc/sys/fs/pipe-max-size, a MiB by default): a few batches, where the default
# 64 KiB holds a third of one.
PIPE_BYTES = 1 << 20


def _widen(connection: Connection) -> None:
    """Let the pipe hold ``PIPE_BYTES`` where the system allows it (Linux), so that
    the child writes a batch at once and reads on while the parent is busy, instead
    of waiting, a few KiB at a time, for the parent to take each one; on a machine
    whose cores other work shares, it can run ahead while it has one. Memory stays
    bounded: the pipe never holds more."""
    import fcntl  # POSIX, as fork is

    with suppress(AttributeError, OSError):  # no such fcntl here, or more than allowed
        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


# --- the parent's side ---------------------------------------------------------------


def _received(
    connection: Connection, child: multiprocessing.process.BaseProcess, progress: Progress | None
) -> Generator[T, None, Any]:
    """The child's messages as items, progress, log records and an exception; the
    generator's return value last."""
    shown = None  # the progress last passed on
    while True:
        try:
            kind, done, payload = connection.recv()
        except EOFError:
            child.join()
            raise RuntimeError(
                f"the forked process stopped unexpectedly (exit code {child.exitcode})"
            ) from None
        if done != shown and done is not None and progress is not None:
            progress(done)
            shown = done
        if kind == "items":
            yield from payload
        elif kind == "log":
            logging.getLogger(payload.name).handle(payload)
        elif kind == "error":
            raise _rebuilt(*payload)
        else:
            return payload


def _rebuilt(cls: type[BaseException], args: tuple, state: dict, trace: str) -> BaseException:
    """The child's exception again: made as unpickling would make it, without its
    ``__init__`` (some take other arguments than the message they pass on)."""
    error = cls.__new__(cls, *args)
    error.args = args
    vars(error).update(state)
    error.add_note(f"raised in the forked process:\n{trace}")
    return error


# --- the child's side ----------------------------------------------------------------


class _Pipe:
    """The one method of a queue that ``QueueHandler`` calls, sending log records
    (made picklable by the handler: message formatted, arguments dropped)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def put_nowait(self, record: logging.LogRecord) -> None:
        self.connection.send(("log", None, record))


def _relay_logs(connection: Connection) -> None:
    """Send what this process logs to the parent instead of handling it here: in
    the child, a handler's stream (a captured stderr, a test's log) is a copy."""
    for logger in (logging.root, *logging.root.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            logger.handlers.clear()
    logging.root.addHandler(QueueHandler(_Pipe(connection)))  # type: ignore[arg-type]


def _by_fields(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """How the child pickles an instance of the dataclass ``cls``: as a call of the
    class with its fields' values. A dataclass with slots is otherwise pickled
    as its class and a dict of its slots' values, which unpickling sets one
    attribute at a time: an import's records took 40 % longer to unpickle so, in
    the process that merges them."""
    names = [item.name for item in fields(cls)]
    values_of = attrgetter(*names) if len(names) > 1 else lambda one: (getattr(one, names[0]),)
    return lambda instance: (cls, values_of(instance))


def _child(
    produce: Produce,
    connection: Connection,
    parents_end: Connection,
    by_fields: tuple[type, ...],
    size: int,
) -> None:
    """Run ``produce`` and send its items ``size`` at a time, then its return value,
    or the exception it raised; then leave at once (``os._exit``), flushing and
    closing nothing: the streams, files and database connections are the
    parent's, and a stream another thread of the parent held when it forked
    (a progress bar's) would stay locked here for good."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parents_end.close()  # or the pipe would never break: we would hold a reader
    reported: list[int | None] = [None]
    items: list[Any] = []
    try:
        _relay_logs(connection)
        for cls in by_fields:  # in this process only, which pickles and exits
            ForkingPickler.register(cls, _by_fields(cls))
        generator = produce(lambda done: reported.__setitem__(0, done))
        while True:
            try:
                items.append(next(generator))
            except StopIteration as stop:
                result = stop.value
                break
            if len(items) == size:
                connection.send(("items", reported[0], items))
                items = []
        connection.send(("items", reported[0], items))
        connection.send(("end", reported[0], result))
    except BaseException as error:  # sent to the parent, which raises it
        with suppress(OSError):  # the parent is gone, or done with us
            connection.send(("items", reported[0], items))  # what came before it
            connection.send(("error", reported[0], _portable(error)))
    finally:
        os._exit(0)


def _portable(error: BaseException) -> tuple[type[BaseException], tuple, dict, str]:
    """What ``_rebuilt`` makes ``error`` again from: its class, arguments and
    attributes, and its traceback as text; a RuntimeError with its message if any
    of that does not pickle."""
    trace = "".join(traceback.format_exception(error))
    parts = (type(error), error.args, dict(vars(error)), trace)
    try:
        pickle.dumps(parts)
    except Exception:  # whatever the attribute was
        return RuntimeError, (f"{type(error).__name__}: {error}",), {}, trace
    return parts
