"""Word documents: body order, headings from styles, tables, core properties, bad input."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from jining_archive.documents.formats import FormatError
from jining_archive.documents.formats.docx import read_docx
from jining_archive.documents.formats.registry import read_bytes

TITLE = "济宁高新区重点项目建设提速"
LEAD = (
    "今年以来，济宁高新区聚焦产业基础高级化、产业链现代化，实施重点产业项目100个，"
    "完成投资78.57亿元。"
)
SECTION = "项目建设情况"
BODY = "小松全球智能制造产业基地、航天宏图遥感卫星等一批大项目先后签约落地。"
SUBSECTION = "下一步工作"
LAST = "高新区将集中一切资源要素推进重点项目建设，确保圆满完成全年各项任务目标。"


def to_bytes(document: object) -> bytes:
    buf = io.BytesIO()
    document.save(buf)  # type: ignore[attr-defined]
    return buf.getvalue()


def news_document() -> bytes:
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph(LEAD)
    document.add_paragraph("   ")  # an empty paragraph used as spacing
    document.add_heading(SECTION, level=1)
    document.add_paragraph(BODY)
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [
            ("项目", "投资", "进度"),
            ("智能制造基地", "20亿元", "主体完工"),
            ("遥感卫星", "5亿元", ""),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading(SUBSECTION, level=2)
    line_break = document.add_paragraph("第一行")
    line_break.add_run().add_break()
    line_break.add_run("第二行")
    document.add_paragraph(LAST)
    props = document.core_properties
    props.title = "核心属性中的标题"
    props.author = "王明、李华"
    props.created = datetime(2023, 9, 14, 8, 30, tzinfo=UTC)
    return to_bytes(document)


def test_body_order_headings_and_tables() -> None:
    source = read_docx(news_document(), "report.docx")
    assert source.text == (
        f"# {TITLE}\n\n{LEAD}\n\n## {SECTION}\n\n{BODY}\n\n"
        "项目；投资；进度。\n智能制造基地；20亿元；主体完工。\n遥感卫星；5亿元。\n\n"
        f"### {SUBSECTION}\n\n第一行\n第二行\n\n{LAST}\n"
    )
    assert source.format == "docx"
    assert source.encoding == ""
    assert source.title == TITLE
    assert source.reporters == ["王明", "李华"]
    assert (source.date, source.file_date) == ("", "2023-09-14")


def test_chinese_heading_styles_and_outline_level() -> None:
    document = docx.Document()
    heading = document.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = document.styles["Normal"]
    document.add_paragraph(SECTION, style="标题 1")
    outlined = document.add_paragraph(SUBSECTION)
    ppr = outlined._p.get_or_add_pPr()
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "1")
    ppr.append(level)
    document.add_paragraph(BODY)
    document.core_properties.title = "核心属性中的标题"
    document.core_properties.author = "python-docx"
    source = read_docx(to_bytes(document), "cn.docx")
    assert source.text == f"# {SECTION}\n\n## {SUBSECTION}\n\n{BODY}\n"
    # No Title-styled paragraph: the core property is the title; the placeholder
    # author python-docx writes is no reporter.
    assert source.title == "核心属性中的标题"
    assert source.reporters == []


def test_table_rows_parse_as_paragraphs() -> None:
    from jining_archive.documents.model import BlockKind
    from jining_archive.documents.parse import parse_article

    source = read_docx(news_document(), "report.docx")
    article = parse_article(source.text, "docx-1", title=source.title)
    assert article.title == TITLE
    kinds = {block.text: block.kind for block in article.blocks}
    assert kinds["项目；投资；进度。"] == BlockKind.PARAGRAPH
    assert kinds["智能制造基地；20亿元；主体完工。"] == BlockKind.PARAGRAPH
    assert kinds[SECTION] == BlockKind.HEADING
    assert kinds[LAST] == BlockKind.PARAGRAPH


def test_not_a_zip() -> None:
    with pytest.raises(FormatError) as info:
        read_bytes("这不是一个Word文件。".encode(), "fake.docx", ".docx")
    assert info.value.code == "not-zip"


def test_zip_that_is_not_a_word_document() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff" + bytes(100))
    with pytest.raises(FormatError) as info:
        read_docx(buf.getvalue(), "photos.docx")
    assert info.value.code == "damaged"


def test_damaged_word_document() -> None:
    data = news_document()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            dst.writestr(item, content)
    with pytest.raises(FormatError) as info:
        read_docx(buf.getvalue(), "broken.docx")
    assert info.value.code == "damaged"
    with pytest.raises(FormatError) as info:
        read_docx(data[: len(data) // 2], "truncated.docx")
    assert info.value.code == "damaged"


def test_zip_bomb() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(300):
                member.write(chunk)
    data = buf.getvalue()
    assert len(data) < 1 << 20
    with pytest.raises(FormatError) as info:
        read_docx(data, "bomb.docx")
    assert info.value.code == "zip-bomb"
    assert "300 MB" in str(info.value)


def test_encrypted_or_old_word() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(FormatError) as info:
        read_docx(ole, "secret.docx")
    assert info.value.code == "encrypted"
    assert "password-protected" in str(info.value)
    assert "old Word" in str(info.value)


def test_document_without_text() -> None:
    document = docx.Document()
    document.add_paragraph("")
    with pytest.raises(FormatError) as info:
        read_docx(to_bytes(document), "blank.docx")
    assert info.value.code == "no-text"


def test_a_placeholder_title_in_the_properties_is_not_the_title() -> None:
    document = docx.Document()
    document.add_paragraph("生物医药创新中心启用")
    document.add_paragraph("生物医药创新中心建筑面积3万平方米，已入驻企业12家。")
    document.core_properties.title = "Word Document"
    out = io.BytesIO()
    document.save(out)
    assert read_docx(out.getvalue(), "a.docx").title == ""
