"""The articles on a time axis (pyqtgraph, like the series chart): each a point at its
date — hollow when the date is an estimate, filled when the article gives it — with its
title, and a faint bar over the years its figures speak of. Hovering a point shows the
article, its date and, for an estimate, why; a click opens the article.

The entries are computed off the GUI thread (``insight.timeline.article_timeline`` in
``build_insight``); drawing them is one scatter item, and titles are drawn only while
there are few enough to read.

Signals:
    articleRequested(str): open this article.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jining_archive.insight.timeline import Timeline, TimelineEntry
from jining_archive.ui.archive_figures_model import date_label
from jining_archive.ui.dates import estimate_reason
from jining_archive.ui.plot_points import add_points

#: Up to this many articles, each has its title and the bar of its years.
LABELLED_MAX = 60
#: Rows the points are spread over, so that neighbouring titles do not overlap.
LANES = 8
EXACT_COLOUR = "#1f5fa8"
ESTIMATED_COLOUR = "#b5651d"


def lanes(positions: list[float], gap: float, count: int = LANES) -> list[int]:
    """A row for each position (sorted), the lowest whose last point is ``gap`` away."""
    last: list[float] = []
    out: list[int] = []
    for n, x in enumerate(positions):
        for lane, previous in enumerate(last):
            if x - previous >= gap:
                last[lane] = x
                out.append(lane)
                break
        else:
            if len(last) < count:
                last.append(x)
                out.append(len(last) - 1)
            else:
                out.append(n % count)
    return out


class ArticleTimeline(QWidget):
    """The time axis of the archive's articles; see the module docstring."""

    articleRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleTimeline")
        self.timeline = Timeline([], [])
        self.entries: list[TimelineEntry] = []
        #: (x, y) of each entry's point, in the plot's coordinates.
        self.spots: list[tuple[float, float]] = []
        self.plot: Any = None
        self._scatters: list[Any] = []
        self._layout = QVBoxLayout(self)
        self.legend = QLabel(self)
        self.legend.setObjectName("timelineLegend")
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)
        self._layout.addWidget(self.legend)
        self.retranslate()

    def _ensure_plot(self) -> Any:
        if self.plot is None:
            import pyqtgraph as pg

            pg.setConfigOptions(antialias=True, background="w", foreground="k")
            self.plot = pg.PlotWidget(self)
            self.plot.setObjectName("timelinePlot")
            self.plot.showGrid(x=True, y=False, alpha=0.25)
            self.plot.setMouseEnabled(x=True, y=False)
            self.plot.hideButtons()
            self.plot.getAxis("left").hide()
            self._layout.addWidget(self.plot, 1)
        return self.plot

    def set_timeline(self, timeline: Timeline) -> None:
        """Draw ``timeline`` (from ``insight.timeline.article_timeline``)."""
        import pyqtgraph as pg

        plot = self._ensure_plot()
        plot.clear()
        self.timeline = timeline
        self.entries = list(timeline.entries)
        xs = [e.position for e in self.entries]
        span = (max(xs) - min(xs)) if xs else 1.0
        labelled = len(self.entries) <= LABELLED_MAX
        ys = [float(-lane) for lane in lanes(xs, max(span, 1.0) / 4)]
        self.spots = list(zip(xs, ys, strict=True))
        for entry, (x, y) in zip(self.entries, self.spots, strict=True):
            colour = pg.mkColor(ESTIMATED_COLOUR if entry.date_estimated else EXACT_COLOUR)
            if labelled:
                if entry.years:
                    bar = pg.PlotCurveItem(
                        [entry.years[0], entry.years[-1] + 1.0],
                        [y - 0.22, y - 0.22],
                        pen=pg.mkPen(colour, width=5),
                    )
                    bar.setOpacity(0.3)
                    plot.addItem(bar)
                title = entry.title if len(entry.title) <= 18 else entry.title[:17] + "…"
                text = f"{date_label(entry.date, entry.date_estimated)}  {title}"
                label = pg.TextItem(text, color="k", anchor=(0, 0.5))
                label.setPos(x + span / 80, y)
                plot.addItem(label)
        self._scatters = add_points(
            plot,
            xs,
            ys,
            [e.date_estimated for e in self.entries],
            (EXACT_COLOUR, ESTIMATED_COLOUR),
            13,
            self._tip,
            self._clicked,
        )
        if xs:
            years = [e.years[0] for e in self.entries if e.years]
            left = min([*xs, *years])
            plot.setXRange(left - 0.3, max(xs) + max(span, 1.0) * 0.45, padding=0)
            plot.setYRange(min(ys) - 0.8, 0.8, padding=0)
        self.retranslate()

    def tooltip(self, entry: TimelineEntry) -> str:
        """What hovering the article's point shows."""
        lines = [entry.title, date_label(entry.date, entry.date_estimated)]
        if entry.source:
            lines[1] += f" · {entry.source}"
        if entry.date_estimated:
            lines.append(estimate_reason(entry.date_note))
        if entry.years:
            lines.append(
                self.tr("数字所指年份：{years}").format(years="、".join(map(str, entry.years)))
            )
        lines.append(self.tr("单击打开文章"))
        return "\n".join(lines)

    def _tip(self, x: float, y: float, data: Any) -> str:
        if isinstance(data, int) and 0 <= data < len(self.entries):
            return self.tooltip(self.entries[data])
        return ""

    def _clicked(self, _item: Any, spots: Any, *_args: Any) -> None:
        if not len(spots):
            return
        data = spots[0].data()
        if isinstance(data, int) and 0 <= data < len(self.entries):
            self.articleRequested.emit(self.entries[data].article_id)

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        estimated = sum(e.date_estimated for e in self.entries)
        text = self.tr(
            "{count} 篇文章按日期排列：实心点为文章写明的日期，"
            "空心点为推测的日期（{estimated} 篇）；淡色横条为其数字所指的年份。"
            "悬停查看详情，单击打开文章。"
        ).format(count=len(self.entries), estimated=estimated)
        if self.timeline.undated:
            text += self.tr("另有 {count} 篇没有日期。").format(count=len(self.timeline.undated))
        self.legend.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
