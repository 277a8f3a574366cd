"""Turn the bytes of a text file into a string, whatever common encoding it uses."""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.utils import is_multi_byte_encoding

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


# Single-byte encodings are told apart by statistics that often tie between
# neighbours (a French page is as plausible in cp1257 as in cp1252). Within this
# margin of the best guess's chaos, Windows-1252 is taken: it is what browsers
# assume for Western text without a charset (WHATWG reads "latin1" as it too).
_WESTERN = "cp1252"
_WESTERN_MARGIN = 0.05
# A UTF-8 file with a few bad bytes (a truncated download, a hand edit) is read
# with those bytes replaced by U+FFFD when they are at most this many, or this
# share of the characters; more than that and the file is not UTF-8.
_UTF8_BAD_BYTES = 8
_UTF8_BAD_SHARE = 0.001


class DecodeError(ValueError):
    """A file could not be read as text; the message names the file and why."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and how many characters were replaced by U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0
    good_multibyte: int = 0  # UTF-8 read with replacements: its good multi-byte characters


def decode_bytes(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used (see :func:`decode_text`)."""
    decoded = decode_text(data, name)
    return decoded.text, decoded.encoding


def decode_text(data: bytes, name: str = "file") -> Decoded:
    """Decode ``data`` by its BOM, as UTF-8, or by detection among legacy encodings.

    Raises :class:`DecodeError` for empty, binary or undecodable input.
    """
    text, encoding = _decode(data, name)
    if isinstance(text, Decoded):
        return text
    return Decoded(text, encoding)


def _decode(data: bytes, name: str) -> tuple[str | Decoded, str]:
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
    nearly = _nearly_utf8(data)
    if nearly is not None and nearly.good_multibyte >= 20 * nearly.replaced:
        return nearly, "utf-8"  # plainly UTF-8: hundreds of good characters per bad one
    # Legacy CJK encodings overlap: Big5 bytes are mostly valid GB18030 too. Decode
    # with each candidate and keep the one that yields the fewest private-use,
    # control and replacement characters (a wrong guess is full of them).
    candidates: list[tuple[int, int, str, str]] = []
    guess = from_bytes(data).best()
    # Windows-1252 is always a candidate: a short Western text gives the detector too
    # little to go on (Perché è così was guessed as Urdu's cp1006).
    names = [*_LEGACY, _WESTERN]
    if guess is not None and guess.encoding and guess.encoding not in names:
        names.append(_western_if_tied(data, guess.encoding, guess.chaos))
    for rank, encoding in enumerate(names):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        odd = _oddities(text)
        if nearly is not None and _single_byte(encoding):
            # Each good UTF-8 sequence read as two or three Western characters (Ã© for
            # é) is strong evidence of UTF-8, which a single-byte text seldom has.
            odd += 3 * nearly.good_multibyte
        candidates.append((odd, rank, text, encoding))
    if nearly is not None:
        # UTF-8 with a few bad bytes against the legacy readings: its replacement
        # characters count as oddities, and a tie goes to it.
        candidates.append((_oddities(nearly.text), -1, nearly.text, "utf-8"))
    if not candidates:
        raise DecodeError(f"{name}: the text encoding could not be recognised")
    oddities, _rank, text, encoding = min(candidates)
    if nearly is not None and encoding == "utf-8":
        return nearly, encoding
    if oddities > max(2, len(text) // 100):
        raise DecodeError(f"{name}: the text encoding could not be recognised")
    return text, encoding


def _nearly_utf8(data: bytes) -> Decoded | None:
    """``data`` as UTF-8 with its few bad bytes replaced, or None when it is not UTF-8.

    Invalid sequences are counted as UTF-8 decoding replaces them (one U+FFFD per
    maximal bad subsequence); U+FFFD already in the file is not counted.
    """
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    if replaced > max(_UTF8_BAD_BYTES, int(len(text) * _UTF8_BAD_SHARE)):
        return None
    # Another encoding read as UTF-8 has hardly a good multi-byte sequence: Latin-1's
    # accented letters are lone bytes that UTF-8 never has, and GBK's pairs make a good
    # sequence for every several bad ones. A UTF-8 text with a few bad bytes keeps more
    # good multi-byte characters than a third of the bad ones, however short it is.
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - replaced
    if multibyte < 1 or 3 * multibyte < replaced:
        return None
    return Decoded(text, "utf-8", replaced, multibyte)


def _western_if_tied(data: bytes, encoding: str, chaos: float) -> str:
    """Windows-1252 instead of another single-byte guess that it ties with."""
    if encoding == _WESTERN or not _single_byte(encoding):
        return encoding
    try:
        data.decode(_WESTERN)
    except UnicodeDecodeError:
        return encoding
    for match in from_bytes(data, cp_isolation=[_WESTERN]):
        if match.chaos <= chaos + _WESTERN_MARGIN:
            return _WESTERN
    return encoding


def _single_byte(encoding: str) -> bool:
    try:
        return not is_multi_byte_encoding(encoding)
    except LookupError:
        return False


def _oddities(text: str) -> int:
    """Characters a correct decode of prose rarely has: controls, private use,
    U+FFFD, Han characters outside the common sets of GB2312 and Big5 (a
    Western text read as GB18030 is full of rare ones), and a lone Han character
    against a Latin letter (popula\u7280o: the two bytes of ção read as one)."""
    common = _common_han()
    return (
        sum(
            1
            for ch in text
            if (ord(ch) < 32 and ch not in "\r\n\t\f")
            or 0xE000 <= ord(ch) <= 0xF8FF
            or ch == "\ufffd"
            or (_is_han(ch) and ch not in common)
        )
        + len(_LONE_HAN_IN_LATIN_RE.findall(text))
        + _latin_run_oddities(text)
    )


def _latin_run_oddities(text: str) -> int:
    """Characters in runs of three or more accented Latin letters and symbols: Western
    words have at most two together (ção), Chinese read byte by byte has them all along."""
    return sum(len(run) for run in _LATIN_RUN_RE.findall(text))


_LATIN_RUN_RE = re.compile("[\u0080-\u024f]{3,}")


# A Han character with no Han neighbour, touching an ASCII letter: Chinese prose puts
# Latin words (iPhone手机, A股市场) beside runs of Han, not one character inside a word.
_LONE_HAN_IN_LATIN_RE = re.compile(
    r"(?<=[A-Za-z])[\u3400-\u9fff](?![\u3400-\u9fff])"
    r"|(?<![\u3400-\u9fff])[\u3400-\u9fff](?=[A-Za-z])"
)


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


@functools.cache
def _common_han() -> frozenset[str]:
    """The Han characters of GB2312 and Big5's two levels: all but rare names use them."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("gb2312"))
    for lead in range(0xA4, 0xFA):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes((lead, trail)).decode("big5"))
    return frozenset(ch for ch in chars if _is_han(ch))
