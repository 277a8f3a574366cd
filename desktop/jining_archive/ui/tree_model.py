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
from jining_archive.library import paused_gc
from jining_archive.ui.dates import estimate_reason, estimated_date

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # None on article rows
OFFSET_ROLE = Qt.ItemDataRole.UserRole + 3  # where the row starts in Article.text
END_OFFSET_ROLE = Qt.ItemDataRole.UserRole + 4

TITLE_COLUMN = 0
DATE_COLUMN = 1
COLUMN_COUNT = 2
#: Every row's flags, made once: expanding the tree asks for them row by row.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

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
    date_note: str = ""  # why the date is an estimate
    #: On a repost's row: the source shown as "转载：source" in the interface language.
    repost_source: str | None = None
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


#: How the tree groups articles: not at all, by year, or by source.
GROUPINGS = ("none", "year", "source")


def _article_node(article: Article, title: str | None = None) -> TreeNode:
    tooltip = article.title + (f"\n{article.subtitle}" if article.subtitle else "")
    if article.source:
        tooltip += f"\n{article.source}"
    node = TreeNode(
        article.id,
        None,
        title or article.title,
        0,
        article.text_length,
        date=article.date,
        date_estimated=article.date_estimated,
        date_note=article.date_note,
        tooltip=tooltip,
    )
    for section in article.sections:
        node.add(_section_node(article.id, section))
    return node


def build_tree(articles: Iterable[Article], grouping: str = "none") -> TreeNode:
    """The invisible root: articles in the given order, or groups of them (by year or
    source; group rows have no article id). A repost is listed below the article it
    repeats, by its source, not as an article of its own."""
    root = TreeNode("", None, "", 0, 0)
    articles = list(articles)
    known = {a.id for a in articles}
    reposts: dict[str, list[Article]] = {}
    for article in articles:
        if article.repost_of and article.repost_of in known:
            reposts.setdefault(article.repost_of, []).append(article)
    groups: dict[str, TreeNode] = {}
    for article in articles:
        if article.repost_of and article.repost_of in known:
            continue
        node = _article_node(article)
        for copy in reposts.get(article.id, []):
            repost = _article_node(copy)
            repost.repost_source = copy.source or copy.title
            repost.tooltip = f"{copy.title}\n{copy.source}\n{copy.path}".rstrip()
            node.add(repost)
        parent = root
        if grouping in ("year", "source"):
            key = (
                (str(article.year) if article.year else "")
                if grouping == "year"
                else article.source
            )
            parent = groups.get(key)  # type: ignore[assignment]
            if parent is None:
                parent = TreeNode("", None, key, 0, 0, tooltip=key)
                groups[key] = parent
        parent.add(node)
    if groups:
        ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
        for key, group in ordered:
            group.title = key
            root.add(group)
    return root


class ArchiveTreeModel(QAbstractItemModel):
    """Articles and their sections; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = TreeNode("", None, "", 0, 0)
        self._article_rows: dict[str, TreeNode] = {}
        self._articles: list[Article] = []
        self.grouping = "none"

    def set_articles(self, articles: Iterable[Article], grouping: str | None = None) -> None:
        """Replace the whole tree (``grouping``: one of GROUPINGS; default: unchanged)."""
        self._articles = list(articles)
        if grouping in GROUPINGS:
            self.grouping = grouping
        self.beginResetModel()
        with paused_gc():  # a node for every article and section, made at once
            self._root = build_tree(self._articles, self.grouping)
        self._article_rows = {}
        stack = list(self._root.children)
        while stack:
            node = stack.pop()
            if node.section_id is None:
                if node.article_id:
                    self._article_rows[node.article_id] = node
                stack.extend(node.children)
        self.endResetModel()

    def set_grouping(self, grouping: str) -> None:
        """Group the same articles another way."""
        if grouping in GROUPINGS and grouping != self.grouping:
            self.set_articles(self._articles, grouping)

    @staticmethod
    def is_group(index: AnyIndex) -> bool:
        """Whether ``index`` is a group row (a year or a source), not an article or section."""
        node = index.internalPointer() if index.isValid() else None
        return isinstance(node, TreeNode) and not node.article_id

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
                if not node.article_id and not node.title:  # a group of unknown year/source
                    return QCoreApplication.translate("ArchiveTreeModel", "（未知）")
                if node.repost_source is not None:
                    return QCoreApplication.translate("ArchiveTreeModel", "转载：{source}").format(
                        source=node.repost_source
                    )
                return node.title
            if index.column() == DATE_COLUMN and node.section_id is None:
                if node.date_estimated and node.date:
                    return estimated_date(node.date)
                return node.date
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if not node.article_id:
                return None
            # Tooltips guess rich text; escape so a title is never read as HTML.
            text = node.tooltip or node.title
            if node.date_estimated and node.date and node.section_id is None:
                text += "\n" + estimate_reason(node.date_note)
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
        return _ROW_FLAGS

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
        # Dates, group and repost labels are at every depth: repaint them all.
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()
