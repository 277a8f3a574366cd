"""A named project's story: its mentions in date order as a timeline table, with the
status each report gives, planned years and the figures of the sentence.

Signals:
    passageRequested(str, int, int): open this article at these offsets.
    bookmarkRequested(object): keep this story (a notes ``Snapshot``) in the notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jining_archive.documents.model import Article
from jining_archive.extraction import NamedEntity
from jining_archive.insight import FigureRow, ProjectStory, project_story
from jining_archive.insight.story import rows_by_article
from jining_archive.ui import text_table_model
from jining_archive.ui.archive_figures_model import date_label
from jining_archive.ui.import_summary import plain_tooltip
from jining_archive.ui.text_table_model import TextRow, TextTableModel


def _no_row(_n: int) -> TextRow:
    return TextRow((), "", 0, 0)


#: Up to this many mentions the rows grow to show the whole sentence.
WRAPPED_ROWS_MAX = 200

DATE_COLUMN, STATUS_COLUMN, NAME_COLUMN, FIGURES_COLUMN, SENTENCE_COLUMN = range(5)


def status_label(status: str | None) -> str:
    """A status in the interface language (签约, 开工 … as the extraction names them)."""
    from PySide6.QtCore import QCoreApplication

    labels = {
        "签约": QCoreApplication.translate("status", "签约"),
        "开工": QCoreApplication.translate("status", "开工"),
        "在建": QCoreApplication.translate("status", "在建"),
        "竣工": QCoreApplication.translate("status", "竣工"),
        "投产": QCoreApplication.translate("status", "投产"),
        "达产": QCoreApplication.translate("status", "达产"),
        "计划": QCoreApplication.translate("status", "计划"),
    }
    return labels.get(status or "", status or "")


class ProjectStoryView(QWidget):
    """One project's timeline; see the module docstring."""

    passageRequested = Signal(str, int, int)
    bookmarkRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectStory")
        self.projects: list[NamedEntity] = []
        self.articles: dict[str, Article] = {}
        self.rows: Mapping[str, list[FigureRow]] = {}
        self.story: ProjectStory | None = None
        self.message = ""  # the last export's outcome
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.project_label = QLabel(self)
        self.project_choice = QComboBox(self)
        self.project_choice.setObjectName("storyProject")
        self.project_label.setBuddy(self.project_choice)
        bar.addWidget(self.project_label)
        bar.addWidget(self.project_choice, 1)
        self.stages_label = QLabel(self)
        self.stages_label.setObjectName("storyStages")
        self.stages_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stages_label.setWordWrap(True)
        self.model = TextTableModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("storyTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        # Columns are fitted to the first rows, not to thousands of them.
        self.view.horizontalHeader().setResizeContentsPrecision(WRAPPED_ROWS_MAX)
        buttons = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.csv_button = QPushButton(self)
        self.csv_button.setObjectName("storyCsv")
        self.xlsx_button = QPushButton(self)
        self.xlsx_button.setObjectName("storyXlsx")
        self.bookmark_button = QPushButton(self)
        self.bookmark_button.setObjectName("storyBookmark")
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.bookmark_button)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.xlsx_button)
        layout.addLayout(bar)
        layout.addWidget(self.stages_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.csv_button.clicked.connect(lambda: self.export_table("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export_table("xlsx"))
        self.bookmark_button.clicked.connect(self.request_bookmark)
        self.project_choice.currentIndexChanged.connect(self._project_chosen)
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        self.retranslate()

    def set_data(
        self,
        projects: Sequence[NamedEntity],
        articles: dict[str, Article],
        rows: Sequence[FigureRow] | Mapping[str, list[FigureRow]],
        project: str | None = None,
    ) -> None:
        """The archive's projects (most mentioned first), its articles and figure rows
        (or those rows by article: ``insight.story.rows_by_article``); the story shown is
        that of ``project`` if it is known, else the one shown before, else the first."""
        self.projects = sorted(
            projects, key=lambda p: (-len({m.article_id for m in p.mentions}), p.name)
        )
        self.articles = articles
        self.rows = rows if isinstance(rows, Mapping) else rows_by_article(rows)
        current = self.project_choice.currentText()
        with QSignalBlocker(self.project_choice):
            self.project_choice.clear()
            for entity in self.projects:
                self.project_choice.addItem(entity.name, entity.name)
        if not (project and self.show_project(project)):
            self.show_project(current if current else None)

    def show_project(self, name: str | None) -> bool:
        """Show the story of the project called ``name`` (None: the first); False if unknown."""
        index = self.project_choice.findData(name) if name else (0 if self.projects else -1)
        if index < 0:
            return False
        with QSignalBlocker(self.project_choice):
            self.project_choice.setCurrentIndex(index)
        self._show(self.projects[index])
        return True

    def _project_chosen(self, index: int) -> None:
        if 0 <= index < len(self.projects):
            self._show(self.projects[index])

    def _show(self, project: NamedEntity) -> None:
        self.story = project_story(project, self.articles, self.rows)
        self._fill()

    def _fill(self) -> None:
        headers = self._headers()
        story = self.story
        if story is None:
            self.model.set_rows(headers, 0, _no_row)
            self.stages_label.setText("")
            return
        events = story.events

        def row(n: int) -> TextRow:
            event = events[n]
            status = status_label(event.status) or "—"
            if event.planned:
                years = "、".join(str(y) for y in event.planned)
                status = self.tr("{status}（计划于 {years}）").format(status=status, years=years)
            cells = (
                date_label(event.date, event.date_estimated),
                status,
                event.text,
                "、".join(r.figure.text for r in event.figures),
                event.sentence.replace("\n", " "),
            )
            sentence = plain_tooltip(event.sentence)
            tips = (plain_tooltip(event.article_title), *(sentence,) * (len(cells) - 1))
            return TextRow(cells, event.article_id, event.start, event.end, tips)

        self.model.set_rows(headers, len(events), row)
        stages = " → ".join(status_label(s) for s in story.stages)
        self.stages_label.setText(
            self.tr("{name}：{count} 次提及；进展：{stages}").format(
                name=story.name, count=len(story.events), stages=stages or self.tr("未报道")
            )
        )
        for column in range(SENTENCE_COLUMN):  # from the rows in view, once
            self.view.resizeColumnToContents(column)
        if len(events) <= WRAPPED_ROWS_MAX:  # the sentences wrapped; past that, one line each
            self.view.resizeRowsToContents()

    def _headers(self) -> list[str]:
        return [
            self.tr("日期"),
            self.tr("进展"),
            self.tr("提及"),
            self.tr("同句数字"),
            self.tr("原句"),
        ]

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.passageRequested.emit(
            str(index.data(text_table_model.ARTICLE_ID_ROLE)),
            int(index.data(text_table_model.START_ROLE)),
            int(index.data(text_table_model.END_ROLE)),
        )

    def export_table(self, fmt: str) -> None:
        """Ask for a file name and save the story shown as CSV or XLSX."""
        from jining_archive.ui.table_export import ask_table_file

        if self.story is None:
            return
        target = ask_table_file(self, fmt, "project-story")
        if target is not None:
            self.export_table_to(target, fmt)

    def export_table_to(self, target: Path, fmt: str) -> bool:
        """Save the story shown to ``target`` (the columns of ``STORY_COLUMNS``); the
        outcome goes to ``message``."""
        from jining_archive.insight.tables import STORY_COLUMNS, story_table
        from jining_archive.ui.table_export import save_table

        if self.story is None:
            return False
        rows = story_table(self.story)
        saved, self.message = save_table(target, fmt, STORY_COLUMNS, rows, "project-story")
        self.status.setText(self.message)
        return saved

    def request_bookmark(self) -> None:
        """Ask for the story shown to be kept in the notes, as a table citing its articles."""
        from jining_archive.insight.snapshots import story_snapshot

        if self.story is not None:
            self.bookmarkRequested.emit(story_snapshot(self.story))

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.project_label.setText(self.tr("项目："))
        self.bookmark_button.setText(self.tr("加入笔记…"))
        self.bookmark_button.setToolTip(
            self.tr("把这个项目历程连同出处存为书签，导出笔记时一并列出")
        )
        self.csv_button.setText(self.tr("导出 CSV…"))
        self.xlsx_button.setText(self.tr("导出 Excel…"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
