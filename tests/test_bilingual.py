"""Interleaved English/Chinese documents, and read_text dispatch."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from glossary.bilingual import read_interleaved
from glossary.chinese_layout import read_chinese
from glossary.documents import ParagraphKind, ParsedParagraph
from glossary.reading import read_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

BODY, CAPTION, FOOTNOTE = ParagraphKind.BODY, ParagraphKind.CAPTION, ParagraphKind.FOOTNOTE
TITLE, HEADING, COMMENTARY = ParagraphKind.TITLE, ParagraphKind.HEADING, ParagraphKind.COMMENTARY

PAIRS = [
    (
        "When science and technology flourish, the nation flourishes; when they become powerful, the nation "
        "becomes strong. Our Party has always attached great importance to the development of science and technology.",
        "科技兴则民族兴，科技强则国家强。我们党历来高度重视科技事业发展。",
    ),
    (
        "Now there are only 11 years left to achieve the goal of building a science and technology power.",
        "现在距离实现建成科技强国目标只有 11 年时间了。",
    ),
    (
        "First, fully leverage the advantages of the new nationwide system to accelerate high-level self-reliance. "
        "We must improve the system of centralized and unified leadership of the Party Central Committee over "
        "scientific and technological work.",
        "第一，充分发挥新型举国体制优势，加快推进高水平科技自立自强。**要完善党中央对科技工作集中统一领导的体制。",
    ),
    (
        "Building a science and technology power is the common responsibility of the entire Party and country.",
        "建设科技强国，是全党全国的共同责任。",
    ),
]
COMMENTARY_LINES = [
    "The April issue of Qiushi leads with a speech on science and technology (科技). It is worth reading.",
    "The speech identified five key elements of a science and technology power:",
]
TITLE_LINE = "朝着建成科技强国的宏伟目标奋勇前进 Forge Ahead Towards the Grand Goal - Qiushi, April 1 2025 http://www.example.cn/a/c.html"
MIXED_LINE = "Distinguished academicians, comrades, and friends! 各位院士，同志们、朋友们！"
NOTES = ("*This is the speech delivered on June 24, 2024.", "※这是 2024 年 6 月 24 日的讲话。")


def interleaved(english_first: bool) -> str:
    lines = [*COMMENTARY_LINES, TITLE_LINE]
    for index, (en, zh) in enumerate(PAIRS):
        lines += [en, zh] if english_first else [zh, en]
        if index == 1:
            lines.append(MIXED_LINE)
    lines += list(NOTES) if english_first else list(reversed(NOTES))
    return "\n\n".join(lines) + "\n"


def check_counterparts(paragraphs: list[ParsedParagraph]) -> list[tuple[int, int]]:
    """Counterparts are mutual and join an English and a Chinese paragraph."""
    pairs = []
    for i, p in enumerate(paragraphs):
        if p.counterpart is None:
            continue
        other = paragraphs[p.counterpart]
        assert other.counterpart == i
        assert {p.language, other.language} == {"en", "zh"}
        assert p.kind is other.kind
        if i < p.counterpart:
            pairs.append((i, p.counterpart))
    return pairs


@pytest.mark.parametrize("english_first", [True, False])
def test_interleaved_pairs_in_either_order(english_first: bool) -> None:
    paragraphs = read_interleaved(interleaved(english_first))
    assert [(p.language, p.kind) for p in paragraphs[:2]] == [
        ("en", COMMENTARY),
        ("en", COMMENTARY),
    ]
    assert all(p.counterpart is None for p in paragraphs[:2])
    pairs = check_counterparts(paragraphs)
    assert len(pairs) == 7  # title, four pairs, the two-language line, the notes
    assert len(paragraphs) == 2 + 2 * 7
    first_language = "en" if english_first else "zh"
    body_pairs = [(a, b) for a, b in pairs if paragraphs[a].kind is BODY]
    # the two-language line holds English first whatever the order of the others
    assert [paragraphs[a].language for a, b in body_pairs] == [first_language] * 2 + ["en"] + [
        first_language
    ] * 2
    english = {
        paragraphs[a].text if paragraphs[a].language == "en" else paragraphs[b].text: (a, b)
        for a, b in pairs
    }
    a, b = english[PAIRS[1][0]]
    chinese = paragraphs[b] if paragraphs[b].language == "zh" else paragraphs[a]
    assert chinese.text == "现在距离实现建成科技强国目标只有11年时间了。"


def test_title_line_split_and_url_removed() -> None:
    paragraphs = read_interleaved(interleaved(True))
    title = [p for p in paragraphs if p.kind is TITLE]
    assert [(p.language, p.text) for p in title] == [
        ("zh", "朝着建成科技强国的宏伟目标奋勇前进"),
        ("en", "Forge Ahead Towards the Grand Goal - Qiushi, April 1 2025"),
    ]
    assert title[0].counterpart == paragraphs.index(title[1])


def test_two_language_line_split() -> None:
    paragraphs = read_interleaved(interleaved(True))
    english = [
        p for p in paragraphs if p.text == "Distinguished academicians, comrades, and friends!"
    ]
    assert len(english) == 1
    chinese = paragraphs[english[0].counterpart]  # type: ignore[index]
    assert chinese.text == "各位院士，同志们、朋友们！"
    assert chinese.sentences == ["各位院士，同志们、朋友们！"]


def test_markdown_markers_removed_and_sentences_split() -> None:
    paragraphs = read_interleaved(interleaved(True))
    first = next(p for p in paragraphs if p.text.startswith("第一，"))
    assert first.sentences == [
        "第一，充分发挥新型举国体制优势，加快推进高水平科技自立自强。",
        "要完善党中央对科技工作集中统一领导的体制。",
    ]
    assert all("**" not in p.text for p in paragraphs)


def test_footnote_pair_marks_removed() -> None:
    paragraphs = read_interleaved(interleaved(True))
    notes = [(p.language, p.text) for p in paragraphs if p.kind is FOOTNOTE]
    assert notes == [
        ("en", "This is the speech delivered on June 24, 2024."),
        ("zh", "这是2024年6月24日的讲话。"),
    ]


def test_gloss_in_english_commentary_is_not_split() -> None:
    paragraphs = read_interleaved(interleaved(True))
    assert paragraphs[0].language == "en"
    assert paragraphs[0].text == COMMENTARY_LINES[0]


def test_unpaired_english_after_translation_is_commentary() -> None:
    text = interleaved(True) + "\nIf you liked this post, please subscribe.\n"
    paragraphs = read_interleaved(text)
    assert (paragraphs[-1].kind, paragraphs[-1].counterpart) == (COMMENTARY, None)


def test_no_chinese_at_all_is_all_commentary() -> None:
    paragraphs = read_interleaved("One comment.\n\nAnother comment.\n")
    assert [(p.kind, p.counterpart) for p in paragraphs] == [(COMMENTARY, None), (COMMENTARY, None)]


# ---------------------------------------------------------------------------------
# the real newsletter
# ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def newsletter() -> list[ParsedParagraph]:
    return read_interleaved(
        (CORPUS / "speech-2024-06-24.newsletter.zh-en.txt").read_text(encoding="utf-8")
    )


def test_newsletter_counts(newsletter: list[ParsedParagraph]) -> None:
    pairs = check_counterparts(newsletter)
    # every zh paragraph of the speech is paired: title, 26 body paragraphs, footnote
    assert len(pairs) == 28
    assert sum(1 for p in newsletter if p.counterpart is not None) == 56
    assert Counter((p.language, p.kind) for p in newsletter) == {
        ("en", COMMENTARY): 11,
        ("en", TITLE): 1,
        ("zh", TITLE): 1,
        ("en", BODY): 26,
        ("zh", BODY): 26,
        ("en", FOOTNOTE): 1,
        ("zh", FOOTNOTE): 1,
    }
    assert sum(len(p.sentences) for p in newsletter if p.language == "zh") == 95
    assert sum(len(p.sentences) for p in newsletter if p.language == "zh" and p.kind is BODY) == 93


def test_newsletter_commentary_precedes_translation(newsletter: list[ParsedParagraph]) -> None:
    commentary = [i for i, p in enumerate(newsletter) if p.kind is COMMENTARY]
    paired = [i for i, p in enumerate(newsletter) if p.counterpart is not None]
    assert commentary == list(range(11))
    assert max(commentary) < min(paired)
    assert all(
        newsletter[i].counterpart is None and newsletter[i].language == "en" for i in commentary
    )


def test_newsletter_order_is_english_first(newsletter: list[ParsedParagraph]) -> None:
    body = [i for i, p in enumerate(newsletter) if p.kind is BODY]
    assert all(newsletter[i].language == ("en" if (i - body[0]) % 2 == 0 else "zh") for i in body)
    assert all(newsletter[i].counterpart == i + 1 for i in body if newsletter[i].language == "en")


def test_newsletter_title_and_notes(newsletter: list[ParsedParagraph]) -> None:
    title = [(p.language, p.text) for p in newsletter if p.kind is TITLE]
    assert title == [
        ("zh", "朝着建成科技强国的宏伟目标奋勇前进"),
        (
            "en",
            "Forge Ahead Towards the Grand Goal of Building a Technological Powerhouse - Qiushi, April 1 2025",
        ),
    ]
    notes = [p for p in newsletter if p.kind is FOOTNOTE]
    assert notes[0].text.startswith("This is the speech delivered by General Secretary Xi Jinping")
    assert (
        notes[1].text
        == "这是习近平总书记2024年6月24日在全国科技大会、国家科学技术奖励大会、两院院士大会上的讲话。"
    )


def test_newsletter_clean_text(newsletter: list[ParsedParagraph]) -> None:
    for p in newsletter:
        assert "**" not in p.text
        assert "http" not in p.text or p.kind is COMMENTARY
        if p.language == "zh":
            for s in p.sentences:
                assert not re.search(r"[\u4e00-\u9fff\d]\s+[\u4e00-\u9fff]|[\u4e00-\u9fff]\s+\d", s)
    salutations = [p for p in newsletter if p.text == "各位院士，同志们、朋友们！"]
    assert len(salutations) == 4
    assert all(
        newsletter[p.counterpart].text == "Distinguished academicians, comrades, and friends!"
        for p in salutations
    )  # type: ignore[index]


def test_pdf_speech_matches_clean_copy(newsletter: list[ParsedParagraph]) -> None:
    """The paragraphs rebuilt from the PDF extraction are the newsletter's clean
    Chinese paragraphs, except for the character the PDF lost ("6G" → "6")."""
    pdf = read_chinese((CORPUS / "speech-2024-06-24.zh.txt").read_text(encoding="utf-8"))
    # the PDF reader sets the enumerated section leads ("第一，…。") apart as headings,
    # the bilingual reader keeps them in their (paired) paragraph: compare sentences
    speech_flow = [p for p in pdf if p.kind in (BODY, HEADING)][1:]  # without the byline
    rebuilt = [s for p in speech_flow for s in p.sentences]
    clean = [s for p in newsletter if p.language == "zh" and p.kind is BODY for s in p.sentences]
    assert len(rebuilt) == len(clean) == 93
    differing = [(a, b) for a, b in zip(rebuilt, clean, strict=False) if a != b]
    assert len(differing) == 1
    assert differing[0][0] == differing[0][1].replace("6G", "6")
    assert sum(p.kind is BODY for p in pdf) == 26


# ---------------------------------------------------------------------------------
# read_text dispatch
# ---------------------------------------------------------------------------------


def test_read_text_dispatches_on_role_and_language() -> None:
    bilingual = read_text(interleaved(True), "en", "bilingual")
    assert bilingual.languages() == {"en", "zh"}
    assert any(p.counterpart is not None for p in bilingual.paragraphs)

    chinese = read_text("标题\n科技兴则民族兴。\n", "zh-Hans", "original")
    assert [(p.language, p.kind) for p in chinese.paragraphs] == [("zh", TITLE), ("zh", BODY)]

    english = read_text("Title\nSome text here.\n", "en", "translation")
    assert [(p.language, p.kind) for p in english.paragraphs] == [("en", TITLE), ("en", BODY)]

    commentary = read_text("Title\nSome text here.\n", "en-GB", "commentary")
    assert [p.kind for p in commentary.paragraphs] == [TITLE, BODY]
