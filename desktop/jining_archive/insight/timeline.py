"""The articles on a time axis: each at its date (an estimate marked, with the reason
the catalogue keeps), with the years its figures speak of, so that one sees which
report speaks of which year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jining_archive.insight.rows import FigureRow

if TYPE_CHECKING:
    from jining_archive.documents.model import Article


def date_position(date: str) -> float | None:
    """An ISO date as a year with a fraction (2023-09 → 2023.67), None when there is none."""
    parts = [p for p in date.split("-") if p.isdigit()]
    if not parts:
        return None
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 7  # a bare year: its middle
    day = int(parts[2]) if len(parts) > 2 else 15
    return year + (month - 1) / 12 + (day - 1) / 365


@dataclass(frozen=True)
class TimelineEntry:
    """One article on the time axis."""

    article_id: str
    title: str
    source: str
    date: str
    date_estimated: bool
    #: Why the date is what it is (the article's date note), "" when nothing is said.
    date_note: str
    #: Where it sits on the axis (see :func:`date_position`).
    position: float
    #: The years its figures speak of (their periods), earliest first.
    years: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Timeline:
    """The dated articles in date order, and the ids of those with no date."""

    entries: list[TimelineEntry]
    undated: list[str]


def article_timeline(articles: Iterable[Article], rows: Iterable[FigureRow] = ()) -> Timeline:
    """The articles in date order (ties by id); those without a date apart."""
    years: dict[str, set[int]] = {}
    for row in rows:
        if row.period is not None:
            years.setdefault(row.article_id, set()).add(row.period)
    entries: list[TimelineEntry] = []
    undated: list[str] = []
    for article in articles:
        position = date_position(article.date)
        if position is None:
            undated.append(article.id)
            continue
        entries.append(
            TimelineEntry(
                article_id=article.id,
                title=article.title,
                source=article.source,
                date=article.date,
                date_estimated=article.date_estimated,
                date_note=article.date_note,
                position=position,
                years=sorted(years.get(article.id, ())),
            )
        )
    entries.sort(key=lambda e: (e.position, e.article_id))
    return Timeline(entries, sorted(undated))
