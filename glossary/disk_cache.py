"""Data derived from a packaged resource, kept in the user's cache folder so that each
command does not derive it again (parsing CC-CEDICT takes about half a second, loading
the result a tenth of that).

The file's name carries everything the data depends on (the resource's fingerprint,
the version of the code that derives it), so a changed dictionary or parser is never
served stale data; a cache folder that cannot be written only costs the derivation.
"""

from __future__ import annotations

import marshal
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar, cast

from platformdirs import user_cache_path

T = TypeVar("T")


class Codec(Protocol):
    def dumps(self, value: object, /) -> bytes: ...
    def loads(self, data: bytes, /) -> object: ...


class _Pickle:
    """pickle at its newest protocol, for data marshal cannot hold or holds slowly."""

    @staticmethod
    def dumps(value: object) -> bytes:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def loads(data: bytes) -> object:
        return pickle.loads(data)


PICKLE: Codec = _Pickle()
MARSHAL = cast(Codec, marshal)  # fastest for dicts, tuples and strings


def cache_file(name: str) -> Path:
    """Where the cache file ``name`` lives (it may not exist yet)."""
    return user_cache_path("glossary", appauthor=False) / name


def cached(name: str, derive: Callable[[], T], codec: Codec = PICKLE) -> T:
    """``derive()``'s result, read from the cache file ``name`` if it is there and
    whole, else derived and written there for next time."""
    path = cache_file(name)
    try:
        return codec.loads(path.read_bytes())  # type: ignore[return-value]
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        pass
    value = derive()
    try:
        write_then_replace(path, lambda temporary: temporary.write_bytes(codec.dumps(value)))
    except OSError:
        pass  # a read-only cache folder only costs the derivation next time
    return value


def write_then_replace(path: Path, write: Callable[[Path], object]) -> None:
    """Have ``write`` fill a temporary file of its own beside ``path``, then put it in
    ``path``'s place: a reader never sees half a file, and two processes filling the
    cache at once (parallel tests, two commands) never write into one another's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
