"""PDF files: reading order, paragraphs rejoined, headers and page numbers dropped, bad input."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from jining_archive.documents.formats import FormatError
from jining_archive.documents.formats.pdf import read_pdf
from jining_archive.documents.formats.registry import read_bytes

_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
FONT = next((f for f in _FONTS if Path(f).is_file()), None)
needs_font = pytest.mark.skipif(
    FONT is None, reason="no CJK font file (install fonts-wqy-microhei or fonts-noto-cjk)"
)

TITLE = "济宁高新区新材料产业园项目集中开工"
HEADER = "济宁高新区工作简报  2024年第5期"
SECTION = "二、下一步工作安排"
LATIN = (
    "The park will host research teams from Shandong University and several international "
    "partners, focusing on carbon fibre composites and membrane materials."
)


def paragraph(n: int) -> str:
    clauses = "".join(f"第{n}批第{k}个项目加快建设，" for k in range(1, 9))
    return f"{n}月以来，高新区坚持把项目建设作为推动高质量发展的主抓手，{clauses}确保早日投产。"


FIRST_PART = [paragraph(n) for n in range(1, 11)]
SECOND_PART = [paragraph(n) for n in range(11, 18)]


class _Bulletin(FPDF):
    def header(self) -> None:
        self.set_font("cjk", size=9)
        self.cell(0, 8, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("cjk", size=9)
        self.cell(0, 8, f"- {self.page_no()} -", align="C")


def bulletin() -> bytes:
    pdf = _Bulletin(format="A4")
    pdf.add_font("cjk", fname=FONT)
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_title(TITLE)
    pdf.set_author("王明、李华")
    pdf.set_creation_date(datetime(2024, 5, 8, 9, 30, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 10, TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def body(text: str) -> None:
        pdf.set_font("cjk", size=12)
        pdf.set_x(pdf.l_margin + 24)  # first-line indent of two characters
        pdf.write(7, text)
        pdf.ln(9)

    for text in FIRST_PART:
        body(text)
    pdf.set_font("cjk", size=15)
    pdf.cell(0, 10, SECTION, new_x="LMARGIN", new_y="NEXT")
    for text in SECOND_PART:
        body(text)
    body(LATIN)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def bulletin_pdf() -> bytes:
    if FONT is None:
        pytest.skip("no CJK font file")
    return bulletin()


def page_texts(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


@needs_font
def test_fixture_has_what_the_tests_rely_on(bulletin_pdf: bytes) -> None:
    pages = page_texts(bulletin_pdf)
    assert len(pages) == 3
    assert all(HEADER.replace("  ", " ") in " ".join(p.split()) for p in pages)
    # Every paragraph wraps over several lines of the text layer.
    assert FIRST_PART[0] not in pages[0].replace("\r\n", "\n").split("\n")
    # A paragraph runs on from page 1 to page 2: page 2's first body line starts
    # in the middle of one.
    second = [ln for ln in pages[1].splitlines() if ln.strip()][1]
    assert not any(p.startswith(second.strip()) for p in FIRST_PART + SECOND_PART)


@needs_font
def test_paragraphs_headings_and_furniture(bulletin_pdf: bytes) -> None:
    source = read_pdf(bulletin_pdf, "bulletin.pdf")
    expected = [f"# {TITLE}", *FIRST_PART, f"## {SECTION}", *SECOND_PART, LATIN]
    assert source.text == "\n\n".join(expected) + "\n"
    assert source.format == "pdf"
    assert HEADER.split()[0] not in source.text
    assert "- 2 -" not in source.text
    assert source.furniture == [
        "济宁高新区工作简报 2024年第5期",
        "- 1 -",
        "济宁高新区工作简报 2024年第5期",
        "- 2 -",
        "济宁高新区工作简报 2024年第5期",
        "- 3 -",
    ]


@needs_font
def test_metadata(bulletin_pdf: bytes) -> None:
    source = read_pdf(bulletin_pdf, "bulletin.pdf")
    assert source.title == TITLE
    assert source.reporters == ["王明", "李华"]
    assert (source.date, source.file_date) == ("", "2024-05-08")


@needs_font
def test_page_numbers_in_other_styles() -> None:
    styles = ["第{n}页", "{n}", "{n}/3", "第 {n} 页 共 3 页"]
    for style in styles:

        class Numbered(FPDF):
            number_style = style

            def footer(self) -> None:
                self.set_y(-15)
                self.set_font("cjk", size=9)
                self.cell(0, 8, self.number_style.format(n=self.page_no()), align="C")

        pdf = Numbered()
        pdf.add_font("cjk", fname=FONT)
        pdf.set_font("cjk", size=12)
        for n in (1, 2, 3):
            pdf.add_page()
            pdf.set_x(pdf.l_margin + 24)
            pdf.write(7, paragraph(n))
        source = read_pdf(bytes(pdf.output()), "n.pdf")
        assert source.text == "\n\n".join(paragraph(n) for n in (1, 2, 3)) + "\n", style
        assert source.furniture == [style.format(n=n) for n in (1, 2, 3)]


@needs_font
def test_scanned_pdf_without_text() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(20, 20, 170, 250, style="F")
    with pytest.raises(FormatError) as info:
        read_pdf(bytes(pdf.output()), "scan.pdf")
    assert info.value.code == "scanned"
    assert "OCR is not supported" in str(info.value)


@needs_font
def test_password_protected_pdf(bulletin_pdf: bytes) -> None:
    pdf = FPDF()
    pdf.add_font("cjk", fname=FONT)
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    pdf.write(7, paragraph(1))
    with pytest.raises(FormatError) as info:
        read_pdf(bytes(pdf.output()), "secret.pdf")
    assert info.value.code == "encrypted"
    assert "password" in str(info.value)


@needs_font
def test_truncated_pdf(bulletin_pdf: bytes) -> None:
    with pytest.raises(FormatError) as info:
        read_pdf(bulletin_pdf[: len(bulletin_pdf) // 2], "cut.pdf")
    assert info.value.code == "damaged"
    assert "truncated" in str(info.value)


def test_not_a_pdf() -> None:
    with pytest.raises(FormatError) as info:
        read_bytes("这不是PDF文件。".encode(), "fake.pdf", ".pdf")
    assert info.value.code == "damaged"
    with pytest.raises(FormatError) as info:
        read_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"%%EOF", "junk.pdf")
    assert info.value.code == "damaged"


@needs_font
def test_block_paragraphs_without_indent() -> None:
    # Paragraphs set apart by a gap instead of an indent, running over a page break.
    pdf = FPDF()
    pdf.add_font("cjk", fname=FONT)
    pdf.set_font("cjk", size=12)
    pdf.add_page()
    paragraphs = [paragraph(n) for n in range(1, 14)]
    for text in paragraphs:
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    data = bytes(pdf.output())
    assert len(page_texts(data)) == 2
    assert read_pdf(data, "blocks.pdf").text == "\n\n".join(paragraphs) + "\n"
