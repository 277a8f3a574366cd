"""A two-level item model: groups at the top, items under each group.

The indexes carry their place in ``internalId``: 0 for a group row, and
``group row + 1`` for an item row, so no Python object has to be kept alive for
Qt. Subclasses provide ``rowCount``, ``columnCount`` and ``data``.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

AnyIndex = QModelIndex | QPersistentModelIndex


class GroupedItemModel(QAbstractItemModel):
    """Index and parent bookkeeping of a groups → items tree; see the module docstring."""

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a group row (no parent) or of an item row under a group."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0:
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """An item row's group; nothing for a group row."""
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)
