"""Turn the bytes of a text file into a string, whatever common encoding it uses."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Legacy encodings tried after UTF-8, best first on a tie. GB18030 is a superset of
# GBK and GB2312, so a file in any of them decodes with it.
_LEGACY = ("gb18030", "big5")
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
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Legacy CJK encodings overlap: Big5 bytes are mostly valid GB18030 too. Decode
    # with each candidate and keep the one that yields the fewest private-use,
    # control and replacement characters (a wrong guess is full of them).
    candidates: list[tuple[int, int, str, str]] = []
    guess = from_bytes(data).best()
    names = list(_LEGACY)
    if guess is not None and guess.encoding and guess.encoding not in names:
        names.append(guess.encoding)
    for rank, encoding in enumerate(names):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        candidates.append((_oddities(text), rank, text, encoding))
    if not candidates:
        raise DecodeError(f"{name}: the text encoding could not be recognised")
    oddities, _rank, text, encoding = min(candidates)
    if oddities > max(2, len(text) // 100):
        raise DecodeError(f"{name}: the text encoding could not be recognised")
    return text, encoding


def _oddities(text: str) -> int:
    """Characters a correct decode of prose rarely has."""
    return sum(
        1
        for ch in text
        if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd"
    )
