"""A manifest mistake is an error that says where and what was probably meant, not a
build that succeeds with nothing aligned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from glossary.manifest import ManifestError, read_manifest

ZH = "我们要加快建设科技强国。\n教育是国家发展的基础。\n"
EN = (
    "We must build a country strong in science and technology.\n"
    "Education is the foundation of national development.\n"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def corpus(tmp_path: Path, translation: str) -> Path:
    """A two-document manifest whose second entry ends with ``translation`` lines."""
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    path = tmp_path / "corpus.toml"
    path.write_text(
        "[[document]]\nid = 'zh'\npath = 'zh.txt'\nlang = 'zh-Hans'\nrole = 'original'\n\n"
        f"[[document]]\nid = 'en'\npath = 'en.txt'\nlang = 'en'\nrole = 'translation'\n{translation}\n",
        encoding="utf-8",
    )
    return path


def test_a_misspelt_field_is_an_error_naming_the_nearest_one(tmp_path: Path) -> None:
    path = corpus(tmp_path, "translaton_of = 'zh'")
    with pytest.raises(ManifestError) as error:
        read_manifest(path)
    assert str(error.value) == (
        f"{path}: document #2 (en): unknown field `translaton_of` (did you mean `translation_of`?); "
        "`glossary build --lenient` ignores unknown fields"
    )


def test_lenient_turns_unknown_fields_into_warnings(tmp_path: Path) -> None:
    path = corpus(tmp_path, "translaton_of = 'zh'\nofficail = true")
    documents, warnings = read_manifest(path, lenient=True)
    assert [document.translation_of for document in documents] == [None, None]
    assert warnings == [
        f"{path}: document #2 (en): unknown field `officail` ignored (did you mean `official`?)",
        f"{path}: document #2 (en): unknown field `translaton_of` ignored (did you mean `translation_of`?)",
    ]


def test_a_misspelt_top_level_key_is_an_error_too(tmp_path: Path) -> None:
    path = corpus(tmp_path, "translation_of = 'zh'")
    path.write_text(
        path.read_text(encoding="utf-8").replace("[[document]]", "[[documents]]", 1),
        encoding="utf-8",
    )
    with pytest.raises(
        ManifestError, match=r"unknown top-level key `documents` \(did you mean `document`\?\)"
    ):
        read_manifest(path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("[[document]]", "[[documents]]"), encoding="utf-8"
    )
    with pytest.raises(
        ManifestError, match=r"no \[\[document\]\] entries \(`documents` is not a key"
    ):
        read_manifest(path)


def test_translation_of_must_name_a_document_of_the_manifest_or_the_termbase(
    tmp_path: Path,
) -> None:
    path = corpus(tmp_path, "translation_of = 'zhh'")
    with pytest.raises(ManifestError) as error:
        read_manifest(path, stored=lambda _id: False)
    assert str(error.value) == (
        f"{path}: document #2 (en): translation_of 'zhh' names no document in this "
        "manifest or the termbase (did you mean `zh`?)"
    )
    documents, _ = read_manifest(path, stored=lambda document_id: document_id == "zhh")
    assert documents[1].translation_of == "zhh"


def test_build_refuses_a_misspelt_field_and_creates_nothing(tmp_path: Path) -> None:
    path = corpus(tmp_path, "translaton_of = 'zh'")
    db = tmp_path / "tb.sqlite"
    result = run("build", str(path), "--db", str(db))
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "\n" not in message and str(path) in message and "document #2 (en)" in message
    assert "did you mean `translation_of`?" in message
    assert not db.exists()


def test_build_refuses_a_translation_of_nothing(tmp_path: Path) -> None:
    path = corpus(tmp_path, "translation_of = 'zhh'")
    db = tmp_path / "tb.sqlite"
    result = run("build", str(path), "--db", str(db))
    assert result.exit_code == 1
    assert "translation_of 'zhh' names no document" in result.stderr
    assert "did you mean `zh`?" in result.stderr and not db.exists()


def test_build_lenient_warns_and_builds(tmp_path: Path) -> None:
    path = corpus(tmp_path, "translation_of = 'zh'\ntranslator = 'someone'")
    db = tmp_path / "tb.sqlite"
    result = run("build", str(path), "--lenient", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "unknown field `translator` ignored" in result.stderr
    numbers = json.loads(run("stats", "--json", "--db", str(db)).stdout)
    assert numbers["totals"]["translation_units"] >= 2
    # a translation of a document the termbase already holds is fine
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "more" / "m.toml").write_text(
        "[[document]]\nid = 'en2'\npath = 'en.txt'\nlang = 'en'\nrole = 'translation'\n"
        "translation_of = 'zh'\n",
        encoding="utf-8",
    )
    assert run("build", str(tmp_path / "more" / "m.toml"), "--db", str(db), "-q").exit_code == 0
