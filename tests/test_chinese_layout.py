"""Rebuilding Chinese paragraphs: PDF-extracted and clean layouts, kinds, clean-up."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from glossary.chinese_layout import is_chinese_caption, read_chinese
from glossary.documents import ParagraphKind, ParsedParagraph
from glossary.textutils import clean_cjk_spacing

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

BODY, CAPTION, FOOTNOTE = ParagraphKind.BODY, ParagraphKind.CAPTION, ParagraphKind.FOOTNOTE
TITLE, HEADING = ParagraphKind.TITLE, ParagraphKind.HEADING

# artefacts of line joining: a space between two CJK characters, or between CJK and a digit
ARTEFACT = re.compile(r"[\u4e00-\u9fff，。、；：！？“”]\s+[\u4e00-\u9fff\d]|\d\s+[\u4e00-\u9fff]")


def kinds(paragraphs: list[ParsedParagraph]) -> list[ParagraphKind]:
    return [p.kind for p in paragraphs]


def pdf_text(indent: str) -> str:
    """A PDF-like extraction: blank line after every line, indentation starts a
    paragraph, a caption interrupts the first paragraph mid-sentence."""
    lines = [
        "关于推进科技创新的若干意见※",
        "新华社评论员",
        f"{indent}科技创新是提高社会生产力和综合国力的战略支撑，必须摆在国家",
        "发展全局的核心位置。我们要坚持走中国特色自主创新道路，加快",
        "建设创新型国家，推动 2035 年远景目标实现，并在此过程中不断",
        f"{indent}2023 年 5 月 8 日，某地科技园区的工作人员正在调试新型设备。",
        "新华社记者 张三/摄",
        "完善科技创新体系，持续提升原始创新能力和关键核心技术攻关能",
        "力，为高质量发展提供有力支撑。",
        f"{indent}人才是第一资源。要加快建设世界重要人才中心和创新高地，完",
        "善人才培养、引进、使用、评价、激励等机制，让各类人才竞相涌",
        "",  # a page break: more blank lines and a page number
        "- 12 -",
        "",
        "现、人尽其才。研究 Science and",
        "Technology Policy 的学者获得 2023",
        "年度奖励。",
        f"{indent}各位院士，同志们、朋友们！",
        f"{indent}要深化科技体制改革，第一颗 6G 卫星发射成功。这张照片",
        f"{indent}2024 年 9 月 23 日，领导人在人民大会堂接见任务参研参试人员代",
        "表。新华社记者 谢",
        "环驰/摄",
        "展示了探月成果，令人振奋。",
        f"{indent}※本文是作者在 2024 年某次会议上的讲话。",
    ]
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("indent", ["\u2003\u2003", "\u3000\u3000", "    "])
def test_pdf_layout_paragraphs(indent: str) -> None:
    paragraphs = read_chinese(pdf_text(indent))
    assert kinds(paragraphs) == [TITLE, HEADING, BODY, CAPTION, BODY, BODY, BODY, CAPTION, FOOTNOTE]
    texts = [p.text for p in paragraphs]
    assert texts[0] == "关于推进科技创新的若干意见"
    assert texts[1] == "新华社评论员"
    # the caption interrupted the first paragraph mid-sentence: it continues after it
    assert texts[2] == (
        "科技创新是提高社会生产力和综合国力的战略支撑，必须摆在国家发展全局的核心位置。"
        "我们要坚持走中国特色自主创新道路，加快建设创新型国家，推动2035年远景目标实现，"
        "并在此过程中不断完善科技创新体系，持续提升原始创新能力和关键核心技术攻关能力，"
        "为高质量发展提供有力支撑。"
    )
    assert texts[3] == "2023年5月8日，某地科技园区的工作人员正在调试新型设备。新华社记者张三/摄"
    # blank lines (even several) are not boundaries; Latin words keep one space
    assert texts[4] == (
        "人才是第一资源。要加快建设世界重要人才中心和创新高地，完善人才培养、引进、使用、评价、"
        "激励等机制，让各类人才竞相涌现、人尽其才。研究Science and Technology Policy的学者获得2023年度奖励。"
    )
    assert texts[5] == "各位院士，同志们、朋友们！"
    # a caption whose credit is wrapped over two lines; the paragraph before it goes on
    assert (
        texts[6] == "要深化科技体制改革，第一颗6G卫星发射成功。这张照片展示了探月成果，令人振奋。"
    )
    assert texts[7].endswith("新华社记者谢环驰/摄")
    assert texts[8] == "本文是作者在2024年某次会议上的讲话。"


def test_pdf_layout_sentences() -> None:
    paragraphs = read_chinese(pdf_text("\u3000\u3000"))
    assert paragraphs[4].sentences == [
        "人才是第一资源。",
        "要加快建设世界重要人才中心和创新高地，完善人才培养、引进、使用、评价、激励等机制，让各类人才竞相涌现、人尽其才。",
        "研究Science and Technology Policy的学者获得2023年度奖励。",
    ]
    assert paragraphs[3].sentences == [
        "2023年5月8日，某地科技园区的工作人员正在调试新型设备。",
        "新华社记者张三/摄",
    ]
    for p in paragraphs:
        assert "※" not in p.text
        assert all(not ARTEFACT.search(s) and "\n" not in s for s in p.sentences)


def test_caption_after_finished_paragraph_does_not_reopen_it() -> None:
    lines = [
        "　　科技创新是提高社会生产力和综合国力的战略支撑，必须摆在国家发",
        "展全局的核心位置。我们要坚持走中国特色自主创新道路，加快建设。",
        "　　图为工作人员正在调试新型设备，设备运行良好，效果显著。（新华",
        "社记者 李学仁 摄）",
        "人才是第一资源。要加快建设世界重要人才中心和创新高地，完善人才",
        "培养、引进、使用、评价、激励等机制，让各类人才竞相涌现。",
    ]
    paragraphs = read_chinese("\n".join(lines))
    assert kinds(paragraphs) == [BODY, CAPTION, BODY]
    assert (
        paragraphs[1].text
        == "图为工作人员正在调试新型设备，设备运行良好，效果显著。（新华社记者李学仁摄）"
    )
    assert paragraphs[2].text.startswith("人才是第一资源。")


def test_wrapped_without_indentation_blank_lines_separate() -> None:
    text = (
        "科技创新是提高社会生产力和综合国力的战略支撑，必须摆在国家\n"
        "发展全局的核心位置。我们要坚持走中国特色自主创新道路，加快\n"
        "建设创新型国家。\n\n"
        "人才是第一资源。要加快建设世界重要人才中心和创新高地，完善\n"
        "人才培养、引进、使用、评价、激励等机制，让各类人才竞相涌\n\n"
        "3\n\n"  # a page break inside the paragraph
        "现。\n\n"
        "要深化科技体制改革，完善科技评价体系，激发科研人员的创新活\n"
        "力，营造良好的创新生态。\n"
    )
    paragraphs = read_chinese(text)
    assert kinds(paragraphs) == [BODY, BODY, BODY]
    assert (
        paragraphs[1].text
        == "人才是第一资源。要加快建设世界重要人才中心和创新高地，完善人才培养、引进、使用、评价、激励等机制，让各类人才竞相涌现。"
    )


def test_wrapped_without_indentation_or_blank_lines_short_line_ends_paragraph() -> None:
    text = (
        "关于推进科技创新的若干意见\n"
        "科技创新是提高社会生产力和综合国力的战略支撑，必须摆在国家\n"
        "发展全局的核心位置。我们要坚持走中国特色自主创新道路，加快\n"
        "建设创新型国家。\n"
        "人才是第一资源。要加快建设世界重要人才中心和创新高地，完善\n"
        "人才培养、引进、使用等机制，让人才竞相涌现。\n"
        "要深化科技体制改革，完善科技评价体系，激发科研人员的创新活\n"
        "力，营造良好的创新生态。\n"
    )
    paragraphs = read_chinese(text)
    assert kinds(paragraphs) == [TITLE, BODY, BODY, BODY]
    assert [p.text[:4] for p in paragraphs[1:]] == ["科技创新", "人才是第", "要深化科"]


CLEAN = """关于推进科技创新的若干意见
新华社评论员
科技创新是提高社会生产力和综合国力的战略支撑，必须摆在国家发展全局的核心位置。我们要坚持走中国特色自主创新道路。
一、总体要求
人才是第一资源。要加快建设世界重要人才中心和创新高地①，完善人才培养机制：①坚持党管人才；②坚持人才优先。
2023年5月8日，工作人员正在调试新型设备。（新华社记者 李学仁 摄）
要深化科技体制改革，完善 2024 年科技评价体系。
①见《人才工作条例》。
"""


def test_clean_layout_one_paragraph_per_line() -> None:
    paragraphs = read_chinese(CLEAN)
    assert kinds(paragraphs) == [TITLE, HEADING, BODY, HEADING, BODY, CAPTION, BODY, FOOTNOTE]
    assert paragraphs[2].sentences == [
        "科技创新是提高社会生产力和综合国力的战略支撑，必须摆在国家发展全局的核心位置。",
        "我们要坚持走中国特色自主创新道路。",
    ]
    assert paragraphs[6].text == "要深化科技体制改革，完善2024年科技评价体系。"
    # ① has a footnote at the end: it is a mark there and a reference in the text
    assert paragraphs[7].text == "见《人才工作条例》。"
    assert "①" not in paragraphs[4].text


def test_clean_layout_with_every_line_indented() -> None:
    indented = "\n".join("\u3000\u3000" + line for line in CLEAN.splitlines())
    assert [(p.kind, p.text) for p in read_chinese(indented)] == [
        (p.kind, p.text) for p in read_chinese(CLEAN)
    ]


def test_circled_numbers_kept_without_footnotes() -> None:
    text = "标题\n要坚持以下原则：①坚持党管人才；②坚持人才优先。\n第二段正文内容。\n"
    paragraphs = read_chinese(text)
    assert kinds(paragraphs) == [TITLE, BODY, BODY]
    assert paragraphs[1].sentences == ["要坚持以下原则：①坚持党管人才；", "②坚持人才优先。"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "习近平出席大会并发表重要讲话。 新华社记者 姚大伟/摄",
        "习近平出席大会并发表重要讲话。新华社记者 姚大伟 摄",
        "习近平出席大会并发表重要讲话。（新华社记者 李学仁 摄）",
        "习近平出席大会并发表重要讲话。(新华社记者 李学仁 摄)",
        "习近平出席大会并发表重要讲话。 新华社发",
        "习近平出席大会并发表重要讲话。（新华社发）",
        "这是会场一角。 视觉中国供图",
        "这是会场一角。 本报记者王五摄",
        "这是会场一角。 张三 摄",
        "这是会场一角。（图片来源：新华社）",
    ],
)
def test_caption_credit_forms(paragraph: str) -> None:
    assert is_chinese_caption(paragraph)
    assert read_chinese(f"标题\n{paragraph}\n正文内容一。\n")[1].kind is CAPTION


@pytest.mark.parametrize(
    "paragraph",
    [
        "我们要加强新闻拍摄。",
        "他们请记者拍摄照片。",
        "要完善新闻发布机制，推动社会发展。",
        "这是在新华社发表的文章。",
        "摄影是一门艺术。",
    ],
)
def test_not_captions(paragraph: str) -> None:
    assert not is_chinese_caption(paragraph)
    assert read_chinese(f"标题\n{paragraph}\n正文内容一。\n")[1].kind is BODY


def test_cjk_spacing_cleanup() -> None:
    assert clean_cjk_spacing("2024 年 6 月 24 日，在 北京") == "2024年6月24日，在北京"
    assert clean_cjk_spacing("第一颗 6G 卫星 和 AI 技术") == "第一颗6G卫星和AI技术"
    assert clean_cjk_spacing("Science  and Technology 政策") == "Science and Technology政策"
    assert clean_cjk_spacing("讲话。 新华社\u3000记者") == "讲话。新华社记者"


def test_enumerated_lead_sentence_becomes_a_heading() -> None:
    text = (
        "第一，充分发挥制度优势，加快推进自立自强。要完善体制。要加强统筹。\n"
        "一、总体要求。坚持正确方向。\n"
        "第二，这一句很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。后面还有。\n"
        "第三，只有一句。\n"
    )
    paragraphs = read_chinese(text)
    assert [(p.kind, p.text) for p in paragraphs[:4]] == [
        (HEADING, "第一，充分发挥制度优势，加快推进自立自强。"),
        (BODY, "要完善体制。要加强统筹。"),
        (HEADING, "一、总体要求。"),
        (BODY, "坚持正确方向。"),
    ]
    # too long to be a heading, or nothing after it: left as it is
    assert [p.kind for p in paragraphs[4:]] == [BODY, BODY]


def test_empty_text() -> None:
    assert read_chinese("") == []
    assert read_chinese("\n \n\u3000\n") == []


# ---------------------------------------------------------------------------------
# the real PDF extraction
# ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def speech() -> list[ParsedParagraph]:
    return read_chinese((CORPUS / "speech-2024-06-24.zh.txt").read_text(encoding="utf-8"))


def test_speech_paragraph_counts(speech: list[ParsedParagraph]) -> None:
    counts = Counter(p.kind for p in speech)
    # 26 indented paragraphs, as in the clean copy of this speech in the newsletter
    # (see test_bilingual), not the ~180 printed lines; the five enumerated section
    # leads ("第一，…。") are headings of their own, beside the byline
    assert counts == {BODY: 26, CAPTION: 3, FOOTNOTE: 1, TITLE: 1, HEADING: 6}
    assert sum(len(p.sentences) for p in speech) == 105


def test_speech_title_byline_and_footnote(speech: list[ParsedParagraph]) -> None:
    assert (speech[0].kind, speech[0].text) == (TITLE, "朝着建成科技强国的宏伟目标奋勇前进")
    assert (speech[1].kind, speech[1].text) == (HEADING, "习近平")
    assert speech[-1].kind is FOOTNOTE
    assert (
        speech[-1].text
        == "这是习近平总书记2024年6月24日在全国科技大会、国家科学技术奖励大会、两院院士大会上的讲话。"
    )
    assert all(p.language == "zh" for p in speech)


def test_speech_captions(speech: list[ParsedParagraph]) -> None:
    captions = [p for p in speech if p.kind is CAPTION]
    assert [c.sentences[-1] for c in captions] == [
        "新华社记者姚大伟/摄",
        "新华社记者鞠鹏/摄",
        "新华社记者谢环驰/摄",
    ]
    assert [speech.index(c) for c in captions] == [3, 12, 22]
    for p in speech:
        if p.kind is not CAPTION:
            assert "/摄" not in p.text and "新华社记者" not in p.text


def test_speech_no_artefacts(speech: list[ParsedParagraph]) -> None:
    for p in speech:
        assert "※" not in p.text
        assert not re.search(r"\s", p.text), p.text
        for s in p.sentences:
            assert "\n" not in s and not ARTEFACT.search(s), s
            assert "※" not in s


def test_speech_joins_wrapped_sentences(speech: list[ParsedParagraph]) -> None:
    first = speech[2]
    assert (
        first.sentences[1]
        == "首先，我代表党中央，向获得2023年度国家科学技术奖励的集体和个人表示热烈祝贺！"
    )
    assert first.sentences == [s for s in first.sentences if s]
    assert len(first.sentences) == 4
    assert speech[6].text == "各位院士，同志们、朋友们！"
