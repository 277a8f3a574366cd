"""Word (.docx) files: paragraphs and tables in body order, headings from the styles.

The zip container is checked with :mod:`zipfile` before python-docx opens it, so a
zip bomb is refused without being inflated, and an old binary Word file or a
password-protected one (both OLE compound files) gets a message that says so.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from jining_archive.documents.formats import FormatError, SourceText
from jining_archive.documents.formats.text import table_row

# OLE compound files: an encrypted .docx (Office wraps it in one) or a .doc.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
# Small members compress extremely well when they are runs of XML boilerplate; the
# ratio only matters once a member is big enough to hurt.
_RATIO_FLOOR_BYTES = 10 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "标题"})
_SUBTITLE_STYLES = frozenset({"subtitle", "副标题"})
# Titles that python-docx, Word and WPS templates write when nobody filled the field in.
_PLACEHOLDER_TITLES = frozenset({"word document", "document", "文档", "新建 microsoft word 文档"})
# Authors that Word, WPS and python-docx write when nobody filled the field in.
_PLACEHOLDER_AUTHORS = frozenset(
    {"python-docx", "administrator", "admin", "user", "microsoft office user", "微软用户", "作者"}
)
_AUTHOR_SPLIT = re.compile(r"\s*[;；,，、/／]\s*")


def read_docx(data: bytes, name: str) -> SourceText:
    """Read a Word document: one line per paragraph, ``#`` lines for headings, table rows.

    Raises :class:`FormatError` (not-zip, zip-bomb, damaged, encrypted, no-text).
    """
    check_container(data, name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        # python-docx lets through whatever its parts raise: KeyError for a missing
        # part, lxml's XMLSyntaxError, ValueError, PackageNotFoundError, zlib errors.
        raise FormatError("damaged", f"{name}: the Word document is damaged ({exc})") from exc
    blocks, title, subtitle = _body_blocks(document)
    if not any(line for block in blocks for line in block.splitlines() if line.strip("# ")):
        raise FormatError("no-text", f"{name}: the Word document has no text")
    props = document.core_properties
    stated = (props.title or "").strip()
    # python-docx and some templates fill the field with a placeholder.
    title = title or ("" if stated.lower() in _PLACEHOLDER_TITLES else stated)
    return SourceText(
        text="\n\n".join(blocks) + "\n",
        format="docx",
        title=title,
        subtitle=subtitle,
        file_date=_iso_date(props.created),
        reporters=_authors(props.author or ""),
    )


def check_container(data: bytes, name: str) -> None:
    """Refuse what is not a sound .docx zip before anything is decompressed."""
    if data.startswith(_OLE_SIGNATURE):
        raise FormatError(
            "encrypted",
            f"{name}: this is a password-protected Word document or an old Word (.doc) "
            "file; remove the password or save it as .docx in Word, then import it again",
        )
    if not data.startswith(b"PK"):
        raise FormatError("not-zip", f"{name}: this is not a Word .docx file (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FormatError("damaged", f"{name}: the Word document is damaged ({exc})") from exc
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNCOMPRESSED_BYTES or (
            member.file_size > _RATIO_FLOOR_BYTES and ratio > MAX_RATIO
        ):
            raise FormatError(
                "zip-bomb",
                f"{name}: the file would expand to more than it can safely hold "
                f"({member.filename}: {member.file_size // 2**20} MB from "
                f"{member.compress_size // 1024} KB); it was not opened",
            )
    names = {member.filename for member in members}
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise FormatError("damaged", f"{name}: the zip archive is not a Word document")


def _body_blocks(document: Any) -> tuple[list[str], str, str]:
    """The document's blocks in body order, and its Title- and Subtitle-styled text."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    elements = list(_body_elements(document.element.body))
    # python-docx looks styles up by scanning them all; a document has few, so remember.
    kinds: dict[Any, tuple[str, int]] = {}

    def kind_of(paragraph: Any) -> tuple[str, int]:
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.find(f"{_W}outlineLvl") is not None:
            return _kind(paragraph)
        key = paragraph._p.style
        if key not in kinds:
            kinds[key] = _kind(paragraph)
        return kinds[key]

    has_title = any(
        el.tag == f"{_W}p" and kind_of(Paragraph(el, document))[0] == "title" for el in elements
    )
    blocks: list[str] = []
    title = subtitle = ""
    for el in elements:
        if el.tag == f"{_W}tbl":
            rows = [line for line in _table_lines(Table(el, document)) if line]
            if rows:
                blocks.append("\n".join(rows))
            continue
        paragraph = Paragraph(el, document)
        text = _paragraph_text(paragraph)
        if not text:
            continue
        kind, level = kind_of(paragraph)
        one_line = " ".join(text.split("\n"))
        if kind == "title":
            title = title or one_line
            blocks.append(f"# {one_line}")
        elif kind == "subtitle":
            subtitle = subtitle or one_line
            blocks.append(one_line)
        elif kind == "heading":
            # Under a Title, Heading 1 is a section: one level below the title.
            level = min(level + (1 if has_title else 0), 6)
            blocks.append(f"{'#' * level} {one_line}")
        else:
            blocks.append(text)
    return blocks, title, subtitle


def _body_elements(body: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body, descending into content controls."""
    for el in body.iterchildren():
        if el.tag in (f"{_W}p", f"{_W}tbl"):
            yield el
        elif el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_elements(content)


def _paragraph_text(paragraph: Any) -> str:
    """The text of a paragraph; a manual line break starts a new line."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in paragraph.text.split("\n")]
    return "\n".join(line for line in lines if line)


def _kind(paragraph: Any) -> tuple[str, int]:
    """("title"|"subtitle"|"heading"|"body", heading level) from style and outline level."""
    style = paragraph.style
    names = []
    while style is not None:
        names.append((style.name or "").strip().lower())
        style = style.base_style
    if names and names[0] in _TITLE_STYLES:
        return "title", 1
    if names and names[0] in _SUBTITLE_STYLES:
        return "subtitle", 0
    for style_name in names:
        match = _HEADING_STYLE.match(style_name)
        if match:
            return "heading", int(match.group(1))
    level = _outline_level(paragraph)
    if level is not None:
        return "heading", level + 1
    return "body", 0


def _outline_level(paragraph: Any) -> int | None:
    """The outline level (0 = top) set on the paragraph or its styles; 9 means body text."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        if ppr is None:
            continue
        lvl = ppr.find(f"{_W}outlineLvl")
        if lvl is not None:
            try:
                value = int(lvl.get(f"{_W}val", "9"))
            except ValueError:
                return None
            return value if value < 9 else None
    return None


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells = []
        seen: set[int] = set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(_paragraph_text(p) for p in cell.paragraphs if p.text.strip()))
        yield table_row(cells)


def _iso_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.date().isoformat()


def _authors(author: str) -> list[str]:
    names = [a for a in _AUTHOR_SPLIT.split(author.strip()) if a]
    return [a for a in names if a.lower() not in _PLACEHOLDER_AUTHORS]
