"""Traditional and simplified forms of terms (OpenCC character conversion)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from glossary.script import _converter, to_simplified, to_traditional

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "dev-gold" / "terms.tsv"


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("科技强国", "科技強國"),
        ("中国特色社会主义", "中國特色社會主義"),
        ("一带一路", "一帶一路"),
        ("新质生产力", "新質生產力"),
        ("战略科学家", "戰略科學家"),
        # characters, not Taiwan words: not 專案, 軟體, 網路
        ("项目", "項目"),
        ("软件", "軟件"),
        ("网络强国", "網絡強國"),
        # one simplified character, several traditional ones, chosen by the word
        ("头发", "頭髮"),
        ("发展", "發展"),
        ("干部", "幹部"),
        ("后来", "後來"),
        ("皇后", "皇后"),
        ("制造强国", "製造強國"),
        ("制度", "制度"),
        ("复杂", "複雜"),
        ("民族复兴", "民族復興"),
    ],
)
def test_to_traditional(simplified: str, traditional: str) -> None:
    assert to_traditional(simplified) == traditional


def test_a_traditional_query_finds_the_simplified_entry() -> None:
    assert to_simplified("科技強國") == "科技强国"
    assert to_simplified("頭髮") == "头发"
    with GOLD.open(encoding="utf-8", newline="") as handle:
        terms = {row["zh"] for row in csv.DictReader(handle, delimiter="\t")}
    assert terms
    for term in terms:
        assert to_simplified(to_traditional(term)) == term


def test_text_without_chinese_is_left_alone() -> None:
    assert to_traditional("5G network, 2035") == "5G network, 2035"
    assert to_simplified("") == ""


def test_converters_are_built_once() -> None:
    to_traditional("国")
    assert _converter("s2t") is _converter("s2t")
    assert _converter("s2t") is not _converter("t2s")
