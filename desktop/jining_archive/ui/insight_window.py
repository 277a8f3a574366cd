"""The archive seen across its articles, in a window of its own: every figure in one
table, measures over time, each project's story, and the articles on a time axis
(视图 → 跨文章洞察).

The data is built off the GUI thread (``build_insight``) from the extraction
results the library keeps; the window only shows it, each tab when it is first
shown (a tab's view of a large archive takes a few hundred milliseconds to fill).

Signals:
    passageRequested(str, int, int): open this article at these offsets.
    articleRequested(str): open this article.
    bookmarkRequested(object): keep this view (a notes ``Snapshot``) in the notes.
    dataShown(): the data of :meth:`InsightWindow.set_data` is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from jining_archive.documents.model import Article
from jining_archive.extraction import NamedEntity
from jining_archive.insight import FigureRow, Series, figure_rows, series_of
from jining_archive.insight.story import rows_by_article
from jining_archive.insight.table import FigureTable
from jining_archive.insight.timeline import Timeline, article_timeline
from jining_archive.library import Library
from jining_archive.ui.article_timeline import ArticleTimeline
from jining_archive.ui.figures_table import FiguresTable
from jining_archive.ui.project_story_view import ProjectStoryView
from jining_archive.ui.series_view import SeriesView

FIGURES_TAB, SERIES_TAB, STORY_TAB, TIMELINE_TAB = range(4)


@dataclass
class InsightData:
    """What the window shows, built on a worker thread."""

    rows: list[FigureRow] = field(default_factory=list)
    table: FigureTable = field(default_factory=lambda: FigureTable([]))
    series: list[Series] = field(default_factory=list)
    projects: list[NamedEntity] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    rows_by_article: dict[str, list[FigureRow]] = field(default_factory=dict)
    timeline: Timeline = field(default_factory=lambda: Timeline([], []))


def build_insight(library: Library) -> InsightData:
    """Rows, their search texts, series and projects of the whole archive (any thread)."""
    rows = figure_rows(library)
    articles = list(library.articles)
    return InsightData(
        rows=rows,
        table=FigureTable(rows),
        series=series_of(rows),
        projects=list(library.projects()),
        articles={a.id: a for a in articles},
        rows_by_article=rows_by_article(rows),
        timeline=article_timeline(articles, rows),
    )


class InsightWindow(QWidget):
    """The four views in tabs; see the module docstring."""

    passageRequested = Signal(str, int, int)
    articleRequested = Signal(str)
    bookmarkRequested = Signal(object)
    dataShown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("insightWindow")
        self.resize(1280, 800)
        self.data: InsightData | None = None
        self._pending_project: str | None = None
        self._pending_measure: str | None = None
        layout = QVBoxLayout(self)
        self.waiting = QLabel(self)
        self.waiting.setObjectName("insightWaiting")
        self.tabs = QTabWidget(self)
        self.figures = FiguresTable(self.tabs)
        self.series = SeriesView(self.tabs)
        self.story = ProjectStoryView(self.tabs)
        self.timeline = ArticleTimeline(self.tabs)
        self.tabs.addTab(self.figures, "")
        self.tabs.addTab(self.series, "")
        self.tabs.addTab(self.story, "")
        self.tabs.addTab(self.timeline, "")
        layout.addWidget(self.waiting)
        layout.addWidget(self.tabs, 1)
        for view in (self.figures, self.series, self.story):
            view.passageRequested.connect(self.passageRequested)
        for view in (self.series, self.story):
            view.bookmarkRequested.connect(self.bookmarkRequested)
        self.timeline.articleRequested.connect(self.articleRequested)
        self._filled: set[int] = set()
        self.tabs.currentChanged.connect(self._fill_tab)
        self.retranslate()

    def set_data(self, data: InsightData) -> None:
        """Show ``data`` (from :func:`build_insight`)."""
        self.data = data
        self.waiting.hide()
        self._filled = set()
        self._fill_tab(self.tabs.currentIndex())
        self.dataShown.emit()

    def _fill_tab(self, tab: int) -> None:
        """Give the view of ``tab`` the data, unless it has it already."""
        data = self.data
        if data is None or tab in self._filled:
            return
        self._filled.add(tab)
        if tab == FIGURES_TAB:
            self.figures.set_table(data.table)
        elif tab == SERIES_TAB:
            self.series.set_series(data.series, self._pending_measure)
            self._pending_measure = None
        elif tab == STORY_TAB:
            self.story.set_data(
                data.projects, data.articles, data.rows_by_article, self._pending_project
            )
            self._pending_project = None
        elif tab == TIMELINE_TAB:
            self.timeline.set_timeline(data.timeline)

    def show_story(self, name: str) -> None:
        """Bring the project story tab forward with the project called ``name``."""
        if self.data is not None and STORY_TAB in self._filled:
            self.story.show_project(name)
        else:
            self._pending_project = name  # shown when the tab is filled
        self.tabs.setCurrentIndex(STORY_TAB)

    def show_series(self, measure: str) -> None:
        """Bring the series tab forward with the series of ``measure``."""
        if self.data is not None and SERIES_TAB in self._filled:
            self.series.select_measure(measure)
        else:
            self._pending_measure = measure  # shown when the tab is filled
        self.tabs.setCurrentIndex(SERIES_TAB)

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.setWindowTitle(self.tr("跨文章洞察"))
        self.tabs.setTabText(FIGURES_TAB, self.tr("全部数字"))
        self.tabs.setTabText(SERIES_TAB, self.tr("指标变化"))
        self.tabs.setTabText(STORY_TAB, self.tr("项目历程"))
        self.tabs.setTabText(TIMELINE_TAB, self.tr("文章时间线"))
        self.waiting.setText(self.tr("正在汇总全部文章的数字和项目……"))

    def changeEvent(self, event: QEvent) -> None:
        """Follow language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
