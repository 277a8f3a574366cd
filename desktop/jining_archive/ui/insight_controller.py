"""Opens the insight window from the main window (视图 → 跨文章洞察…, Ctrl+Shift+I, or
项目历程 in the side panel) and feeds it: the data is built on the background pool
the first time and again after the archive changed, and a passage chosen in the
window opens in the main window's reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from jining_archive.collection import paused_gc
from jining_archive.ui.tasks import TaskContext

if TYPE_CHECKING:
    from jining_archive.ui.insight_window import InsightData, InsightWindow


class InsightController(QObject):
    """The insight window's place in the main window; see the module docstring."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.main = window
        self.window: InsightWindow | None = None
        self.action = QAction(window)
        self.action.setObjectName("insightAction")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        window.addAction(self.action)
        self.action.triggered.connect(self.open_window)
        self._stale = True
        self._building = False
        self.retranslate()

    def archive_changed(self) -> None:
        """The articles or their extraction changed: build again when next shown."""
        self._stale = True
        if self.window is not None and self.window.isVisible():
            self._build()

    def open_window(self) -> InsightWindow:
        """Show the window (made on first use), building its data if needed."""
        if self.window is None:
            from jining_archive.ui.insight_window import InsightWindow

            self.window = InsightWindow(self.main)
            self.window.passageRequested.connect(self._open_passage)
            self.window.articleRequested.connect(self._open_article)
            self.window.bookmarkRequested.connect(self._bookmark)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        if self._stale:
            self._build()
        return self.window

    def open_story(self, name: str) -> None:
        """Show the story of the project called ``name``."""
        self.open_window().show_story(name)

    def open_snapshot(self, view: str, subject: str) -> None:
        """Show the view an insight bookmark was made in, on its measure or project."""
        window = self.open_window()
        if view == "story":
            window.show_story(subject)
        else:
            window.show_series(subject)

    def _bookmark(self, snapshot: object) -> None:
        self.main.notes.bookmark_insight(snapshot, parent=self.window)

    def _build(self) -> None:
        if self._building:
            return
        self._building = True
        self._stale = False
        library = self.main.library

        def build(_context: TaskContext) -> InsightData:
            from jining_archive.ui.insight_window import build_insight
            from jining_archive.ui.series_chart import preload

            preload()  # the chart library's import (about 1.5 s) off the GUI thread
            # Hundreds of thousands of rows that live as long as the window: no
            # collection while they are made, none of them walked by later ones.
            with paused_gc(freeze=True):
                return build_insight(library)

        task = self.main.background.run(
            build,
            on_success=self._built,
            on_failure=self._failed,
            on_finished=self._finished,
            name="insight",
        )
        self.main.status.track(task, self.tr("正在汇总全部文章的数字和项目"))

    def _built(self, data: InsightData) -> None:
        if self.window is not None:
            self.window.set_data(data)

    def _failed(self, message: str, _details: str) -> None:
        self.main.status.show_problem(
            self.tr("无法汇总数字和项目：{message}").format(message=message)
        )

    def _finished(self) -> None:
        self._building = False
        if self._stale and self.window is not None and self.window.isVisible():
            self._build()

    def _open_passage(self, article_id: str, start: int, end: int) -> None:
        self.main.open_article(article_id, start, end)
        self.main.raise_()
        self.main.activateWindow()

    def _open_article(self, article_id: str) -> None:
        self.main.open_article(article_id)
        self.main.raise_()
        self.main.activateWindow()

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.action.setText(self.tr("跨文章洞察(&I)…"))
        self.action.setToolTip(self.tr("全部文章的数字、指标变化、项目历程和时间线"))
