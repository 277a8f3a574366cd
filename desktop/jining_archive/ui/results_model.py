"""Search results grouped by article: article rows with their hits as children.

The model keeps the SearchResults object and integer row ids only; row data
is read from the hit when a view asks for it, and rows are handed to views in
batches (``canFetchMore``/``fetchMore``) so a query with thousands of hits
opens at once.

Internal ids: an article row has id 0, a hit row has id ``group + 1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)

from jining_archive.ui.grouped_model import AnyIndex, GroupedItemModel

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 30
START_ROLE = Qt.ItemDataRole.UserRole + 31  # first match of a hit (article offsets)
END_ROLE = Qt.ItemDataRole.UserRole + 32
IS_GROUP_ROLE = Qt.ItemDataRole.UserRole + 33
SECTION_TITLE_ROLE = Qt.ItemDataRole.UserRole + 34
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 35
SNIPPET_SPANS_ROLE = Qt.ItemDataRole.UserRole + 36
HIT_COUNT_ROLE = Qt.ItemDataRole.UserRole + 37

GROUP_BATCH = 50
HIT_BATCH = 50


@dataclass
class ResultGroup:
    """One article of the results: its hits, in rank order, and how many views were given."""

    article_id: str
    title: str
    hits: list[Any]
    fetched: int = 0


@dataclass
class _State:
    groups: list[ResultGroup] = field(default_factory=list)
    fetched_groups: int = 0


def group_hits(results: Any) -> list[ResultGroup]:
    """Groups from ``SearchResults.by_article()`` (a mapping or a list of pairs)."""
    grouped = results.by_article()
    pairs = grouped.items() if hasattr(grouped, "items") else grouped
    groups = []
    for article_id, hits in pairs:
        hits = list(hits)
        if hits:
            groups.append(ResultGroup(article_id, hits[0].article_title, hits))
    return groups


class SearchResultsModel(GroupedItemModel):
    """The results of one query; see the module docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = _State()
        self.query = ""
        self.total = 0

    def set_results(self, results: Any, query: str) -> None:
        """Show ``results`` (a SearchResults) for ``query``."""
        self.beginResetModel()
        self._state = _State(groups=group_hits(results))
        self.query = query
        self.total = int(results.total)
        self.endResetModel()

    def clear(self) -> None:
        """Show nothing."""
        self.beginResetModel()
        self._state = _State()
        self.query = ""
        self.total = 0
        self.endResetModel()

    @property
    def groups(self) -> list[ResultGroup]:
        """Every group, fetched or not (for next/previous match)."""
        return self._state.groups

    def hit_count(self) -> int:
        """Hits held by the model (all groups)."""
        return sum(len(g.hits) for g in self._state.groups)

    def hit(self, index: AnyIndex) -> Any | None:
        """The Hit of a hit row (None for article rows)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._state.groups[index.internalId() - 1]
        return group.hits[index.row()]

    # Lazy fetching

    def canFetchMore(self, parent: AnyIndex) -> bool:
        """Whether more groups (or more hits of a group) are waiting."""
        state = self._state
        if not parent.isValid():
            return state.fetched_groups < len(state.groups)
        if parent.internalId() != 0:
            return False
        group = state.groups[parent.row()]
        return group.fetched < len(group.hits)

    def fetchMore(self, parent: AnyIndex) -> None:
        """Hand the next batch of groups or hits to the views."""
        state = self._state
        if not parent.isValid():
            first = state.fetched_groups
            last = min(first + GROUP_BATCH, len(state.groups)) - 1
            if last < first:
                return
            self.beginInsertRows(QModelIndex(), first, last)
            state.fetched_groups = last + 1
            self.endInsertRows()
            return
        if parent.internalId() != 0:
            return
        group = state.groups[parent.row()]
        first = group.fetched
        last = min(first + HIT_BATCH, len(group.hits)) - 1
        if last < first:
            return
        self.beginInsertRows(parent, first, last)
        group.fetched = last + 1
        self.endInsertRows()

    def fetch_all_for(self, group_row: int, hit_row: int) -> None:
        """Make sure group ``group_row`` and its hit ``hit_row`` are fetched."""
        while self._state.fetched_groups <= group_row and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
        parent = self.index(group_row, 0)
        while parent.isValid() and self._state.groups[group_row].fetched <= hit_row:
            if not self.canFetchMore(parent):
                break
            self.fetchMore(parent)

    # QAbstractItemModel interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Fetched groups at the top; fetched hits below a group."""
        if not parent.isValid():
            return self._state.fetched_groups
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return self._state.groups[parent.row()].fetched

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        """Groups have hits (fetched or not)."""
        if not parent.isValid():
            return bool(self._state.groups)
        if parent.column() != 0 or parent.internalId() != 0:
            return False
        return bool(self._state.groups[parent.row()].hits)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """One column."""
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text of group and hit rows, and the custom roles."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self._state.groups[index.row()], role)
        group = self._state.groups[index.internalId() - 1]
        return self._hit_data(group, group.hits[index.row()], role)

    def _group_data(self, group: ResultGroup, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SearchResultsModel", "{title}（{count} 段）").format(
                title=group.title, count=len(group.hits)
            )
        if role == ARTICLE_ID_ROLE:
            return group.article_id
        if role == IS_GROUP_ROLE:
            return True
        if role == HIT_COUNT_ROLE:
            return len(group.hits)
        if role in (START_ROLE, END_ROLE):
            first = _first_match(group.hits[0])
            return first[0] if role == START_ROLE else first[1]
        return None

    @staticmethod
    def _where(hit: Any) -> str:
        """The hit's section, and how many reposts repeat the passage. A heading's own
        hit leaves its section out: the snippet is that very title."""
        section = hit.section_title or ""
        if getattr(hit, "kind", "") in ("heading", "title", "subtitle") and (
            hit.snippet_text.strip("… ") == section.strip()
        ):
            section = ""
        copies = len(getattr(hit, "also_in", ()) or ())
        if copies:
            also = QCoreApplication.translate("SearchResultsModel", "另见 {n} 篇转载").format(
                n=copies
            )
            section = f"{section} · {also}" if section else also
        return section

    def _hit_data(self, group: ResultGroup, hit: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            section = self._where(hit)
            return f"{section}\n{hit.snippet_text}" if section else hit.snippet_text
        if role == ARTICLE_ID_ROLE:
            return group.article_id
        if role == IS_GROUP_ROLE:
            return False
        if role == SECTION_TITLE_ROLE:
            return self._where(hit)
        if role == SNIPPET_ROLE:
            return hit.snippet_text
        if role == SNIPPET_SPANS_ROLE:
            return [tuple(span) for span in hit.snippet_spans]
        if role in (START_ROLE, END_ROLE):
            first = _first_match(hit)
            return first[0] if role == START_ROLE else first[1]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable, enabled."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """The single column's title."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SearchResultsModel", "搜索结果")
        return None


def _first_match(hit: Any) -> tuple[int, int]:
    """The first match of a hit, or its block start when it has none (a title: match)."""
    matches = sorted(tuple(m) for m in hit.matches)
    if matches:
        return matches[0][0], matches[0][1]
    return -1, -1
