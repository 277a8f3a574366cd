"""Normalised values written back the way the reports write them: 1306亿元, 1.2万平方米.

Money is normalised to yuan and other figures to their unit (1.2万平方米 → 12000), which
reads badly in a table of Chinese figures; these put 万 and 亿 back. A change in a
percentage is written in percentage points (个百分点), as the reports do.
"""

from __future__ import annotations

import math


def _trim(number: float) -> str:
    text = f"{number:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_amount(value: float | None, kind: str, unit: str) -> str:
    """``value`` with its unit, in 亿 or 万 where it is that large (1306亿元, 56家, 50%)."""
    if value is None or not math.isfinite(value):
        return ""
    if kind == "date":
        return str(int(value)) if float(value).is_integer() else str(value)
    size = abs(value)
    if kind in ("percent", "rank") or size < 1e4:
        return f"{_trim(value)}{unit}"
    if size >= 1e8:
        return f"{_trim(value / 1e8)}亿{unit}"
    return f"{_trim(value / 1e4)}万{unit}"


def format_difference(value: float | None, kind: str, unit: str) -> str:
    """A change with its sign (+35家, −9个, +34.5亿元, +2个百分点)."""
    if value is None or not math.isfinite(value):
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    if kind == "percent":
        return f"{sign}{_trim(abs(value))}个百分点"
    return sign + format_amount(abs(value), kind, unit)


def number(value: float | None) -> float | int | None:
    """A value for a file: an integer where it is one, so 35 is not written 35.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
