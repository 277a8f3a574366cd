"""Series: the same measure reported in different articles, over the article dates.

A series is the rows of one measure, one kind and one unit: 56家 and 21家 世界500强企业
form one, 总投资 in 元 and 总投资 in 美元 two, and a count never joins an amount.
Comparing a series gives the change from each report to the next (21家 → 56家, +35)
and flags figures that disagree for the same measure and period (two reports giving
different totals for 2022).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from jining_archive.insight.rows import FigureRow, measure_key

# Dates are when something happened, not a quantity of it: they make no series.
_NO_SERIES_KINDS = frozenset(["date"])


class UnknownMeasureError(KeyError):
    """No figure of the archive has the requested measure."""

    def __init__(self, measure: str, suggestions: list[str]) -> None:
        super().__init__(measure)
        self.measure = measure
        self.suggestions = suggestions

    def __str__(self) -> str:
        message = f"no figure measures {self.measure!r}"
        if self.suggestions:
            message += f"; measures that contain it: {', '.join(self.suggestions)}"
        return message


@dataclass(frozen=True)
class Series:
    """The figures of one measure in one kind and unit, ordered by article date."""

    measure: str
    kind: str
    unit: str
    points: list[FigureRow] = field(default_factory=list)

    @cached_property
    def articles(self) -> list[str]:
        """The ids of the articles it draws on, in date order, each once."""
        return list(dict.fromkeys(p.article_id for p in self.points))

    @property
    def key(self) -> tuple[str, str, str]:
        """(measure, kind, unit): what makes two rows one series."""
        return (measure_key(self.measure), self.kind, self.unit)


@dataclass(frozen=True)
class Step:
    """The change from one report's figure to the next report's."""

    before: FigureRow
    after: FigureRow
    difference: float | None
    #: after / before, None when before is zero or a value is missing.
    ratio: float | None


@dataclass(frozen=True)
class Conflict:
    """Figures of one measure and period (the year they speak of) that disagree."""

    period: int
    rows: list[FigureRow]

    @property
    def values(self) -> list[float]:
        """The distinct values given, smallest first."""
        return sorted({r.value for r in self.rows if r.value is not None})


@dataclass(frozen=True)
class Comparison:
    """A series with the change between consecutive reports and its conflicts."""

    series: Series
    steps: list[Step]
    conflicts: list[Conflict]


def _point_order(row: FigureRow) -> tuple[str, str, int]:
    return (row.date, row.article_id, row.figure.start)


def series_of(rows: Iterable[FigureRow], min_articles: int = 2) -> list[Series]:
    """Every series that spans at least ``min_articles`` articles, longest first.

    Rows with no measure, and dates, form none. Rows with the same measure but a
    different kind or unit form separate series.
    """
    groups: dict[tuple[str, str, str], list[FigureRow]] = {}
    names: dict[tuple[str, str, str], str] = {}
    for row in rows:
        if not row.measure or row.kind in _NO_SERIES_KINDS or row.value is None:
            continue
        key = (measure_key(row.measure), row.kind, row.unit)
        groups.setdefault(key, []).append(row)
        names.setdefault(key, row.measure)
    found = []
    for key, points in groups.items():
        points.sort(key=_point_order)
        if len({p.article_id for p in points}) >= min_articles:
            found.append(Series(names[key], key[1], key[2], points))
    found.sort(key=lambda s: (-len(s.articles), -len(s.points), s.measure, s.kind, s.unit))
    return found


def find_series(rows: Iterable[FigureRow], measure: str) -> list[Series]:
    """The series of ``measure`` (one per kind and unit), even of a single article.

    Raises UnknownMeasureError, with the measures that contain the text, when no
    figure has exactly this measure.
    """
    rows = list(rows)
    wanted = measure_key(measure)
    found = [s for s in series_of(rows, min_articles=1) if s.key[0] == wanted]
    if not found:
        near = sorted(
            {r.measure for r in rows if r.measure and wanted and wanted in measure_key(r.measure)}
        )
        raise UnknownMeasureError(measure, near[:10])
    return found


def compare(series: Series) -> Comparison:
    """The change from each article's figure to the next article's, and the conflicts.

    When an article gives several figures of the measure, its first stands for it in
    the steps; every figure counts in the conflicts.
    """
    firsts: list[FigureRow] = []
    seen: set[str] = set()
    for point in series.points:
        if point.article_id not in seen:
            seen.add(point.article_id)
            firsts.append(point)
    steps = []
    for before, after in itertools.pairwise(firsts):
        difference = ratio = None
        if before.value is not None and after.value is not None:
            difference = after.value - before.value
            ratio = after.value / before.value if before.value else None
        steps.append(Step(before, after, difference, ratio))
    by_period: dict[int, list[FigureRow]] = {}
    for point in series.points:
        if point.period is not None:
            by_period.setdefault(point.period, []).append(point)
    conflicts = [
        Conflict(period, points)
        for period, points in sorted(by_period.items())
        if len({p.value for p in points}) > 1 and len({p.article_id for p in points}) > 1
    ]
    return Comparison(series, steps, conflicts)
