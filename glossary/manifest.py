"""The corpus manifest: a TOML file with one ``[[document]]`` table per document.

See the README for the format. Paths are relative to the manifest's own folder, so a
corpus can be moved or shared as one directory; and they must stay inside it (or a
folder the user allows on the command line), so that a manifest from someone else
cannot read ``../../.ssh/id_rsa`` or ``/etc/shadow`` into a termbase that is then
exported and shared.
"""

from __future__ import annotations

import difflib
import errno
import os
import stat
import tomllib
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from glossary.textutils import has_control, visible_controls
from records import DocumentMeta, DocumentRole

REQUIRED = ("id", "path", "lang", "role")
OPTIONAL = (
    "title",
    "author",
    "outlet",
    "published",
    "url",
    "original_url",
    "official",
    "translation_of",
    "encoding",
)


class ManifestError(ValueError):
    """A manifest that cannot be used; the message says where and why."""


def validate_role(role: str, where: str) -> str:
    if role not in {r.value for r in DocumentRole}:
        choices = ", ".join(r.value for r in DocumentRole)
        raise ManifestError(f"{where}: role {role!r} is not one of {choices}")
    return role


def validate_language(lang: str, where: str) -> str:
    primary = lang.split("-")[0].lower()
    if primary not in {"zh", "en"}:
        raise ManifestError(f"{where}: lang {lang!r} is neither Chinese (zh…) nor English (en…)")
    return lang


def _did_you_mean(word: str, choices: Collection[str]) -> str:
    """A hint naming the nearest of ``choices`` to a misspelt ``word``, or nothing."""
    nearest = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean `{nearest[0]}`?)" if nearest else ""


def _unknown_keys(
    keys: Collection[str], known: Collection[str], where: str, what: str, lenient: bool
) -> list[str]:
    """Refuse a key the manifest format does not have, naming the nearest known one: a
    misspelt ``translation_of`` otherwise builds a translation aligned with nothing.
    With ``lenient``, return warnings instead."""
    unknown = sorted(set(keys) - set(known))
    if unknown and not lenient:
        key = unknown[0]
        raise ManifestError(
            f"{where}: unknown {what} `{key}`{_did_you_mean(key, known)}; "
            "`glossary build --lenient` ignores unknown fields"
        )
    return [
        f"{where}: unknown {what} `{key}` ignored{_did_you_mean(key, known)}" for key in unknown
    ]


ALLOW_OPTION = "--allow-dir"  # the build option that lets documents come from elsewhere

# What a path that is not a regular file is, by the type bits of its mode.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _is_symlink_loop(error: BaseException) -> bool:
    """``Path.resolve`` reports a loop as RuntimeError up to Python 3.12, as an OSError
    (ELOOP) after; ``stat`` as an OSError."""
    return isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP


def document_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a document, in words for the user: what it is
    when it is not a regular file (a folder, a device, a pipe, a symlink loop, a
    symlink to nothing); None for a regular file. A device or a pipe would be read
    for ever (``/dev/zero``) or hang (a FIFO nobody writes)."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if _is_symlink_loop(error):
            return f"{path} is a symlink loop"
        if isinstance(error, FileNotFoundError):
            if path.is_symlink():
                return f"{path} is a symlink to {os.readlink(path)}, which does not exist"
            return f"file not found: {path}"
        return f"cannot read {path}: {error.strerror or error}"
    for is_kind, kind in _KINDS:
        if is_kind(mode):
            shown = f"{path} (a symlink to {path.resolve()})" if path.is_symlink() else path
            return f"{shown} is {kind}, not a file"
    return None


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def document_path(given: str, base: Path, allowed: Sequence[Path], where: str) -> Path:
    """The regular file a manifest entry's ``path`` names, relative to ``base`` (the
    manifest's folder), with symlinks resolved; refused when it leads outside
    ``base`` and every folder in ``allowed`` (through ``..``, an absolute path or a
    symlink), or is not a regular file."""
    joined = Path(os.path.abspath(base / given))  # normalised, symlinks not followed
    try:
        path = joined.resolve()
    except (RuntimeError, OSError) as error:
        if _is_symlink_loop(error):
            raise ManifestError(f"{where}: {joined} is a symlink loop") from None
        raise ManifestError(f"{where}: cannot read {joined}: {error}") from None
    roots = [root.resolve() for root in (base, *allowed)]
    if not _inside(path, roots):
        symlinked = path != joined
        through = f" (through a symlink, to {path})" if symlinked else ""
        raise ManifestError(
            f"{where}: path {given!r} leads outside the manifest's folder {roots[0]}{through}; "
            f"documents are read from there only, unless `glossary build {ALLOW_OPTION} DIR` "
            "allows another folder"
        )
    problem = document_file_problem(joined)  # as given: a symlink is named as one
    if problem:
        raise ManifestError(f"{where}: {problem}")
    return path


def _entry_to_document(
    entry: dict,
    base: Path,
    where: str,
    warnings: list[str],
    lenient: bool,
    allowed: Sequence[Path] = (),
) -> DocumentMeta:
    if isinstance(entry.get("id"), str):
        where += f" ({entry['id']})"
    missing = [key for key in REQUIRED if key not in entry]
    if missing:
        raise ManifestError(f"{where}: missing {', '.join(missing)}")
    warnings += _unknown_keys(entry, (*REQUIRED, *OPTIONAL), where, "field", lenient)
    texts = {
        key: entry[key] for key in (*REQUIRED, *OPTIONAL) if key in entry and key != "official"
    }
    for key, value in texts.items():
        if key == "published":
            texts[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        elif not isinstance(value, str) or not value.strip():
            raise ManifestError(f"{where}: {key} must be a non-empty string")
        control = has_control(texts[key])
        if control:  # a TOML string may spell one ("\u001b"): it would reach terminals
            raise ManifestError(
                f"{where}: {key} contains the control character "
                f"{visible_controls(control)}, which is not text"
            )
    official = entry.get("official", False)
    if not isinstance(official, bool):
        raise ManifestError(f"{where}: official must be true or false")
    role = validate_role(texts["role"], where)
    if role in (DocumentRole.ORIGINAL, DocumentRole.COMMENTARY) and texts.get("translation_of"):
        raise ManifestError(f"{where}: a {role} document cannot be a translation_of another")
    return DocumentMeta(
        id=texts["id"],
        source_path=str(document_path(texts["path"], base, allowed, where)),
        language=validate_language(texts["lang"], where),
        role=role,
        title=texts.get("title"),
        author=texts.get("author"),
        outlet=texts.get("outlet"),
        published=texts.get("published"),
        url=texts.get("url") or texts.get("original_url"),
        official=official,
        translation_of=texts.get("translation_of"),
        encoding=texts.get("encoding"),
    )


def _check_originals(
    documents: list[DocumentMeta], path: Path, stored: Callable[[str], bool]
) -> None:
    """Refuse a ``translation_of`` that names no document of the manifest and none
    that ``stored`` knows (the termbase's), before any file is read."""
    ids = [document.id for document in documents]
    for number, document in enumerate(documents, 1):
        original = document.translation_of
        if original and original not in ids and not stored(original):
            raise ManifestError(
                f"{path}: document #{number} ({document.id}): translation_of {original!r} names "
                f"no document in this manifest or the termbase{_did_you_mean(original, ids)}"
            )


def read_manifest(
    path: Path,
    *,
    lenient: bool = False,
    stored: Callable[[str], bool] | None = None,
    allowed: Sequence[Path] = (),
) -> tuple[list[DocumentMeta], list[str]]:
    """Read and check a manifest; return its documents (originals before their
    translations) and warnings for the user.

    Each document must be a regular file in the manifest's folder (or below it), or
    in one of the ``allowed`` folders: a path leading anywhere else, through ``..``,
    an absolute path or a symlink, is an error, and so is a folder, a device or a
    symlink loop, each named for what it is.

    An unknown key is an error unless ``lenient`` (then a warning). With ``stored``
    (whether the termbase holds a document id), a ``translation_of`` naming no
    document here or there is an error too; without it, such an original is assumed
    to be somewhere else, as a library caller may know."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ManifestError(f"manifest not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ManifestError(f"{path}: not a valid TOML file: {error}") from None
    entries = data.get("document")
    if not isinstance(entries, list) or not entries:
        misspelt = [key for key in data if key != "document" and _did_you_mean(key, ["document"])]
        hint = f" (`{misspelt[0]}` is not a key: did you mean `document`?)" if misspelt else ""
        raise ManifestError(f"{path}: no [[document]] entries{hint}")
    warnings = _unknown_keys(data, ("document",), str(path), "top-level key", lenient)
    documents = [
        _entry_to_document(entry, path.parent, f"{path}: document #{n}", warnings, lenient, allowed)
        for n, entry in enumerate(entries, 1)
    ]
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:
            raise ManifestError(f"{path}: document id {document.id!r} is used twice")
        seen.add(document.id)
    if stored is not None:
        _check_originals(documents, path, stored)
    return originals_first(documents), warnings


def originals_first(documents: list[DocumentMeta]) -> list[DocumentMeta]:
    """Order documents so that each comes after the one it translates (stable otherwise),
    which the termbase's foreign keys need."""
    ids = {document.id for document in documents}
    ordered: list[DocumentMeta] = []
    placed: set[str] = set()
    pending = list(documents)
    while pending:
        ready = [
            s
            for s in pending
            if s.translation_of is None or s.translation_of in placed or s.translation_of not in ids
        ]
        if not ready:
            cycle = ", ".join(s.id for s in pending)
            raise ManifestError(f"translation_of forms a cycle among: {cycle}")
        for document in ready:
            ordered.append(document)
            placed.add(document.id)
        pending = [s for s in pending if s.id not in placed]
    return ordered
