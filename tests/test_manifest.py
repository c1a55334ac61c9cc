"""The corpus manifest: the sample's format, ordering and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.manifest import ManifestError, read_manifest

from .conftest import MANIFEST


def test_the_sample_manifest_lists_five_documents_originals_first() -> None:
    documents, warnings = read_manifest(MANIFEST)
    ids = [document.id for document in documents]
    assert len(ids) == 5 and warnings == []
    assert ids.index("speech-2024-zh") < ids.index("speech-2024-en-qiushi")
    by_id = {document.id: document for document in documents}
    assert by_id["speech-2024-en-qiushi"].official is True
    assert by_id["speech-2024-en-newsletter"].translation_of == "speech-2024-zh"
    assert by_id["speech-2018-en-digichina"].url.startswith("http://www.qstheory.cn/")
    assert Path(by_id["speech-2024-zh"].source_path).is_file()


def manifest(tmp_path: Path, body: str) -> Path:
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    path = tmp_path / "m.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[document]]\nid = 'a'\npath = 'a.txt'\nlang = 'en'\n", "missing role"),
        ("[[document]]\nid = 'a'\npath = 'a.txt'\nlang = 'en'\nrole = 'draft'\n", "role 'draft'"),
        (
            "[[document]]\nid = 'a'\npath = 'no.txt'\nlang = 'en'\nrole = 'original'\n",
            "file not found",
        ),
        ("[[document]]\nid = 'a'\npath = 'a.txt'\nlang = 'fr'\nrole = 'original'\n", "lang 'fr'"),
        ("[[document]\nid = 'a'\n", "not a valid TOML file"),
        ("title = 'x'\n", "no \\[\\[document\\]\\] entries"),
        (
            "[[document]]\nid = 'a'\npath = 'a.txt'\nlang = 'en'\nrole = 'original'\n"
            "[[document]]\nid = 'a'\npath = 'a.txt'\nlang = 'en'\nrole = 'original'\n",
            "used twice",
        ),
        (
            "[[document]]\nid = 'a'\npath = 'a.txt'\nlang = 'en'\nrole = 'translation'\ntranslation_of = 'b'\n"
            "[[document]]\nid = 'b'\npath = 'a.txt'\nlang = 'en'\nrole = 'translation'\ntranslation_of = 'a'\n",
            "cycle",
        ),
    ],
)
def test_bad_manifests_are_explained(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(ManifestError, match=message):
        read_manifest(manifest(tmp_path, body))


def test_unknown_fields_are_warnings_when_lenient(tmp_path: Path) -> None:
    path = manifest(
        tmp_path,
        "[[document]]\nid = 'a'\npath = 'a.txt'\nlang = 'en'\nrole = 'commentary'\n"
        "colour = 'x'\npublished = 2025-01-02\n",
    )
    documents, warnings = read_manifest(path, lenient=True)
    assert documents[0].published == "2025-01-02"
    assert warnings == [f"{path}: document #1 (a): unknown field `colour` ignored"]
