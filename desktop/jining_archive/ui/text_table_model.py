"""A read-only table of text cells whose every row points at a passage, for the
insight views' tables (a series report by report, a project's story).

The cells are made when the view asks for them (``data``), not up front: a measure
or a project reported in thousands of articles fills the table in one reset, where
a QStandardItemModel would build and keep an item per cell (about 30 µs each) on the
GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 70
START_ROLE = Qt.ItemDataRole.UserRole + 71
END_ROLE = Qt.ItemDataRole.UserRole + 72


@dataclass(frozen=True, slots=True)
class TextRow:
    """A row: its cells, the passage it comes from and the tooltip of each cell."""

    cells: tuple[str, ...]
    article_id: str
    start: int
    end: int
    tips: tuple[str, ...] = ()


class TextTableModel(QAbstractTableModel):
    """Rows of :class:`TextRow` made on demand; see the module docstring."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._count = 0
        self._row: Callable[[int], TextRow] = lambda n: TextRow((), "", 0, 0)
        self._cache: dict[int, TextRow] = {}
        self._alignments: dict[int, Qt.AlignmentFlag] = {}

    def set_rows(
        self,
        headers: Sequence[str],
        count: int,
        row: Callable[[int], TextRow],
        alignments: dict[int, Qt.AlignmentFlag] | None = None,
    ) -> None:
        """Show ``count`` rows; ``row(n)`` makes the n-th when it is first needed."""
        self.beginResetModel()
        self._headers = list(headers)
        self._count = count
        self._row = row
        self._cache = {}
        self._alignments = dict(alignments or {})
        self.endResetModel()

    def clear(self) -> None:
        """No rows (the headers stay)."""
        self.set_rows(self._headers, 0, self._row)

    def text_row(self, n: int) -> TextRow:
        """The n-th row (made now if it was not yet)."""
        made = self._cache.get(n)
        if made is None:
            made = self._cache[n] = self._row(n)
        return made

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The rows of the table."""
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """The columns of the headers."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text, its tooltip, its alignment and the passage roles."""
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = self.text_row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column] if column < len(row.cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tips[column] if column < len(row.tips) and row.tips[column] else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._alignments:
            return int(self._alignments[column])
        if role == ARTICLE_ID_ROLE:
            return row.article_id
        if role == START_ROLE:
            return row.start
        if role == END_ROLE:
            return row.end
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """The column names."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable, not editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
