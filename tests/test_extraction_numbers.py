"""Numerals and dates: Arabic and Chinese numbers, malformed ones, dates in running text."""

from __future__ import annotations

import pytest

from jining_archive.extraction.dates import find_dates
from jining_archive.extraction.numbers import parse_arabic, parse_chinese, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百", 100),
        ("十三", 13),
        ("两万", 20_000),
        ("三千五百", 3500),
        ("两千五", 2500),
        ("三万五", 35_000),
        ("一百零五", 105),
        ("五百亿", 5e10),
        ("百亿", 1e10),
        ("千亿", 1e11),
        ("万亿", 1e12),
        ("三点五", 3.5),
    ],
)
def test_chinese_numerals(text: str, value: float) -> None:
    """Chinese numerals read as a reader would say them."""
    assert parse_chinese(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,306", 1306), ("44.6", 44.6), ("1.2万", 12_000), ("3.5亿", 3.5e8), ("1306亿", 1.306e11)],
)
def test_arabic_numbers_with_multipliers(text: str, value: float) -> None:
    """Separators, decimals and 万/亿 multipliers."""
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["亿亿", "万万", "三三两两", "十百", "一一", "1..2", "1,2", "", "点"]
)
def test_malformed_numerals_are_none(text: str) -> None:
    """Malformed numerals give None, never an exception."""
    assert parse_number(text) is None


def test_absurd_digit_strings_are_refused() -> None:
    """A digit string longer than any quantity is not a number (and cannot overflow a float)."""
    assert parse_arabic("9" * 400) is None
    assert parse_number("1" + "0" * 30) == pytest.approx(1e30)
    # The limit is MAX_DIGITS (40) digits before the point, with or without separators.
    assert parse_arabic("1" * 40) == pytest.approx(float("1" * 40))
    assert parse_arabic("1" * 41) is None
    assert parse_arabic("0042") == 42.0


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("2023年5月12日,在省市主要领导见证下", [("2023年5月12日", 2023)]),
        ("预计今年7月中旬竣工", [("今年7月中旬", None)]),
        ("仅7月、8月的销售额", [("7月", None), ("8月", None)]),
        ("基地预计在2026年3月底建设完成", [("2026年3月底", 2026)]),
        ("2023年9月4日至5日,市委副书记", [("2023年9月4日至5日", 2023)]),
        ("1—8月份,全区", [("1—8月份", None)]),
        ("6日上午,会议召开", [("6日", None)]),
        ("二〇二三年十月一日", [("二〇二三年十月一日", 2023)]),
        ("“2号车间建成", []),
        ("今年济宁高新区将", []),
    ],
)
def test_dates(text: str, dates: list[tuple[str, int | None]]) -> None:
    """Dates with the year as value when the text states one."""
    assert [(text[d.start : d.end], d.year) for d in find_dates(text)] == dates
