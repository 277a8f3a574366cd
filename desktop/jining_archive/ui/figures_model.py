"""The Figures tab: a table of one article's figures, sortable and filtered by kind and section."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from jining_archive.extraction import KINDS, Figure
from jining_archive.ui.annotations import figure_key

FIGURE_KEY_ROLE = Qt.ItemDataRole.UserRole + 10
START_ROLE = Qt.ItemDataRole.UserRole + 11
END_ROLE = Qt.ItemDataRole.UserRole + 12
KIND_ROLE = Qt.ItemDataRole.UserRole + 13
SORT_ROLE = Qt.ItemDataRole.UserRole + 14

TEXT_COLUMN, KIND_COLUMN, VALUE_COLUMN, UNIT_COLUMN, MEASURE_COLUMN = range(5)
COLUMN_COUNT = 5

AnyIndex = QModelIndex | QPersistentModelIndex

# The extraction's kinds, in the order the filter lists them.
FIGURE_KINDS = KINDS


def kind_label(kind: str) -> str:
    """The name of a figure kind in the interface language."""
    labels = {
        "money": QCoreApplication.translate("figures", "金额"),
        "percent": QCoreApplication.translate("figures", "百分比"),
        "count": QCoreApplication.translate("figures", "数量"),
        "area": QCoreApplication.translate("figures", "面积"),
        "length": QCoreApplication.translate("figures", "长度"),
        "weight": QCoreApplication.translate("figures", "重量"),
        "power": QCoreApplication.translate("figures", "功率"),
        "speed": QCoreApplication.translate("figures", "速度"),
        "duration": QCoreApplication.translate("figures", "时长"),
        "rank": QCoreApplication.translate("figures", "排名"),
        "date": QCoreApplication.translate("figures", "日期"),
        "other": QCoreApplication.translate("figures", "其他"),
    }
    return labels.get(kind, kind)


def format_value(value: Any, kind: str = "") -> str:
    """A figure's normalised value for display (grouped digits, no needless decimals).

    Years (dates) are shown without digit grouping: 2026, not 2,026.
    """
    if value is None:
        return ""
    if kind == "date" and isinstance(value, int | float) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    locale = QLocale()
    if isinstance(value, float) and not value.is_integer():
        return locale.toString(value, "f", 6).rstrip("0").rstrip(locale.decimalPoint())
    if abs(value) >= 2**63:
        return f"{value:.6g}"
    return locale.toString(int(value))


def _sort_value(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return -math.inf


class FiguresModel(QAbstractTableModel):
    """The figures of one article (a short list: no lazy fetching needed)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._figures: list[Figure] = []

    def set_figures(self, figures: list[Figure]) -> None:
        """Show these figures (Figure objects from the extraction)."""
        self.beginResetModel()
        self._figures = list(figures)
        self.endResetModel()

    def figure(self, row: int) -> Figure:
        """The Figure shown in ``row``."""
        return self._figures[row]

    def row_of(self, key: str) -> int:
        """The row of the figure with this key (-1 if not shown)."""
        for row, figure in enumerate(self._figures):
            if figure_key(figure) == key:
                return row
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of figures (no children)."""
        return 0 if parent.isValid() else len(self._figures)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Text, kind, value, unit, measure."""
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text and the custom roles."""
        if not index.isValid() or index.row() >= len(self._figures):
            return None
        figure = self._figures[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TEXT_COLUMN:
                return figure.text
            if column == KIND_COLUMN:
                return kind_label(figure.kind)
            if column == VALUE_COLUMN:
                return format_value(figure.value, figure.kind)
            if column == UNIT_COLUMN:
                return figure.unit or ""
            if column == MEASURE_COLUMN:
                return figure.measure or ""
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            if column == TEXT_COLUMN:
                return figure.start
            if column == VALUE_COLUMN:
                return _sort_value(figure.value)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == FIGURE_KEY_ROLE:
            return figure_key(figure)
        if role == START_ROLE:
            return figure.start
        if role == END_ROLE:
            return figure.end
        if role == KIND_ROLE:
            return figure.kind
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
            TEXT_COLUMN: QCoreApplication.translate("FiguresModel", "数字"),
            KIND_COLUMN: QCoreApplication.translate("FiguresModel", "类型"),
            VALUE_COLUMN: QCoreApplication.translate("FiguresModel", "数值"),
            UNIT_COLUMN: QCoreApplication.translate("FiguresModel", "单位"),
            MEASURE_COLUMN: QCoreApplication.translate("FiguresModel", "指标"),
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
        if self._figures:
            top = self.index(0, KIND_COLUMN)
            bottom = self.index(len(self._figures) - 1, KIND_COLUMN)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])


class SpanFilterProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE and keeps rows within an article range (the selected section)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self._range: tuple[int, int] | None = None

    def set_range(self, span: tuple[int, int] | None) -> None:
        """Keep only rows starting inside ``span`` (None: everything)."""
        if span == self._range:
            return
        self._change_filter(lambda: setattr(self, "_range", span))

    def _change_filter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() by a begin/end pair.
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def in_range(self, source_row: int, source_parent: AnyIndex) -> bool:
        """Whether the row's start offset lies in the range."""
        if self._range is None:
            return True
        start = self.sourceModel().index(source_row, 0, source_parent).data(START_ROLE)
        return start is not None and self._range[0] <= int(start) < self._range[1]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        """Rows inside the range."""
        return self.in_range(source_row, source_parent)


class FigureFilterProxy(SpanFilterProxy):
    """The figures table's proxy: the section range plus a kind filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind = ""

    @property
    def kind(self) -> str:
        """The kind shown ("" for all)."""
        return self._kind

    def set_kind(self, kind: str) -> None:
        """Show only figures of ``kind`` ("" for all)."""
        if kind == self._kind:
            return
        self._change_filter(lambda: setattr(self, "_kind", kind))

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        """Rows of the chosen kind inside the range."""
        if self._kind:
            kind = self.sourceModel().index(source_row, 0, source_parent).data(KIND_ROLE)
            if kind != self._kind:
                return False
        return self.in_range(source_row, source_parent)
