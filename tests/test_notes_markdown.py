"""A note's Markdown in the HTML and Word exports, and the Word file's page and fonts.

The expectations come from the CommonMark rules the note is written in: ``**x**``
is bold, ``*x*`` italic, ``- x`` a bullet item, ``1. x`` a numbered item, ``> x`` a
quote, a backticked span code, ``[text](url)`` a link; raw HTML is never markup.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from jining_archive.app import main
from jining_archive.library import Library
from jining_archive.notes.export import (
    EAST_ASIAN_FONT,
    EAST_ASIAN_HEADING_FONT,
    ExportFormat,
    export_bookmarks,
    render,
)
from jining_archive.notes.model import Bookmark
from jining_archive.notes.note_markdown import CODE_FONT, note_html
from jining_archive.notes.store import NoteStore
from jining_archive.notes.targets import article_bookmark

NOTE = (
    "外贸**快速**增长，*值得*关注\n"
    "第二行\n\n"
    "- 小松\n"
    "- 鲁抗\n\n"
    "1. 招商\n"
    "2. 建设\n\n"
    "> 原话如此\n\n"
    "代码 `year:2023` 与[链接](https://example.org/a)\n\n"
    "<script>alert(1)</script> [坏](javascript:alert(1))"
)


def _lookup(library: Library):  # type: ignore[no-untyped-def]
    return lambda article_id: library.article(article_id) if article_id in library else None


def _bookmarks(library: Library, *notes: str) -> list[Bookmark]:
    out = []
    for n, note in enumerate(notes, 1):
        b = article_bookmark(library.article("2023-intl-parks"), note=note)
        b.id, b.uid = n, f"uid-{n}"
        out.append(b)
    return out


class _Elements(HTMLParser):
    """The elements of an HTML document with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self.inside: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for tag in set(self._open):
            self.inside.setdefault(tag, []).append(data)

    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]


def test_html_export_renders_the_notes_markdown(library: Library) -> None:
    rendered = render(_bookmarks(library, NOTE), ExportFormat.HTML, _lookup(library))
    page = _Elements()
    page.feed(rendered.data.decode("utf-8"))
    tags = page.tags()
    assert page.inside["strong"] == ["快速"] and page.inside["em"] == ["值得"]
    assert page.inside["code"] == ["year:2023"]
    assert page.inside["ul"].count("小松") == 1 and "鲁抗" in page.inside["ul"]
    assert "招商" in page.inside["ol"] and "建设" in page.inside["ol"]
    assert tags.count("li") == 4 and "br" in tags  # the single line break is kept
    assert "原话如此" in page.inside["blockquote"]
    links = [attrs["href"] for tag, attrs in page.elements if tag == "a"]
    assert links == ["https://example.org/a"]  # javascript: is not made a link
    # Raw HTML in the note is text: shown as typed, never an element.
    assert "script" not in tags
    assert "<script>alert(1)</script>" in "".join(page.text)


def test_note_headings_come_below_the_exports_own() -> None:
    assert note_html("# 要点").strip() == "<h3>要点</h3>"
    assert note_html("<b>粗</b> & 笔记").strip() == "<p>&lt;b&gt;粗&lt;/b&gt; &amp; 笔记</p>"


def _docx(library: Library, *notes: str) -> docx.document.Document:
    data = render(_bookmarks(library, *notes), ExportFormat.DOCX, _lookup(library)).data
    return docx.Document(io.BytesIO(data))


def _paragraph(document: docx.document.Document, text: str):  # type: ignore[no-untyped-def]
    (found,) = [p for p in document.paragraphs if p.text == text]
    return found


def test_word_export_renders_the_notes_markdown(library: Library) -> None:
    document = _docx(library, NOTE)
    first = _paragraph(document, "外贸快速增长，值得关注\n第二行")
    assert [r.text for r in first.runs if r.bold] == ["快速"]
    assert [r.text for r in first.runs if r.italic] == ["值得"]
    assert _paragraph(document, "小松").style.name == "List Bullet"
    assert _paragraph(document, "鲁抗").style.name == "List Bullet"
    assert _paragraph(document, "招商").style.name == "List Number"
    assert _paragraph(document, "建设").style.name == "List Number"
    assert _paragraph(document, "原话如此").style.name == "Quote"
    code_line = _paragraph(document, "代码 year:2023 与链接")
    (code,) = [r for r in code_line.runs if r.text == "year:2023"]
    assert code.font.name == CODE_FONT
    (link,) = code_line.hyperlinks
    assert (link.url, link.text) == ("https://example.org/a", "链接")
    assert link.runs[0].font.underline
    # Raw HTML is text, and the javascript: link stays the text it was typed as.
    last = _paragraph(document, "<script>alert(1)</script> [坏](javascript:alert(1))")
    assert not last.hyperlinks


def test_each_numbered_list_starts_at_its_own_number(library: Library) -> None:
    document = _docx(library, "1. 甲\n2. 乙", "3. 丙\n4. 丁")
    numbering = document.part.numbering_part.element

    def num_and_start(text: str) -> tuple[int, int]:
        num_id = _paragraph(document, text)._p.pPr.numPr.numId.val
        override = numbering.num_having_numId(num_id).find(qn("w:lvlOverride"))
        start = override.find(qn("w:startOverride")).get(qn("w:val"))
        return num_id, int(start)

    assert num_and_start("甲") == num_and_start("乙")
    first, second = num_and_start("甲"), num_and_start("丙")
    assert first[0] != second[0]  # the second list does not go on from the first
    assert (first[1], second[1]) == (1, 3)


def test_word_export_is_a4_with_chinese_fonts(library: Library, tmp_path: Path) -> None:
    target = tmp_path / "notes.docx"
    export_bookmarks(_bookmarks(library, "**要点**\n\n- 一条"), "docx", target, _lookup(library))
    document = docx.Document(str(target))
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
        for margin in (section.top_margin, section.bottom_margin):
            assert abs(margin - Mm(25.4)) < Mm(0.5)
        for margin in (section.left_margin, section.right_margin):
            assert abs(margin - Mm(31.8)) < Mm(0.5)
    expected = {"Normal": EAST_ASIAN_FONT, "Quote": EAST_ASIAN_FONT,
                "List Bullet": EAST_ASIAN_FONT, "List Number": EAST_ASIAN_FONT,
                "Title": EAST_ASIAN_HEADING_FONT, "Heading 2": EAST_ASIAN_HEADING_FONT,
                "Heading 3": EAST_ASIAN_HEADING_FONT}  # fmt: skip
    for name, font in expected.items():
        rpr = document.styles[name].element.rPr
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == font, name
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert {EAST_ASIAN_FONT, EAST_ASIAN_HEADING_FONT} == {"SimSun", "SimHei"}
    bullet = _paragraph(document, "一条")
    assert bullet.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "SimSun"


def test_export_notes_on_the_command_line_renders_the_same(
    tmp_path: Path, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    with NoteStore() as store:
        for b in _bookmarks(library, NOTE):
            b.id = 0
            store.add(b)
        bookmarks = store.bookmarks()
    for fmt in ("html", "docx"):
        target = tmp_path / f"notes.{fmt}"
        assert main(["export-notes", "--format", fmt, "-o", str(target)]) == 0
        window_like = render(bookmarks, ExportFormat(fmt), _lookup(library)).data
        if fmt == "html":  # the same page but for the export time
            got = re.sub("导出时间：[^　]*", "", target.read_text(encoding="utf-8"))
            assert got == re.sub("导出时间：[^　]*", "", window_like.decode("utf-8"))
            assert "<strong>快速</strong>" in got
        else:
            got_doc = docx.Document(str(target))
            assert [p.text for p in got_doc.paragraphs][2:] == [
                p.text for p in docx.Document(io.BytesIO(window_like)).paragraphs
            ][2:]
            assert _paragraph(got_doc, "小松").style.name == "List Bullet"
    capsys.readouterr()
