"""Building the termbase from a manifest: the real corpus, idempotence, replacement,
rollback and encodings, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from glossary.ingest import IngestError
from glossary.manifest import read_manifest
from records import SaveResult
from services import build as build_module
from services.build import ingest_documents
from termbase import Termbase
from termbase.models import Document, Paragraph, Segment
from termbase.store import stats

from .conftest import CORPUS, MANIFEST

CJK = r"[\u3400-\u9fff]"


@pytest.fixture
def termbase(db_url: str):
    opened = Termbase.open(db_url)
    yield opened
    opened.close()


def build(termbase: Termbase, manifest: Path) -> dict[str, SaveResult]:
    documents, _warnings = read_manifest(manifest)
    return ingest_documents(termbase, documents)


def snapshot(termbase: Termbase) -> list[tuple]:
    """Everything the build writes, ids and timestamps included."""
    with termbase.reading() as session:
        documents = session.execute(
            sa.select(Document.id, Document.content_hash, Document.ingested_at).order_by(
                Document.id
            )
        ).all()
        segments = session.execute(
            sa.select(Segment.id, Segment.document_id, Segment.text).order_by(Segment.id)
        ).all()
    return [tuple(row) for row in documents + segments]


def write_manifest(folder: Path, entries: list[dict]) -> Path:
    lines = []
    for entry in entries:
        lines.append("[[document]]")
        lines += [f"{key} = {value!r}".replace("'", '"') for key, value in entry.items()]
        lines.append("")
    path = folder / "corpus.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_the_sample_corpus_builds_with_true_counts(termbase: Termbase) -> None:
    results = build(termbase, MANIFEST)
    assert set(results.values()) == {SaveResult.ADDED} and len(results) == 5
    with termbase.reading() as session:
        numbers = {d["id"]: d for d in stats(session)["documents"]}
        zh_paragraphs = session.scalars(
            sa.select(Paragraph).where(Paragraph.document_id == "speech-2024-zh")
        ).all()
        zh_segments = session.scalars(sa.select(Segment.text).where(Segment.language == "zh")).all()
    # 26 indented paragraphs, 5 section leads, title, byline, 3 captions, 1 footnote
    assert numbers["speech-2024-zh"]["paragraphs"]["zh"] == 37
    assert numbers["speech-2024-zh"]["paragraph_kinds"]["zh"]["caption"] == 3
    # 28 Chinese paragraphs, each paired; 11 commentary paragraphs in English only
    assert numbers["speech-2024-en-newsletter"]["paragraphs"] == {"en": 39, "zh": 28}
    assert numbers["speech-2024-en-newsletter"]["paragraph_kinds"]["en"]["commentary"] == 11
    for document in numbers.values():
        assert sum(document["sentences"].values()) > sum(document["paragraphs"].values())
    # the PDF clean-up: no footnote mark, no caption in the speech's flow, no line-break artefacts
    assert not any("※" in text for text in zh_segments)
    for paragraph in zh_paragraphs:
        if paragraph.kind == "body":
            assert "/摄" not in paragraph.text and "新华社记者" not in paragraph.text
    for text in zh_segments:
        assert "\n" not in text
        assert not re.search(rf"{CJK}\s+{CJK}|{CJK}\s+\d|\d\s+{CJK}", text), text


def test_rebuilding_the_same_corpus_changes_nothing(termbase: Termbase) -> None:
    build(termbase, MANIFEST)
    before = snapshot(termbase)
    results = build(termbase, MANIFEST)
    assert set(results.values()) == {SaveResult.UNCHANGED}
    assert snapshot(termbase) == before


def test_a_changed_file_replaces_its_old_version(termbase: Termbase, tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    manifest = tmp_path / "corpus" / "corpus.toml"
    build(termbase, manifest)
    commentary = tmp_path / "corpus" / "commentary-2025-06-10.theorychina.en.txt"
    commentary.write_text("A new first paragraph. It has two sentences.\n", encoding="utf-8")
    results = build(termbase, manifest)
    assert results["commentary-2025-theorychina"] is SaveResult.REPLACED
    assert [r for r in results.values() if r is not SaveResult.UNCHANGED] == [SaveResult.REPLACED]
    with termbase.reading() as session:
        texts = session.scalars(
            sa.select(Segment.text)
            .where(Segment.document_id == "commentary-2025-theorychina")
            .order_by(Segment.id)
        ).all()
    assert texts == ["A new first paragraph.", "It has two sentences."]


def test_an_undecodable_document_leaves_the_termbase_as_it_was(
    termbase: Termbase, tmp_path: Path
) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    manifest = tmp_path / "corpus" / "corpus.toml"
    build(termbase, manifest)
    before = snapshot(termbase)
    (tmp_path / "corpus" / "commentary-2025-06-10.theorychina.en.txt").write_text("Changed.\n")
    broken = tmp_path / "corpus" / "broken.txt"
    broken.write_bytes(bytes(range(256)) * 40)
    with manifest.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[document]]\nid = "broken"\npath = "broken.txt"\nlang = "en"\nrole = "commentary"\n'
        )
    with pytest.raises(IngestError, match="broken.txt"):
        build(termbase, manifest)
    assert snapshot(termbase) == before


def test_a_failure_while_writing_rolls_back_the_whole_build(
    termbase: Termbase, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = build_module.save_document
    calls = []

    def failing_save(session, meta, paragraphs):
        calls.append(meta.id)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_save(session, meta, paragraphs)

    monkeypatch.setattr(build_module, "save_document", failing_save)
    with pytest.raises(RuntimeError, match="disk full"):
        build(termbase, MANIFEST)
    assert len(calls) == 3
    with termbase.reading() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Document)) == 0
        assert session.scalar(sa.select(sa.func.count()).select_from(Segment)) == 0


SIMPLIFIED = (
    "科技兴则民族兴，科技强则国家强。我们党历来高度重视科技事业发展。"
    "要坚持“四个面向”，加快建设科技强国，实现高水平科技自立自强。\n"
    "各位院士，同志们、朋友们！建设科技强国，是全党全国的共同责任。\n"
)
TRADITIONAL = (
    "科技興則民族興，科技強則國家強。我們黨歷來高度重視科技事業發展。"
    "要堅持「四個面向」，加快建設科技強國，實現高水準科技自立自強。\n"
    "各位院士，同志們、朋友們！建設科技強國，是全黨全國的共同責任。\n"
)


@pytest.mark.parametrize(
    ("encoding", "text", "prefix"),
    [
        ("utf-8", SIMPLIFIED, b""),
        ("utf-8", SIMPLIFIED, b"\xef\xbb\xbf"),
        ("utf-16", SIMPLIFIED, b""),  # Python writes a BOM
        ("utf-16-le", SIMPLIFIED, b"\xff\xfe"),
        ("utf-16-be", SIMPLIFIED, b"\xfe\xff"),
        ("gb18030", SIMPLIFIED, b""),
        ("gbk", SIMPLIFIED, b""),
        ("big5", TRADITIONAL, b""),
    ],
)
def test_each_encoding_is_decoded(
    termbase: Termbase, tmp_path: Path, encoding: str, text: str, prefix: bytes
) -> None:
    (tmp_path / "doc.txt").write_bytes(prefix + text.encode(encoding))
    manifest = write_manifest(
        tmp_path, [{"id": "doc", "path": "doc.txt", "lang": "zh-Hans", "role": "original"}]
    )
    build(termbase, manifest)
    with termbase.reading() as session:
        paragraphs = session.scalars(sa.select(Paragraph.text).order_by(Paragraph.position)).all()
    assert paragraphs == text.strip().split("\n")


def test_a_translation_of_an_unknown_document_is_refused(
    termbase: Termbase, tmp_path: Path
) -> None:
    (tmp_path / "en.txt").write_text("Title\n\nA sentence.\n", encoding="utf-8")
    manifest = write_manifest(
        tmp_path,
        [
            {
                "id": "en",
                "path": "en.txt",
                "lang": "en",
                "role": "translation",
                "translation_of": "zh",
            }
        ],
    )
    with pytest.raises(IngestError, match="translation_of 'zh'"):
        build(termbase, manifest)
