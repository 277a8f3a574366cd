"""Export bookmarks and notes to Markdown, Word, CSV, JSON and HTML.

Every exported note carries its citation: article title, reporters, date,
source, section, the quote, the note and its tags. The 出处 line is written in a
:class:`~jining_archive.notes.targets.CitationStyle`: the app's own line, or a
GB/T 7714-2015 reference (then the section, which that form has no place for, is
given on a line of its own; the CSV and JSON keep it in its own field anyway).
An insight (a series or a project's story, :mod:`jining_archive.notes.snapshot`) is
exported as its table with a 出处 column numbering the articles each row comes from,
those articles' references below it, and its chart as a picture (embedded in the
Markdown and HTML as a ``data:`` image, the only images the HTML's policy allows);
the CSV gives it one row, its references joined in the reference field.

Files are rendered in memory and written by :mod:`jining_archive.notes.destination`:
a regular file is replaced only by a complete export (temporary file, then rename),
devices and FIFOs are written in place, read-only files are never replaced.

A note's Markdown is rendered in the HTML and Word exports (bold, italic, lists,
links, code, quotes: see :mod:`jining_archive.notes.note_markdown`) and kept as
written in the Markdown export. The Word file is A4, with Chinese fonts (宋体 for
the text, 黑体 for headings) set as the East Asian font of every style.

Safety: CSV cells that a spreadsheet would read as a formula (starting with
``= + - @``, tab or carriage return) are prefixed with ``'``; HTML escapes every
character the user or the article supplied (raw HTML in a note is text to the
Markdown parser) and forbids scripts and remote content with a
Content-Security-Policy; Markdown shows HTML in notes as text.
Characters a format cannot hold are replaced by U+FFFD (and counted, so the
user is told): control characters other than tab and line breaks in Word and
HTML (XML 1.0 has no way to write them), and halves of surrogate pairs (text
that was never valid Unicode) in every format.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from jining_archive.documents.model import Article
from jining_archive.notes.destination import ExportError, Written, write_export
from jining_archive.notes.jsonform import FORMAT_NAME, FORMAT_VERSION, bookmark_to_dict
from jining_archive.notes.model import Bookmark, now_iso
from jining_archive.notes.note_markdown import WordNote, WordStyles, note_html
from jining_archive.notes.snapshot import Snapshot, SnapshotRow
from jining_archive.notes.targets import Citation, CitationStyle, cite

EXPORT_TITLE = "书签与笔记"
# Word shows Chinese in the East Asian font of a run; SimSun (宋体) and SimHei (黑体) are on
# every Windows, and WPS and LibreOffice substitute their own Song and Hei faces for them.
EAST_ASIAN_FONT = "SimSun"
EAST_ASIAN_HEADING_FONT = "SimHei"
LATIN_FONT = "Times New Roman"
# A4, with Word's own "normal" margins for Chinese documents: 2.54 cm top and bottom,
# 3.18 cm left and right.
PAGE_MM = (210.0, 297.0)
MARGINS_MM = (25.4, 31.8, 25.4, 31.8)  # top, right, bottom, left
_BODY_STYLES = ("Normal", "Quote", "List Bullet", "List Bullet 2", "List Bullet 3",
                "List Number", "List Number 2", "List Number 3",
                "List Continue", "List Continue 2", "List Continue 3")  # fmt: skip
_HEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")
CSV_COLUMNS = (
    "id", "article_id", "article_title", "date", "source", "section", "kind", "label",
    "quote", "context", "note", "tags", "reference", "state", "created", "modified",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"
# What XML 1.0 cannot hold: C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What UTF-8 cannot encode: lone surrogates (bytes that were not UTF-8, decoded leniently).
_NOT_TEXT = re.compile("[\ud800-\udfff]")


class ExportFormat(StrEnum):
    """The export formats, named by their file suffix."""

    MARKDOWN = "md"
    DOCX = "docx"
    CSV = "csv"
    JSON = "json"
    HTML = "html"

    @property
    def label(self) -> str:
        """The name shown in menus and dialogs."""
        return _LABELS[self]


_LABELS = {
    ExportFormat.MARKDOWN: "Markdown (.md)",
    ExportFormat.DOCX: "Word (.docx)",
    ExportFormat.CSV: "CSV (.csv)",
    ExportFormat.JSON: "JSON (.json)",
    ExportFormat.HTML: "HTML (.html)",
}


__all__ = [
    "CitationStyle",
    "ExportError",
    "ExportFormat",
    "ExportResult",
    "Rendered",
    "export_bookmarks",
    "neutralise",
    "render",
]


@dataclass(frozen=True)
class Rendered:
    """The bytes of an export file and how many characters had to be replaced."""

    data: bytes
    replaced: int = 0


@dataclass(frozen=True)
class ExportResult:
    """An export written: where, how many bookmarks, how many characters replaced."""

    written: Written
    count: int
    replaced: int

    @property
    def path(self) -> Path:
        """The file written (a symbolic link's target when one was followed)."""
        return self.written.path


ArticleLookup = Callable[[str], Article | None]


def export_bookmarks(
    bookmarks: Sequence[Bookmark],
    fmt: ExportFormat | str,
    target: Path,
    article_of: ArticleLookup,
    style: CitationStyle | str = CitationStyle.APP,
) -> ExportResult:
    """Render ``bookmarks`` in ``fmt`` and write them to ``target`` (see the module docstring)."""
    rendered = render(bookmarks, ExportFormat(fmt), article_of, CitationStyle(style))
    written = write_export(Path(target), rendered.data)
    return ExportResult(written, len(bookmarks), rendered.replaced)


def render(
    bookmarks: Sequence[Bookmark],
    fmt: ExportFormat,
    article_of: ArticleLookup,
    style: CitationStyle = CitationStyle.APP,
) -> Rendered:
    """The bytes of the export file, the 出处 lines in ``style``."""
    citations = [cite(b, article_of) for b in bookmarks]
    if fmt == ExportFormat.DOCX:
        cleaner = _Cleaner(_NOT_XML)
        data = render_docx(citations, cleaner, style)
        return Rendered(data, cleaner.replaced)
    if fmt == ExportFormat.MARKDOWN:
        text, encoding, pattern = render_markdown(citations, style), "utf-8", _NOT_TEXT
    elif fmt == ExportFormat.CSV:
        text, encoding, pattern = render_csv(citations, style), "utf-8-sig", _NOT_TEXT
    elif fmt == ExportFormat.JSON:
        text, encoding, pattern = render_json(bookmarks, citations, style), "utf-8", _NOT_TEXT
    else:
        cleaner = _Cleaner(_NOT_XML)
        text = render_html(citations, style, cleaner)
        return Rendered(cleaner(text).encode("utf-8"), cleaner.replaced)
    cleaner = _Cleaner(pattern)
    return Rendered(cleaner(text).encode(encoding), cleaner.replaced)


class _Cleaner:
    """Replaces what a format cannot hold by U+FFFD, counting the characters replaced."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.replaced = 0

    def __call__(self, text: str) -> str:
        cleaned, count = self.pattern.subn(REPLACEMENT, text)
        self.replaced += count
        return cleaned


# -- Markdown --------------------------------------------------------------------------


def _heading(c: Citation) -> str:
    name = c.label if c.kind != "passage" and c.label else c.article_title
    return f"[{c.kind.label_zh}] {name}"


def _shown_quote(c: Citation) -> str:
    """The quote to print under the heading: a figure or mention within its sentence,
    nothing for a section whose heading already is the quote."""
    if c.kind == "section" and c.quote == c.label:
        return ""
    return c.in_context or c.quote


def _section_line(c: Citation, style: CitationStyle) -> str:
    """The section on a line of its own, where the reference line has no place for it."""
    return c.section if style == CitationStyle.GBT7714 else ""


def _status_lines(c: Citation) -> list[str]:
    lines = []
    if c.article_missing:
        lines.append(f"文章 {c.article_id} 已不在资料库中。")
    if c.detached:
        lines.append("原文已改动，书签未能重新定位；引文为书签时的原文。")
    elif c.text_changed:
        lines.append(f"原文已改动；书签时的原文为：“{c.original_quote}”")
    return lines


def render_markdown(citations: Sequence[Citation], style: CitationStyle = CitationStyle.APP) -> str:
    """The Markdown export: one section per note, each with its full citation.

    Notes keep their Markdown, but what a Markdown viewer would take for HTML (a tag,
    a comment, an entity) in a note, quote or title is escaped, so ``<script>`` in a
    note is shown as written and never run or hidden.
    """
    m = markdown_text
    out = [f"# {EXPORT_TITLE}", "", f"导出时间：{_local_time()}　共 {len(citations)} 条", ""]
    for n, c in enumerate(citations, 1):
        out += [f"## {n}. {m(_heading(c))}", ""]
        if quote := _shown_quote(c):
            out += [*(f"> {m(line)}" if line else ">" for line in quote.split("\n")), ""]
        if c.note:
            out += [m(c.note.rstrip()), ""]
        if c.snapshot is not None:
            out += _markdown_insight(c, style)
            continue
        out.append(f"- 出处：{m(c.reference(style))}")
        if section := _section_line(c, style):
            out.append(f"- 章节：{m(section)}")
        if c.tags:
            out.append(f"- 标签：{m('、'.join(c.tags))}")
        out += [f"- 注意：{m(line)}" for line in _status_lines(c)]
        out.append("")
    return "\n".join(out)


def _source_cell(c: Citation, row: SnapshotRow) -> str:
    number = c.source_number(row.article_id)
    return f"[{number}]" if number else ""


def _source_lines(c: Citation, style: CitationStyle) -> list[str]:
    """An insight's numbered references, one for each article its rows cite."""
    lines = []
    for n, source in enumerate(c.sources, 1):
        reference = source.reference(style)
        if source.article_missing:
            reference += f"（文章 {source.article_id} 已不在资料库中）"
        lines.append(f"[{n}] {reference}")
    return lines


def _omitted_line(snapshot: Snapshot) -> str:
    return f"（另有 {snapshot.omitted} 行未收入书签）" if snapshot.omitted else ""


def _markdown_cell(text: str) -> str:
    return markdown_text(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown_insight(c: Citation, style: CitationStyle) -> list[str]:
    """An insight in Markdown: its chart (a data: image), its table with a source column,
    and the numbered references."""
    snapshot = c.snapshot
    assert snapshot is not None
    out: list[str] = [f"{snapshot.view_label}：{markdown_text(snapshot.title)}", ""]
    if snapshot.image_png:
        encoded = base64.b64encode(snapshot.image_png).decode("ascii")
        out += [f"![{markdown_text(snapshot.title)}](data:image/png;base64,{encoded})", ""]
    columns = [*snapshot.columns, "出处"]
    out.append("| " + " | ".join(_markdown_cell(name) for name in columns) + " |")
    out.append("|" + " --- |" * len(columns))
    for row in snapshot.rows:
        cells = [*row.cells, _source_cell(c, row)]
        out.append("| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |")
    out.append("")
    if omitted := _omitted_line(snapshot):
        out += [omitted, ""]
    out.append("- 出处：")
    out += [f"  - {markdown_text(line)}" for line in _source_lines(c, style)]
    if c.tags:
        out.append(f"- 标签：{markdown_text('、'.join(c.tags))}")
    out.append("")
    return out


# A "<" that starts a tag, a closing tag, a comment, a declaration or an autolink, and an
# "&" that starts a character reference: the two ways Markdown lets HTML in.
_MARKDOWN_HTML = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?[0-9A-Za-z]+;)")


def markdown_text(text: str) -> str:
    """``text`` for a Markdown file, with anything a viewer would read as HTML escaped."""
    return _MARKDOWN_HTML.sub(lambda match: "&lt;" if match.group() == "<" else "&amp;", text)


# -- Word ------------------------------------------------------------------------------


def render_docx(
    citations: Sequence[Citation],
    clean: Callable[[str], str] | None = None,
    style: CitationStyle = CitationStyle.APP,
) -> bytes:
    """The Word export on A4, with an East Asian font on every style and run so Chinese
    shows; each note's Markdown becomes Word formatting (see ``note_markdown``).

    ``clean`` is given every piece of text from a note or an article before it goes
    into the document (XML cannot hold every character; see :func:`render`).
    """
    x = clean or _Cleaner(_NOT_XML)
    import docx  # python-docx: imported here, only exports need it
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    for page in document.sections:
        page.page_width, page.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        top, right, bottom, left = (Mm(m) for m in MARGINS_MM)
        page.top_margin, page.right_margin = top, right
        page.bottom_margin, page.left_margin = bottom, left
    for style_name in _BODY_STYLES:
        _east_asian(document.styles[style_name].element.get_or_add_rPr())
    for style_name in _HEADING_STYLES:
        _east_asian(document.styles[style_name].element.get_or_add_rPr(), EAST_ASIAN_HEADING_FONT)
    document.core_properties.title = EXPORT_TITLE
    # Style ids looked up once: python-docx scans every style on each lookup by name,
    # which made a 500-note export take seconds.
    heading_id = document.styles["Heading 2"].style_id
    quote_id = document.styles["Quote"].style_id
    note_styles = WordStyles.of(document)
    _runs(document.add_heading(EXPORT_TITLE, level=0))
    _runs(document.add_paragraph(f"导出时间：{_local_time()}　共 {len(citations)} 条"))
    for n, c in enumerate(citations, 1):
        _runs(_styled(document, f"{n}. {x(_heading(c))}", heading_id))
        if quote := _shown_quote(c):
            _runs(_styled(document, f"“{x(quote)}”", quote_id))
        if c.note.strip():
            # Cleaned before parsing: the parser would turn a NUL into U+FFFD uncounted.
            WordNote(document, note_styles, x, _runs).add(x(c.note))
        if c.snapshot is not None:
            _word_insight(document, c, x, style)
            continue
        cite_par = document.add_paragraph()
        label = cite_par.add_run("出处：")
        label.bold = True
        cite_par.add_run(x(c.reference(style)))
        if section := _section_line(c, style):
            cite_par.add_run("\n")
            section_label = cite_par.add_run("章节：")
            section_label.bold = True
            cite_par.add_run(x(section))
        if c.tags:
            cite_par.add_run("\n")
            tag_label = cite_par.add_run("标签：")
            tag_label.bold = True
            cite_par.add_run(x("、".join(c.tags)))
        for line in _status_lines(c):
            warn = cite_par.add_run(f"\n注意：{x(line)}")
            warn.font.color.rgb = RGBColor(0xA0, 0x30, 0x00)
        for run in cite_par.runs:
            run.font.size = Pt(9)
        _runs(cite_par)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _word_insight(
    document: Any, c: Citation, x: Callable[[str], str], style: CitationStyle
) -> None:
    """An insight in Word: its chart as a picture, its table (a Word table with a header
    row and a source column) and the numbered references."""
    from docx.shared import Mm, Pt

    snapshot = c.snapshot
    assert snapshot is not None
    _runs(document.add_paragraph(x(f"{snapshot.view_label}：{snapshot.title}")))
    if snapshot.image_png:
        document.add_picture(io.BytesIO(snapshot.image_png), width=Mm(150))
    columns = [*snapshot.columns, "出处"]
    table = document.add_table(rows=1 + len(snapshot.rows), cols=len(columns))
    table.style = document.styles["Table Grid"]
    # Cells written through their XML rows: python-docx's table.cell() walks the whole
    # grid on every call, which is quadratic in a table of two thousand rows.
    for r, row_element in enumerate(table._tbl.tr_lst):
        if r == 0:
            values = columns
        else:
            row = snapshot.rows[r - 1]
            values = [*row.cells, _source_cell(c, row)]
        for cell_element, value in zip(row_element.tc_lst, values, strict=True):
            paragraph = cell_element.p_lst[0]
            run = paragraph.add_r()
            run.text = x(value)
            run.get_or_add_rPr()
            _east_asian(run.rPr)
            if r == 0:
                run.rPr.append(run.rPr.makeelement(_qn("w:b"), {}))
    if omitted := _omitted_line(snapshot):
        _runs(document.add_paragraph(omitted))
    cite_par = document.add_paragraph()
    label = cite_par.add_run("出处：")
    label.bold = True
    for line in _source_lines(c, style):
        cite_par.add_run("\n" + x(line))
    if c.tags:
        cite_par.add_run("\n")
        tag_label = cite_par.add_run("标签：")
        tag_label.bold = True
        cite_par.add_run(x("、".join(c.tags)))
    for run in cite_par.runs:
        run.font.size = Pt(9)
    _runs(cite_par)


def _qn(name: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(name))


def _styled(document: Any, text: str, style_id: str) -> Any:
    """A new paragraph with a paragraph style given by id (no lookup by name)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def _east_asian(rpr: object, east_asian: str = EAST_ASIAN_FONT) -> None:
    """Set the East Asian (and Latin) font on a w:rPr, dropping theme fonts that override it."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})  # type: ignore[attr-defined]
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)
    if fonts.get(qn("w:ascii")) is None:  # a run's own Latin font (code) is kept
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})  # type: ignore[attr-defined]
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:eastAsia"), "zh-CN")


def _runs(paragraph: object) -> None:
    """The East Asian font on every run of ``paragraph``, those in links too (a run's own
    font wins over its style's, so a heading's runs keep the heading's font)."""
    from docx.oxml.ns import qn

    p = paragraph._p  # type: ignore[attr-defined]
    heading = p.style in _HEADING_IDS
    font = EAST_ASIAN_HEADING_FONT if heading else EAST_ASIAN_FONT
    for r in p.iter(qn("w:r")):
        _east_asian(r.get_or_add_rPr(), font)


# python-docx's template names these styles' ids without spaces.
_HEADING_IDS = frozenset(name.replace(" ", "") for name in _HEADING_STYLES)


# -- CSV -------------------------------------------------------------------------------


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def render_csv(citations: Sequence[Citation], style: CitationStyle = CitationStyle.APP) -> str:
    """The CSV export (the caller encodes it as UTF-8 with a BOM, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in citations:
        state = "detached" if c.detached else ("changed" if c.text_changed else "attached")
        if c.snapshot is not None:  # one line: what the view shows, and every source
            row = [
                str(c.bookmark_id), "", c.article_title, "", "", "", str(c.kind), c.label,
                c.snapshot.summary(), "", c.note, "、".join(c.tags),
                "；".join(_source_lines(c, style)), state, c.created, c.modified,
            ]  # fmt: skip
            writer.writerow([neutralise(cell) for cell in row])
            continue
        row = [
            str(c.bookmark_id), c.article_id, c.article_title, c.date_text, c.source, c.section,
            str(c.kind), c.label, c.quote, c.in_context, c.note, "、".join(c.tags),
            c.reference(style), state,
            c.created, c.modified,
        ]  # fmt: skip
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


# -- JSON ------------------------------------------------------------------------------


def render_json(
    bookmarks: Sequence[Bookmark],
    citations: Sequence[Citation],
    style: CitationStyle = CitationStyle.APP,
) -> str:
    """The JSON export: every stored field, so an import restores the bookmarks exactly."""
    data = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": now_iso(),
        "bookmarks": [
            bookmark_to_dict(b, c, style) for b, c in zip(bookmarks, citations, strict=True)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- HTML ------------------------------------------------------------------------------

_CSS = """
body { font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; max-width: 46em;
       margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
article { border-top: 1px solid #ccc; padding: .5em 0 1em; }
blockquote { margin: .5em 0; padding: .2em 1em; border-left: 4px solid #b8860b;
             background: #faf6ea; }
.note p, .note ul, .note ol, .note pre { margin: .4em 0; }
.note blockquote { border-left-color: #999; background: #f4f4f4; }
.note code { font-family: Consolas, "Noto Sans Mono CJK SC", monospace; background: #f0f0f0; }
.cite { font-size: .9em; color: #555; }
.warn { color: #a03000; }
table { border-collapse: collapse; font-size: .9em; margin: .5em 0; }
th, td { border: 1px solid #bbb; padding: .2em .4em; vertical-align: top; }
th { background: #f0ede4; }
img.chart { max-width: 100%; }
ol.sources { margin: .2em 0; }
"""


def render_html(
    citations: Sequence[Citation],
    style: CitationStyle = CitationStyle.APP,
    clean: Callable[[str], str] | None = None,
) -> str:
    """The HTML export; every piece of text is escaped, scripts and remote loads are blocked.

    ``clean`` is given each note before its Markdown is parsed (the parser would turn
    a NUL into U+FFFD without it being counted; see :func:`render`).
    """
    x = clean or (lambda text: text)

    def e(text: str) -> str:
        return html.escape(text, quote=True)

    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(EXPORT_TITLE)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(EXPORT_TITLE)}</h1>",
        f"<p>导出时间：{e(_local_time())}　共 {len(citations)} 条</p>",
    ]
    for n, c in enumerate(citations, 1):
        parts.append(f"<article><h2>{n}. {e(_heading(c))}</h2>")
        if quote := _shown_quote(c):
            parts.append(f"<blockquote>{e(quote)}</blockquote>")
        if c.note.strip():
            parts.append(f'<div class="note">{note_html(x(c.note))}</div>')
        if c.snapshot is not None:
            parts.append(_html_insight(c, style, e))
            continue
        parts.append(f'<p class="cite">出处：{e(c.reference(style))}')
        if section := _section_line(c, style):
            parts.append(f"<br>章节：{e(section)}")
        if c.tags:
            parts.append(f"<br>标签：{e('、'.join(c.tags))}")
        parts.extend(f'<br><span class="warn">注意：{e(line)}</span>' for line in _status_lines(c))
        parts.append("</p></article>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_insight(c: Citation, style: CitationStyle, e: Callable[[str], str]) -> str:
    """An insight in HTML: the chart (a data: image, the only kind the page's policy
    lets in), the table with a source column, and the numbered references."""
    snapshot = c.snapshot
    assert snapshot is not None
    parts = [f"<p>{e(snapshot.view_label)}：{e(snapshot.title)}</p>"]
    if snapshot.image_png:
        encoded = base64.b64encode(snapshot.image_png).decode("ascii")
        parts.append(
            f'<p><img class="chart" alt="{e(snapshot.title)}" '
            f'src="data:image/png;base64,{encoded}"></p>'
        )
    header = "".join(f"<th>{e(name)}</th>" for name in (*snapshot.columns, "出处"))
    parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>")
    for row in snapshot.rows:
        cells = "".join(f"<td>{e(cell)}</td>" for cell in (*row.cells, _source_cell(c, row)))
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    if omitted := _omitted_line(snapshot):
        parts.append(f"<p>{e(omitted)}</p>")
    items = "".join(f"<li>{e(line)}</li>" for line in _source_lines(c, style))
    parts.append(f'<div class="cite">出处：<ol class="sources">{items}</ol>')
    if c.tags:
        parts.append(f"标签：{e('、'.join(c.tags))}")
    parts.append("</div></article>")
    return "\n".join(parts)


def _local_time() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
