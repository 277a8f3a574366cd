"""Character folding that keeps offsets: one character in, one character out.

Folding maps full-width ASCII forms to ASCII, the ideographic space to a space,
traditional characters to simplified ones and letters to lower case. Because
every character folds to exactly one character, an offset into the folded text
is the same offset into the original text: highlights land on the original
characters without any offset map.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

_FULLWIDTH_START, _FULLWIDTH_END = 0xFF01, 0xFF5E
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(_FULLWIDTH_START, _FULLWIDTH_END + 1)}
_WIDTH_TABLE[0x3000] = 0x20  # ideographic space

_converter_lock = threading.Lock()


def fold_width(text: str) -> str:
    """Full-width digits, letters and punctuation to their ASCII forms."""
    return text.translate(_WIDTH_TABLE)


@functools.lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def _simplify_char(ch: str) -> str:
    with _converter_lock:
        out: str = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional to simplified Chinese, character by character, length kept.

    OpenCC converts the whole string first (so phrase-level choices apply);
    when that changes the length, each character is converted on its own.
    """
    if text.isascii():
        return text
    with _converter_lock:
        out: str = _t2s().convert(text)
    if len(out) == len(text):
        return out
    return "".join(_simplify_char(ch) for ch in text)


def fold(text: str) -> str:
    """The search and matching form of ``text``: same length, same offsets."""
    base = to_simplified(fold_width(text))
    folded = base.lower()
    if len(folded) != len(base):  # e.g. 'İ'.lower() grows: keep such characters unlowered
        folded = "".join(low if len(low := ch.lower()) == 1 else ch for ch in base)
    return folded
