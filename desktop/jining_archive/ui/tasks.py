"""Background work: run a function on a QThreadPool, get the result back on the GUI thread.

``run_task(func, on_success, on_failure)`` wraps ``func`` in a QRunnable; the
function gets a :class:`TaskContext` with a progress callback and a cancel
flag; its result or its exception is posted back to the GUI thread through the
signals of :class:`TaskSignals` (queued connections, because the signals object
lives on the GUI thread while ``emit`` is called from the worker).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class TaskCancelled(Exception):
    """Raised inside a task when its cancel flag is set."""


@dataclass
class TaskContext:
    """What a running task can use: report progress and look at the cancel flag."""

    signals: TaskSignals
    cancel_event: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` steps (thread-safe)."""
        self.signals.progress.emit(done, total, message)

    @property
    def cancelled(self) -> bool:
        """Whether someone asked the task to stop."""
        return self.cancel_event.is_set()

    def check(self) -> None:
        """Raise TaskCancelled when the cancel flag is set."""
        if self.cancel_event.is_set():
            raise TaskCancelled


class TaskSignals(QObject):
    """Signals of one task, delivered on the thread this object lives on.

    Signals:
        succeeded(object): the function's return value.
        failed(str, str): a one-line message and the traceback text.
        cancelled(): the task stopped because it was cancelled.
        progress(int, int, str): done, total, message.
        finished(): after any of the three outcomes.
    """

    succeeded = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal()
    progress = Signal(int, int, str)
    finished = Signal()


class Task(QRunnable):
    """A QRunnable that calls ``func(context)`` and reports through ``signals``."""

    def __init__(self, func: Callable[[TaskContext], Any], name: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; handles keep it alive until finished
        self.name = name
        self.signals = TaskSignals()
        self.context = TaskContext(self.signals)
        self._func = func
        self.done = threading.Event()

    def run(self) -> None:
        """Run on a pool thread."""
        try:
            result = self._func(self.context)
        except TaskCancelled:
            self.signals.cancelled.emit()
        except Exception as exc:
            message = str(exc) or type(exc).__name__
            self.signals.failed.emit(message, traceback.format_exc())
        else:
            if self.context.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
        finally:
            self.done.set()
            self.signals.finished.emit()

    def cancel(self) -> None:
        """Ask the task to stop at its next check."""
        self.context.cancel_event.set()


class TaskRunner(QObject):
    """Starts tasks on a pool and keeps them alive until they report back.

    ``TaskRunner(max_threads=1)`` is a one-writer queue: tasks run one after
    the other in submission order.
    """

    def __init__(self, max_threads: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if max_threads is not None:
            self._pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()

    def run(
        self,
        func: Callable[[TaskContext], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        name: str = "",
        on_finished: Callable[[], None] | None = None,
    ) -> Task:
        """Start ``func(context)`` in the background; callbacks run on the GUI thread.

        ``on_finished`` runs after any outcome, cancellation included.
        """
        task = Task(func, name)
        if on_success is not None:
            task.signals.succeeded.connect(on_success)
        if on_failure is not None:
            task.signals.failed.connect(on_failure)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        if on_finished is not None:
            task.signals.finished.connect(on_finished)
        task.signals.finished.connect(lambda: self._forget(task))
        self._running.add(task)
        self._pool.start(task)
        return task

    @Slot()
    def _forget(self, task: Task) -> None:
        self._running.discard(task)

    @property
    def active(self) -> list[Task]:
        """Tasks started and not yet reported back."""
        return list(self._running)

    def cancel_all(self) -> None:
        """Set every running task's cancel flag."""
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (used on quit and in tests)."""
        return bool(self._pool.waitForDone(msecs))
