"""The archive tree: articles (title, date) → sections → subsections.

A thin QAbstractItemModel over a plain Python tree of :class:`TreeNode`, which
is built from the document model and holds only ids, titles and offsets.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from jining_archive.documents.model import Article, Section

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # None on article rows
OFFSET_ROLE = Qt.ItemDataRole.UserRole + 3  # where the row starts in Article.text
END_OFFSET_ROLE = Qt.ItemDataRole.UserRole + 4

TITLE_COLUMN = 0
DATE_COLUMN = 1
COLUMN_COUNT = 2

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class TreeNode:
    """One row: an article or a section."""

    article_id: str
    section_id: str | None
    title: str
    start: int
    end: int
    date: str = ""
    date_estimated: bool = False
    tooltip: str = ""
    parent: TreeNode | None = None
    children: list[TreeNode] = field(default_factory=list)
    row: int = 0

    def add(self, child: TreeNode) -> None:
        """Append ``child`` below this node."""
        child.parent = self
        child.row = len(self.children)
        self.children.append(child)


def _section_node(article_id: str, section: Section) -> TreeNode:
    node = TreeNode(article_id, section.id, section.title, section.start, section.end)
    for child in section.children:
        node.add(_section_node(article_id, child))
    return node


def build_tree(articles: Iterable[Article]) -> TreeNode:
    """The invisible root whose children are the articles, in the given order."""
    root = TreeNode("", None, "", 0, 0)
    for article in articles:
        tooltip = article.title + (f"\n{article.subtitle}" if article.subtitle else "")
        node = TreeNode(
            article.id,
            None,
            article.title,
            0,
            len(article.text),
            date=article.date,
            date_estimated=article.date_estimated,
            tooltip=tooltip,
        )
        for section in article.sections:
            node.add(_section_node(article.id, section))
        root.add(node)
    return root


class ArchiveTreeModel(QAbstractItemModel):
    """Articles and their sections; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = TreeNode("", None, "", 0, 0)
        self._article_rows: dict[str, TreeNode] = {}

    def set_articles(self, articles: Iterable[Article]) -> None:
        """Replace the whole tree."""
        self.beginResetModel()
        self._root = build_tree(articles)
        self._article_rows = {node.article_id: node for node in self._root.children}
        self.endResetModel()

    def _node(self, index: AnyIndex) -> TreeNode:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, TreeNode)
        return node

    # QAbstractItemModel interface

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of ``row``/``column`` below ``parent``."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """The parent of ``index`` (invalid for articles)."""
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Children of ``parent`` (only column 0 has children)."""
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Title and date."""
        return COLUMN_COUNT

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, tooltip and the custom roles."""
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == TITLE_COLUMN:
                return node.title
            if index.column() == DATE_COLUMN and node.section_id is None:
                if node.date_estimated and node.date:
                    return QCoreApplication.translate("ArchiveTreeModel", "约 {date}").format(
                        date=node.date
                    )
                return node.date
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips guess rich text; escape so a title is never read as HTML.
            text = node.tooltip or node.title
            return f"<p>{html.escape(text).replace(chr(10), '<br>')}</p>"
        if role == ARTICLE_ID_ROLE:
            return node.article_id
        if role == SECTION_ID_ROLE:
            return node.section_id
        if role == OFFSET_ROLE:
            return node.start
        if role == END_OFFSET_ROLE:
            return node.end
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
        if section == TITLE_COLUMN:
            return QCoreApplication.translate("ArchiveTreeModel", "标题")
        if section == DATE_COLUMN:
            return QCoreApplication.translate("ArchiveTreeModel", "日期")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable, enabled, not editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # Lookups

    def article_index(self, article_id: str) -> QModelIndex:
        """The row of an article (invalid if unknown)."""
        node = self._article_rows.get(article_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def section_index(self, article_id: str, section_id: str) -> QModelIndex:
        """The row of a section (invalid if unknown)."""
        article = self._article_rows.get(article_id)
        if article is None:
            return QModelIndex()
        stack = list(article.children)
        while stack:
            node = stack.pop()
            if node.section_id == section_id:
                return self.createIndex(node.row, 0, node)
            stack.extend(node.children)
        return QModelIndex()

    def retranslate(self) -> None:
        """Tell views the header and date texts changed language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        for node in self._root.children:
            index = self.createIndex(node.row, DATE_COLUMN, node)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
