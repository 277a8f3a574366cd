"""PDF files: the text layer in reading order, paragraphs rejoined, page furniture dropped.

A PDF has no paragraphs, only lines placed on pages. The reader takes every
character's box from pypdfium2, rebuilds the lines, drops running headers and
footers (lines that recur at the top or bottom of most pages, page numbers
allowed to change) and page numbers, then joins the lines of each paragraph:
a line continues the paragraph unless the next line is indented, the previous
one stops short of the right margin, a wider gap or another font size sets the
lines apart, or, in a document that does not indent its paragraphs, the
previous line ends a sentence. This works across page breaks too.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

from jining_archive.documents.formats import FormatError, SourceText

# PDFium is not thread-safe; imports may run in a worker thread.
_PDFIUM_LOCK = threading.Lock()

# Share of the page height, at the top and at the bottom, where headers and footers sit.
_FURNITURE_ZONE = 0.12
_FURNITURE_LINES = 2
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－·•\s]*\d{1,4}[-–—－·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_SENTENCE_END = "。！？!?…；;：:"
_CLOSERS = "”’」』\"')）"
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?%)\]]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(\[]")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_AUTHOR_SPLIT = re.compile(r"\s*[;；,，、/／]\s*")
_PLACEHOLDER_AUTHORS = frozenset({"administrator", "admin", "user", "微软用户", "unknown"})


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    size: float
    page: int


def read_pdf(data: bytes, name: str) -> SourceText:
    """Read the text layer of a PDF as one line per paragraph, blank lines between.

    Raises :class:`FormatError` (damaged, encrypted, scanned, empty).
    """
    if not data.strip():
        raise FormatError("empty", f"{name}: the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise FormatError("damaged", f"{name}: this is not a PDF file")
    if b"%%EOF" not in data[-1024:]:
        # PDFium rebuilds many cut-off files silently and returns what it can; an
        # article missing its end must not be imported as if it were complete.
        raise FormatError("damaged", f"{name}: the PDF is incomplete (truncated)")
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
                raise FormatError(
                    "encrypted",
                    f"{name}: the PDF is password-protected; remove the password and "
                    "import it again",
                ) from exc
            raise FormatError("damaged", f"{name}: the PDF is damaged ({exc})") from exc
        try:
            pages = [_page_lines(document, index) for index in range(len(document))]
            meta = document.get_metadata_dict()
        finally:
            document.close()
    if not pages:
        raise FormatError("damaged", f"{name}: the PDF has no pages")
    if not any(line.text.strip() for page in pages for line in page):
        raise FormatError(
            "scanned",
            f"{name}: the PDF looks scanned, no text layer (OCR is not supported)",
        )
    body, furniture = split_furniture(pages)
    text, headings = assemble(body)
    title = (meta.get("Title") or "").strip()
    if not title and headings:
        title = headings[0]
    return SourceText(
        text=text,
        format="pdf",
        title=title,
        file_date=_iso_date(meta.get("CreationDate") or ""),
        reporters=_authors(meta.get("Author") or ""),
        furniture=furniture,
    )


def _page_lines(document: Any, index: int) -> list[_Line]:
    """The text lines of one page, in PDFium's reading order, with their geometry."""
    import pypdfium2.raw as raw

    page = document[index]
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        lines: list[_Line] = []
        chars: list[tuple[str, tuple[float, float, float, float], float]] = []
        pending_high = 0

        def flush() -> None:
            line = _make_line(chars, height, index)
            if line is not None:
                lines.append(line)
            chars.clear()

        for i in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(textpage, i)
            if 0xD800 <= code < 0xDC00:
                pending_high = code
                continue
            if 0xDC00 <= code < 0xE000 and pending_high:
                code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
            pending_high = 0
            char = chr(code)
            if char in "\r\n":
                flush()
                continue
            if char in "\x02\ufffe\x00":
                continue  # PDFium's mark for a hyphen or gap it generated
            box = textpage.get_charbox(i, loose=True)
            size = raw.FPDFText_GetFontSize(textpage, i)
            if chars and not char.isspace() and _new_line(chars, box):
                flush()
            chars.append((char, box, size))
        flush()
        return lines
    finally:
        textpage.close()
        page.close()


def _new_line(
    chars: list[tuple[str, tuple[float, float, float, float], float]],
    box: tuple[float, float, float, float],
) -> bool:
    """A character well below the current line (no line break was generated for it)."""
    visible = [b for c, b, _ in chars if not c.isspace()]
    if not visible:
        return False
    last = visible[-1]
    middle = (box[1] + box[3]) / 2
    return middle < last[1] or (box[0] < last[0] - 1 and middle < (last[1] + last[3]) / 2 - 2)


def _make_line(
    chars: list[tuple[str, tuple[float, float, float, float], float]],
    height: float,
    page: int,
) -> _Line | None:
    text = re.sub(r"[ \t\u00a0\u3000]+", " ", "".join(c for c, _, _ in chars)).strip()
    visible = [(b, s) for c, b, s in chars if not c.isspace()]
    if not text or not visible:
        return None
    sizes = [s for _, s in visible]
    return _Line(
        text=text,
        x0=min(b[0] for b, _ in visible),
        x1=max(b[2] for b, _ in visible),
        top=height - max(b[3] for b, _ in visible),
        bottom=height - min(b[1] for b, _ in visible),
        size=statistics.median(sizes),
        page=page,
    )


def split_furniture(pages: list[list[_Line]]) -> tuple[list[_Line], list[str]]:
    """Body lines of all pages in order, and the header, footer and page-number lines.

    Only the outermost line at the top and at the bottom of a page can be a running
    header or footer; page numbers may sit one line further in (a header above a
    page number). The first body line of each page must not be taken for a header
    because its wording happens to recur.
    """
    page_height = max((ln.bottom for page in pages for ln in page), default=0.0) or 1.0
    outer: list[list[_Line]] = []
    near: list[list[_Line]] = []
    for page in pages:
        ordered = sorted(page, key=lambda ln: ln.top)
        top = [ln for ln in ordered[:_FURNITURE_LINES] if ln.top < page_height * _FURNITURE_ZONE]
        bottom = [
            ln
            for ln in ordered[-_FURNITURE_LINES:][::-1]
            if ln.bottom > page_height * (1 - _FURNITURE_ZONE) and all(ln is not t for t in top)
        ]
        outer.append(top[:1] + bottom[:1])
        near.append(top + bottom)
    all_lines = [ln for page in pages for ln in page]
    full = _full_line_test(all_lines)
    counts: Counter[str] = Counter()
    for page_outer in outer:
        counts.update({_furniture_key(ln.text) for ln in page_outer if not full(ln)})
    # A line recurring on most pages is furniture; with two pages, on both.
    needed = max(2, math.ceil(len(pages) * 0.5))
    body: list[_Line] = []
    furniture: list[str] = []
    for page, page_outer, page_near in zip(pages, outer, near, strict=True):
        for line in page:
            repeated = any(line is c for c in page_outer) and (
                counts[_furniture_key(line.text)] >= needed
            )
            number = any(line is c for c in page_near) and _PAGE_NUMBER.match(line.text)
            if repeated or number:
                furniture.append(line.text)
            else:
                body.append(line)
    return body, furniture


def _full_line_test(lines: list[_Line]) -> Any:
    """A test for lines that (nearly) fill the text column in the body font: body text.

    Such a line at the top of every page is where each page's text begins, even when
    its wording recurs (numbered items, a repeated phrase).
    """
    if not lines:
        return lambda line: False
    body_size = _mode([round(ln.size, 1) for ln in lines], weights=[len(ln.text) for ln in lines])
    xs = sorted(ln.x0 for ln in lines)
    rights = sorted(ln.x1 for ln in lines)
    left, right = xs[len(xs) // 10], rights[(len(rights) * 9) // 10]

    def full(line: _Line) -> bool:
        return (
            abs(line.size - body_size) <= body_size * 0.1
            and line.x1 >= right - 1.5 * line.size
            and line.x1 - line.x0 > (right - left) * 0.8
        )

    return full


def _furniture_key(text: str) -> str:
    """A header's text with its numbers masked: page numbers and dates change per page."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def assemble(lines: list[_Line]) -> tuple[str, list[str]]:
    """Join the body lines into paragraphs; return the text and the headings found."""
    if not lines:
        return "", []
    body_size = _mode([round(ln.size, 1) for ln in lines], weights=[len(ln.text) for ln in lines])
    body_lines = [ln for ln in lines if abs(ln.size - body_size) <= body_size * 0.1]
    xs = sorted(ln.x0 for ln in body_lines) or [lines[0].x0]
    left = xs[len(xs) // 10]
    rights = sorted(ln.x1 for ln in body_lines) or [lines[0].x1]
    right = rights[(len(rights) * 9) // 10]
    spacing = _line_spacing(body_lines)
    indented = sum(1 for ln in body_lines if ln.x0 > left + 0.8 * body_size)
    uses_indent = indented >= 2
    heading_sizes = sorted(
        {round(ln.size) for ln in lines if ln.size > body_size * 1.15}, reverse=True
    )

    blocks: list[str] = []
    headings: list[str] = []
    current: _Line | None = None
    text = ""
    for line in lines:
        if current is not None and _continues(
            current, line, body_size, left, right, spacing, uses_indent
        ):
            text = _join(text, line.text)
            current = line
            continue
        if current is not None:
            _emit(blocks, headings, text, current, heading_sizes)
        current, text = line, line.text
    if current is not None:
        _emit(blocks, headings, text, current, heading_sizes)
    return "\n\n".join(blocks) + "\n", headings


def _emit(
    blocks: list[str], headings: list[str], text: str, line: _Line, heading_sizes: list[int]
) -> None:
    if round(line.size) in heading_sizes:
        level = min(heading_sizes.index(round(line.size)) + 1, 6)
        headings.append(text)
        blocks.append(f"{'#' * level} {text}")
    else:
        blocks.append(text)


def _continues(
    prev: _Line,
    line: _Line,
    body_size: float,
    left: float,
    right: float,
    spacing: float,
    uses_indent: bool,
) -> bool:
    """Whether ``line`` continues the paragraph that ``prev`` ends."""
    if abs(prev.size - line.size) > max(prev.size, line.size) * 0.1:
        return False
    size = line.size
    if prev.page == line.page:
        distance = line.top - prev.top
        if distance < 0 or (spacing and distance > spacing * 1.5):
            return False
    if uses_indent and line.x0 > left + 0.8 * size:
        return False
    if prev.x1 < right - 1.5 * size:
        return False  # the previous line stops short: its paragraph ended there
    if line.x0 > left + 0.8 * size and prev.x0 > left + 0.8 * size:
        return False  # centred lines: each its own
    # Without indents to mark paragraphs, a sentence end at the line end is the cue.
    return uses_indent or not _ends_sentence(prev.text)


def _ends_sentence(text: str) -> bool:
    t = text.rstrip(_CLOSERS) if len(text) > 1 else text
    return bool(t) and t[-1] in _SENTENCE_END


def _join(text: str, more: str) -> str:
    """Join two lines of one paragraph: no space between CJK, one between Latin words."""
    if _LATIN_END.search(text) and _LATIN_START.match(more):
        return f"{text} {more}"
    return text + more


def _line_spacing(lines: list[_Line]) -> float:
    distances = [
        b.top - a.top for a, b in itertools.pairwise(lines) if a.page == b.page and b.top > a.top
    ]
    return statistics.median(distances) if distances else 0.0


def _mode(values: list[float], weights: list[int]) -> float:
    counts: Counter[float] = Counter()
    for value, weight in zip(values, weights, strict=True):
        counts[value] += weight
    return counts.most_common(1)[0][0]


def _iso_date(value: str) -> str:
    match = _PDF_DATE.match(value.strip())
    if not match:
        return ""
    year, month, day = match.groups()
    if not 1900 <= int(year) <= 2100:
        return ""
    return "-".join(part for part in (year, month, day) if part)


def _authors(author: str) -> list[str]:
    names = [a for a in _AUTHOR_SPLIT.split(author.strip()) if a]
    return [a for a in names if a.lower() not in _PLACEHOLDER_AUTHORS]
