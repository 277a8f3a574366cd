"""When a report was published: the date a page states, or an estimate from its text.

Saved pages state a publication date in a labelled line (发布时间：2024-02-26 10:30)
or in a date line under the title; newspaper texts often state none, and then the
years and months the text reports on bound the date from below. Both functions
work on plain text and return ISO strings, ``""`` when nothing can be said.
"""

from __future__ import annotations

import re
from datetime import date

from jining_archive.documents.normalise import fold

# How many non-blank lines from the top may carry the publication line: the
# banner, breadcrumb, title and a subtitle come first on most pages.
HEAD_LINES = 15
# A date line is short; a longer line starting with a date is a body sentence.
DATE_LINE_MAX = 80

_YMD = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)"
    r"|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)"
)
_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?")
_LABEL = re.compile(r"(?:发布|发表|更新|上传|录入)?(?:时间|日期)|发布于|来源|稿源|出处")
# Sentence punctuation after the date: the line is prose, not a date line.
_PROSE = re.compile(r"[，,。；;！？!?]")


def iso_date(year: int, month: int, day: int) -> str:
    """The ISO form of a calendar date, or "" when there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


# A date as a person types it: YYYY, YYYY-MM or YYYY-MM-DD, with - / or . between.
_DATE_SHAPE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


class DateError(ValueError):
    """Not a date: ``kind`` is "shape" (not written like one) or "range" (no such month or day)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def normalise_date(text: str) -> str:
    """``text`` as an ISO date ``YYYY[-MM[-DD]]`` ("" stays "").

    Raises :class:`DateError` ("shape" when it is not written like a date, "range"
    when the month or day does not exist).
    """
    text = text.strip()
    if not text:
        return ""
    match = _DATE_SHAPE.match(text)
    if match is None:
        raise DateError("shape")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    if month_text is None:
        return year_text
    month = int(month_text)
    if not 1 <= month <= 12:
        raise DateError("range")
    if day_text is None:
        return f"{year_text}-{month:02d}"
    iso = iso_date(year, month, int(day_text))
    if not iso:
        raise DateError("range")
    return iso


def _dates_in(line: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO) of every possible full date in ``line`` (already folded)."""
    out = []
    for m in _YMD.finditer(line):
        month = m.group(2) or m.group(4)
        day = m.group(3) or m.group(5)
        iso = iso_date(int(m.group(1)), int(month), int(day))
        if iso:
            out.append((m.start(), m.end(), iso))
    return out


def publication_line_date(line: str) -> str:
    """The ISO date of ``line`` when it is a publication line, else ``""``.

    ``line`` is one line, folded (:func:`~jining_archive.documents.normalise.fold`).

    Labelled (时间：…, 日期：…) anywhere in a short line; or the line opens with a
    date and what follows is not prose; or it carries a date with a clock time
    (招商引资 2022-02-25 15:40 …), which no body sentence does.
    """
    if len(line) > DATE_LINE_MAX:
        return ""
    dates = _dates_in(line)
    if not dates:
        return ""
    for start, _end, iso in dates:
        if _LABEL.search(line[:start]):
            return iso
    start, end, iso = dates[0]
    rest = line[end:]
    if start == 0 and not _PROSE.search(rest):
        return iso
    if _TIME.match(rest) and "。" not in line:
        return iso
    return ""


def stated_date(text: str) -> str:
    """The publication date stated near the top of ``text`` as ISO ``YYYY-MM-DD``.

    Labelled lines (发布时间：, 日期：, 时间：) are preferred; then a date line under
    the title (2024-02-26, 2024/2/26, 2024.02.26, 2024年2月26日, with or without a
    time). Impossible dates (2024-02-30) are not dates. ``""`` when none is stated.
    """
    lines = [fold(ln).strip() for ln in text.splitlines() if ln.strip()][:HEAD_LINES]
    for line in lines:
        if len(line) > DATE_LINE_MAX:
            continue
        for start, _end, iso in _dates_in(line):
            if _LABEL.search(line[:start]):
                return iso
    for line in lines:
        iso = publication_line_date(line)
        if iso:
            return iso
    return ""


_SENTENCE = re.compile(r"[^。！？；!?;\n]+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YEAR_MONTH = re.compile(r"\s*(\d{1,2})\s*月")
# Words of a plan or target: a year named with them is looked ahead to, not reported.
_PLAN = re.compile(r"将|计划|预计|力争|争取|目标|规划|拟|打算|展望|开局|起点")
# Words of a result: a year named with them is one the text reports on.
_RESULT = re.compile(
    r"完成|实现|达到|同比|增长|新增|累计|突破|获评|获批|获得|建成|投产|签约|中标|举办|召开|举行|达\d"
)
# How far around a year its plan or result words are looked for: the clause that
# the year opens, not the whole sentence (one sentence can report 2022 and plan 2023).
_BEFORE = 6
_AFTER = 30


def _year_kind(sentence: str, start: int, end: int) -> str:
    """Whether the year at ``sentence[start:end]`` is planned, reported or only named."""
    if _PLAN.search(sentence[max(0, start - _BEFORE) : start]):
        return "plan"
    after = sentence[end : end + _AFTER]
    plan = _PLAN.search(after)
    result = _RESULT.search(after)
    if plan and (not result or plan.start() < result.start()):
        return "plan"
    if result or _YEAR_MONTH.match(after):
        return "result"
    return "named"


def estimate_date(text: str) -> tuple[str, str]:
    """An estimated publication date and the reason, for a text that states none.

    A report is published after the results it gives: the latest year named with
    a result (完成, 实现, 同比 …) or with a month of a dated event bounds it from
    below. When the text also looks ahead to the following year (2025年将…) it was
    written at the turn of the year, so the estimate moves to that year (January
    of it when the results run to December). Returns ("YYYY" or "YYYY-MM", an
    English reason), or ("", "") when the text names no year.
    """
    results: set[int] = set()
    plans: set[int] = set()
    named: set[int] = set()
    months: set[tuple[int, int]] = set()
    for sentence in _SENTENCE.findall(fold(text)):
        for m in _YEAR.finditer(sentence):
            year = int(m.group(1))
            named.add(year)
            kind = _year_kind(sentence, m.start(), m.end())
            if kind == "plan":
                plans.add(year)
            elif kind == "result":
                results.add(year)
                month = _YEAR_MONTH.match(sentence, m.end())
                if month and 1 <= int(month.group(1)) <= 12:
                    months.add((year, int(month.group(1))))
    if not named:
        return "", ""
    if not results:
        latest = max(named)
        return str(latest), f"no results are dated; latest year in text is {latest}"
    year = max(results)
    last = max((mo for y, mo in months if y == year), default=0)
    reason = f"latest year in text is {year}" + (
        f" (results up to {year}年{last}月)" if last else ""
    )
    if year + 1 in plans:
        reason += f"; looks ahead to {year + 1}"
        if last == 12:
            return f"{year + 1}-01", reason + f", so January {year + 1}"
        return str(year + 1), reason + f", so {year + 1}"
    if last:
        return f"{year}-{last:02d}", reason + f", so no earlier than {year}年{last}月"
    return str(year), reason
