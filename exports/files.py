"""Where the formats' readers and writers get their files, and what errors call them.

Every writer takes a path or a binary stream. Written to a regular file, a file
appears only when complete: it is written to a temporary file beside the target and
renamed into place, so a failure (a record that cannot be written, a cancelled
export) leaves neither half a file nor a damaged earlier one. This happens here and
only here, at whichever depth is handed the path: ``services.exchange`` hands the
writers the temporary file's stream together with the target's name, so that their
errors name the file that was asked for, never the temporary one.

A target that is not a regular file is never replaced by one: a symlink is followed
(its target is replaced, the link stays), and a FIFO or a device (``/dev/null``, a
terminal, ``/dev/full``) is written as a stream, since renaming a file over it would
turn it into a regular file. A read-only file is refused: an export must not
overwrite what its owner protected.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def file_label(file: BinaryIO | str | os.PathLike[str], name: str | None = None) -> str:
    """How error messages refer to ``file``: ``name`` if given, else the path, else
    the stream's own name (an upload or a pipe may have none)."""
    if name:
        return name
    if isinstance(file, (str, os.PathLike)):
        return os.fspath(file)
    return str(getattr(file, "name", "<stream>"))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _cannot_write(label: str, error: OSError) -> OSError:
    """An OSError naming the file asked for (the system's names a temporary file, a
    resolved link, or nothing at all, as ENOSPC does)."""
    if str(error).startswith(f"cannot write {label}:"):
        return error
    return OSError(f"cannot write {label}: {error.strerror or error}")


@contextmanager
def _streamed(path: str, label: str) -> Iterator[tuple[BinaryIO, str]]:
    """A FIFO or a device, written in place: there is nothing to rename over."""
    try:
        stream = open(path, "wb")  # noqa: SIM115 - closed below, errors named
    except OSError as error:
        raise _cannot_write(label, error) from None
    try:
        with stream:
            yield stream, label
    except OSError as error:
        raise _cannot_write(label, error) from None


def _refuse_unwritable(path: str, mode: int, label: str) -> None:
    """A read-only file stays as it is. ``os.access`` answers for this user, and the
    mode bits for root, who may write anything: a file nobody may write is meant to
    stay as it is."""
    if not os.access(path, os.W_OK) or not stat.S_IMODE(mode) & 0o222:
        raise OSError(f"cannot write {label}: it is read-only; nothing was written")


@contextmanager
def _replaced(path: Path, label: str, mode: int | None) -> Iterator[tuple[BinaryIO, str]]:
    """A temporary file in the target's folder (so that the rename is atomic), which
    replaces the target when the block ends normally and is removed when it raises.
    The new file keeps the old one's permissions, or gets the usual ones."""
    if not path.parent.is_dir():  # mkstemp's error would name the temporary file
        raise OSError(f"cannot write {label}: there is no folder {path.parent}")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise OSError(
            f"cannot write {label}: cannot create a file in {path.parent} "
            f"({error.strerror or error})"
        ) from None
    try:
        try:
            with os.fdopen(handle, "wb") as stream:
                yield stream, label
            # mkstemp's 0600 is for secrets, not exports
            os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
            os.replace(temporary, path)
        except OSError as error:
            raise _cannot_write(label, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_output(
    target: BinaryIO | str | os.PathLike[str], name: str | None = None
) -> Iterator[tuple[BinaryIO, str]]:
    """A binary stream to write ``target`` through, and the label for errors.

    A stream is handed back as it is: the caller owns it, and what was written
    before a failure is already in it. A path is resolved through symlinks; a FIFO or
    a device is opened and written as a stream; a read-only file or a folder is
    refused with an OSError naming ``target``; a regular file (or a new one) is
    written to a temporary file that replaces it only when complete."""
    label = file_label(target, name)
    if not isinstance(target, (str, os.PathLike)):
        yield target, label
        return
    real = os.path.realpath(target)  # a symlink's target is what gets written
    try:
        mode: int | None = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _cannot_write(label, error) from None
    if mode is None or stat.S_ISREG(mode):
        if mode is not None:
            _refuse_unwritable(real, mode, label)
        with _replaced(Path(real), label, None if mode is None else stat.S_IMODE(mode)) as opened:
            yield opened
    elif stat.S_ISDIR(mode):
        raise OSError(f"cannot write {label}: it is a folder")
    elif stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        with _streamed(real, label) as opened:
            yield opened
    else:
        raise OSError(f"cannot write {label}: it is not a file, a FIFO or a device")
