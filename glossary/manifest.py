"""The corpus manifest: a TOML file with one ``[[document]]`` table per document.

See the README for the format. Paths are relative to the manifest's own folder, so a
corpus can be moved or shared as one directory.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from termbase.models import DocumentRole

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


@dataclass(frozen=True)
class DocumentSpec:
    """One document to ingest, from a manifest entry or the ``ingest`` command."""

    id: str
    path: Path
    lang: str
    role: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    official: bool = False
    translation_of: str | None = None
    encoding: str | None = None


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


def _entry_to_spec(
    entry: dict, base: Path, where: str, warnings: list[str], lenient: bool
) -> DocumentSpec:
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
    official = entry.get("official", False)
    if not isinstance(official, bool):
        raise ManifestError(f"{where}: official must be true or false")
    role = validate_role(texts["role"], where)
    if role in (DocumentRole.ORIGINAL, DocumentRole.COMMENTARY) and texts.get("translation_of"):
        raise ManifestError(f"{where}: a {role} document cannot be a translation_of another")
    path = (base / texts["path"]).resolve()
    if not path.is_file():
        raise ManifestError(f"{where}: file not found: {path}")
    return DocumentSpec(
        id=texts["id"],
        path=path,
        lang=validate_language(texts["lang"], where),
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
    specs: list[DocumentSpec], path: Path, stored: Callable[[str], bool]
) -> None:
    """Refuse a ``translation_of`` that names no document of the manifest and none
    that ``stored`` knows (the termbase's), before any file is read."""
    ids = [spec.id for spec in specs]
    for number, spec in enumerate(specs, 1):
        original = spec.translation_of
        if original and original not in ids and not stored(original):
            raise ManifestError(
                f"{path}: document #{number} ({spec.id}): translation_of {original!r} names "
                f"no document in this manifest or the termbase{_did_you_mean(original, ids)}"
            )


def read_manifest(
    path: Path, *, lenient: bool = False, stored: Callable[[str], bool] | None = None
) -> tuple[list[DocumentSpec], list[str]]:
    """Read and check a manifest; return its documents (originals before their
    translations) and warnings for the user.

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
    specs = [
        _entry_to_spec(entry, path.parent, f"{path}: document #{n}", warnings, lenient)
        for n, entry in enumerate(entries, 1)
    ]
    seen: set[str] = set()
    for spec in specs:
        if spec.id in seen:
            raise ManifestError(f"{path}: document id {spec.id!r} is used twice")
        seen.add(spec.id)
    if stored is not None:
        _check_originals(specs, path, stored)
    return originals_first(specs), warnings


def originals_first(specs: list[DocumentSpec]) -> list[DocumentSpec]:
    """Order documents so that each comes after the one it translates (stable otherwise),
    which the termbase's foreign keys need."""
    ids = {spec.id for spec in specs}
    ordered: list[DocumentSpec] = []
    placed: set[str] = set()
    pending = list(specs)
    while pending:
        ready = [
            s for s in pending if s.translation_of is None or s.translation_of in placed
            or s.translation_of not in ids
        ]
        if not ready:
            cycle = ", ".join(s.id for s in pending)
            raise ManifestError(f"translation_of forms a cycle among: {cycle}")
        for spec in ready:
            ordered.append(spec)
            placed.add(spec.id)
        pending = [s for s in pending if s.id not in placed]
    return ordered
