"""A series drawn against the article dates (pyqtgraph; see the README for the choice).

Each point is one figure at its article's date; a point whose date is estimated is
drawn hollow, an exact one filled. Clicking a point opens its passage. pyqtgraph
(with NumPy) takes about a second and a half to import, so it loads when the chart
is first shown, never at start-up.

Signals:
    passageRequested(str, int, int): open this article at these offsets.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from jining_archive.insight import FigureRow, Series
from jining_archive.insight.amounts import format_amount
from jining_archive.insight.timeline import date_position
from jining_archive.ui.plot_points import add_points

COLOUR = "#1f5fa8"
#: Values are written beside the points up to this many points.
LABELLED_MAX = 40
#: At most this many dates on the axis.
MAX_TICKS = 12


class SeriesChart(QWidget):
    """The chart of one series; see the module docstring."""

    passageRequested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seriesChart")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.plot: Any = None
        self._scatters: list[Any] = []
        self.series: Series | None = None
        self.points: list[FigureRow] = []

    def _ensure_plot(self) -> Any:
        if self.plot is None:
            import pyqtgraph as pg

            pg.setConfigOptions(antialias=True, background="w", foreground="k")
            self.plot = pg.PlotWidget(self)
            self.plot.setObjectName("seriesPlot")
            self.plot.showGrid(x=True, y=True, alpha=0.25)
            self.plot.setMouseEnabled(x=False, y=False)
            self.plot.hideButtons()
            self._layout.addWidget(self.plot)
        return self.plot

    def set_series(self, series: Series | None) -> None:
        """Draw ``series`` (None: clear)."""
        import pyqtgraph as pg

        plot = self._ensure_plot()
        plot.clear()
        self.series = series
        self.points = []
        if series is None:
            return
        placed = [
            (x, p)
            for p in series.points
            if (x := date_position(p.date)) is not None and p.value is not None
        ]
        self.points = [p for _, p in placed]
        xs = [x for x, _ in placed]
        ys = [float(p.value or 0) for _, p in placed]
        plot.plot(xs, ys, pen=pg.mkPen(COLOUR, width=2))
        self._scatters = add_points(
            plot,
            xs,
            ys,
            [p.date_estimated for _, p in placed],
            (COLOUR, COLOUR),
            11,
            self._tip,
            self._clicked,
        )
        if len(placed) <= LABELLED_MAX:  # past that the values would cover each other
            for (x, p), y in zip(placed, ys, strict=True):
                label = pg.TextItem(
                    format_amount(p.value, series.kind, series.unit), color="k", anchor=(0.5, 1.3)
                )
                label.setPos(x, y)
                plot.addItem(label)
        plot.setTitle(f"{series.measure}（{series.unit}）")
        axis = plot.getAxis("bottom")
        ticks = sorted({(x, p.date[:7]) for x, p in placed})
        if len(ticks) > MAX_TICKS:  # the first month of every few, left to right
            step = -(-len(ticks) // MAX_TICKS)
            ticks = ticks[::step]
        axis.setTicks([ticks])
        if xs:
            plot.setXRange(min(xs) - 0.5, max(xs) + 0.5, padding=0)
            top = max(ys) if ys else 1
            plot.setYRange(min(0.0, min(ys)), top * 1.25 if top > 0 else 1, padding=0)

    def _tip(self, x: float, y: float, data: Any) -> str:
        if not isinstance(data, int) or not 0 <= data < len(self.points) or self.series is None:
            return ""
        point = self.points[data]
        estimated = self.tr("（日期为推测）") if point.date_estimated else ""
        return f"{point.figure.text}  {point.date}{estimated}\n{point.article_title}"

    def _clicked(self, _item: Any, spots: Any, *_args: Any) -> None:
        if not len(spots):
            return
        data = spots[0].data()
        if isinstance(data, int) and 0 <= data < len(self.points):
            point = self.points[data]
            self.passageRequested.emit(point.article_id, point.figure.start, point.figure.end)

    def png_bytes(self) -> bytes:
        """The chart as a PNG image."""
        import pyqtgraph.exporters as exporters
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice

        image = exporters.ImageExporter(self._ensure_plot().plotItem).export(toBytes=True)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def svg_bytes(self) -> bytes:
        """The chart as an SVG drawing (UTF-8), drawn by Qt's own SVG generator.

        Not pyqtgraph's SVGExporter: it rewrites Qt's path data and fails on the path
        syntax Qt 6.11 writes.
        """
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator

        plot = self._ensure_plot()
        size = plot.size()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setTitle(self.series.measure if self.series is not None else "")
        painter = QPainter(generator)
        try:
            plot.render(painter)
        finally:
            painter.end()
        buffer.close()
        return bytes(data.data())


def preload() -> None:
    """Import the chart library now (on a worker thread), so that showing it is quick."""
    import pyqtgraph  # noqa: F401
