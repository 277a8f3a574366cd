"""The Projects tab: named projects and organisations of the current article, and where else each
one is mentioned."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from jining_archive.documents.model import Article
from jining_archive.extraction import Mention
from jining_archive.ui.annotations import PROJECT, Annotations

ENTITY_KEY_ROLE = Qt.ItemDataRole.UserRole + 20
START_ROLE = Qt.ItemDataRole.UserRole + 21  # first mention in range
END_ROLE = Qt.ItemDataRole.UserRole + 22
SORT_ROLE = Qt.ItemDataRole.UserRole + 23
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 24

NAME_COLUMN, KIND_COLUMN, COUNT_COLUMN, OTHER_ARTICLES_COLUMN = range(4)
ENTITY_COLUMNS = 4
DATE_COLUMN, TITLE_COLUMN, MENTIONS_COLUMN, STATUS_COLUMN = range(4)
ELSEWHERE_COLUMNS = 4

AnyIndex = QModelIndex | QPersistentModelIndex


def entity_kind_label(kind: str) -> str:
    """Project or organisation, in the interface language."""
    if kind == PROJECT:
        return QCoreApplication.translate("projects", "项目")
    return QCoreApplication.translate("projects", "机构")


@dataclass(frozen=True)
class EntityRow:
    """One entity as shown for the current article (or section)."""

    key: str
    name: str
    kind: str
    count: int
    first_start: int
    first_end: int
    other_articles: int


@dataclass(frozen=True)
class ElsewhereRow:
    """Another article that mentions the selected entity."""

    article_id: str
    date: str
    title: str
    count: int
    first_start: int
    first_end: int
    statuses: tuple[str, ...]


class _TableModel(QAbstractTableModel):
    """A read-only table over a list of frozen rows."""

    columns = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of rows (no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Fixed number of columns."""
        return 0 if parent.isValid() else self.columns

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Selectable, enabled."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def retranslate(self) -> None:
        """Tell views that headers and labels changed language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columns - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columns - 1)
            )


class ProjectsModel(_TableModel):
    """Projects and organisations mentioned in the current article, with mention counts."""

    columns = ENTITY_COLUMNS

    def set_article(
        self,
        annotations: Annotations | None,
        article_id: str | None,
        span: tuple[int, int] | None = None,
    ) -> None:
        """Show the entities of ``article_id`` mentioned inside ``span`` (None: whole article)."""
        if annotations is None or article_id is None:
            self._set_rows([])
            return
        counts: Counter[str] = Counter()
        first: dict[str, tuple[int, int]] = {}
        for item in annotations.mentions(article_id):
            start, end = item.mention.start, item.mention.end
            if span is not None and not span[0] <= start < span[1]:
                continue
            counts[item.key] += 1
            first.setdefault(item.key, (start, end))
        rows = []
        for key, count in counts.items():
            entity = annotations.entities[key]
            others = {m.article_id for m in entity.mentions} - {article_id}
            rows.append(
                EntityRow(
                    key=key,
                    name=entity.name,
                    kind=annotations.entity_kinds[key],
                    count=count,
                    first_start=first[key][0],
                    first_end=first[key][1],
                    other_articles=len(others),
                )
            )
        rows.sort(key=lambda r: (r.kind != PROJECT, -r.count, r.first_start))
        self._set_rows(rows)

    def row_of(self, key: str) -> int:
        """The row of entity ``key`` (-1 if not shown)."""
        for row, item in enumerate(self._rows):
            if item.key == key:
                return row
        return -1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text and the custom roles."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item: EntityRow = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                NAME_COLUMN: item.name,
                KIND_COLUMN: entity_kind_label(item.kind),
                COUNT_COLUMN: item.count,
                OTHER_ARTICLES_COLUMN: item.other_articles,
            }.get(column)
        if role == SORT_ROLE:
            if column == NAME_COLUMN:
                return item.first_start
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COUNT_COLUMN,
            OTHER_ARTICLES_COLUMN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTITY_KEY_ROLE:
            return item.key
        if role == START_ROLE:
            return item.first_start
        if role == END_ROLE:
            return item.first_end
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
        return {
            NAME_COLUMN: QCoreApplication.translate("ProjectsModel", "名称"),
            KIND_COLUMN: QCoreApplication.translate("ProjectsModel", "类别"),
            COUNT_COLUMN: QCoreApplication.translate("ProjectsModel", "提及"),
            OTHER_ARTICLES_COLUMN: QCoreApplication.translate("ProjectsModel", "其他文章"),
        }.get(section)


class ElsewhereModel(_TableModel):
    """The other articles that mention one entity, oldest first."""

    columns = ELSEWHERE_COLUMNS

    def set_entity(
        self,
        annotations: Annotations | None,
        key: str | None,
        articles: dict[str, Article],
        current_article_id: str | None,
    ) -> None:
        """List the articles other than ``current_article_id`` that mention ``key``."""
        entity = annotations.entities.get(key) if annotations and key else None
        if entity is None:
            self._set_rows([])
            return
        by_article: dict[str, list[Mention]] = {}
        for mention in entity.mentions:
            if mention.article_id != current_article_id and mention.article_id in articles:
                by_article.setdefault(mention.article_id, []).append(mention)
        rows = []
        for article_id, mentions in by_article.items():
            article = articles[article_id]
            mentions.sort(key=lambda m: m.start)
            statuses = tuple(dict.fromkeys(m.status for m in mentions if m.status))
            rows.append(
                ElsewhereRow(
                    article_id=article_id,
                    date=article.date,
                    title=article.title,
                    count=len(mentions),
                    first_start=mentions[0].start,
                    first_end=mentions[0].end,
                    statuses=statuses,
                )
            )
        rows.sort(key=lambda r: (r.date, r.article_id))
        self._set_rows(rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text and the custom roles."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item: ElsewhereRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                DATE_COLUMN: item.date,
                TITLE_COLUMN: item.title,
                MENTIONS_COLUMN: item.count,
                STATUS_COLUMN: "、".join(item.statuses),
            }.get(index.column())
        if role == ARTICLE_ID_ROLE:
            return item.article_id
        if role == START_ROLE:
            return item.first_start
        if role == END_ROLE:
            return item.first_end
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
        return {
            DATE_COLUMN: QCoreApplication.translate("ElsewhereModel", "日期"),
            TITLE_COLUMN: QCoreApplication.translate("ElsewhereModel", "文章"),
            MENTIONS_COLUMN: QCoreApplication.translate("ElsewhereModel", "提及"),
            STATUS_COLUMN: QCoreApplication.translate("ElsewhereModel", "进展"),
        }.get(section)
