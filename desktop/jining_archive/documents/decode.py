"""Turn the bytes of a text file into a string, whatever common encoding it uses."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Encodings tried, in order, before asking the detector. GB18030 is a superset of
# GBK and GB2312, so a file in any of them decodes with it.
_PREFERRED = ("utf-8", "gb18030")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """A file could not be read as text; the message names the file and why."""


def decode_bytes(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used.

    Raises :class:`DecodeError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise DecodeError(f"{name}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name}: damaged {encoding} text ({exc.reason})") from exc
    if b"\x00" in data[:4096]:
        raise DecodeError(f"{name}: this looks like a binary file, not text")
    for encoding in _PREFERRED:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _looks_like_text(text):
            break
        return text, encoding
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError(f"{name}: the text encoding could not be recognised")
    return str(best), best.encoding


def _looks_like_text(text: str) -> bool:
    """Reject GB18030 decodes of non-Chinese binary junk (mostly control characters)."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= len(text) // 100
