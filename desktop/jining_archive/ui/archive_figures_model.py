"""The figures of the whole archive as a table model that fetches its rows lazily.

The rows come prepared as an ``insight.table.FigureTable``, built off the GUI thread
with every sort order and search text made in advance; the model asks it for the
row indices a filter and an order keep, and hands the view a screenful at a time
(``canFetchMore``/``fetchMore``), so 100,000 figures never build 100,000 items.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from jining_archive.insight import FigureFilter, FigureRow
from jining_archive.insight.amounts import format_amount
from jining_archive.insight.table import FigureTable
from jining_archive.ui.dates import estimated_date, format_date
from jining_archive.ui.figures_model import kind_label

AnyIndex = QModelIndex | QPersistentModelIndex

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 40
START_ROLE = Qt.ItemDataRole.UserRole + 41
END_ROLE = Qt.ItemDataRole.UserRole + 42

(TEXT_COLUMN, KIND_COLUMN, VALUE_COLUMN, MEASURE_COLUMN, QUALIFIER_COLUMN, PERIOD_COLUMN,
 DATE_COLUMN, ARTICLE_COLUMN, SENTENCE_COLUMN) = range(9)  # fmt: skip
COLUMN_COUNT = 9
#: Rows handed to the view at a time.
BATCH = 200


def date_label(date: str, estimated: bool) -> str:
    """An article date in the interface language, marked 约 when it was estimated."""
    shown = format_date(date)
    return estimated_date(shown) if estimated and date else shown


#: The table's sort key of each column.
COLUMN_KEYS = ("position", "kind", "value", "measure", "qualifier", "period", "date", "article",
               "sentence")  # fmt: skip


class ArchiveFiguresModel(QAbstractTableModel):
    """Every figure of the archive; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = FigureTable([])
        self._visible: list[int] = []
        self._shown = 0
        self._filter = FigureFilter()
        self._sort = (VALUE_COLUMN, Qt.SortOrder.DescendingOrder)

    # -- contents ---------------------------------------------------------------------

    def set_table(self, table: FigureTable) -> None:
        """Show the rows of ``table`` (built off the GUI thread)."""
        self.beginResetModel()
        self._table = table
        self._visible = self._select()
        self._shown = min(BATCH, len(self._visible))
        self.endResetModel()

    def set_rows(self, rows: Sequence[FigureRow]) -> None:
        """Show these rows (prepares the table here: for short lists and tests)."""
        self.set_table(FigureTable(rows))

    def set_filter(self, wanted: FigureFilter) -> None:
        """Keep only the rows ``wanted`` keeps."""
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._visible = self._select()
        self._shown = min(BATCH, len(self._visible))
        self.endResetModel()

    @property
    def filter(self) -> FigureFilter:
        """The filter in force."""
        return self._filter

    @property
    def total(self) -> int:
        """How many rows pass the filter (shown or still to fetch)."""
        return len(self._visible)

    def row(self, row: int) -> FigureRow:
        """The FigureRow shown in ``row``."""
        return self._table.rows[self._visible[row]]

    def _select(self) -> list[int]:
        column, order = self._sort
        key = COLUMN_KEYS[column] if 0 <= column < COLUMN_COUNT else "position"
        return self._table.select(self._filter, key, order == Qt.SortOrder.DescendingOrder)

    # -- QAbstractTableModel ----------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (by value, descending: largest first within each kind and unit,
        the kinds in their usual order either way)."""
        if (column, order) == self._sort:
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._visible = self._select()
        self._shown = min(max(self._shown, BATCH), len(self._visible))
        self.layoutChanged.emit()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The rows fetched so far."""
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Figure, kind, value, measure, qualifier, period, date, article, sentence."""
        return 0 if parent.isValid() else COLUMN_COUNT

    def canFetchMore(self, parent: AnyIndex) -> bool:
        """Whether rows that pass the filter are still to be shown."""
        return not parent.isValid() and self._shown < len(self._visible)

    def fetchMore(self, parent: AnyIndex) -> None:
        """Show the next BATCH rows."""
        if parent.isValid():
            return
        more = min(BATCH, len(self._visible) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, tooltips and the custom roles."""
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self.row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (SENTENCE_COLUMN, TEXT_COLUMN):
                return row.sentence
            if column == ARTICLE_COLUMN:
                return row.article_title
            if column == MEASURE_COLUMN and row.measure_from == "counted":
                return QCoreApplication.translate("ArchiveFiguresModel", "所计数的对象")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (VALUE_COLUMN, PERIOD_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ARTICLE_ID_ROLE:
            return row.article_id
        if role == START_ROLE:
            return row.figure.start
        if role == END_ROLE:
            return row.figure.end
        return None

    def _display(self, row: FigureRow, column: int) -> str | None:
        f = row.figure
        if column == TEXT_COLUMN:
            return f.text
        if column == KIND_COLUMN:
            return kind_label(f.kind)
        if column == VALUE_COLUMN:
            return format_amount(f.value, f.kind, f.unit)
        if column == MEASURE_COLUMN:
            return row.measure or ""
        if column == QUALIFIER_COLUMN:
            return f.qualifier or ""
        if column == PERIOD_COLUMN:
            return str(row.period) if row.period is not None else ""
        if column == DATE_COLUMN:
            return date_label(row.date, row.date_estimated)
        if column == ARTICLE_COLUMN:
            return row.article_title
        if column == SENTENCE_COLUMN:
            return row.sentence.replace("\n", " ")
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            TEXT_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "数字"),
            KIND_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "类型"),
            VALUE_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "数值"),
            MEASURE_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "指标"),
            QUALIFIER_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "限定"),
            PERIOD_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "所指年份"),
            DATE_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "日期"),
            ARTICLE_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "文章"),
            SENTENCE_COLUMN: QCoreApplication.translate("ArchiveFiguresModel", "原句"),
        }
        return titles.get(section)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable, enabled."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def retranslate(self) -> None:
        """Tell views the headers and kind names changed language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, COLUMN_COUNT - 1))
