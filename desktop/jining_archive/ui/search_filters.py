"""Search filters as controls: the year, the kind of passage and the article (one of
the archive's, or whichever is open), chosen from lists instead of typed as ``year:``,
``kind:`` and ``article:``; the query sent is what was typed plus the filters, so a
filter narrows the results exactly as the typed syntax does. Also the recent
searches offered by the search field."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QLabel, QLineEdit, QWidget

from jining_archive.documents.model import BlockKind

#: Recent searches kept (newest first).
RECENT_LIMIT = 12
#: The article list's entry for "the article open in the reader".
CURRENT_ARTICLE = "@current"


def with_filters(query: str, year: str, kind: str, article: str = "") -> str:
    """``query`` narrowed to a year, a kind of passage and an article (each may be empty).

    The typed query is put in parentheses when it has an OR, so that the filters
    narrow all of it (``a OR b year:2023`` would filter only ``b``)."""
    typed = query.strip()
    if not typed:
        return ""
    filters = [f"year:{year}" if year else "", f"kind:{kind}" if kind else ""]
    filters.append(f"article:{article}" if article else "")
    filters = [f for f in filters if f]
    if filters and " OR " in f" {typed} ":
        typed = f"({typed})"
    return " ".join([typed, *filters])


def remember(recent: list[str], query: str) -> list[str]:
    """``recent`` with ``query`` first (once), at most RECENT_LIMIT long."""
    query = query.strip()
    if not query:
        return list(recent)
    return [query, *(q for q in recent if q != query)][:RECENT_LIMIT]


class SearchFilters(QWidget):
    """Year, kind and article lists above the results.

    Signals:
        changed(): a filter was chosen.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchFilters")
        self.year_label = QLabel(self)
        self.year = QComboBox(self)
        self.year.setObjectName("yearFilter")
        self.kind_label = QLabel(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindFilter")
        self.article_label = QLabel(self)
        self.article = QComboBox(self)
        self.article.setObjectName("articleFilter")
        # Titles are long: the list is as wide as the pane, not as its longest title.
        self.article.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.article.setMinimumContentsLength(8)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.year_label, 0, 0)
        layout.addWidget(self.year, 0, 1)
        layout.addWidget(self.kind_label, 0, 2)
        layout.addWidget(self.kind, 0, 3)
        layout.addWidget(self.article_label, 1, 0)
        layout.addWidget(self.article, 1, 1, 1, 4)
        layout.setColumnStretch(4, 1)
        self.year.addItem("", "")
        self.kind.addItem("", "")
        for kind in BlockKind:
            self.kind.addItem("", str(kind))
        self.article.addItem("", "")
        self.article.addItem("", CURRENT_ARTICLE)
        self.year.currentIndexChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
        self.article.currentIndexChanged.connect(self.changed)
        self.retranslate()

    def set_years(self, years: Iterable[str]) -> None:
        """The years the archive's articles come from (the choice is kept if still there)."""
        chosen = self.chosen_year()
        self.year.blockSignals(True)
        while self.year.count() > 1:
            self.year.removeItem(1)
        for year in sorted(set(years), reverse=True):
            self.year.addItem(year, year)
        index = self.year.findData(chosen)
        self.year.setCurrentIndex(max(0, index))
        self.year.blockSignals(False)
        if index < 0 and chosen:
            self.changed.emit()

    def set_articles(self, articles: Iterable[tuple[str, str]]) -> None:
        """The archive's articles as (id, title), in the order to list them (the choice
        is kept if the article is still there)."""
        chosen = str(self.article.currentData() or "")
        self.article.blockSignals(True)
        while self.article.count() > 2:
            self.article.removeItem(2)
        for article_id, title in articles:
            self.article.addItem(title or article_id, article_id)
            self.article.setItemData(
                self.article.count() - 1, f"{title}\n{article_id}", Qt.ItemDataRole.ToolTipRole
            )
        index = self.article.findData(chosen)
        self.article.setCurrentIndex(max(0, index))
        self.article.blockSignals(False)
        if index < 0 and chosen:
            self.changed.emit()

    def chosen_article(self, current: str | None = None) -> str:
        """The id of the article chosen, "" for every article; for "the open article",
        ``current`` (every article when none is open)."""
        chosen = str(self.article.currentData() or "")
        if chosen == CURRENT_ARTICLE:
            return current or ""
        return chosen

    def follows_current_article(self) -> bool:
        """Whether the results follow the article open in the reader."""
        return self.article.currentData() == CURRENT_ARTICLE

    def set_article(self, article_id: str) -> None:
        """Choose an article by id ("" for every article, CURRENT_ARTICLE for the open one)."""
        self.article.setCurrentIndex(max(0, self.article.findData(article_id)))

    def chosen_year(self) -> str:
        """The year chosen, "" for every year."""
        return str(self.year.currentData() or "")

    def chosen_kind(self) -> str:
        """The kind of passage chosen, "" for every kind."""
        return str(self.kind.currentData() or "")

    def retranslate(self) -> None:
        """Texts in the interface language."""
        self.year_label.setText(self.tr("年份："))
        self.kind_label.setText(self.tr("类型："))
        self.article_label.setText(self.tr("文章："))
        self.year.setItemText(0, self.tr("全部年份"))
        self.article.setItemText(0, self.tr("全部文章"))
        self.article.setItemText(1, self.tr("仅当前文章"))
        names = {
            "": self.tr("全部段落"),
            "title": self.tr("标题"),
            "subtitle": self.tr("副标题"),
            "byline": self.tr("作者行"),
            "heading": self.tr("小标题"),
            "paragraph": self.tr("正文"),
            "caption": self.tr("图片说明"),
            "source-note": self.tr("来源说明"),
        }
        for index in range(self.kind.count()):
            self.kind.setItemText(index, names.get(str(self.kind.itemData(index) or ""), ""))


def recent_completer(field: QLineEdit) -> QCompleter:
    """A completer on ``field`` that offers the recent searches (its model is a list)."""
    completer = QCompleter(QStringListModel([], field), field)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    field.setCompleter(completer)
    return completer
