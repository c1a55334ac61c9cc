"""TBX export and import (exports/tbx.py): the files pass the official schemas, other
tools read them, a round trip is byte-identical, and foreign or hostile files are
read or refused as documented.

TBX-Basic files are checked against the dialect's RELAX NG schema (lxml) and its
Schematron rules. The Schematron is written for XPath 2 (``queryBinding="xslt2"``),
which libxml2 cannot run, so it is compiled with the ISO Schematron skeleton (the
reference implementation, as lxml ships it) and run by Saxon (``saxonche``); a test
of deliberately broken files shows that its failures get through.
"""

from __future__ import annotations

import importlib
import io
import os
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree, isoschematron
from translate.storage import tbx as tt_tbx

from exports.tbx import TbxError, read_tbx, write_tbx
from records import Decision, RenderingRecord, TermRecord
from tests.conftest import SHARED

STANDARDS = SHARED / "standards"
BASIC_RNG = STANDARDS / "tbx-v3" / "TBX-Basic" / "DCA" / "TBXcoreStructV03_TBX-Basic_integrated.rng"
BASIC_SCH = STANDARDS / "tbx-v3" / "TBX-Basic" / "DCA" / "TBX-Basic_DCA.sch"
V2_DTD = STANDARDS / "tbx-v2" / "TBXcoreStructV02.dtd"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
CREATED = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)

# The ISO skeleton refuses queryBinding="xslt2" only because its output is an XSLT 1
# stylesheet. This driver adds the missing binding: the same stylesheet, marked as
# XSLT 2.0, so that Saxon evaluates the schema's XPath 2 (matches(), parenthesised
# steps) as the schema's authors meant.
SKELETON = (
    Path(isoschematron.__file__).parent
    / "resources"
    / "xsl"
    / "iso-schematron-xslt1"
    / "iso_svrl_for_xslt1.xsl"
)
XSLT2_DRIVER = f"""<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:iso="http://purl.oclc.org/dsdl/schematron"
    xmlns:axsl="http://www.w3.org/1999/XSL/TransformAlias">
  <xsl:import href="{SKELETON.as_uri()}"/>
  <xsl:template match="iso:schema[@queryBinding='xslt2']">
    <axsl:stylesheet>
      <xsl:apply-templates select="iso:ns"/>
      <xsl:attribute name="version">2.0</xsl:attribute>
      <xsl:apply-templates select="." mode="stylesheetbody"/>
    </axsl:stylesheet>
  </xsl:template>
</xsl:stylesheet>"""


def _require(module: str) -> ModuleType:
    """A test dependency outside pyproject's list: a skip on a developer's machine,
    a failure in CI, where a skipped schema check would pass unnoticed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        message = f"{module} is not installed (.venv/bin/pip install {module})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def relax_ng() -> Callable[[Path], list[str]]:
    schema = etree.RelaxNG(etree.parse(str(BASIC_RNG)))

    def errors(path: Path) -> list[str]:
        schema.validate(etree.parse(str(path)))
        return [f"line {e.line}: {e.message}" for e in schema.error_log]

    return errors


@pytest.fixture(scope="session")
def schematron() -> Iterator[Callable[[Path], list[str]]]:
    """The TBX-Basic Schematron's failed assertions for a file: their messages, or
    their tests where the schema gives no message."""
    saxonche = _require("saxonche")
    schema = isoschematron.iso_abstract_expand(
        isoschematron.iso_dsdl_include(etree.parse(str(BASIC_SCH)))
    )
    with saxonche.PySaxonProcessor(license=False) as processor:
        xslt = processor.new_xslt30_processor()
        driver = xslt.compile_stylesheet(stylesheet_text=XSLT2_DRIVER)
        source = processor.parse_xml(xml_text=etree.tostring(schema, encoding="unicode"))
        validator = xslt.compile_stylesheet(
            stylesheet_text=driver.transform_to_string(xdm_node=source)
        )

        def failures(path: Path) -> list[str]:
            report = etree.fromstring(validator.transform_to_string(source_file=str(path)).encode())
            assert report.find(f"{SVRL}fired-rule") is not None, "no Schematron rule ran"
            return [
                " ".join("".join(f.itertext()).split()) or " ".join(f.get("test").split())
                for f in report.iter(f"{SVRL}failed-assert")
            ]

        yield failures


def _dtd_errors(path: Path) -> list[str]:
    dtd = etree.DTD(str(V2_DTD))
    dtd.validate(etree.parse(str(path)))
    return [f"line {e.line}: {e.message}" for e in dtd.error_log]


def tricky_records() -> list[TermRecord]:
    """Every status, markup-like and multi-line text, emoji, naive and aware times."""
    return [
        TermRecord(
            simplified="改革开放",
            traditional="改革開放",
            pinyin="gǎigé kāifàng",
            status="approved",
            subject_field="politics & economy",
            definition='Definition with <tags>, "quotes" & ampersands ]]>',
            note="line one\nline two\r\nthird 🎉 [b]not markup[/b]",
            decided=Decision("王编辑 & <team>", datetime(2024, 5, 1, 23, 5, tzinfo=UTC)),
            renderings=[
                RenderingRecord(
                    "opening up",
                    "admitted",
                    "note\nwith a newline",
                    "…we saw “opening up”…",
                    {"doc-b": 2, "doc-a": 5},
                    Decision("bob", datetime(2023, 1, 2, 3, 4)),
                ),
                RenderingRecord("reform and opening-up", "preferred", context="A & B < C"),
                RenderingRecord("open door", "candidate", sources={"doc-a": 1}),
                RenderingRecord("reform & opening", "deprecated", note="'single' \"double\""),
                RenderingRecord("reform-opening", "rejected", decided=Decision("", CREATED)),
            ],
        ),
        TermRecord(
            "一国两制",
            "一國兩制",
            "yī guó liǎng zhì",
            "rejected",
            decided=Decision("ann", datetime(2022, 2, 2, tzinfo=UTC)),
            renderings=[RenderingRecord("one country, two systems", "preferred")],
        ),
        TermRecord("人民", "人民", "rénmín"),  # same in both scripts; no renderings
        TermRecord(
            "[b]粗体[/b] & <标签>",
            note="  spaces kept  ",
            renderings=[
                RenderingRecord("candidate first", "candidate"),
                RenderingRecord("'quoted' \"text\"", "candidate", context="tab\there"),
            ],
        ),
    ]


def _write(tmp_path: Path, records: list[TermRecord], flavour: str, name: str = "out") -> Path:
    path = tmp_path / f"{name}.tbx"
    assert write_tbx(path, records, flavour=flavour, created=CREATED) == len(records)
    return path


def _expected_target(record: TermRecord) -> str | None:
    preferred = [r.text for r in record.renderings if r.status == "preferred"]
    return (preferred or [r.text for r in record.renderings] or [None])[0]


# --------------------------------------------------------------------------------
# What we write passes the schemas and other tools read it
# --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "records", [tricky_records(), [TermRecord("人民")]], ids=["tricky", "one-bare-term"]
)
def test_basic_files_pass_the_official_relax_ng_and_schematron(
    tmp_path: Path, relax_ng, schematron, records: list[TermRecord]
) -> None:
    path = _write(tmp_path, records, "basic")
    assert relax_ng(path) == []
    assert schematron(path) == []


VARIANT = '<termNote type="termType">variant</termNote>'


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "preferredTerm-admn-sts",
            "approvedTerm-admn-sts",
            "The termType must be",
            id="bad-status-value",
        ),
        pytest.param(
            VARIANT,
            '<descrip type="subjectField">law</descrip>',
            "Subject Field can only appear",
            id="subject-field-on-a-term",
        ),
        pytest.param(
            VARIANT,
            f'<termNoteGrp>{VARIANT}<admin type="source">doc</admin></termNoteGrp>',
            "parent::tbx:descripGrp/(parent::tbx:conceptEntry",  # an XPath 2 step
            id="source-in-a-group",
        ),
        pytest.param(
            'type="TBX-Basic"', 'type="TBX-Core"', "name of this dialect", id="wrong-dialect"
        ),
    ],
)
def test_schematron_run_catches_what_the_grammar_allows(
    tmp_path: Path, relax_ng, schematron, old: str, new: str, message: str
) -> None:
    path = _write(tmp_path, tricky_records(), "basic")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert relax_ng(path) == []
    failures = schematron(path)
    assert any(message in f for f in failures), failures


def test_relax_ng_catches_a_language_section_without_a_term(tmp_path: Path, relax_ng) -> None:
    path = _write(tmp_path, tricky_records(), "basic")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("</conceptEntry>", '<langSec xml:lang="fr"></langSec></conceptEntry>', 1),
        encoding="utf-8",
    )
    assert any("langSec" in e for e in relax_ng(path)), relax_ng(path)


def test_v2_files_pass_the_dtd_and_translate_toolkit_reads_them(tmp_path: Path) -> None:
    records = tricky_records()
    path = _write(tmp_path, records, "v2")
    assert _dtd_errors(path) == []
    store = tt_tbx.tbxfile.parsefile(str(path))
    assert [(u.source, u.target) for u in store.units] == [
        (r.simplified.strip(), _expected_target(r)) for r in records
    ]


# --------------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["basic", "v2"])
def test_write_read_write_is_byte_identical(tmp_path: Path, flavour: str) -> None:
    first = _write(tmp_path, tricky_records(), flavour, "first")
    read = list(read_tbx(first))
    second = _write(tmp_path, read, flavour, "second")
    assert second.read_bytes() == first.read_bytes()
    assert list(read_tbx(second)) == read


@pytest.mark.parametrize("flavour", ["basic", "v2"])
def test_reading_back_gives_the_documented_mapping(tmp_path: Path, flavour: str) -> None:
    reform, two_systems, people, markup = read_tbx(_write(tmp_path, tricky_records(), flavour))
    assert (reform.simplified, reform.traditional, reform.pinyin) == (
        "改革开放",
        "改革開放",
        "gǎigé kāifàng",
    )
    assert (reform.status, reform.subject_field) == ("approved", "politics & economy")
    assert reform.definition == 'Definition with <tags>, "quotes" & ampersands ]]>'
    assert reform.note == "line one\nline two\r\nthird 🎉 [b]not markup[/b]"
    assert reform.decided == Decision("王编辑 & <team>", datetime(2024, 5, 1, tzinfo=UTC))
    assert [(r.text, r.status) for r in reform.renderings] == [
        ("reform and opening-up", "preferred"),  # the preferred one first
        ("opening up", "admitted"),
        ("open door", "candidate"),
        ("reform & opening", "deprecated"),
        ("reform-opening", "deprecated"),  # TBX has no "rejected"
    ]
    opening = reform.renderings[1]
    assert opening.sources == {"doc-a": 1, "doc-b": 1}  # counts are not in TBX
    assert (opening.context, opening.note) == ("…we saw “opening up”…", "note\nwith a newline")
    assert opening.decided == Decision("bob", datetime(2023, 1, 2, tzinfo=UTC))
    assert reform.renderings[4].decided == Decision("", datetime(2025, 3, 4, tzinfo=UTC))
    assert (two_systems.status, two_systems.renderings[0].status) == ("rejected", "preferred")
    assert (people.traditional, people.pinyin, people.renderings) == (None, "rénmín", [])
    assert markup.simplified == "[b]粗体[/b] & <标签>"
    assert markup.note == "  spaces kept  "
    assert markup.renderings[1].context == "tab\there"


def test_entry_ids_are_derived_from_the_term_and_unique(tmp_path: Path) -> None:
    def ids(records: list[TermRecord], name: str) -> dict[str, str]:
        text = _write(tmp_path, records, "basic", name).read_text(encoding="utf-8")
        found = re.findall(
            r'<conceptEntry id="([^"]+)">\s*<langSec[^>]*>\s*<termSec>\s*'
            r"<term>([^<]+)</term>",
            text,
        )
        return {term + "/" + str(n): id_ for n, (id_, term) in enumerate(found)}

    plain = ids([TermRecord("人民"), TermRecord("改革")], "plain")
    inserted = ids([TermRecord("人民"), TermRecord("民主"), TermRecord("改革")], "inserted")
    assert plain["人民/0"] == inserted["人民/0"] and plain["改革/1"] == inserted["改革/2"]
    twice = ids([TermRecord("人民"), TermRecord("人民")], "twice")
    assert twice["人民/1"] == twice["人民/0"] + "-2"


# --------------------------------------------------------------------------------
# What the writer refuses
# --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (TermRecord("人民", note="bell\x07"), "the note contains U+0007"),
        (
            TermRecord("人民", renderings=[RenderingRecord("people", context="\x0b")]),
            "rendering 'people': the context contains U+000B",
        ),
        (TermRecord("人\ud800民"), "U+D800"),
        (TermRecord("人民", status="preferred"), "the status 'preferred'"),
        (TermRecord("  "), "the simplified form is empty"),
    ],
    ids=["control-character", "vertical-tab", "lone-surrogate", "unknown-status", "empty"],
)
def test_writer_refuses_what_xml_or_tbx_cannot_carry(
    tmp_path: Path, record: TermRecord, message: str
) -> None:
    path = tmp_path / "refused.tbx"
    with pytest.raises(TbxError, match=re.escape(message)) as raised:
        write_tbx(path, [TermRecord("改革"), record])
    assert str(path) in str(raised.value)
    assert not path.exists()  # no half-written file left behind


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"records": []}, "no terms to write"),
        ({"flavour": "v4"}, "unknown TBX flavour 'v4'"),
        ({"source_lang": "en"}, "source_lang 'en'"),
        ({"target_lang": "zh-TW"}, "target_lang 'zh-TW'"),
        ({"title": "nul\x00"}, "the title contains U+0000"),
    ],
)
def test_writer_refuses_bad_arguments(tmp_path: Path, arguments: dict, message: str) -> None:
    path = tmp_path / "refused.tbx"
    with pytest.raises(TbxError, match=re.escape(message)):
        write_tbx(path, **({"records": [TermRecord("改革")]} | arguments))
    assert not path.exists()


def test_writer_normalises_language_tags(tmp_path: Path) -> None:
    path = tmp_path / "langs.tbx"
    write_tbx(
        path,
        [TermRecord("改革", renderings=[RenderingRecord("reform")])],
        source_lang="ZH_hans_cn",
        target_lang="en_gb",
    )
    text = path.read_text(encoding="utf-8")
    assert 'xml:lang="zh-Hans-CN"' in text and 'xml:lang="en-GB"' in text


# --------------------------------------------------------------------------------
# Reading what others write
# --------------------------------------------------------------------------------


def test_reads_a_file_translate_toolkit_wrote(tmp_path: Path) -> None:
    store = tt_tbx.tbxfile(sourcelanguage="zh_CN", targetlanguage="en")
    unit = store.addsourceunit("改革开放")
    unit.settarget("reform and opening up")
    unit.addnote("a translator's note", origin="translator")
    store.addsourceunit("人民").settarget("the people")
    path = tmp_path / "tt.tbx"
    path.write_bytes(bytes(store))
    assert list(read_tbx(path)) == [
        TermRecord(
            "改革开放",
            note="a translator's note",
            renderings=[RenderingRecord("reform and opening up")],
        ),
        TermRecord("人民", renderings=[RenderingRecord("the people")]),
    ]


V2_FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>elsewhere</p>
</sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="e1">
  <descripGrp><descrip type="definition">A policy.</descrip><admin type="source">x</admin>
  </descripGrp>
  <langSet xml:lang="ZH_cn">
    <ntig><termGrp><term> 改革 </term><termNoteGrp>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termNoteGrp>
      </termGrp><note xml:lang="zh-latn">gǎigé</note><note>On the term.</note></ntig>
    <ntig><termGrp><term>改革</term><termNote type="termType">variant</termNote></termGrp></ntig>
  </langSet>
  <langSet lang="fr"><tig><term>réforme</term></tig></langSet>
  <langSet xml:lang="EN_us">
    <ntig><termGrp><term>reform</term>
      <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termGrp>
      <descripGrp><descrip type="context">Reform is <hi type="bold">key</hi>.</descrip>
      </descripGrp>
      <transacGrp><transac type="transactionType">origination</transac>
        <transacNote type="responsibility">ann</transacNote><date>2020-01-01</date></transacGrp>
      <transacGrp><transac type="transactionType">modification</transac>
        <transacNote type="responsibility">bob</transacNote>
        <date>2021-06-30T10:00:00+08:00</date></transacGrp>
      <admin type="source">doc-1</admin><admin type="source">doc-1</admin></ntig>
    <tig><term>reformation</term><termNote type="administrativeStatus">admittedTerm-admn-sts
      </termNote></tig>
  </langSet>
</termEntry>
<termEntry><langSet xml:lang="fr"><tig><term>sans chinois</term></tig></langSet></termEntry>
</body></text></martif>
"""


def test_reads_v2_with_ntig_termgrp_groups_and_odd_language_tags(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tbx"
    path.write_text(V2_FOREIGN, encoding="utf-8")
    assert list(read_tbx(path)) == [
        TermRecord(
            simplified="改革",
            traditional="改革",
            pinyin="gǎigé",
            status="approved",
            definition="A policy.",
            note="On the term.",
            renderings=[
                RenderingRecord(
                    "reform",
                    "deprecated",
                    context="Reform is key.",
                    sources={"doc-1": 1},
                    decided=Decision("bob", datetime(2021, 6, 30, 2, tzinfo=UTC)),
                ),
                RenderingRecord("reformation", "admitted"),
            ],
        )
    ]  # the French-only entry has no Chinese term: skipped


V3_FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Whatever" style="dct" xml:lang="en" {xmlns}
     xmlns:min="http://www.tbxinfo.net/ns/min">
<tbxHeader><fileDesc><sourceDesc><p>elsewhere</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="a">
  <langSec xml:lang="zh-hans"><termSec><term>台湾</term>
    <min:administrativeStatus>admittedTerm-admn-sts</min:administrativeStatus></termSec>
  </langSec>
  <langSec xml:lang="ZH-hant"><termSec><term>臺灣</term></termSec></langSec>
  <langSec xml:lang="zh-Latn-pinyin"><termSec><term>Táiwān</term></termSec></langSec>
  <langSec xml:lang="en"><termSec><term>Taiwan</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="b">
  <langSec xml:lang="zh_TW"><termSec><term>發展</term></termSec></langSec>
  <langSec xml:lang="zh"><termSec><term>发展</term></termSec>
    <termSec><term>發展</term><termNote type="termType">variant</termNote></termSec></langSec>
  <langSec xml:lang="de"><termSec><term>Entwicklung</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="c">
  <langSec xml:lang="zh-TW"><termSec><term>只有繁體</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
"""


@pytest.mark.parametrize(
    "xmlns", ['xmlns="urn:iso:std:iso:30042:ed-2"', ""], ids=["namespace", "no-namespace"]
)
def test_reads_v3_with_traditional_and_pinyin_sections(tmp_path: Path, xmlns: str) -> None:
    path = tmp_path / "foreign3.tbx"
    path.write_text(V3_FOREIGN.format(xmlns=xmlns), encoding="utf-8")
    assert list(read_tbx(path)) == [
        TermRecord(
            "台湾",
            traditional="臺灣",
            pinyin="Táiwān",
            status="approved",
            renderings=[RenderingRecord("Taiwan")],
        ),
        TermRecord("发展", traditional="發展"),  # the explicit variant wins over zh-TW
    ]  # "c" has only a traditional-script term: skipped


# --------------------------------------------------------------------------------
# Hostile, broken and foreign files
# --------------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<martif type="TBX" xml:lang="en"><text><body><termEntry><langSet xml:lang="zh">
<tig><term>&d;</term></tig></langSet></termEntry></body></text></martif>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX" xml:lang="en"><text><body><termEntry><langSet xml:lang="zh">
<tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "internal subset"),
        (EXTERNAL_ENTITY, "internal subset"),
        ("<martif><text><body><termEntry>", "not well-formed"),
        ("", "not well-formed"),
        ("termEntry,langSet\n改革,reform\n", "not well-formed"),
        ('<?xml version="1.0"?><tmx version="1.4"><body/></tmx>', "not a TBX file"),
        ('<tbx xmlns="urn:example:other"><text/></tbx>', "not a TBX file"),
        (
            V2_FOREIGN.replace("<date>2020-01-01</date>", "<date>last Tuesday</date>"),
            "entry 1: date 'last Tuesday' is not an ISO 8601 date",
        ),
    ],
    ids=[
        "billion-laughs",
        "external-entity",
        "truncated",
        "empty",
        "csv",
        "tmx",
        "other-namespace",
        "bad-date",
    ],
)
def test_hostile_broken_and_foreign_files_are_refused_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "input.tbx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TbxError, match=re.escape(message)) as raised:
        list(read_tbx(path))
    assert str(raised.value).startswith(f"{path}: ")


def test_errors_name_the_file_as_told_for_streams(tmp_path: Path) -> None:
    with pytest.raises(TbxError, match=r"^upload\.tbx: .*not a TBX file"):
        list(read_tbx(io.BytesIO(b"<html/>"), name="upload.tbx"))


def test_reader_hands_out_records_before_it_reaches_the_end(tmp_path: Path) -> None:
    """Streaming: records come one at a time while the file is read, so a file
    broken near its end yields its first entries before the error."""
    records = [
        TermRecord(f"术语{n}", renderings=[RenderingRecord(f"term {n}")]) for n in range(2000)
    ]
    whole = _write(tmp_path, records, "basic").read_bytes()
    path = tmp_path / "cut.tbx"
    path.write_bytes(whole[: len(whole) * 3 // 4])
    seen = []
    with pytest.raises(TbxError, match="not well-formed"):
        for record in read_tbx(path):
            seen.append(record.simplified)
    assert 1000 < len(seen) < 2000 and seen[:2] == ["术语0", "术语1"]
