"""What the review app remembers from one session to the next: the last export of
each termbase (format, file, approved only), so that exporting again is one key.

It is the editor's own, not the team's: a path on this machine, kept in a small JSON
file in the per-user state folder (``~/.local/state/glossary/review.json`` on Linux,
by platformdirs), not in the termbase, which a team may share. Each termbase has its
own entry, so that exporting another termbase never offers to overwrite this one's
file. The file is a convenience: one that cannot be read is ignored, one that cannot
be written leaves the choice remembered for the session only.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_state_path


def default_state_file() -> Path:
    return user_state_path("glossary", appauthor=False) / "review.json"


@dataclass(frozen=True)
class ExportChoice:
    """An export as the editor last asked for it."""

    format: str
    path: str
    approved_only: bool


def _read(file: Path) -> dict:
    try:
        state = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def last_export(file: Path, termbase: str) -> ExportChoice | None:
    """The last export of ``termbase`` (its URL without password) remembered in
    ``file``; None if there is none, or none that makes sense."""
    exports = _read(file).get("exports")
    entry = exports.get(termbase) if isinstance(exports, dict) else None
    try:
        choice = ExportChoice(**entry) if isinstance(entry, dict) else None
    except TypeError:
        return None
    if choice is None or not all(isinstance(v, str) for v in (choice.format, choice.path)):
        return None
    return choice


def remember_export(file: Path, termbase: str, choice: ExportChoice) -> None:
    """Keep ``choice`` as the last export of ``termbase``, beside the other termbases'
    (written to a temporary file and renamed, so a crash never leaves half a file)."""
    state = _read(file)
    exports = state.get("exports")
    if not isinstance(exports, dict):
        exports = state["exports"] = {}
    exports[termbase] = asdict(choice)
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(state, out, ensure_ascii=False, indent=2)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
