"""The corpus manifest: a TOML file with one ``[[document]]`` table per document.

See the README for the format. Paths are relative to the manifest's own folder, so a
corpus can be moved or shared as one directory.
"""

from __future__ import annotations

import tomllib
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


def _entry_to_spec(entry: dict, base: Path, number: int, warnings: list[str]) -> DocumentSpec:
    where = f"document #{number}" + (f" ({entry['id']})" if isinstance(entry.get("id"), str) else "")
    missing = [key for key in REQUIRED if key not in entry]
    if missing:
        raise ManifestError(f"{where}: missing {', '.join(missing)}")
    for key in sorted(set(entry) - set(REQUIRED) - set(OPTIONAL)):
        warnings.append(f"{where}: unknown field {key!r} ignored")
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


def read_manifest(path: Path) -> tuple[list[DocumentSpec], list[str]]:
    """Read and check a manifest; return its documents (originals before their
    translations) and warnings for the user."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ManifestError(f"manifest not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ManifestError(f"{path}: not a valid TOML file: {error}") from None
    entries = data.get("document")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{path}: no [[document]] entries")
    warnings = [f"{path}: unknown top-level key {key!r} ignored" for key in data if key != "document"]
    specs = [_entry_to_spec(entry, path.parent, n, warnings) for n, entry in enumerate(entries, 1)]
    seen: set[str] = set()
    for spec in specs:
        if spec.id in seen:
            raise ManifestError(f"{path}: document id {spec.id!r} is used twice")
        seen.add(spec.id)
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
