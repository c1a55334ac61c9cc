"""``glossary align`` on files the tests write, and on the real corpus documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from glossary.alignment.evaluation import parse_beads
from termbase import Termbase

from .conftest import CORPUS


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    """An empty termbase: reading commands need one that exists."""
    path = tmp_path / "tb.sqlite"
    Termbase.open(str(path), create=True).close()
    return str(path)


def test_sentence_files_give_one_bead_per_line(tmp_path: Path, empty_db: str) -> None:
    (tmp_path / "zh.txt").write_text(
        "我们要加快建设科技强国。\n撸起袖子加油干！\n\n教育是国家发展的基础，也是民族复兴的基础。\n",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "We must accelerate building a country strong in science and technology.\n"
        "Education is the foundation of national development.\n"
        "It is also the foundation of national rejuvenation.\n",
        encoding="utf-8",
    )
    result = run(
        "align",
        str(tmp_path / "zh.txt"),
        str(tmp_path / "en.txt"),
        "--sentences",
        "--db",
        empty_db,
    )
    assert result.exit_code == 0, result.output
    # the blank line 2 keeps its number and is not aligned; line 1 has no counterpart
    assert parse_beads(result.stdout.splitlines()) == [((0,), (0,)), ((1,), ()), ((3,), (1, 2))]


def test_whole_documents_print_aligned_pairs(empty_db: str) -> None:
    result = run(
        "align",
        str(CORPUS / "speech-2024-06-24.zh.txt"),
        str(CORPUS / "speech-2024-06-24.qiushi.en.txt"),
        "--json",
        "--db",
        empty_db,
    )
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)
    aligned = [p for p in pairs if p["zh"] and p["en"]]
    assert len(aligned) > 80
    assert any(
        "党的二十大明确了" in p["zh"] and "At its 20th National Congress" in p["en"]
        for p in aligned
    )


def test_an_undecodable_file_is_a_clear_error(tmp_path: Path, empty_db: str) -> None:
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "en.txt").write_text("A sentence.\n", encoding="utf-8")
    result = run(
        "align",
        str(tmp_path / "bad.txt"),
        str(tmp_path / "en.txt"),
        "--sentences",
        "--db",
        empty_db,
    )
    assert result.exit_code == 1 and "bad.txt" in result.stderr


def test_evaluate_beads_and_anchors(tmp_path: Path, empty_db: str) -> None:
    (tmp_path / "pred.txt").write_text("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n", encoding="utf-8")
    (tmp_path / "gold.txt").write_text("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n", encoding="utf-8")
    result = run("evaluate", "beads", str(tmp_path / "pred.txt"), str(tmp_path / "gold.txt"))
    assert json.loads(result.stdout) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    empty = run(
        "evaluate", "alignment", str(CORPUS.parent / "dev-gold" / "alignment.tsv"), "--db", empty_db
    )
    assert empty.exit_code == 1 and "no translation units" in empty.stderr


ZH_LINES = "我们要加快建设科技强国。\n教育是国家发展的基础。\n"
EN_LINES = (
    "We must build a country strong in science and technology.\n"
    "Education is the foundation of national development.\n"
)


@pytest.mark.parametrize(
    "mode", [["--sentences"], ["--json"], []], ids=["sentences", "json", "pairs"]
)
def test_swapped_files_are_refused_not_aligned_into_zeros(
    tmp_path: Path, empty_db: str, mode: list[str]
) -> None:
    # glosses in the other script (AI, 6G; 科技强国) do not make a file look swapped …
    (tmp_path / "zh.txt").write_text("我们要发展AI和6G技术，建设科技强国。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "We must develop AI and 6G and build a country strong in science and technology "
        "(科技强国).\n",
        encoding="utf-8",
    )
    glossed = run(
        "align", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), *mode, "--db", empty_db
    )
    assert glossed.exit_code == 0 and glossed.stdout
    # … but the English file given first does
    result = run(
        "align", str(tmp_path / "en.txt"), str(tmp_path / "zh.txt"), *mode, "--db", empty_db
    )
    assert result.exit_code == 1 and result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "swapped" in message and "Chinese file first" in message


@pytest.mark.parametrize(
    ("zh", "en", "wrong", "message"),
    [
        ("", EN_LINES, "zh.txt", "no text to align"),
        (ZH_LINES, "\n  \n\n", "en.txt", "no text to align"),
        (EN_LINES, EN_LINES, "zh.txt", "hardly any Chinese"),
        (ZH_LINES, ZH_LINES, "en.txt", "mostly Chinese"),
    ],
    ids=["empty Chinese", "blank English", "English twice", "Chinese twice"],
)
@pytest.mark.parametrize("mode", [["--sentences"], []], ids=["sentences", "pairs"])
def test_an_empty_or_wrong_language_file_is_named(
    tmp_path: Path, empty_db: str, zh: str, en: str, wrong: str, message: str, mode: list[str]
) -> None:
    (tmp_path / "zh.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    result = run(
        "align", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), *mode, "--db", empty_db
    )
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {tmp_path / wrong}: {message}")
