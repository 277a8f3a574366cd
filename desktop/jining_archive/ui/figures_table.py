"""Every figure of the archive in one table, filtered by kind, year, measure and text.

The rows come from ``insight.figure_rows`` (built off the GUI thread); the model
(``archive_figures_model``) filters and sorts them and hands them to the view a
screenful at a time. Typing in the text or measure field filters after a short
pause. A double-click (or Enter) opens the figure's passage in the reader.

Signals:
    passageRequested(str, int, int): open this article at these offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jining_archive.insight import FigureFilter, FigureRow
from jining_archive.insight.table import FigureTable
from jining_archive.ui import archive_figures_model as model_module
from jining_archive.ui.archive_figures_model import ArchiveFiguresModel
from jining_archive.ui.figures_model import FIGURE_KINDS, kind_label

#: Milliseconds of no typing before the text filter applies.
FILTER_DELAY_MS = 250


class FiguresTable(QWidget):
    """The archive's figures; see the module docstring."""

    passageRequested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archiveFigures")
        self.model = ArchiveFiguresModel(self)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.kind_label = QLabel(self)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setObjectName("insightKind")
        self.kind_label.setBuddy(self.kind_filter)
        self.year_label = QLabel(self)
        self.year_filter = QComboBox(self)
        self.year_filter.setObjectName("insightYear")
        self.year_label.setBuddy(self.year_filter)
        self.source_label = QLabel(self)
        self.source_filter = QComboBox(self)
        self.source_filter.setObjectName("insightSource")
        self.source_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.source_label.setBuddy(self.source_filter)
        self.measure_field = QLineEdit(self)
        self.measure_field.setObjectName("insightMeasure")
        self.measure_field.setClearButtonEnabled(True)
        self.text_field = QLineEdit(self)
        self.text_field.setObjectName("insightText")
        self.text_field.setClearButtonEnabled(True)
        self.csv_button = QPushButton(self)
        self.xlsx_button = QPushButton(self)
        for widget in (self.kind_label, self.kind_filter, self.year_label, self.year_filter,
                       self.source_label, self.source_filter):  # fmt: skip
            bar.addWidget(widget)
        bar.addWidget(self.measure_field, 1)
        bar.addWidget(self.text_field, 2)
        bar.addWidget(self.csv_button)
        bar.addWidget(self.xlsx_button)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("insightCount")
        self.view = QTableView(self)
        self.view.setObjectName("insightFiguresTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures rows it has not shown.
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(model_module.VALUE_COLUMN, Qt.SortOrder.DescendingOrder)
        layout.addLayout(bar)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        self.message = ""  # the last export's outcome, for the status line

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.kind_filter.currentIndexChanged.connect(self.apply_filter)
        self.year_filter.currentIndexChanged.connect(self.apply_filter)
        self.source_filter.currentIndexChanged.connect(self.apply_filter)
        self.measure_field.textChanged.connect(self._timer.start)
        self.text_field.textChanged.connect(self._timer.start)
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)
        self._years: list[int] = []
        self._sources: list[str] = []
        self.retranslate()

    def set_table(self, table: FigureTable) -> None:
        """Show the rows of ``table``; the year list follows their articles."""
        self._years = table.years
        self._sources = table.sources
        self._fill_years()
        self._fill_sources()
        self.model.set_table(table)
        self._fit_columns()

    def set_rows(self, rows: Sequence[FigureRow]) -> None:
        """Show these rows (the table is prepared here: for short lists)."""
        self.set_table(FigureTable(rows))

    def _fit_columns(self) -> None:
        header = self.view.horizontalHeader()
        for column in range(model_module.COLUMN_COUNT - 1):
            self.view.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), 260))

    def current_filter(self) -> FigureFilter:
        """The filter the controls describe."""
        year = self.year_filter.currentData()
        return FigureFilter(
            kind=self.kind_filter.currentData() or "",
            measure=self.measure_field.text().strip(),
            year=int(year) if year else None,
            source=self.source_filter.currentData() or "",
            text=self.text_field.text().strip(),
        )

    def apply_filter(self) -> None:
        """Apply the controls' filter now (typing waits FILTER_DELAY_MS first)."""
        self._timer.stop()
        self.model.set_filter(self.current_filter())

    def rows_shown(self) -> list[FigureRow]:
        """Every row that passes the filter, in the table's order (fetched or not)."""
        return [self.model.row(n) for n in range(self.model.total)] if self.model.total else []

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.passageRequested.emit(
            str(index.data(model_module.ARTICLE_ID_ROLE)),
            int(index.data(model_module.START_ROLE)),
            int(index.data(model_module.END_ROLE)),
        )

    def export(self, fmt: str) -> None:
        """Ask for a file name and save the rows that pass the filter as CSV or XLSX."""
        if fmt == "csv":
            title, pattern = self.tr("导出为 CSV"), self.tr("CSV 文件 (*.csv)")
        else:
            title, pattern = self.tr("导出为 Excel"), self.tr("Excel 工作簿 (*.xlsx)")
        name, _chosen = QFileDialog.getSaveFileName(self, title, f"figures.{fmt}", pattern)
        if name:
            self.export_to(Path(name), fmt)

    def export_to(self, target: Path, fmt: str) -> bool:
        """Save the filtered rows to ``target``; the outcome goes to ``message``."""
        from jining_archive.insight.tables import render_csv, render_xlsx
        from jining_archive.notes.destination import ExportError, write_export
        from jining_archive.ui.export_errors import describe_export_error

        if fmt == "xlsx" and target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        rows = self.rows_shown()
        data = render_csv(rows) if fmt == "csv" else render_xlsx(rows)
        try:
            write_export(target, data)
        except ExportError as exc:
            self.message = describe_export_error(exc)
            self.count_label.setText(self.message)
            return False
        self.message = self.tr("已将 {count} 个数字导出到 {path}").format(
            count=len(rows), path=str(target)
        )
        self.count_label.setText(self.message)
        return True

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("共 {total} 个数字，已显示 {shown} 个").format(
                total=self.model.total, shown=self.model.rowCount()
            )
        )

    def _fill_years(self) -> None:
        current = self.year_filter.currentData()
        with QSignalBlocker(self.year_filter):
            self.year_filter.clear()
            self.year_filter.addItem(self.tr("全部"), 0)
            for year in self._years:
                self.year_filter.addItem(str(year), year)
            self.year_filter.setCurrentIndex(max(self.year_filter.findData(current), 0))

    def _fill_sources(self) -> None:
        current = self.source_filter.currentData()
        with QSignalBlocker(self.source_filter):
            self.source_filter.clear()
            self.source_filter.addItem(self.tr("全部"), "")
            for source in self._sources:
                self.source_filter.addItem(source, source)
            self.source_filter.setCurrentIndex(max(self.source_filter.findData(current), 0))

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.kind_label.setText(self.tr("类型："))
        self.year_label.setText(self.tr("年份："))
        self.source_label.setText(self.tr("来源："))
        self.measure_field.setPlaceholderText(self.tr("指标（如 世界500强企业）"))
        self.text_field.setPlaceholderText(self.tr("在原句和标题中查找"))
        self.csv_button.setText(self.tr("导出 CSV…"))
        self.xlsx_button.setText(self.tr("导出 Excel…"))
        current = self.kind_filter.currentData() or ""
        with QSignalBlocker(self.kind_filter):
            self.kind_filter.clear()
            self.kind_filter.addItem(self.tr("全部"), "")
            for kind in FIGURE_KINDS:
                self.kind_filter.addItem(kind_label(kind), kind)
            self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(current), 0))
        self._fill_years()
        self._fill_sources()
        self.model.retranslate()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
