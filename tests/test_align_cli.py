"""``glossary align`` on files the tests write, and on the real corpus documents."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from glossary.alignment.evaluation import parse_beads
from glossary.cli import main

from .conftest import CORPUS


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_sentence_files_give_one_bead_per_line(tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text(
        "我们要加快建设科技强国。\n撸起袖子加油干！\n\n教育是国家发展的基础，也是民族复兴的基础。\n", encoding="utf-8"
    )
    (tmp_path / "en.txt").write_text(
        "We must accelerate building a country strong in science and technology.\n"
        "Education is the foundation of national development.\n"
        "It is also the foundation of national rejuvenation.\n",
        encoding="utf-8",
    )
    result = run(
        "align", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), "--sentences",
        "--db", str(tmp_path / "tb.sqlite"),
    )
    assert result.exit_code == 0, result.output
    # the blank line 2 keeps its number and is not aligned; line 1 has no counterpart
    assert parse_beads(result.stdout.splitlines()) == [((0,), (0,)), ((1,), ()), ((3,), (1, 2))]


def test_whole_documents_print_aligned_pairs(tmp_path: Path) -> None:
    result = run(
        "align", str(CORPUS / "speech-2024-06-24.zh.txt"),
        str(CORPUS / "speech-2024-06-24.qiushi.en.txt"), "--json", "--db", str(tmp_path / "tb.sqlite"),
    )
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)
    aligned = [p for p in pairs if p["zh"] and p["en"]]
    assert len(aligned) > 80
    assert any(
        "党的二十大明确了" in p["zh"] and "At its 20th National Congress" in p["en"] for p in aligned
    )


def test_an_undecodable_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "en.txt").write_text("A sentence.\n", encoding="utf-8")
    result = run("align", str(tmp_path / "bad.txt"), str(tmp_path / "en.txt"), "--sentences",
                 "--db", str(tmp_path / "tb.sqlite"))
    assert result.exit_code == 1 and "bad.txt" in result.stderr


def test_evaluate_beads_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "pred.txt").write_text("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n", encoding="utf-8")
    (tmp_path / "gold.txt").write_text("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n", encoding="utf-8")
    result = run("evaluate", "beads", str(tmp_path / "pred.txt"), str(tmp_path / "gold.txt"))
    assert json.loads(result.stdout) == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    empty = run("evaluate", "alignment", str(CORPUS.parent / "dev-gold" / "alignment.tsv"),
                "--db", str(tmp_path / "tb.sqlite"))
    assert empty.exit_code == 1 and "no translation units" in empty.stderr
