"""``exports.tmx``: TMX 1.4b written valid and read back by us and by translate-toolkit,
files in the styles real tools write, and hostile or broken files refused clearly.

Every file is a real file under ``tmp_path``; validity is checked by lxml against the
tmx14.dtd in ``../shared/standards``."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO

import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx

import exports.tmx as tmx_module
from exports.safexml import XmlInputError
from exports.tmx import (
    VERSION,
    TmxError,
    TmxHeader,
    TmxUnit,
    TmxVariant,
    normalise_language,
    read_tmx,
    write_tmx,
)

from .conftest import SHARED

TMX14_DTD = SHARED / "standards" / "tmx" / "tmx14.dtd"
MOMENT = datetime(2024, 6, 24, 9, 30, 15, tzinfo=UTC)

# Chinese and English with everything escaping and whitespace handling can get wrong.
TRICKY = [
    ("中国共产党第二十届中央委员会", "the 20th Central Committee of the CPC"),
    ("坚持“两个确立”，做到“两个维护”。", 'Uphold the "Two Establishments" & the "Two Upholds".'),
    ("A&B<C>D 与 R&D", "A&B<C>D and R&D; 1 < 2 > 0; ]]> stays text"),
    ("它说：'不' 和 \"是\"", "it said 'no' and \"yes\""),
    ("第一行\n第二行\n\n第四行", "line one\nline two\n\nline four"),
    ("Windows 换行\r\n之后", "CRLF\r\nafter, a lone CR\r."),
    ("\t制表符 与 前后空格  ", "  leading and trailing spaces\t"),
    ("《习近平谈治国理政》——第四卷……！？", "Xi Jinping: The Governance of China, Vol. IV"),
    ("表情 🇨🇳👍🏽 与 𠀀𪚥 扩展汉字", "emoji 🇨🇳👍🏽 and CJK Ext. B 𠀀𪚥"),
    ("全角（括号）、顿号；分号：冒号", "fullwidth (brackets), enumeration comma"),
]


def tricky_units() -> list[TmxUnit]:
    return [
        TmxUnit(
            [TmxVariant("zh-CN", zh), TmxVariant("en", en)],
            tuid=f"u{number}",
            created=MOMENT + timedelta(days=number),
            props=[("x-document", "speech-2024-06-24"), ("x-score", f"0.{number}")],
            notes=[f"note {number} & <more>"] if number % 2 else [],
        )
        for number, (zh, en) in enumerate(TRICKY)
    ]


def header(**changes: object) -> TmxHeader:
    values: dict = {"srclang": "zh-CN", "created": MOMENT}
    values.update(changes)
    return TmxHeader(**values)


def validate(path: Path) -> None:
    """Fail with lxml's messages unless ``path`` is valid against tmx14.dtd."""
    dtd = etree.DTD(str(TMX14_DTD))
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    document = etree.parse(str(path), parser)
    assert dtd.validate(document), dtd.error_log.filter_from_errors()


def read_all(path: Path | io.BytesIO, name: str | None = None) -> tuple[TmxHeader, list[TmxUnit]]:
    with read_tmx(path, name) as reader:
        return reader.header, list(reader)


def write_text(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------------
# Language tags
# --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("ZH_cn", "zh-CN"),
        ("zh_CN", "zh-CN"),
        ("EN-us", "en-US"),
        ("en", "en"),
        ("zh-hans-cn", "zh-Hans-CN"),
        ("ZH-HANT-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("de-ch-1901", "de-CH-1901"),
        ("en-GB-x-Oxford", "en-GB-x-oxford"),
        ("x-Klingon", "x-klingon"),
        ("*all*", "*all*"),
        ("*ALL*", "*all*"),
    ],
)
def test_normalise_language(tag: str, expected: str) -> None:
    assert normalise_language(tag) == expected


@pytest.mark.parametrize("tag", ["", "zh CN", "中文", "zh--CN", "toolongsubtag"])
def test_normalise_language_refuses_what_is_no_tag(tag: str) -> None:
    with pytest.raises(ValueError, match="not a language tag"):
        normalise_language(tag)


# --------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------


def test_written_file_is_exactly_this(tmp_path: Path) -> None:
    """The layout, attribute order and escaping, byte for byte."""
    path = tmp_path / "small.tmx"
    units = [
        TmxUnit(
            [TmxVariant("zh_cn", "A&B <中>\r\n"), TmxVariant("EN", 'say "hi"')],
            tuid='1 "one"',
            created=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=8))),
            props=[("x-doc", "d&d")],
            notes=["n<1>"],
        ),
        TmxUnit([TmxVariant("zh-CN", "二")]),
    ]
    head = header(notes=["made by tests"], props=[("x-tab", "a\tb\nc")])
    assert write_tmx(path, head, units) == 2
    assert path.read_text(encoding="utf-8") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4">\n'
        '  <header creationtool="zh-glossary" creationtoolversion="' + VERSION + '"'
        ' segtype="sentence" o-tmf="zh-glossary" adminlang="en" srclang="zh-CN"'
        ' datatype="plaintext" creationdate="20240624T093015Z">\n'
        "    <note>made by tests</note>\n"
        '    <prop type="x-tab">a\tb\nc</prop>\n'
        "  </header>\n"
        "  <body>\n"
        '    <tu tuid="1 &quot;one&quot;" creationdate="20240101T190405Z">\n'
        "      <note>n&lt;1&gt;</note>\n"
        '      <prop type="x-doc">d&amp;d</prop>\n'
        '      <tuv xml:lang="zh-CN"><seg>A&amp;B &lt;中&gt;&#13;\n</seg></tuv>\n'
        '      <tuv xml:lang="en"><seg>say "hi"</seg></tuv>\n'
        "    </tu>\n"
        "    <tu>\n"
        '      <tuv xml:lang="zh-CN"><seg>二</seg></tuv>\n'
        "    </tu>\n"
        "  </body>\n"
        "</tmx>\n"
    )


def test_header_without_props_or_notes_is_an_empty_element(tmp_path: Path) -> None:
    path = tmp_path / "bare.tmx"
    write_tmx(path, header(srclang="*all*"), [TmxUnit([TmxVariant("en", "x")])])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[3].startswith("  <header ") and lines[3].endswith("/>")
    assert 'srclang="*all*"' in lines[3]
    validate(path)


def test_every_written_file_is_valid_tmx14(tmp_path: Path) -> None:
    path = tmp_path / "tricky.tmx"
    head = header(notes=["a & b"], props=[("x-project", "二十大报告")], segtype="paragraph")
    write_tmx(path, head, tricky_units())
    validate(path)


def test_the_validator_does_reject_invalid_tmx(tmp_path: Path) -> None:
    """So that the validity tests above can fail: a header without srclang."""
    path = tmp_path / "invalid.tmx"
    write_tmx(path, header(), [TmxUnit([TmxVariant("en", "x")])])
    path.write_text(path.read_text(encoding="utf-8").replace(' srclang="zh-CN"', ""), "utf-8")
    with pytest.raises(AssertionError, match="srclang"):
        validate(path)


def test_translate_toolkit_reads_what_we_write(tmp_path: Path) -> None:
    path = tmp_path / "for-tt.tmx"
    write_tmx(path, header(), tricky_units())
    store = tt_tmx.tmxfile.parsefile(str(path))
    assert store.sourcelanguage == "zh-CN"
    assert len(store.units) == len(TRICKY)
    for unit, (zh, en) in zip(store.units, TRICKY, strict=True):
        assert (unit.source, unit.target) == (zh, en)
        assert unit.gettarget("en") == en
    assert [unit.getid() for unit in store.units] == [f"u{n}" for n in range(len(TRICKY))]
    assert store.units[1].getnotes() == "note 1 & <more>"


def test_round_trip_gives_equal_units_and_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first.tmx", tmp_path / "second.tmx"
    head = header(notes=["  spaced \n note "], props=[("x-a", "1"), ("x-b", "\t2\r\n")])
    units = tricky_units()
    write_tmx(first, head, units)
    read_header, read_units = read_all(first)
    assert read_units == units
    assert read_header == head
    write_tmx(second, read_header, read_units)
    assert second.read_bytes() == first.read_bytes()


def test_output_is_deterministic(tmp_path: Path) -> None:
    paths = [tmp_path / "a.tmx", tmp_path / "b.tmx"]
    for path in paths:
        write_tmx(path, header(), tricky_units())
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_dates_are_written_in_utc(tmp_path: Path) -> None:
    """Aware datetimes are converted; naive ones are UTC already, as the termbase
    stores them; header.created None means now."""
    path = tmp_path / "dates.tmx"
    beijing = datetime(2024, 6, 24, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    units = [
        TmxUnit([TmxVariant("en", "aware")], created=beijing),
        TmxUnit([TmxVariant("en", "naive")], created=datetime(2024, 6, 24, 8, 0)),
    ]
    before = datetime.now(UTC).replace(microsecond=0)
    write_tmx(path, header(created=None), units)
    after = datetime.now(UTC)
    read_header, (aware, naive) = read_all(path)
    assert aware.created == datetime(2024, 6, 24, 0, 0, tzinfo=UTC)
    assert naive.created == datetime(2024, 6, 24, 8, 0, tzinfo=UTC)
    assert read_header.created is not None
    assert before <= read_header.created <= after


def test_writing_to_a_stream_leaves_it_open(tmp_path: Path) -> None:
    stream = io.BytesIO()
    assert write_tmx(stream, header(), tricky_units()[:3]) == 3
    assert not stream.closed
    assert stream.getvalue().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert stream.getvalue().endswith(b"</tmx>\n")


class RecordingStream(io.BytesIO):
    """A binary stream that notes how many units had been produced at each write."""

    def __init__(self, produced: list[int]) -> None:
        super().__init__()
        self.produced = produced
        self.writes: list[int] = []

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.writes.append(self.produced[0])
        return super().write(data)


def test_writer_streams_units_without_collecting_them() -> None:
    produced = [0]

    def units() -> Iterator[TmxUnit]:
        for number in range(3000):
            produced[0] += 1
            yield TmxUnit([TmxVariant("en", f"unit {number}")])

    stream = RecordingStream(produced)
    assert write_tmx(stream, header(), units()) == 3000
    # the first batch went out long before the last unit was produced
    assert 0 < stream.writes[1] < 1000
    assert len(stream.writes) > 3


@pytest.mark.parametrize(
    ("unit", "where"),
    [
        (TmxUnit([TmxVariant("en", "bell\x07")], tuid="t1"), "U+0007 in the text of its en"),
        (TmxUnit([TmxVariant("en", "nul\x00")], tuid="t1"), "U+0000 in the text of its en"),
        (TmxUnit([TmxVariant("zh-CN", "\ufffe")], tuid="t1"), "U+FFFE in the text of its zh-CN"),
        (TmxUnit([TmxVariant("en", "\uffff")], tuid="t1"), "U+FFFF in the text of its en"),
        (TmxUnit([TmxVariant("en", "lone \ud800")], tuid="t1"), "U+D800 in the text of its en"),
        (TmxUnit([TmxVariant("en", "ok")], tuid="t1", notes=["\x0c"]), "U+000C in a note"),
        (TmxUnit([TmxVariant("en", "ok")], tuid="t1", props=[("x", "\x1b")]), "U+001B in prop"),
    ],
)
def test_characters_xml_cannot_carry_name_the_unit_and_leave_no_file(
    tmp_path: Path, unit: TmxUnit, where: str
) -> None:
    path = tmp_path / "broken.tmx"
    good = TmxUnit([TmxVariant("en", "fine")])
    pattern = r"broken\.tmx: unit 2 \(tuid 't1'\): " + re.escape(where)
    with pytest.raises(TmxError, match=pattern) as caught:
        write_tmx(path, header(), [good, unit])
    assert "cannot be written in XML 1.0" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("unit", "problem"),
    [
        (TmxUnit([]), "has no variants"),
        (TmxUnit([TmxVariant("", "x")]), "not a language tag"),
        (TmxUnit([TmxVariant("en US", "x")]), "not a language tag: 'en US'"),
    ],
)
def test_units_the_writer_refuses(tmp_path: Path, unit: TmxUnit, problem: str) -> None:
    with pytest.raises(TmxError, match=rf"refused\.tmx: unit 1: .*{problem}"):
        write_tmx(tmp_path / "refused.tmx", header(), [unit])
    assert not (tmp_path / "refused.tmx").exists()


def test_header_the_writer_refuses(tmp_path: Path) -> None:
    with pytest.raises(TmxError, match="header: segtype 'line' is not one of"):
        write_tmx(tmp_path / "h.tmx", header(segtype="line"), [])
    with pytest.raises(TmxError, match="header: U\\+0001"):
        write_tmx(tmp_path / "h.tmx", header(notes=["\x01"]), [])
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------
# Reading what real tools write
# --------------------------------------------------------------------------------

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
    creationtoolversion="6.0.1_0_0" segtype="sentence" srclang="ZH-CN"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv xml:lang="ZH-CN">
        <seg>我们要加快建设科技强国。</seg>
      </tuv>
      <tuv xml:lang="EN-GB" changeid="editor" changedate="20240625T101500Z"
           creationid="editor" creationdate="20240625T101500Z">
        <seg>We must speed up building China into a country strong in science.</seg>
      </tuv>
    </tu>
<!-- Alternative translations -->
    <tu>
      <prop type="file">speech-2024-06-24.zh.txt</prop>
      <prop type="prev">坚持全面依法治国。</prop>
      <tuv xml:lang="ZH-CN">
        <seg>坚持全面依法治国。</seg>
      </tuv>
      <tuv xml:lang="EN-GB">
        <prop type="x-ignored">tuv-level props are not kept</prop>
        <seg>We must uphold the rule of law.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""


def test_omegat_style(tmp_path: Path) -> None:
    head, units = read_all(write_text(tmp_path, "project_save.tmx", OMEGAT))
    assert (head.creationtool, head.creationtoolversion) == ("OmegaT", "6.0.1_0_0")
    assert (head.srclang, head.adminlang, head.o_tmf) == ("zh-CN", "en-US", "OmegaT TMX")
    assert head.created is None
    assert units == [
        TmxUnit(
            [
                TmxVariant("zh-CN", "我们要加快建设科技强国。"),
                TmxVariant(
                    "en-GB", "We must speed up building China into a country strong in science."
                ),
            ]
        ),
        TmxUnit(
            [
                TmxVariant("zh-CN", "坚持全面依法治国。"),
                TmxVariant("en-GB", "We must uphold the rule of law."),
            ],
            props=[("file", "speech-2024-06-24.zh.txt"), ("prev", "坚持全面依法治国。")],
        ),
    ]


TRADOS = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format"
    datatype="xml" segtype="sentence" adminlang="en-US" srclang="zh-cn"
    creationdate="20240101T080000Z" creationid="TRADOS\\editor">
    <prop type="x-Recognizers">RecognizeAll</prop>
    <prop type="x-TMName">Politics ZH-EN</prop>
    <note>Exported for the glossary</note>
  </header>
  <body>
    <tu tuid="42" creationdate="20240305T141516Z" creationid="TRADOS\\editor"
        changedate="20240306T000000Z" lastusagedate="20240307T000000Z" usagecount="3">
      <note>checked</note>
      <prop type="x-Origin">TM</prop>
      <prop type="x-ConfirmationLevel">Translated</prop>
      <tuv xml:lang="zh-CN">
        <seg>点击<bpt i="1" type="bold">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>按钮<ph x="2" type="x-image">&lt;img alt="<sub>图标</sub>"/&gt;</ph>。</seg>
      </tuv>
      <tuv xml:lang="en-US">
        <seg>Click <bpt i="1">{\\b </bpt>Save<ept i="1">}</ept> <it pos="begin" x="3">&lt;i&gt;</it>now<ut>{\\i0}</ut>, see <hi type="x-term">the <ph>&lt;br/&gt;</ph>manual</hi>.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""


def test_trados_style_with_inline_codes(tmp_path: Path) -> None:
    head, units = read_all(write_text(tmp_path, "export.tmx", TRADOS))
    assert head.srclang == "zh-CN"
    assert head.created == datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
    assert head.props == [("x-Recognizers", "RecognizeAll"), ("x-TMName", "Politics ZH-EN")]
    assert head.notes == ["Exported for the glossary"]
    (unit,) = units
    assert unit.tuid == "42"
    assert unit.created == datetime(2024, 3, 5, 14, 15, 16, tzinfo=UTC)
    assert unit.notes == ["checked"]
    assert unit.props == [("x-Origin", "TM"), ("x-ConfirmationLevel", "Translated")]
    assert unit.variants == [
        TmxVariant("zh-CN", "点击保存按钮图标。"),  # code dropped, <sub> text kept
        TmxVariant("en-US", "Click Save now, see the manual."),
    ]


TMX11 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" creationtoolversion="1.4" segtype="sentence"
    o-tmf="OmegaT TMX" adminlang="EN-US" srclang="EN-US" datatype="plaintext"/>
  <body>
    <tu>
      <tuv lang="EN-US"><seg>caf\xe9 &amp; cr\xe8me</seg></tuv>
      <tuv lang="ZH-CN"><seg>&#21654;&#21857;</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_tmx_1_1_with_lang_and_a_legacy_encoding(tmp_path: Path) -> None:
    head, units = read_all(write_text(tmp_path, "old.tmx", TMX11, "latin-1"))
    assert head.srclang == "en-US"
    assert units == [TmxUnit([TmxVariant("en-US", "café & crème"), TmxVariant("zh-CN", "咖啡")])]


def _minimal(encoding_declared: str, srclang: str = "zh-CN", lang: str = "zh_CN") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding_declared}"?>\n'
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"'
        f' o-tmf="t" adminlang="en" srclang="{srclang}" datatype="plaintext"/>'
        f'<body><tu><tuv xml:lang="{lang}"><seg>人民 “至上”</seg></tuv>'
        '<tuv xml:lang="EN"><seg>people first</seg></tuv></tu></body></tmx>\n'
    )


@pytest.mark.parametrize(
    ("declared", "codec", "bom"),
    [
        ("UTF-16", "utf-16-le", "\ufeff".encode("utf-16-le")),
        ("UTF-16", "utf-16-be", "\ufeff".encode("utf-16-be")),
        ("UTF-8", "utf-8", b"\xef\xbb\xbf"),
    ],
)
def test_byte_order_marks(tmp_path: Path, declared: str, codec: str, bom: bytes) -> None:
    path = tmp_path / "bom.tmx"
    path.write_bytes(bom + _minimal(declared).encode(codec))
    _, units = read_all(path)
    assert units == [
        TmxUnit([TmxVariant("zh-CN", "人民 “至上”"), TmxVariant("en", "people first")])
    ]


@pytest.mark.parametrize(
    ("srclang", "lang", "expected_src", "expected_lang"),
    [
        ("zh_CN", "ZH-cn", "zh-CN", "zh-CN"),
        ("ZH-HANS-CN", "zh_hans_cn", "zh-Hans-CN", "zh-Hans-CN"),
        ("*all*", "zh-cn", "*all*", "zh-CN"),
        ("*ALL*", "zh", "*all*", "zh"),
    ],
)
def test_language_tags_in_any_case(
    tmp_path: Path, srclang: str, lang: str, expected_src: str, expected_lang: str
) -> None:
    path = write_text(tmp_path, "tags.tmx", _minimal("UTF-8", srclang, lang))
    head, (unit,) = read_all(path)
    assert head.srclang == expected_src
    assert [v.lang for v in unit.variants] == [expected_lang, "en"]


def test_unreachable_doctype_is_not_fetched(tmp_path: Path) -> None:
    text = _minimal("UTF-8").replace('"tmx14.dtd"', '"http://tmx.example.invalid/tmx14.dtd"')
    _, units = read_all(write_text(tmp_path, "remote-dtd.tmx", text))
    assert units[0].variants[1].text == "people first"


def test_reading_a_stream_with_a_name_leaves_it_open() -> None:
    stream = io.BytesIO(_minimal("UTF-8").encode())
    head, units = read_all(stream, "upload.tmx")
    assert head.creationtool == "t"
    assert len(units) == 1
    assert not stream.closed


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_file_read_tmx_opened_is_closed(tmp_path: Path) -> None:
    path = write_text(tmp_path, "closed.tmx", _minimal("UTF-8"))
    before = _open_descriptors()
    with read_tmx(path) as reader:
        assert _open_descriptors() == before + 1
        next(reader)
    assert _open_descriptors() == before  # closed by the context manager, half read
    reader = read_tmx(path)
    assert len(list(reader)) == 1
    assert _open_descriptors() == before  # closed once the last unit was read


class CountingStream(io.BytesIO):
    """Counts the bytes a reader has asked for."""

    consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.consumed += len(data)
        return data


def test_reader_is_lazy() -> None:
    """The header is there before the body is read, and units come as they are parsed."""
    buffer = io.BytesIO()
    units = (TmxUnit([TmxVariant("en", f"unit number {n}")], tuid=str(n)) for n in range(20000))
    write_tmx(buffer, header(notes=["first"]), units)
    stream = CountingStream(buffer.getvalue())
    reader = read_tmx(stream)
    assert reader.header.notes == ["first"]
    assert stream.consumed < len(stream.getvalue()) / 10
    assert next(reader).tuid == "0"
    assert stream.consumed < len(stream.getvalue()) / 10
    assert sum(1 for _ in reader) == 19999
    # the whole body once, and the prolog a second time (safexml checks it first)
    assert len(stream.getvalue()) <= stream.consumed < len(stream.getvalue()) * 1.1


def test_notes_props_and_missing_dates(tmp_path: Path) -> None:
    text = """<?xml version="1.0"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="phrase" o-tmf="x"
    adminlang="en" srclang="en" datatype="plaintext">
    <note>header note</note><prop type="x-a">1</prop><note></note>
  </header>
  <body>
    <tu tuid="">
      <note>first</note><note>second</note>
      <prop type="x-p">v1</prop><prop type="x-p">v2</prop><prop type="x-empty"/>
      <tuv xml:lang="en"><note>tuv note, ignored</note><seg/></tuv>
      <tuv xml:lang="zh-CN"><seg>  两端空格  </seg></tuv>
    </tu>
  </body>
</tmx>"""
    head, (unit,) = read_all(write_text(tmp_path, "notes.tmx", text))
    assert (head.segtype, head.created) == ("phrase", None)
    assert head.notes == ["header note", ""]
    assert head.props == [("x-a", "1")]
    assert unit == TmxUnit(
        [TmxVariant("en", ""), TmxVariant("zh-CN", "  两端空格  ")],
        tuid="",
        props=[("x-p", "v1"), ("x-p", "v2"), ("x-empty", "")],
        notes=["first", "second"],
    )


# --------------------------------------------------------------------------------
# Hostile and broken files
# --------------------------------------------------------------------------------

BODY = (
    '<tmx version="1.4"><header srclang="en"/>'
    '<body><tu><tuv xml:lang="en"><seg>{}</seg></tuv></tu></body></tmx>'
)

HOSTILE = {
    "billion-laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n'
        ' <!ENTITY lol "lol">\n'
        + "".join(
            f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n'
            for n in range(1, 10)
        )
        + "]>\n"
        + BODY.format("&lol9;"),
        "internal subset",
    ),
    "external-entity": (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE tmx [<!ENTITY passwd SYSTEM "file:///etc/passwd">]>\n' + BODY.format("&passwd;"),
        "internal subset",
    ),
    "parameter-entity": (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]>\n'
        + BODY.format("x"),
        "internal subset",
    ),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_xml_is_refused_before_any_data(tmp_path: Path, kind: str) -> None:
    text, reason = HOSTILE[kind]
    path = write_text(tmp_path, f"{kind}.tmx", text)
    returned: list[TmxUnit] = []
    with pytest.raises(XmlInputError) as caught, read_tmx(path) as reader:
        returned.extend(reader)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message and "refused" in message
    assert "root:" not in message and "lol" not in message
    assert returned == []


BROKEN = {
    "truncated": (
        _minimal("UTF-8")[:-60],
        XmlInputError,
        r"truncated\.tmx: it is not well-formed XML \(.*line \d+",
    ),
    "empty": ("", XmlInputError, r"empty\.tmx: it is not well-formed XML \(no element found"),
    "wrong-root": (
        '<?xml version="1.0"?><xliff version="1.2"><file/></xliff>',
        TmxError,
        r"wrong-root\.tmx: not a TMX file: the root element is <xliff>, not <tmx>",
    ),
    "missing-header": (
        '<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
        TmxError,
        r"missing-header\.tmx: no <header>",
    ),
    "only-a-root": ('<tmx version="1.4"/>', TmxError, r"only-a-root\.tmx: no <header>"),
    "missing-srclang": (
        '<tmx version="1.4"><header creationtool="x"/><body/></tmx>',
        TmxError,
        r"missing-srclang\.tmx: the <header> has no srclang",
    ),
    "bad-srclang": (
        '<tmx version="1.4"><header srclang="zh CN"/><body/></tmx>',
        TmxError,
        r"bad-srclang\.tmx: header srclang: not a language tag: 'zh CN'",
    ),
    "bad-header-date": (
        '<tmx version="1.4"><header srclang="en" creationdate="2024-01-01"/><body/></tmx>',
        TmxError,
        r"bad-header-date\.tmx: header: creationdate '2024-01-01' is not YYYYMMDDThhmmssZ",
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_files_name_the_file_and_the_problem(tmp_path: Path, kind: str) -> None:
    text, error, message = BROKEN[kind]
    path = write_text(tmp_path, f"{kind}.tmx", text)
    with pytest.raises(error, match=message):
        read_all(path)


UNIT_PROBLEMS = {
    "no-language": (
        '<tu tuid="7"><tuv xml:lang="en"><seg>a</seg></tuv><tuv><seg>b</seg></tuv></tu>',
        r"unit 2 \(tuid '7'\): a <tuv> has no xml:lang \(nor TMX 1\.1 lang\)",
    ),
    "bad-language": (
        '<tu><tuv xml:lang="zh/CN"><seg>a</seg></tuv></tu>',
        r"unit 2: not a language tag: 'zh/CN'",
    ),
    "bad-date": (
        '<tu tuid="d" creationdate="20240101"><tuv xml:lang="en"><seg>a</seg></tuv></tu>',
        r"unit 2 \(tuid 'd'\): creationdate '20240101' is not YYYYMMDDThhmmssZ",
    ),
    "impossible-date": (
        '<tu creationdate="20241301T000000Z"><tuv xml:lang="en"><seg>a</seg></tuv></tu>',
        r"unit 2: creationdate '20241301T000000Z': month must be in 1\.\.12",
    ),
    "outside-body": ('</body><tu><tuv xml:lang="en"><seg>a</seg></tuv></tu><body>', None),
}


@pytest.mark.parametrize("kind", sorted(UNIT_PROBLEMS))
def test_bad_units_are_reported_with_their_position(tmp_path: Path, kind: str) -> None:
    """The unit before the bad one is delivered; the error names the file and the unit."""
    bad, message = UNIT_PROBLEMS[kind]
    good = '<tu><tuv xml:lang="en"><seg>good</seg></tuv></tu>'
    text = f'<tmx version="1.4"><header srclang="en"/><body>{good}{bad}</body></tmx>'
    path = write_text(tmp_path, f"{kind}.tmx", text)
    delivered: list[TmxUnit] = []
    expected = message or r"unit 2 is outside <body>"
    pattern = rf"^{re.escape(str(path))}: {expected}"
    with pytest.raises(TmxError, match=pattern), read_tmx(path) as reader:
        delivered.extend(reader)
    assert delivered == [TmxUnit([TmxVariant("en", "good")])]


STRAY_UNITS = {
    # a <tu> with no <body> at all, right after the header
    "no-body": (
        (
            '<tmx version="1.4"><header srclang="en"/>'
            '<tu tuid="s"><tuv xml:lang="en"><seg>a</seg></tuv></tu></tmx>'
        ),
        TmxError,
        r"unit 1 \(tuid 's'\) is outside <body>",
    ),
    # a <tu> inside another: the outer one is not complete when the inner one starts
    "nested": (
        (
            '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg>'
            '</tuv><tu><tuv xml:lang="en"><seg>b</seg></tuv></tu></tu></body></tmx>'
        ),
        TmxError,
        r"unit 2 is outside <body>",
    ),
    "in-header": (
        (
            '<tmx version="1.4"><header srclang="en"><tu><tuv xml:lang="en"><seg>a</seg></tuv>'
            "</tu></header><body/></tmx>"
        ),
        TmxError,
        r"a <tu> inside the <header>",
    ),
}


@pytest.mark.parametrize("kind", sorted(STRAY_UNITS))
def test_units_out_of_place_are_refused(tmp_path: Path, kind: str) -> None:
    text, error, message = STRAY_UNITS[kind]
    path = write_text(tmp_path, f"{kind}.tmx", text)
    with pytest.raises(error, match=rf"^{re.escape(str(path))}: {message}"):
        read_all(path)


def test_units_are_complete_at_chunk_boundaries_and_the_last_one_arrives(tmp_path: Path) -> None:
    """Units are made when the next one starts, across the parser's 16 KiB reads,
    and the last one when the document ends."""
    units = [
        TmxUnit(
            [TmxVariant("en", f"unit {n} " * (n % 7)), TmxVariant("zh-CN", "中文" * (n % 5))],
            tuid=str(n),
            created=MOMENT if n % 3 else None,
            props=[("x-n", str(n))] * (n % 2),
            notes=["note"] * (n % 4 == 0),
        )
        for n in range(3000)
    ]
    path = tmp_path / "many.tmx"
    write_tmx(path, header(), units)
    assert read_all(path)[1] == units


def test_the_parse_tree_stays_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each <tu> leaves the body as it starts: the tree holds at most what the parser
    read ahead (one 16 KiB read), so memory stays flat whatever the size of the file."""
    path = tmp_path / "flat.tmx"
    write_tmx(path, header(), (TmxUnit([TmxVariant("en", str(n))]) for n in range(5000)))
    roots: list = []
    parse = tmx_module.checked_iterparse

    def watched(stream: BinaryIO, events: tuple[str, ...], label: str) -> Iterator:
        for event in parse(stream, events, label):
            roots.append(event[1]) if not roots else None
            yield event

    monkeypatch.setattr(tmx_module, "checked_iterparse", watched)
    largest = 0
    with read_tmx(path) as reader:
        for _ in reader:
            body = roots[0].find("body")
            largest = max(largest, len(body))
    assert 0 < largest < 500
    assert len(body) == 0
