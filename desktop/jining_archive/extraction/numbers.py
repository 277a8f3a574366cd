"""Numerals: Arabic digits (with separators and decimals) and Chinese numerals.

Everything here works on text that has already been folded
(``documents.normalise.fold``), so full-width digits are ASCII and traditional
characters are simplified. Parsers return ``None`` for malformed input
(``亿亿``, ``三三两两``, ``1..2``) instead of raising.
"""

from __future__ import annotations

import math
import re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
CN_DIGITS.update({"七": 7, "八": 8, "九": 9})
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MULTIPLIERS = CN_BIG_UNITS

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

# Digits with optional thousands separators (only in groups of exactly three) and decimals.
ARABIC_PATTERN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ARABIC_RE = re.compile(rf"(?:{ARABIC_PATTERN})\Z")

# Longer than this, a digit string is an id or garbage rather than a quantity.
MAX_DIGITS = 40


def parse_arabic(text: str) -> float | None:
    """``"1,306.5"`` → 1306.5; None when ``text`` is not a well-formed number."""
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return float(text)  # the common case, without the pattern
    if not _ARABIC_RE.match(text):
        return None
    digits = text.replace(",", "")
    if len(digits.split(".")[0]) > MAX_DIGITS:
        return None
    value = float(digits)
    return value if math.isfinite(value) else None


def _parse_section(text: str) -> int | None:
    """A Chinese numeral below 万: 三千五百二十, 十三, 百, 两千零五."""
    total = 0
    digit: int | None = None
    last_unit = 10_000
    zero_pending = False
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None:  # two digits in a row (三三) is not a numeral
                return None
            digit = CN_DIGITS[ch]
            if digit == 0:
                zero_pending = True
                digit = None
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_unit:  # units must fall: 十百 or 百百 is malformed
                return None
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
            zero_pending = False
        else:
            return None
    if digit is not None:
        if zero_pending or last_unit == 10_000:
            total += digit
        else:
            # 两千五 means 2500: a trailing digit counts in the next unit down.
            total += digit * (last_unit // 10)
    return total


def parse_chinese(text: str) -> float | None:
    """A Chinese numeral (一百, 两万, 五百亿, 十三, 三点五) → its value, else None."""
    if not text or any(ch not in CN_NUMERAL_CHARS and ch != "点" for ch in text):
        return None
    integer, _, fraction = text.partition("点")
    if "点" in fraction:
        return None
    frac_value = 0.0
    if fraction:
        if any(ch not in CN_DIGITS for ch in fraction):
            return None
        frac_value = float("0." + "".join(str(CN_DIGITS[ch]) for ch in fraction))
    # A run of plain digits (二〇二三) is a year or a code, not an amount (唯一一个, 三三两两).
    if integer and all(ch in CN_DIGITS for ch in integer):
        if len(integer) == 1:
            return CN_DIGITS[integer] + frac_value
        return None
    value = _parse_big(integer)
    if value is None:
        return None
    return value + frac_value


def _parse_big(text: str) -> float | None:
    """Split at 亿 and 万 (each at most once, 亿 before 万) and add the sections up."""
    if not text:
        return None
    total = 0.0
    rest = text
    for big_char, big_value in (("亿", 100_000_000), ("万", 10_000)):
        if rest.count(big_char) > 1:
            # 万万 or 亿亿 is malformed, except 万亿 handled by the leading part below.
            return None
        head, sep, tail = rest.partition(big_char)
        if not sep:
            continue
        if big_char == "亿" and "万" in head:
            # 三万亿: ten-thousands of 亿.
            head_value = _parse_big(head)
        else:
            head_value = 1 if head == "" else _parse_section(head)
        if head_value is None:
            return None
        total += head_value * big_value
        rest = tail
    if rest:
        if rest.startswith(("零", "〇")):
            rest = rest[1:]
            if not rest:
                return total
        section = _parse_section(rest)
        if section is None:
            return None
        if total and len(rest) == 1 and rest in CN_DIGITS and text[-2:-1] in CN_BIG_UNITS:
            # 三万五 means 35000: the digit counts in thousands.
            big = CN_BIG_UNITS[text[-2]]
            return total + section * big / 10
        total += section
    return total


def parse_number(text: str) -> float | None:
    """Arabic or Chinese numeral, optionally followed by 万/亿 multipliers (1.2万, 3.5亿, 两万)."""
    if not text:
        return None
    head = text.rstrip("万亿")
    multiplier_chars = text[len(head) :]
    if head and head[0].isdigit():
        value = parse_arabic(head)
        if value is None:
            return None
        for ch in multiplier_chars:
            value *= MULTIPLIERS[ch]
        return value if math.isfinite(value) else None
    return parse_chinese(text)


def is_bare_magnitude(text: str) -> bool:
    """True for numerals without a leading digit: 百, 千, 万, 百万, 千亿 ('hundreds of …')."""
    return bool(text) and all(ch in CN_SMALL_UNITS or ch in CN_BIG_UNITS for ch in text)
