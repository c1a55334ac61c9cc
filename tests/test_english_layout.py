"""English paragraphs: layouts, title, headings, captions, footnotes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from glossary.documents import ParagraphKind, ParsedParagraph
from glossary.english_layout import is_english_caption, read_english

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

BODY, CAPTION, FOOTNOTE = ParagraphKind.BODY, ParagraphKind.CAPTION, ParagraphKind.FOOTNOTE
TITLE, HEADING = ParagraphKind.TITLE, ParagraphKind.HEADING


def kinds(paragraphs: list[ParsedParagraph]) -> list[ParagraphKind]:
    return [p.kind for p in paragraphs]


ONE_PER_LINE = """Striving to Build a Country Strong
Striving to Build a Country  Strong
XI JINPING
This is a significant gathering. It comes at a critical juncture.*
President Xi delivers a speech in Beijing, June 24, 2024. PHOTO BY XINHUA REPORTER YAO DAWEI
We have made progress in S&T.[1] The U.S. Congress took note.
Distinguished Academicians, Comrades, and Friends,
First, we should fully leverage the strengths of the new system for mobilizing resources
• upholding the CPC's overall leadership;
• following China's distinctive innovation path.
Scientists visit a laboratory in Shanghai. (Xinhua/Li Xueren)
Photo: A researcher at work in Hefei.
*This is a speech delivered on June 24, 2024.
[1] Editor's note: the term can also be rendered as "power".
"""


def test_one_paragraph_per_line_kinds() -> None:
    paragraphs = read_english(ONE_PER_LINE)
    assert kinds(paragraphs) == [
        TITLE, HEADING, BODY, CAPTION, BODY, BODY, HEADING, BODY, BODY, CAPTION, CAPTION, FOOTNOTE, FOOTNOTE,
    ]  # fmt: skip
    texts = [p.text for p in paragraphs]
    assert texts[0] == "Striving to Build a Country Strong"  # the repeated title collapsed
    assert texts[1] == "XI JINPING"
    assert texts[11] == "This is a speech delivered on June 24, 2024."
    assert texts[12] == 'Editor\'s note: the term can also be rendered as "power".'


def test_reference_marks_removed_where_notes_exist() -> None:
    paragraphs = read_english(ONE_PER_LINE)
    assert paragraphs[2].sentences == [
        "This is a significant gathering.",
        "It comes at a critical juncture.",
    ]
    assert paragraphs[4].sentences == [
        "We have made progress in S&T.",
        "The U.S. Congress took note.",
    ]


def test_reference_marks_kept_without_notes() -> None:
    paragraphs = read_english("Title\nWe have made progress.[1] It shows.\nThe end.\n")
    assert paragraphs[1].text == "We have made progress.[1] It shows."
    assert paragraphs[1].sentences == ["We have made progress.[1]", "It shows."]


def test_caption_sentences_keep_credit() -> None:
    caption = read_english(ONE_PER_LINE)[3]
    assert caption.sentences == [
        "President Xi delivers a speech in Beijing, June 24, 2024.",
        "PHOTO BY XINHUA REPORTER YAO DAWEI",
    ]


def test_bullets_are_paragraphs_with_their_bullet() -> None:
    paragraphs = read_english(ONE_PER_LINE)
    assert paragraphs[7].text == "• upholding the CPC's overall leadership;"
    assert paragraphs[8].sentences == ["• following China's distinctive innovation path."]


WRAPPED = """Building a Country Strong in Science

By Xi Jinping

Science and technology are the foundation of a strong country, and we
must give them a central place in our development. Our Party has always
attached great importance to innovation and to the people who carry it
out in laboratories and in factories.

The reform of the system for science and technology must go on, and we
will remove the barriers that hold back researchers. This is the goal-
oriented task of the new era, and it will be carried out in every
province.

• upholding the Party's leadership over science and technology work;
• following a distinctive path of innovation.

President Xi meets scientists in Beijing, June 24, 2024. (Xinhua/Li Xueren)

*This is a speech delivered on June 24, 2024.
"""


def test_wrapped_paragraphs_with_blank_lines() -> None:
    paragraphs = read_english(WRAPPED)
    assert kinds(paragraphs) == [TITLE, HEADING, BODY, BODY, BODY, BODY, CAPTION, FOOTNOTE]
    assert paragraphs[2].text == (
        "Science and technology are the foundation of a strong country, and we must give them a central place "
        "in our development. Our Party has always attached great importance to innovation and to the people "
        "who carry it out in laboratories and in factories."
    )
    assert paragraphs[3].sentences[1] == (
        "This is the goal-oriented task of the new era, and it will be carried out in every province."
    )
    assert (
        paragraphs[4].text == "• upholding the Party's leadership over science and technology work;"
    )


def test_wrapped_paragraphs_without_blank_lines() -> None:
    text = (
        "Science and technology are the foundation of a strong country, and we\n"
        "must give them a central place in our development. Our Party has always\n"
        "attached great importance to innovation.\n"
        "The reform of the system for science and technology must go on, and we\n"
        "will remove the barriers that hold back researchers in many fields of\n"
        "work.\n"
        "This is the task of the new era, and it will be carried out in every\n"
        "province of the country.\n"
    )
    paragraphs = read_english(text)
    assert [p.text.split()[0] for p in paragraphs] == ["Science", "The", "This"]
    assert kinds(paragraphs) == [TITLE, BODY, BODY]  # the first paragraph is taken as the title


def test_page_numbers_dropped_from_wrapped_text() -> None:
    text = WRAPPED.replace("attached great importance", "attached great\n\n17\n\nimportance")
    paragraphs = read_english(text)
    assert paragraphs[2].text == read_english(WRAPPED)[2].text


def test_wrapped_paragraphs_marked_by_indentation() -> None:
    text = (
        "Building a Country Strong\n"
        "    Science and technology are the foundation of a strong country, and we\n"
        "must give them a central place in our development. Our Party has always\n"
        "attached great importance to innovation and to the people who do the\n"
        "research.\n"
        "    The reform of the system for science and technology must go on, and\n"
        "we will remove the barriers that hold back researchers in many fields\n"
        "of work, as the Party decided.\n"
    )
    paragraphs = read_english(text)
    assert kinds(paragraphs) == [TITLE, BODY, BODY]
    assert paragraphs[2].text.endswith("in many fields of work, as the Party decided.")


@pytest.mark.parametrize(
    "line",
    [
        "Leaders meet in Beijing. PHOTO BY XINHUA REPORTER JU PENG",
        "Leaders meet in Beijing. Photo by Li Xueren",
        "Leaders meet in Beijing. (Xinhua/Li Xueren)",
        "Leaders meet in Beijing. (Photo: VCG)",
        "Photo: Leaders meet in Beijing.",
        "Leaders meet in Beijing. Photograph: Xinhua",
    ],
)
def test_caption_credits(line: str) -> None:
    assert is_english_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "We looked at the photo by the river.",
        "The Party (CPC) leads the work.",
        "Innovation is the first driving force (see the 2016 speech).",
    ],
)
def test_not_captions(line: str) -> None:
    assert not is_english_caption(line)


def test_long_unpunctuated_line_is_body() -> None:
    long_line = " ".join(["word"] * 45)
    paragraphs = read_english(f"Title\n{long_line}\nEnd.\n")
    assert paragraphs[1].kind is BODY


def test_markdown_bold_line_is_not_a_footnote() -> None:
    assert read_english("Title\n**Bold text.**\n")[1].kind is BODY


def test_empty_text() -> None:
    assert read_english("") == []
    assert read_english("\n  \n") == []


# ---------------------------------------------------------------------------------
# real documents
# ---------------------------------------------------------------------------------


def read_corpus(name: str) -> list[ParsedParagraph]:
    return read_english((CORPUS / name).read_text(encoding="utf-8"))


def test_qiushi_translation() -> None:
    paragraphs = read_corpus("speech-2024-06-24.qiushi.en.txt")
    counts = Counter(kinds(paragraphs))
    assert counts == {BODY: 51, HEADING: 7, CAPTION: 3, TITLE: 1}
    assert [p.text for p in paragraphs if p.kind is TITLE] == [
        "Striving to Build a Country Strong in Science and Technology"
    ]
    assert paragraphs[1].text == "XI JINPING"
    captions = [p for p in paragraphs if p.kind is CAPTION]
    assert [c.sentences[-1] for c in captions] == [
        "PHOTO BY XINHUA REPORTER YAO DAWEI",
        "PHOTO BY XINHUA REPORTER JU PENG",
        "PHOTO BY XINHUA REPORTER XIE HUANCHI",
    ]
    assert sum(1 for p in paragraphs if p.text.startswith("• ")) == 8
    assert sum(len(p.sentences) for p in paragraphs) == 147
    headings = [p.text.split(",")[0] for p in paragraphs if p.kind is HEADING]
    assert headings[1:6] == ["First", "Second", "Third", "Fourth", "Fifth"]
    for p in paragraphs:
        if p.kind is not CAPTION:
            assert "PHOTO BY" not in p.text


def test_digichina_translation_footnotes() -> None:
    paragraphs = read_corpus("speech-2018-05-28.digichina.en.txt")
    assert Counter(kinds(paragraphs)) == {BODY: 31, FOOTNOTE: 6, HEADING: 3, TITLE: 1}
    notes = [p.text for p in paragraphs if p.kind is FOOTNOTE]
    assert notes[0].startswith("This is a portion of General Secretary Xi Jinping’s speech")
    assert notes[1].startswith("Editor’s note: The term translated here as “superpower”")
    assert notes[5].startswith("Translators’ note: Four Self-Confidences")
    assert [p.text for p in paragraphs if p.kind is HEADING][-1] == "By Xi Jinping"
    body = " ".join(p.text for p in paragraphs if p.kind is BODY)
    assert "[1]" not in body and "[5]" not in body
    assert "world S&T superpower (世界科技强国)." in body
    assert "[it is possible]" in body  # a bracketed insertion is not a reference


def test_theorychina_commentary_headings() -> None:
    paragraphs = read_corpus("commentary-2025-06-10.theorychina.en.txt")
    assert Counter(kinds(paragraphs)) == {BODY: 47, HEADING: 21, TITLE: 1}
    headings = [p.text for p in paragraphs if p.kind is HEADING]
    assert headings[0] == "2025-06-10 10:50:36 | Author:Wen Yan | Source:Theorychina"
    assert sum(1 for h in headings if h.split(".")[0] in {"I", "II", "III", "IV", "V"}) == 5
