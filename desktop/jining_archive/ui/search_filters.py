"""Search filters as controls: the year and the kind of passage, chosen from lists
instead of typed as ``year:`` and ``kind:``; the query sent is what was typed plus
the filters. Also the recent searches offered by the search field."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QWidget

from jining_archive.documents.model import BlockKind

#: Recent searches kept (newest first).
RECENT_LIMIT = 12


def with_filters(query: str, year: str, kind: str) -> str:
    """``query`` narrowed to a year and a kind of passage (either may be empty)."""
    parts = [query.strip()]
    if query.strip() and year:
        parts.append(f"year:{year}")
    if query.strip() and kind:
        parts.append(f"kind:{kind}")
    return " ".join(p for p in parts if p)


def remember(recent: list[str], query: str) -> list[str]:
    """``recent`` with ``query`` first (once), at most RECENT_LIMIT long."""
    query = query.strip()
    if not query:
        return list(recent)
    return [query, *(q for q in recent if q != query)][:RECENT_LIMIT]


class SearchFilters(QWidget):
    """Year and kind lists above the results.

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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.year_label, self.year, self.kind_label, self.kind):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.year.addItem("", "")
        self.kind.addItem("", "")
        for kind in BlockKind:
            self.kind.addItem("", str(kind))
        self.year.currentIndexChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
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
        self.year.setItemText(0, self.tr("全部年份"))
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
