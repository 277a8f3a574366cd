"""Dates and years in running text: 2023年5月12日, 2024年12月, 今年7月中旬, 1—8月份, 6日.

Works on folded text (ASCII digits, simplified characters). A date's value is
its year when the text states one (2026年3月底 → 2026); a range is valued at its
first year. A date relative to the year of writing (今年7月中旬, 去年, 上半年) has
no year of its own but an offset, which the article's date resolves; one relative
to a year named elsewhere (当年, 同年, 次年) and a bare month (7月) have neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jining_archive.extraction.numbers import CN_DIGITS

_CN_DIGIT = "〇零一二三四五六七八九"
_YEAR_NUM = rf"(?<![\d.])(?:1[89]\d\d|20\d\d)(?![\d.])|(?<![{_CN_DIGIT}十])[{_CN_DIGIT}]{{4}}"
_SEP = r"[—–\-~～至到]"
#: Years counted from the year of writing.
_OFFSETS = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1}
#: Relative words too common to mark on their own (the year of writing itself), or
#: relative to a year named elsewhere.
_NOT_ALONE = ("今年", "本年", "当年", "同年", "次年")
_REL = r"(?:今年|去年|明年|前年|当年|同年|次年|本年)"
_YEAR = rf"(?:{_YEAR_NUM})年(?:度)?"
_MONTH_AR = r"(?<![\d.])(?:1[0-2]|0?[1-9])"
_MONTH_CN = r"(?:十[一二]?|[一二三四五六七八九])"
_MONTH = rf"(?:{_MONTH_AR}|{_MONTH_CN})月(?:份)?"
_DAY_NUM = r"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])"
_DAY_CN = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_DAY = rf"(?:{_DAY_NUM}|{_DAY_CN})[日号]"
_PART = (
    r"(?:上旬|中旬|下旬|中下旬|初(?![步次心衷始期级中])|底|末|上半年|下半年"
    r"|前三季度|第?[一二三四]季度)"
)

# Alternatives in order of preference; the scanner keeps the leftmost, longest match.
_DATE_RE = re.compile(
    rf"""
    # Every alternative starts with a digit, a Chinese numeral or one of the words'
    # first characters: tested first, this rejects most places at once.
    (?=[\d{_CN_DIGIT}十今去明前当同次本上下第])
    (?:
    (?P<iso>(?<![\d.])(?:19|20)\d\d[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])(?![\d.]))
    | (?P<full>
        (?:{_YEAR}(?:{_SEP}{_YEAR})?|{_REL})
        (?:(?:{_MONTH_AR}{_SEP})?{_MONTH}(?:{_DAY}(?:{_SEP}(?:{_MONTH})?{_DAY})?)?
           (?:{_SEP}{_MONTH}(?:{_DAY})?)?)?
        {_PART}?
      )
    | (?P<month>
        (?:{_MONTH_AR}{_SEP})?(?:{_MONTH_AR})月(?:份)?
        (?:{_DAY}(?:{_SEP}(?:{_MONTH})?{_DAY})?)?{_PART}?
      | {_MONTH_CN}月(?:份)?{_DAY}
      )
    | (?P<day>{_DAY_NUM}日(?:{_SEP}{_DAY_NUM}日)?)
    | (?P<part>(?<![年月\d])(?:上半年|下半年|前三季度|第?[一二三四]季度))
    )
    """,
    re.VERBOSE,
)
_FIRST_YEAR_RE = re.compile(rf"(?:{_YEAR_NUM})(?=年)|^(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date found in folded text; offsets are local to that text."""

    start: int
    end: int
    year: int | None
    offset: int | None = None  # years after the year of writing (今年 0, 去年 -1)


def _year_of(text: str) -> int | None:
    match = _FIRST_YEAR_RE.search(text)
    if not match:
        return None
    digits = match.group(0)
    if digits.isdigit():
        return int(digits)
    return int("".join(str(CN_DIGITS[ch]) for ch in digits))


def find_dates(folded: str) -> list[DateSpan]:
    """Every date in ``folded`` (text already passed through ``normalise.fold``)."""
    spans: list[DateSpan] = []
    for match in _DATE_RE.finditer(folded):
        text = match.group(0)
        if match.lastgroup == "full" and text in _NOT_ALONE:
            continue  # 今年 on its own is not a date a reader would mark
        offset = None
        if match.lastgroup == "full":
            offset = _OFFSETS.get(text[:2])
        elif match.lastgroup == "part":
            offset = 0  # 上半年: of the year of writing
        spans.append(DateSpan(match.start(), match.end(), _year_of(text), offset))
    return spans
