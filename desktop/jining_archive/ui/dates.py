"""Dates as the window shows them: in the interface language, an estimate always
marked the same way (约), and the reason for an estimate for hover texts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("dates", text)


def format_date(date: str) -> str:
    """An ISO ``YYYY[-MM[-DD]]`` date in the interface language."""
    parts = date.split("-")
    if not date or not parts[0].isdigit():
        return date
    numbers = [int(p) for p in parts if p.isdigit()]
    if len(numbers) >= 3:
        return _tr("{year}年{month}月{day}日").format(
            year=numbers[0], month=numbers[1], day=numbers[2]
        )
    if len(numbers) == 2:
        return _tr("{year}年{month}月").format(year=numbers[0], month=numbers[1])
    return _tr("{year}年").format(year=numbers[0])


def estimated_date(date: str) -> str:
    """``date`` (already formatted) marked as an estimate: the one marker, 约."""
    return _tr("约 {date}").format(date=date)


def estimate_reason(note: str) -> str:
    """Why a date is an estimate, for a hover text (``note``: the article's date note)."""
    if not note:
        return _tr("日期是推测的：正文没有写明日期")
    return _tr("日期是推测的：{note}").format(note=note)
