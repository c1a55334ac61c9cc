"""Where the formats' readers and writers get their files, and what errors call them.

Every writer takes a path or a binary stream. Written to a path, a file appears
only when complete: it is written to a temporary file beside the target and renamed
into place, so a failure (a record that cannot be written, a cancelled export)
leaves neither half a file nor a damaged earlier one. This happens here and only
here, at whichever depth is handed the path: ``exports.exchange`` hands the writers
the temporary file's stream together with the target's name, so that their errors
name the file that was asked for, never the temporary one.
"""

from __future__ import annotations

import os
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


@contextmanager
def atomic_output(
    target: BinaryIO | str | os.PathLike[str], name: str | None = None
) -> Iterator[tuple[BinaryIO, str]]:
    """A binary stream to write ``target`` through, and the label for errors.

    A stream is handed back as it is: the caller owns it, and what was written
    before a failure is already in it. A path gets a temporary file in the same
    folder (so that the rename is atomic), which replaces ``target`` when the block
    ends normally and is removed when it raises."""
    label = file_label(target, name)
    if not isinstance(target, (str, os.PathLike)):
        yield target, label
        return
    path = Path(target)
    if not path.parent.is_dir():  # mkstemp's error would name the temporary file
        raise OSError(f"cannot write {label}: there is no folder {path.parent}")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream, label
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets, not exports
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
