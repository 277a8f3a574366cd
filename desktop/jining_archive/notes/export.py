"""Export bookmarks and notes to Markdown, Word, CSV, JSON and HTML.

Every exported note carries its citation: article title, date, source,
section, the quote, the note and its tags. Files are rendered in memory, written
to a temporary file in the target folder and renamed over the target, so an
export that fails half-way never replaces a good file.

Safety: CSV cells that a spreadsheet would read as a formula (starting with
``= + - @``, tab or carriage return) are prefixed with ``'``; HTML escapes every
character the user or the article supplied and forbids scripts and remote
content with a Content-Security-Policy.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from jining_archive.documents.model import Article
from jining_archive.notes.jsonform import FORMAT_NAME, FORMAT_VERSION, bookmark_to_dict
from jining_archive.notes.model import Bookmark, now_iso
from jining_archive.notes.targets import Citation, cite

EXPORT_TITLE = "书签与笔记"
# Word shows Chinese in the East Asian font of a run; SimSun (宋体) is on every Windows.
EAST_ASIAN_FONT = "SimSun"
LATIN_FONT = "Times New Roman"
CSV_COLUMNS = (
    "id", "article_id", "article_title", "date", "source", "section", "kind", "label",
    "quote", "context", "note", "tags", "reference", "state", "created", "modified",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


class ExportError(Exception):
    """An export that could not be written; the message says why, for the user."""


ArticleLookup = Callable[[str], Article | None]


def export_bookmarks(
    bookmarks: Sequence[Bookmark], fmt: ExportFormat | str, target: Path, article_of: ArticleLookup
) -> Path:
    """Render ``bookmarks`` in ``fmt`` and write them to ``target`` atomically."""
    fmt = ExportFormat(fmt)
    data = render(bookmarks, fmt, article_of)
    write_atomically(Path(target), data)
    return Path(target)


def render(bookmarks: Sequence[Bookmark], fmt: ExportFormat, article_of: ArticleLookup) -> bytes:
    """The bytes of the export file."""
    citations = [cite(b, article_of) for b in bookmarks]
    if fmt == ExportFormat.MARKDOWN:
        return render_markdown(citations).encode("utf-8")
    if fmt == ExportFormat.DOCX:
        return render_docx(citations)
    if fmt == ExportFormat.CSV:
        return render_csv(citations).encode("utf-8-sig")
    if fmt == ExportFormat.JSON:
        return render_json(bookmarks, citations).encode("utf-8")
    return render_html(citations).encode("utf-8")


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``."""
    folder = target.parent
    if not folder.exists():
        raise ExportError(f"the folder {folder} does not exist; choose an existing folder")
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder")
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write in the folder {folder}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(f"could not write {target}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


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


def _status_lines(c: Citation) -> list[str]:
    lines = []
    if c.article_missing:
        lines.append(f"文章 {c.article_id} 已不在资料库中。")
    if c.detached:
        lines.append("原文已改动，书签未能重新定位；引文为书签时的原文。")
    elif c.text_changed:
        lines.append(f"原文已改动；书签时的原文为：“{c.original_quote}”")
    return lines


def render_markdown(citations: Sequence[Citation]) -> str:
    """The Markdown export: one section per note, each with its full citation."""
    out = [f"# {EXPORT_TITLE}", "", f"导出时间：{_local_time()}　共 {len(citations)} 条", ""]
    for n, c in enumerate(citations, 1):
        out += [f"## {n}. {_heading(c)}", ""]
        if quote := _shown_quote(c):
            out += [*(f"> {line}" if line else ">" for line in quote.split("\n")), ""]
        if c.note:
            out += [c.note.rstrip(), ""]
        out.append(f"- 出处：{c.reference()}")
        if c.tags:
            out.append(f"- 标签：{'、'.join(c.tags)}")
        out += [f"- 注意：{line}" for line in _status_lines(c)]
        out.append("")
    return "\n".join(out)


# -- Word ------------------------------------------------------------------------------


def render_docx(citations: Sequence[Citation]) -> bytes:
    """The Word export, with an East Asian font on every style and run so Chinese shows."""
    import docx  # python-docx: imported here, only exports need it
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Quote", "List Bullet"):
        style = document.styles[style_name]
        _east_asian(style.element.get_or_add_rPr())
    document.core_properties.title = EXPORT_TITLE
    # Style ids looked up once: python-docx scans every style on each lookup by name,
    # which made a 500-note export take seconds.
    heading_id = document.styles["Heading 2"].style_id
    quote_id = document.styles["Quote"].style_id
    _runs(document.add_heading(EXPORT_TITLE, level=0))
    _runs(document.add_paragraph(f"导出时间：{_local_time()}　共 {len(citations)} 条"))
    for n, c in enumerate(citations, 1):
        _runs(_styled(document, f"{n}. {_heading(c)}", heading_id))
        if quote := _shown_quote(c):
            _runs(_styled(document, f"“{quote}”", quote_id))
        for line in c.note.rstrip().split("\n") if c.note else []:
            _runs(document.add_paragraph(line))
        cite_par = document.add_paragraph()
        label = cite_par.add_run("出处：")
        label.bold = True
        cite_par.add_run(c.reference())
        if c.tags:
            cite_par.add_run("\n")
            tag_label = cite_par.add_run("标签：")
            tag_label.bold = True
            cite_par.add_run("、".join(c.tags))
        for line in _status_lines(c):
            warn = cite_par.add_run(f"\n注意：{line}")
            warn.font.color.rgb = RGBColor(0xA0, 0x30, 0x00)
        for run in cite_par.runs:
            run.font.size = Pt(9)
        _runs(cite_par)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _styled(document: Any, text: str, style_id: str) -> Any:
    """A new paragraph with a paragraph style given by id (no lookup by name)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def _east_asian(rpr: object) -> None:
    """Set the East Asian (and Latin) font on a w:rPr, dropping theme fonts that override it."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})  # type: ignore[attr-defined]
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})  # type: ignore[attr-defined]
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:eastAsia"), "zh-CN")


def _runs(paragraph: object) -> None:
    for run in paragraph.runs:  # type: ignore[attr-defined]
        _east_asian(run._element.get_or_add_rPr())


# -- CSV -------------------------------------------------------------------------------


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def render_csv(citations: Sequence[Citation]) -> str:
    """The CSV export (the caller encodes it as UTF-8 with a BOM, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in citations:
        state = "detached" if c.detached else ("changed" if c.text_changed else "attached")
        row = [
            str(c.bookmark_id), c.article_id, c.article_title, c.date_text, c.source, c.section,
            str(c.kind), c.label, c.quote, c.in_context, c.note, "、".join(c.tags), c.reference(),
            state,
            c.created, c.modified,
        ]  # fmt: skip
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


# -- JSON ------------------------------------------------------------------------------


def render_json(bookmarks: Sequence[Bookmark], citations: Sequence[Citation]) -> str:
    """The JSON export: every stored field, so an import restores the bookmarks exactly."""
    data = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported": now_iso(),
        "bookmarks": [bookmark_to_dict(b, c) for b, c in zip(bookmarks, citations, strict=True)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- HTML ------------------------------------------------------------------------------

_CSS = """
body { font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; max-width: 46em;
       margin: 2em auto; padding: 0 1em; line-height: 1.7; color: #222; }
article { border-top: 1px solid #ccc; padding: .5em 0 1em; }
blockquote { margin: .5em 0; padding: .2em 1em; border-left: 4px solid #b8860b;
             background: #faf6ea; }
.note { white-space: pre-wrap; }
.cite { font-size: .9em; color: #555; }
.warn { color: #a03000; }
"""


def render_html(citations: Sequence[Citation]) -> str:
    """The HTML export; every piece of text is escaped, scripts and remote loads are blocked."""

    def e(text: str) -> str:
        return html.escape(text, quote=True)

    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{e(EXPORT_TITLE)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(EXPORT_TITLE)}</h1>",
        f"<p>导出时间：{e(_local_time())}　共 {len(citations)} 条</p>",
    ]
    for n, c in enumerate(citations, 1):
        parts.append(f"<article><h2>{n}. {e(_heading(c))}</h2>")
        if quote := _shown_quote(c):
            parts.append(f"<blockquote>{e(quote)}</blockquote>")
        if c.note:
            parts.append(f'<div class="note">{e(c.note)}</div>')
        parts.append(f'<p class="cite">出处：{e(c.reference())}')
        if c.tags:
            parts.append(f"<br>标签：{e('、'.join(c.tags))}")
        parts.extend(f'<br><span class="warn">注意：{e(line)}</span>' for line in _status_lines(c))
        parts.append("</p></article>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _local_time() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
