"""The bookmarks as a two-level tree: groups (articles or tags) and the bookmarks in them.

:class:`BookmarksModel` is a thin adapter over a list of
:class:`~jining_archive.notes.model.Bookmark`; :class:`BookmarkFilterProxy`
filters it as the user types (quote, note, tags, label and article title,
folded so that full-width/ASCII and traditional/simplified forms match).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from jining_archive.documents.normalise import fold
from jining_archive.notes.model import Bookmark, TargetKind
from jining_archive.ui.grouped_model import AnyIndex, GroupedItemModel

BOOKMARK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
START_ROLE = Qt.ItemDataRole.UserRole + 3
END_ROLE = Qt.ItemDataRole.UserRole + 4
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 5
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 6
DETACHED_ROLE = Qt.ItemDataRole.UserRole + 7

TITLE_COLUMN, NOTE_COLUMN, TAGS_COLUMN = 0, 1, 2
COLUMN_COUNT = 3
PREVIEW_CHARS = 60


class Grouping(StrEnum):
    """How the bookmarks are grouped."""

    ARTICLE = "article"
    TAG = "tag"


def _tr(text: str) -> str:
    return QApplication.translate("BookmarksModel", text)


def bookmark_title(bookmark: Bookmark) -> str:
    """The one-line name of a bookmark in lists: its label or the start of its quote."""
    if bookmark.kind in (TargetKind.ARTICLE, TargetKind.SECTION) or not bookmark.quote:
        text = bookmark.label
    elif bookmark.kind == TargetKind.PASSAGE:
        text = bookmark.quote
    else:
        text = bookmark.label or bookmark.quote
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip Qt shows literally: escaped inside ``<qt>``, since Qt renders
    a tooltip that starts with something like a tag as rich text."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def note_preview(note: str) -> str:
    """The first line of a note, shortened."""
    first = next((line.strip() for line in note.splitlines() if line.strip()), "")
    return first if len(first) <= PREVIEW_CHARS else first[: PREVIEW_CHARS - 1] + "…"


class _Group:
    __slots__ = ("items", "key", "title")

    def __init__(self, key: str, title: str) -> None:
        self.key = key
        self.title = title
        self.items: list[Bookmark] = []


class BookmarksModel(GroupedItemModel):
    """Groups of bookmarks; see the module docstring.

    Group rows have internal id 0; a bookmark row's internal id is its group's row + 1.
    """

    def __init__(
        self, article_title: Callable[[str], str] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._article_title = article_title or (lambda article_id: article_id)
        self._bookmarks: list[Bookmark] = []
        self._grouping = Grouping.ARTICLE
        self._groups: list[_Group] = []

    # Content

    def set_bookmarks(self, bookmarks: list[Bookmark]) -> None:
        """Show these bookmarks (in the order given within each group)."""
        self.beginResetModel()
        self._bookmarks = list(bookmarks)
        self._regroup()
        self.endResetModel()

    def set_grouping(self, grouping: Grouping | str) -> None:
        """Group by article or by tag."""
        grouping = Grouping(grouping)
        if grouping == self._grouping:
            return
        self.beginResetModel()
        self._grouping = grouping
        self._regroup()
        self.endResetModel()

    @property
    def grouping(self) -> Grouping:
        """The current grouping."""
        return self._grouping

    def bookmarks(self) -> list[Bookmark]:
        """All bookmarks shown."""
        return list(self._bookmarks)

    def _regroup(self) -> None:
        groups: dict[str, _Group] = {}
        untagged = _Group("", _tr("(无标签)"))
        for bookmark in self._bookmarks:
            if self._grouping == Grouping.ARTICLE:
                key = bookmark.article_id
                if key not in groups:
                    # Insights belong to no one article: they have a group of their own.
                    title = self._article_title(key) if key else _tr("跨文章洞察")
                    groups[key] = _Group(key, title)
                groups[key].items.append(bookmark)
                continue
            if not bookmark.tags:
                untagged.items.append(bookmark)
            for tag in bookmark.tags:
                if tag not in groups:
                    groups[tag] = _Group(tag, tag)
                groups[tag].items.append(bookmark)
        ordered = list(groups.values())
        if self._grouping == Grouping.TAG:
            ordered.sort(key=lambda g: g.key)
            if untagged.items:
                ordered.append(untagged)
        self._groups = ordered

    def bookmark_at(self, index: AnyIndex) -> Bookmark | None:
        """The bookmark of a row (None for a group row)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group.items[index.row()]

    def indexes_of(self, bookmark_id: int) -> list[QModelIndex]:
        """Every row showing this bookmark (one per tag when grouped by tag)."""
        found = []
        for g, group in enumerate(self._groups):
            for r, bookmark in enumerate(group.items):
                if bookmark.id == bookmark_id:
                    found.append(self.createIndex(r, 0, g + 1))
        return found

    # QAbstractItemModel

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Groups at the top, bookmarks under a group."""
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._groups[parent.row()].items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Title, note preview, tags."""
        return COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [_tr("书签"), _tr("笔记"), _tr("标签")][section] if 0 <= section < 3 else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable and enabled."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, tooltips and the custom roles of a row."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self._groups[index.row()], index.column(), role)
        bookmark = self.bookmark_at(index)
        return None if bookmark is None else self._bookmark_data(bookmark, index.column(), role)

    def _group_data(self, group: _Group, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == TITLE_COLUMN:
            return f"{group.title} ({len(group.items)})"
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE_COLUMN:
            return plain_tooltip(group.title)
        if role == IS_GROUP_ROLE:
            return True
        if role == ARTICLE_ID_ROLE and self._grouping == Grouping.ARTICLE:
            return group.key
        if role == Qt.ItemDataRole.FontRole and column == TITLE_COLUMN:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _bookmark_data(self, b: Bookmark, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE_COLUMN:
                prefix = "⚠ " if b.is_detached else ""
                return f"{prefix}[{_tr(b.kind.label_zh)}] {bookmark_title(b)}"
            if column == NOTE_COLUMN:
                return note_preview(b.note)
            if column == TAGS_COLUMN:
                return "、".join(b.tags)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if b.snapshot is not None:
                lines = [b.snapshot.summary()]
                lines += [self._article_title(a) for a in b.snapshot.article_ids()[:10]]
            else:
                lines = [self._article_title(b.article_id)]
            if b.quote:
                lines.append(f"“{b.quote}”")
            if b.note:
                lines.append(b.note)
            if b.is_detached:
                lines.append(_tr("原文已改动，未能重新定位此书签"))
            # Escaped: Qt would render a note or title that starts with a tag as HTML.
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.ForegroundRole and b.is_detached:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == BOOKMARK_ID_ROLE:
            return b.id
        if role == ARTICLE_ID_ROLE:
            return b.article_id
        if role == START_ROLE:
            return b.anchor.start if b.anchor else None
        if role == END_ROLE:
            return b.anchor.end if b.anchor else None
        if role == DETACHED_ROLE:
            return b.is_detached
        if role == IS_GROUP_ROLE:
            return False
        if role == SEARCH_TEXT_ROLE:
            parts = [b.label, b.quote, b.note, *b.tags, self._article_title(b.article_id)]
            if b.snapshot is not None:
                parts.append(b.snapshot.summary())
            return fold("\n".join(parts))
        return None


class BookmarkFilterProxy(QSortFilterProxyModel):
    """Keeps the bookmarks whose text contains every typed word; groups follow their rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        """Filter by ``text`` (space-separated words, all must match; empty shows all)."""
        words = fold(text).split()
        if words == self._words:
            return
        # Qt 6.10 replaced invalidateRowsFilter() by a begin/end pair.
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            self._words = words
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        """A bookmark row matches when its search text holds every word."""
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if not self._words:
            return True
        if index.data(IS_GROUP_ROLE):
            return False  # shown when one of its bookmarks matches (recursive filtering)
        text = index.data(SEARCH_TEXT_ROLE) or ""
        return all(word in text for word in self._words)
