"""Saved web pages: decode, make inert, extract the article body with trafilatura.

Nothing in a page is executed or fetched. The page is parsed by lxml with network
access off; scripts, styles, frames, embedded objects, forms and hidden elements
are removed before the extractor sees the tree, and the extractor is given no
address, so it has nothing to download. A "web page, complete" save keeps its
images and scripts in a ``<stem>_files`` folder beside the page; that folder is
never read (see :func:`companion_folder`).
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from jining_archive.documents.dating import iso_date
from jining_archive.documents.decode import Decoded, DecodeError, decode_text
from jining_archive.documents.formats import FormatError, SourceText
from jining_archive.documents.formats.text import table_row

# Elements whose content is code, a foreign document or a control, never article text.
_INERT_TAGS = (
    "script",
    "noscript",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "svg",
    "canvas",
    "template",
    "audio",
    "video",
    "source",
    "link",
    "base",
)
_VOID_TAGS = frozenset({"embed", "input", "link", "base", "source"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# Declared names that mean a smaller character set than the one pages really use:
# pages labelled gb2312 routinely contain GBK characters, and GB18030 covers both.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*[;；,，、/／|]\s*")
_DATE_VALUE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|^\s*(\d{4})(\d{2})(\d{2})"
)
# Meta tags that state the publication date, best first.
_DATE_META = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "og:release_date",
    "dc.date.issued",
    "dc.date",
    "date",
)
_BLOCK_XPATH = ".//p|.//div|.//h1|.//h2|.//h3|.//h4|.//ul|.//ol|.//table|.//blockquote"
# Fewer characters than this outside headings is a menu or a lone link, not an article.
_MIN_BODY_CHARS = 10
# A cell this long is running text laid out with a table, not a data table.
_LAYOUT_CELL_CHARS = 120


def companion_folder(path: Path) -> Path | None:
    """The ``<stem>_files`` folder a browser saved beside an .html/.htm page, if it exists.

    The importer skips that folder: it holds the page's images, styles and scripts.
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        return None
    folder = path.with_name(f"{path.stem}_files")
    return folder if folder.is_dir() else None


def read_html(data: bytes, name: str) -> SourceText:
    """Extract the article of a saved web page as one line per paragraph.

    Headings become Markdown ``#`` lines, blocks are separated by a blank line, and the
    title, date, site name, authors and address come from the page's own metadata.
    Raises :class:`FormatError` (empty, binary, undecodable, no-text).
    """
    decoded = decode_html(data, name)
    text, encoding = decoded.text, decoded.encoding
    tree = _parse(text)
    if tree is None:
        raise FormatError("no-text", f"{name}: the page has no text")
    make_inert(tree)
    meta = _metadata(tree)
    for node in tree.xpath("//script"):
        _drop(node)
    split_at_line_breaks(tree)
    unwrap_layout_tables(tree)
    headline = _squash(tree.xpath("string(//h1[1])"))
    body = _extract(tree)
    if _body_chars(body) < _MIN_BODY_CHARS:
        raise FormatError("no-text", f"{name}: no article text was found in the page")
    title = str(meta["title"])
    if headline and headline == title and title not in body:
        # The extractor moves the page's headline into the metadata; the parser finds
        # the title at the top of the text, as in every other format.
        body = f"# {title}\n\n{body}"
    return SourceText(
        text=body,
        format="html",
        encoding=encoding,
        replaced=decoded.replaced,
        **meta,  # type: ignore[arg-type]
    )


def _body_chars(body: str) -> int:
    lines = (line for line in body.splitlines() if not line.startswith("#"))
    return sum(len("".join(line.split())) for line in lines)


def decode_html(data: bytes, name: str) -> Decoded:
    """Decode a page with the charset it declares, or by detection when it declares none.

    A declared charset that the bytes contradict (a page re-saved as UTF-8 that kept
    its old ``<meta charset=gbk>``) is ignored in favour of detection.
    """
    if not data.strip():
        raise FormatError("empty", f"{name}: the file is empty")
    declared = declared_charset(data)
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return decode_text(data, name)
    except DecodeError as exc:
        code = "binary" if "binary" in str(exc) else "undecodable"
        raise FormatError(code, str(exc)) from exc


def declared_charset(data: bytes) -> str:
    """The charset a page declares in its first bytes (BOM, XML declaration, meta tag)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not match:
        return ""
    label = match.group(1).decode("ascii", "replace").strip().lower()
    return _CHARSET_ALIASES.get(label, label)


def _parse(text: str) -> lxml.html.HtmlElement | None:
    # Re-encoding as UTF-8 and telling the parser so sidesteps both lxml's refusal of
    # str input with an encoding declaration and a stale <meta charset> in the page.
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


def make_inert(tree: lxml.html.HtmlElement) -> None:
    """Remove code, frames, embedded objects, forms and hidden elements from ``tree``.

    Structured data (``application/ld+json``) is kept for the metadata; it is data,
    never run, and it is removed once the metadata has been read.
    """
    for node in list(tree.iter(*_INERT_TAGS)):
        if node.tag == "script" and (node.get("type") or "").lower() == "application/ld+json":
            continue
        if node.tag == "link" and "canonical" in (node.get("rel") or "").lower():
            continue
        if node.tag in _VOID_TAGS:
            # libxml2 does not know every void element: an unclosed <embed> swallows
            # the rest of the page as its children, which must stay.
            if node.getparent() is not None:
                node.drop_tag()
            continue
        _drop(node)
    for node in list(tree.iter()):
        if not isinstance(node.tag, str):
            continue
        style = node.get("style") or ""
        if node.get("hidden") is not None or _HIDDEN_STYLE.search(style):
            if node.getparent() is not None and node.tag not in ("html", "body"):
                _drop(node)
            continue
        # Event handlers and addresses are not needed to extract text; dropping them
        # means no later step could ever act on them.
        for attr in list(node.attrib):
            if _unneeded_attribute(node.tag, attr):
                del node.attrib[attr]


def _unneeded_attribute(tag: str, attr: str) -> bool:
    if attr.startswith("on") or attr in ("src", "srcset", "action", "style"):
        return tag not in ("link", "meta")
    # Link targets stay on <a>: the extractor measures link density to find menus.
    return attr == "href" and tag not in ("a", "link")


def _drop(node: lxml.html.HtmlElement) -> None:
    """Remove ``node`` and its content but keep its tail text, which belongs to the parent."""
    if node.getparent() is not None:
        node.drop_tree()


def split_at_line_breaks(tree: lxml.html.HtmlElement) -> None:
    """Turn runs of text separated by ``<br>`` into paragraphs.

    Many Chinese CMS pages write a whole article as one block with ``<br>`` between
    the paragraphs; the extractor would run them together into one line.
    """
    for node in list(tree.iter("p", "div", "td", "th", "section", "article", "font", "span")):
        if not any(child.tag == "br" for child in node):
            continue
        segments: list[list[str | lxml.html.HtmlElement]] = [[]]
        if node.text:
            segments[-1].append(node.text)
        for child in list(node):
            tail = child.tail
            child.tail = None
            if child.tag == "br":
                segments.append([])
            else:
                segments[-1].append(child)
            if tail:
                segments[-1].append(tail)
        for child in list(node):
            node.remove(child)
        node.text = None
        for segment in segments:
            if not any(_has_text(part) for part in segment):
                continue
            para = etree.SubElement(node, "p")
            for part in segment:
                if isinstance(part, str):
                    if len(para):
                        para[-1].tail = (para[-1].tail or "") + part
                    else:
                        para.text = (para.text or "") + part
                else:
                    para.append(part)
        if node.tag in ("p", "font", "span"):
            # A <p> or inline element now holding paragraphs must itself become a block.
            node.tag = "div"


def _has_text(part: str | lxml.html.HtmlElement) -> bool:
    if isinstance(part, str):
        return bool(part.strip())
    return bool(part.text_content().strip())


def unwrap_layout_tables(tree: lxml.html.HtmlElement) -> None:
    """Turn tables used for page layout into plain blocks, keeping real data tables.

    Old pages put the whole article in one cell; the extractor would then report the
    article as a table row, one line with cells joined by bars.
    """
    for table in list(tree.iter("table")):
        cells = [c for c in table.iter("td", "th")]
        rows = [r for r in table.iter("tr")]
        layout = (
            bool(table.xpath(".//table"))
            or any(len(c.text_content().strip()) > _LAYOUT_CELL_CHARS for c in cells)
            or any(c.xpath(_BLOCK_XPATH) for c in cells)
            or (rows and all(len(r.xpath("./td|./th")) <= 1 for r in rows))
        )
        if layout:
            for node in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
                # A cell of loose text becomes a paragraph: the extractor scores <p>
                # elements and may miss running text sitting directly in a <div>.
                leaf = node.tag in ("td", "th") and not node.xpath(_BLOCK_XPATH)
                node.tag = "p" if leaf else "div"
                for attr in list(node.attrib):
                    del node.attrib[attr]


def _metadata(tree: lxml.html.HtmlElement) -> dict[str, object]:
    from trafilatura.metadata import extract_metadata

    # The date comes from stated_date: trafilatura's date search also looks at the
    # page text and takes dates from comment widgets and related lists.
    with _quiet():
        doc = extract_metadata(copy.deepcopy(tree), extensive=False)
    date = stated_date(tree)
    reporters = [a for a in _AUTHOR_SPLIT.split(doc.author or "") if a]
    return {
        "title": (doc.title or "").strip(),
        "date": date,
        "source": (doc.sitename or "").strip(),
        "reporters": reporters,
        "url": (doc.url or "").strip(),
    }


def stated_date(tree: lxml.html.HtmlElement) -> str:
    """The publication date the page's markup states (meta tags, JSON-LD), as YYYY-MM-DD.

    The page text is not searched: dates of comments and related articles would be
    taken for it. Date lines in the text are read later, by the furniture cleaner.
    """
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and key not in found:
            found[key] = meta.get("content") or ""
    values = [found[key] for key in _DATE_META if key in found]
    for script in tree.xpath("//script[@type='application/ld+json']"):
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.text or "")
        if match:
            values.append(match.group(1))
    values.extend(str(v) for v in tree.xpath("//time[@pubdate or @itemprop]/@datetime"))
    for value in values:
        match = _DATE_VALUE.match(value)
        if not match:
            continue
        groups = match.groups()
        year, month, day = (int(g) for g in (groups[:3] if groups[0] else groups[3:]))
        iso = iso_date(year, month, day) if 1900 <= year <= 2100 else ""
        if iso:
            return iso
    return ""


def _extract(tree: lxml.html.HtmlElement) -> str:
    import trafilatura

    with _quiet():
        doc = trafilatura.bare_extraction(
            tree,
            url=None,
            with_metadata=False,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            output_format="python",
        )
    if doc is None or isinstance(doc, dict) or doc.body is None:
        return ""
    return "\n\n".join(_blocks(doc.body)) + "\n"


def _blocks(body: etree._Element) -> Iterator[str]:
    """The blocks of trafilatura's internal XML, each as one or more text lines."""
    for node in body:
        tag = node.tag
        if tag == "head":
            level = _heading_level(node.get("rend") or "")
            text = _inline_text(node)
            if text:
                yield f"{'#' * level} {text}"
        elif tag == "list":
            items = [_inline_text(item) for item in node.iter("item")]
            lines = [item for item in items if item]
            if lines:
                yield "\n".join(lines)
        elif tag == "table":
            rows = []
            for row in node.iter("row"):
                line = table_row([_inline_text(c) for c in row.iter("cell")])
                if line:
                    rows.append(line)
            if rows:
                yield "\n".join(rows)
        else:
            text = "\n".join(line for line in _line_texts(node) if line)
            if text:
                yield text


def _heading_level(rend: str) -> int:
    match = re.fullmatch(r"h([1-6])", rend)
    return int(match.group(1)) if match else 2


def _line_texts(node: etree._Element) -> list[str]:
    """A paragraph's text, split where trafilatura kept a line break (``<lb>``)."""
    lines = [""]

    def walk(el: etree._Element) -> None:
        if el.text:
            lines[-1] += el.text
        for child in el:
            if child.tag == "lb":
                lines.append("")
            else:
                walk(child)
            if child.tail:
                lines[-1] += child.tail

    walk(node)
    return [_squash(line) for line in lines]


def _inline_text(node: etree._Element) -> str:
    return _squash("".join(node.itertext()))


def _squash(text: str) -> str:
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


class _quiet:
    """Silence the extractor's warnings about thin pages; the caller reports the outcome."""

    def __enter__(self) -> None:
        self._loggers = [logging.getLogger(n) for n in ("trafilatura", "htmldate", "courlan")]
        self._levels = [lg.level for lg in self._loggers]
        for lg in self._loggers:
            lg.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        for lg, level in zip(self._loggers, self._levels, strict=True):
            lg.setLevel(level)
