"""The status bar: messages, and a progress indicator for background tasks.

Progress appears only when a task runs longer than half a second, so quick
work (an index that is already built) does not flicker.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from jining_archive.ui.highlights import set_problem_style
from jining_archive.ui.tasks import Task

SHOW_AFTER_MS = 500


@dataclass
class _Tracked:
    task: Task
    label: str
    done: int = 0
    total: int = 0
    message: str = ""


class TaskStatus(QStatusBar):
    """Status bar with a progress bar and a cancel button for tracked tasks.

    Signals:
        cancelRequested(): the user pressed the cancel button.
    """

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._tracked: list[_Tracked] = []
        self.task_label = QLabel(self)
        self.task_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("taskProgress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("cancelTask")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problem")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.addPermanentWidget(self.problem_label)
        self.addPermanentWidget(self.task_label)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self._refresh)
        self._visible = False
        self.problem_label.hide()
        self._set_progress_visible(False)
        self.retranslate()

    def track(self, task: Task, label: str) -> None:
        """Show ``task``'s progress (after half a second) until it finishes."""
        tracked = _Tracked(task, label)
        self._tracked.append(tracked)

        def progress(done: int, total: int, message: str) -> None:
            tracked.done, tracked.total, tracked.message = done, total, message
            if self._visible:
                self._refresh()

        def finished() -> None:
            if tracked in self._tracked:
                self._tracked.remove(tracked)
            self._refresh()

        task.signals.progress.connect(progress)
        task.signals.finished.connect(finished)
        if task.done.is_set():  # it may have finished before we connected
            QTimer.singleShot(0, finished)
        if not self._show_timer.isActive() and not self._visible:
            self._show_timer.start()

    @property
    def busy(self) -> bool:
        """Whether a tracked task is still running."""
        return bool(self._tracked)

    def _set_progress_visible(self, visible: bool) -> None:
        self._visible = visible
        self.task_label.setVisible(visible)
        self.progress.setVisible(visible)
        self.cancel_button.setVisible(visible)

    def _refresh(self) -> None:
        if not self._tracked:
            self._show_timer.stop()
            self._set_progress_visible(False)
            return
        if not self._visible:
            self._set_progress_visible(True)
        current = self._tracked[0]
        text = current.label
        if len(self._tracked) > 1:
            text += self.tr("（另有 {n} 项）").format(n=len(self._tracked) - 1)
        self.task_label.setText(text)
        if current.total > 0:
            self.progress.setRange(0, current.total)
            self.progress.setValue(min(current.done, current.total))
        else:
            self.progress.setRange(0, 0)  # busy indicator

    def show_message(self, text: str, msecs: int = 5000) -> None:
        """A passing message."""
        self.showMessage(text, msecs)

    def show_problem(self, text: str) -> None:
        """A message that stays until the next problem (e.g. the index could not be built)."""
        self.problem_label.setText(text)
        set_problem_style(self.problem_label, True)
        self.problem_label.setVisible(bool(text))

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.cancel_button.setText(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("停止后台任务"))
        self.progress.setAccessibleName(self.tr("后台任务进度"))

    def changeEvent(self, event: QEvent) -> None:
        """Follow language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
