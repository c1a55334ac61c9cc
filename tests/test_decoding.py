"""decode_bytes: every supported encoding read back from a file, and refusals."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from glossary.decoding import DecodingError, decode_bytes

SIMPLIFIED = (
    "科技兴则民族兴，科技强则国家强。我们党历来高度重视科技事业发展。"
    "党的十八大以来，党中央深入推动实施创新驱动发展战略，提出加快建设创新型国家的战略任务，"
    "确立2035年建成科技强国的奋斗目标，不断深化科技体制改革。\n"
    "各位院士，同志们、朋友们！\n"
    "当前，新一轮科技革命和产业变革深入发展。人工智能、量子技术、生物技术等前沿技术集中涌现。"
)
TRADITIONAL = (
    "科技興則民族興，科技強則國家強。我們黨歷來高度重視科技事業發展。"
    "黨的十八大以來，黨中央深入推動實施創新驅動發展戰略，提出加快建設創新型國家的戰略任務，"
    "確立2035年建成科技強國的奮鬥目標，不斷深化科技體制改革。\n"
    "各位院士，同志們、朋友們！\n"
    "當前，新一輪科技革命和產業變革深入發展。人工智慧、量子技術、生物技術等前沿技術集中湧現。"
)
MIXED = "The speech (讲话) was given on 24 June 2024.\n习近平出席大会并发表重要讲话。\nS&T and R&D matter.\n"
ENGLISH = "Distinguished academicians, comrades, and friends!\nThis is a gathering.\n"


def _roundtrip(tmp_path: Path, name: str, data: bytes, encoding: str | None = None) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return decode_bytes(path.read_bytes(), str(path), encoding)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", SIMPLIFIED),
        ("utf-8", TRADITIONAL),
        ("gb18030", SIMPLIFIED),
        ("gbk", SIMPLIFIED),
        ("gbk", MIXED),
        ("big5", TRADITIONAL),
        ("utf-16-le", SIMPLIFIED),  # no BOM, no NUL bytes: recognised by plausibility
        ("utf-16-be", SIMPLIFIED),
        ("utf-16-le", TRADITIONAL),
        ("utf-16-le", ENGLISH),  # no BOM, recognised by its NUL bytes
        ("utf-16-be", ENGLISH),
        ("utf-16-le", MIXED),
    ],
)
def test_detects_encoding_without_bom(tmp_path: Path, encoding: str, text: str) -> None:
    assert _roundtrip(tmp_path, f"doc.{encoding}.txt", text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
@pytest.mark.parametrize("text", [SIMPLIFIED, ENGLISH])
def test_bom_is_used_and_stripped(tmp_path: Path, bom: bytes, encoding: str, text: str) -> None:
    decoded = _roundtrip(tmp_path, "bom.txt", bom + text.encode(encoding))
    assert decoded == text
    assert not decoded.startswith("\ufeff")


def test_short_gbk_and_big5_lines_are_not_confused(tmp_path: Path) -> None:
    simplified = "各位院士，同志们、朋友们！"
    traditional = "各位院士，同志們、朋友們！"
    assert _roundtrip(tmp_path, "s.txt", simplified.encode("gbk")) == simplified
    assert _roundtrip(tmp_path, "t.txt", traditional.encode("big5")) == traditional


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # phrases that charset-normalizer alone reads as Big5 or UTF-16 ("ㄛ※毞睿§...")
        ("，“天和”驻空，“天问”探火，“地壳一号", "gbk"),
        ("增强紧迫感，", "gbk"),
        ("弥足珍贵，必须长", "gbk"),
        ("唯”和“立新标”相结合，", "gbk"),
        ("营造鼓励探索", "gb18030"),
        ("深入推動實施創新驅動發展", "big5"),
        ("極端條件邁進", "big5"),
        ("術集中湧現，引發鏈式變革", "big5"),
    ],
)
def test_short_phrases_that_fool_statistics(tmp_path: Path, text: str, encoding: str) -> None:
    assert _roundtrip(tmp_path, "phrase.txt", text.encode(encoding)) == text


def test_gbk_and_big5_sentences_decoded_right(tmp_path: Path) -> None:
    """Every sentence of the sample paragraphs, alone, decodes to itself."""
    for text, encoding in ((SIMPLIFIED, "gbk"), (TRADITIONAL, "big5")):
        for n, sentence in enumerate(text.replace("\n", "").split("。")):
            if len(sentence) < 6:
                continue
            assert _roundtrip(tmp_path, f"{encoding}{n}.txt", sentence.encode(encoding)) == sentence


def test_newlines_normalised(tmp_path: Path) -> None:
    data = "第一行\r\n第二行\r第三行\n".encode("gb18030")
    assert _roundtrip(tmp_path, "crlf.txt", data) == "第一行\n第二行\n第三行\n"
    assert _roundtrip(tmp_path, "crlf8.txt", b"a\r\nb\rc") == "a\nb\nc"


def test_explicit_encoding_is_used(tmp_path: Path) -> None:
    data = TRADITIONAL.encode("big5")
    assert _roundtrip(tmp_path, "forced.txt", data, encoding="big5") == TRADITIONAL
    # GBK bytes forced as GB18030 work too (superset)
    assert _roundtrip(tmp_path, "forced2.txt", SIMPLIFIED.encode("gbk"), "gb18030") == SIMPLIFIED


def test_explicit_encoding_that_does_not_fit(tmp_path: Path) -> None:
    with pytest.raises(DecodingError) as info:
        _roundtrip(tmp_path, "wrong.txt", SIMPLIFIED.encode("gbk"), encoding="utf-8")
    assert "wrong.txt" in str(info.value)
    assert "utf-8" in str(info.value)


def test_unknown_encoding_name(tmp_path: Path) -> None:
    with pytest.raises(DecodingError, match=r"odd\.txt.*no-such-codec"):
        _roundtrip(tmp_path, "odd.txt", b"abc", encoding="no-such-codec")


def test_random_bytes_rejected_naming_the_file(tmp_path: Path) -> None:
    rng = random.Random(7)
    for n in range(5):
        data = bytes(rng.randrange(256) for _ in range(2000))
        with pytest.raises(DecodingError) as info:
            _roundtrip(tmp_path, f"noise{n}.bin", data)
        assert f"noise{n}.bin" in str(info.value)


def test_random_high_bytes_without_nul_rejected(tmp_path: Path) -> None:
    rng = random.Random(11)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(3001))  # odd length: not UTF-16
    with pytest.raises(DecodingError, match="high.bin"):
        _roundtrip(tmp_path, "high.bin", data)


def test_nul_bytes_in_non_utf16_data_rejected(tmp_path: Path) -> None:
    data = "科技强国".encode("gb18030") + b"\x00\x00\x00" + "目标".encode("gb18030")
    with pytest.raises(DecodingError, match="nul.txt"):
        _roundtrip(tmp_path, "nul.txt", data)


def test_png_header_rejected(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    with pytest.raises(DecodingError, match="image.png"):
        _roundtrip(tmp_path, "image.png", data)


def test_control_characters_in_utf8_rejected(tmp_path: Path) -> None:
    with pytest.raises(DecodingError, match="ctl.txt"):
        _roundtrip(tmp_path, "ctl.txt", b"abc\x01\x02\x03\x04def\x05\x06\x07")


def test_empty_file(tmp_path: Path) -> None:
    assert _roundtrip(tmp_path, "empty.txt", b"") == ""


def test_error_is_a_value_error() -> None:
    assert issubclass(DecodingError, ValueError)
