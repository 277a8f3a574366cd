"""Measures over time: the series of the archive, one chosen at a time, its values
report by report with the change between them, conflicts flagged, and its chart.

Signals:
    passageRequested(str, int, int): open this article at these offsets.
    bookmarkRequested(object): keep this series, its chart and table (a notes
        ``Snapshot``), in the notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jining_archive.insight import Comparison, Series, compare
from jining_archive.insight.amounts import format_amount, format_difference
from jining_archive.ui import text_table_model
from jining_archive.ui.archive_figures_model import date_label
from jining_archive.ui.import_summary import plain_tooltip
from jining_archive.ui.series_chart import SeriesChart
from jining_archive.ui.text_table_model import TextRow, TextTableModel

#: Columns fit the text of this many rows.
FIT_ROWS = 100


def _no_row(_n: int) -> TextRow:
    return TextRow((), "", 0, 0)


SERIES_ROLE = Qt.ItemDataRole.UserRole + 63


class SeriesView(QWidget):
    """Series list, comparison table and chart; see the module docstring."""

    passageRequested = Signal(str, int, int)
    bookmarkRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seriesView")
        self.series: list[Series] = []
        self.comparison: Comparison | None = None
        self.message = ""
        layout = QHBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list_model = QStandardItemModel(self)
        self.list_view = QListView(splitter)
        self.list_view.setObjectName("seriesList")
        self.list_view.setModel(self.list_model)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        right = QWidget(splitter)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(right)
        self.title.setObjectName("seriesTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.table_model = TextTableModel(self)
        self.table = QTableView(right)
        self.table.setObjectName("comparisonTable")
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Columns are fitted to the first rows, not to thousands of them.
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.conflicts = QLabel(right)
        self.conflicts.setObjectName("seriesConflicts")
        self.conflicts.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts.setWordWrap(True)
        self.chart = SeriesChart(right)
        buttons = QHBoxLayout()
        self.png_button = QPushButton(right)
        self.svg_button = QPushButton(right)
        self.csv_button = QPushButton(right)
        self.csv_button.setObjectName("seriesCsv")
        self.xlsx_button = QPushButton(right)
        self.xlsx_button.setObjectName("seriesXlsx")
        self.bookmark_button = QPushButton(right)
        self.bookmark_button.setObjectName("seriesBookmark")
        self.status = QLabel(right)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.bookmark_button)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.xlsx_button)
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.svg_button)
        column.addWidget(self.title)
        column.addWidget(self.table, 2)
        column.addWidget(self.conflicts)
        column.addWidget(self.chart, 3)
        column.addLayout(buttons)
        splitter.addWidget(self.list_view)
        splitter.addWidget(right)
        splitter.setSizes([260, 900])
        layout.addWidget(splitter)
        self.list_view.selectionModel().currentChanged.connect(self._series_chosen)
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.chart.passageRequested.connect(self.passageRequested)
        self.png_button.clicked.connect(lambda: self.export_chart("png"))
        self.svg_button.clicked.connect(lambda: self.export_chart("svg"))
        self.csv_button.clicked.connect(lambda: self.export_table("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export_table("xlsx"))
        self.bookmark_button.clicked.connect(self.request_bookmark)
        self.retranslate()

    def set_series(self, series: Sequence[Series], measure: str | None = None) -> None:
        """The series to offer (those across two or more articles); the first of
        ``measure`` is shown, or else the first of all."""
        self.series = list(series)
        with QSignalBlocker(self.list_view.selectionModel()):
            self.list_model.clear()
            for n, item_series in enumerate(self.series):
                text = self.tr("{measure}（{unit}）· {count} 篇").format(
                    measure=item_series.measure,
                    unit=item_series.unit,
                    count=len(item_series.articles),
                )
                item = QStandardItem(text)
                item.setData(n, SERIES_ROLE)
                self.list_model.appendRow(item)
        if self.series and not (measure and self.select_measure(measure)):
            self.show_series(0)

    def show_series(self, number: int) -> None:
        """Show the ``number``-th series."""
        index = self.list_model.index(number, 0)
        with QSignalBlocker(self.list_view.selectionModel()):  # shown once, here
            self.list_view.setCurrentIndex(index)
        self._show(self.series[number])

    def select_measure(self, measure: str) -> bool:
        """Show the first series of ``measure``; False when there is none."""
        for n, series in enumerate(self.series):
            if series.measure == measure:
                self.show_series(n)
                return True
        return False

    def _series_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show(self.series[int(current.data(SERIES_ROLE))])

    def _show(self, series: Series) -> None:
        self.comparison = compare(series)
        self._fill()
        self.chart.set_series(series)

    def _fill(self) -> None:
        headers = [
            self.tr("日期"),
            self.tr("数字"),
            self.tr("数值"),
            self.tr("变化"),
            self.tr("所指年份"),
            self.tr("文章"),
        ]
        comparison = self.comparison
        if comparison is None:
            self.table_model.set_rows(headers, 0, _no_row)
            self.title.setText("")
            self.conflicts.setText("")
            return
        series = comparison.series
        changes = {id(s.after): s for s in comparison.steps}

        def row(n: int) -> TextRow:
            point = series.points[n]
            step = changes.get(id(point))
            cells = (
                date_label(point.date, point.date_estimated),
                point.figure.text,
                format_amount(point.value, series.kind, series.unit),
                format_difference(step.difference, series.kind, series.unit) if step else "",
                str(point.period) if point.period is not None else "",
                point.article_title,
            )
            tip = plain_tooltip(point.sentence)
            return TextRow(
                cells, point.article_id, point.figure.start, point.figure.end, (tip,) * len(cells)
            )

        self.table_model.set_rows(headers, len(series.points), row)
        self.title.setText(
            self.tr("{measure}（{unit}）：{count} 个数字，{articles} 篇文章").format(
                measure=series.measure,
                unit=series.unit,
                count=len(series.points),
                articles=len(series.articles),
            )
        )
        lines = []
        for conflict in comparison.conflicts:
            values = "、".join(format_amount(v, series.kind, series.unit) for v in conflict.values)
            lines.append(
                self.tr("⚠ {articles} 篇文章给出的 {period} 年数字不同：{values}").format(
                    articles=len({r.article_id for r in conflict.rows}),
                    period=conflict.period,
                    values=values,
                )
            )
        self.conflicts.setText("\n".join(lines))
        self.conflicts.setVisible(bool(lines))
        for column in range(5):  # from the rows in view, once: not on every layout
            self.table.resizeColumnToContents(column)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.passageRequested.emit(
                str(index.data(text_table_model.ARTICLE_ID_ROLE)),
                int(index.data(text_table_model.START_ROLE)),
                int(index.data(text_table_model.END_ROLE)),
            )

    def export_chart(self, fmt: str) -> None:
        """Ask for a file name and save the chart as PNG or SVG."""
        pattern = self.tr("PNG 图片 (*.png)") if fmt == "png" else self.tr("SVG 图形 (*.svg)")
        name, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("导出图表"), f"series.{fmt}", pattern
        )
        if name:
            self.export_chart_to(Path(name), fmt)

    def export_chart_to(self, target: Path, fmt: str) -> bool:
        """Save the chart to ``target``; the outcome goes to ``message``."""
        from jining_archive.notes.destination import ExportError, write_export
        from jining_archive.ui.export_errors import describe_export_error

        data = self.chart.png_bytes() if fmt == "png" else self.chart.svg_bytes()
        try:
            write_export(target, data)
        except ExportError as exc:
            self.message = describe_export_error(exc)
            self.status.setText(self.message)
            return False
        self.message = self.tr("图表已保存到 {path}").format(path=str(target))
        self.status.setText(self.message)
        return True

    def export_table(self, fmt: str) -> None:
        """Ask for a file name and save the series shown, with its changes, as CSV or XLSX."""
        from jining_archive.ui.table_export import ask_table_file

        if self.comparison is None:
            return
        target = ask_table_file(self, fmt, "series")
        if target is not None:
            self.export_table_to(target, fmt)

    def export_table_to(self, target: Path, fmt: str) -> bool:
        """Save the series shown to ``target`` (the columns of ``SERIES_COLUMNS``); the
        outcome goes to ``message``."""
        from jining_archive.insight.tables import SERIES_COLUMNS, series_table
        from jining_archive.ui.table_export import save_table

        if self.comparison is None:
            return False
        rows = series_table([self.comparison])
        saved, self.message = save_table(target, fmt, SERIES_COLUMNS, rows, "series")
        self.status.setText(self.message)
        return saved

    def request_bookmark(self) -> None:
        """Ask for the series shown to be kept in the notes: its table, each row citing its
        article, and the chart as drawn (left out if its picture is too large to keep)."""
        from jining_archive.insight.snapshots import series_snapshot
        from jining_archive.notes.snapshot import SnapshotError

        if self.comparison is None:
            return
        try:
            snapshot = series_snapshot(self.comparison, self.chart.png_bytes())
        except SnapshotError:
            snapshot = series_snapshot(self.comparison)
        self.bookmarkRequested.emit(snapshot)

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.bookmark_button.setText(self.tr("加入笔记…"))
        self.bookmark_button.setToolTip(
            self.tr("把图表和这张表连同出处存为书签，导出笔记时一并列出")
        )
        self.png_button.setText(self.tr("导出 PNG…"))
        self.svg_button.setText(self.tr("导出 SVG…"))
        self.csv_button.setText(self.tr("导出 CSV…"))
        self.xlsx_button.setText(self.tr("导出 Excel…"))
        if self.series:
            current = self.list_view.currentIndex()
            self.set_series(self.series)
            if current.isValid():
                self.show_series(current.row())
        else:
            self._fill()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
