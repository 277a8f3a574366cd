"""Plain text and Markdown files: decode the bytes, keep the lines as they are."""

from __future__ import annotations

from jining_archive.documents.decode import DecodeError, decode_text
from jining_archive.documents.formats import FormatError, SourceText

# Magic numbers of the binary formats people most often rename or mis-save as text;
# naming the real format tells the user what to do (rename it) rather than "garbage".
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (perhaps a Word .docx file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word/Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


#: The largest text or Markdown file imported. Parsing is linear (50 MB in about 15 s)
#: but holds about 25 bytes per byte of text while it works; no article comes near this.
MAX_TEXT_FILE_BYTES = 20 * 2**20


def sniff_binary(data: bytes) -> str:
    """Name the binary format ``data`` starts with, or return "" when it has no known signature."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    return ""


def table_row(cells: list[str]) -> str:
    """One table row as a paragraph line: cells joined by "；", ending with "。".

    The parser must see a row as a paragraph of its own: bars or spaces between
    short cells look like a menu or a heading, and a row that does not end a
    sentence would be joined to the next one.
    """
    text = "；".join(c.strip() for c in cells if c.strip())
    if text and text[-1] not in "。！？!?…；;：:":
        text += "。"
    return text


def read_text(data: bytes, name: str, suffix: str) -> SourceText:
    """Decode a .txt or .md file; the text is kept line for line for the parser.

    Raises :class:`FormatError` (empty, binary, undecodable) when the bytes are not text,
    and (too-large) past :data:`MAX_TEXT_FILE_BYTES`.
    """
    kind = sniff_binary(data)
    if kind:
        raise FormatError("binary", f"{name}: this is {kind}, not a text file")
    if len(data) > MAX_TEXT_FILE_BYTES:
        raise FormatError(
            "too-large",
            f"{name}: the file is {len(data) / 2**20:.1f} MB; text files larger than "
            f"{MAX_TEXT_FILE_BYTES // 2**20} MB are not imported",
        )
    try:
        decoded = decode_text(data, name)
    except DecodeError as exc:
        raise FormatError(_decode_code(data, str(exc)), str(exc)) from exc
    fmt = "md" if suffix.lower() in (".md", ".markdown") else "txt"
    return SourceText(
        text=decoded.text, format=fmt, encoding=decoded.encoding, replaced=decoded.replaced
    )


def _decode_code(data: bytes, message: str) -> str:
    """The FormatError code for a DecodeError, which carries only a message."""
    if not data.strip():
        return "empty"
    if "binary" in message:
        return "binary"
    return "undecodable"
