"""Search as you type: debounce, run the query off the GUI thread, keep the newest answer.

Queries run one at a time on their own worker thread (Whoosh wants one
searcher per thread; a single worker also means the index is never read by two
threads at once). Each query carries a generation number, so an answer that
arrives after a newer query was typed is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from jining_archive.ui.query_messages import query_problem_text
from jining_archive.ui.tasks import TaskContext, TaskRunner

DEBOUNCE_MS = 250
RESULT_LIMIT = 1000

Match = tuple[str, int, int]  # article id, start, end


@dataclass(frozen=True)
class QueryProblem:
    """A query the search module refused: its English message, code and details."""

    message: str
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, exc: Exception) -> QueryProblem:
        """The problem a QuerySyntaxError describes."""
        return cls(str(exc), getattr(exc, "code", ""), dict(getattr(exc, "params", {}) or {}))

    def text(self) -> str:
        """The message in the interface language."""
        return query_problem_text(self.code, self.params, self.message)


def matches_in_order(groups: list[Any]) -> list[Match]:
    """Every match of every hit: articles in result order, offsets in reading order."""
    ordered: list[Match] = []
    for group in groups:
        seen: set[tuple[int, int]] = set()
        for hit in group.hits:
            for start, end in hit.matches:
                seen.add((int(start), int(end)))
        ordered.extend((group.article_id, start, end) for start, end in sorted(seen))
    return ordered


class SearchController(QObject):
    """Turns typing into results; see the module docstring.

    ``search(query, limit)`` runs on the worker thread and returns SearchResults,
    or a :class:`QueryProblem` (as does an exception of a ``syntax_error`` type).

    Signals:
        resultsReady(object, str): the SearchResults of the newest query, and the query.
        queryFailed(str, str): a message for the user, and the query.
        cleared(): the query is empty.
        busyChanged(bool): a query is running or waiting.
    """

    resultsReady = Signal(object, str)
    queryFailed = Signal(str, str)
    cleared = Signal()
    busyChanged = Signal(bool)

    def __init__(
        self,
        search: Callable[[str, int], Any],
        syntax_error: type[Exception] | tuple[type[Exception], ...] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._syntax_error = syntax_error
        self._runner = TaskRunner(max_threads=1, parent=self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self._text = ""
        self._generation = 0
        self._answered = 0
        self.enabled = False
        self.last_query = ""
        self.last_results: Any = None

    @property
    def pending(self) -> bool:
        """A query was typed and its answer has not arrived yet."""
        return self._timer.isActive() or self._answered < self._generation

    def set_enabled(self, enabled: bool) -> None:
        """Searching is possible (the index is ready)."""
        self.enabled = enabled
        if enabled and self._text.strip():
            self._timer.start()

    def text_changed(self, text: str) -> None:
        """The query field changed: (re)start the debounce timer."""
        self._text = text
        if not text.strip():
            self._timer.stop()
            self._generation += 1
            self._answered = self._generation
            self.last_query = ""
            self.last_results = None
            self.cleared.emit()
            self.busyChanged.emit(False)
            return
        if self.enabled:
            self._timer.start()
            self.busyChanged.emit(True)

    def run_now(self) -> None:
        """Skip the debounce delay (Enter in the field)."""
        if self._timer.isActive():
            self._timer.stop()
            self._run()

    def _run(self) -> None:
        query = self._text.strip()
        if not query or not self.enabled:
            return
        self._generation += 1
        generation = self._generation
        search, limit = self._search, RESULT_LIMIT

        syntax_error = self._syntax_error

        def work(_context: TaskContext) -> Any:
            try:
                return search(query, limit)
            except syntax_error as exc:
                return QueryProblem.of(exc)

        self._runner.run(
            work,
            on_success=lambda results: self._answer(generation, query, results),
            on_failure=lambda message, _details: self._failed(
                generation, query, self.tr("搜索出错：{message}").format(message=message)
            ),
            name="search",
        )

    def _answer(self, generation: int, query: str, results: Any) -> None:
        if generation != self._generation:
            return
        if isinstance(results, QueryProblem):
            message = self.tr("查询写法有误：{message}").format(message=results.text())
            self._failed(generation, query, message)
            return
        self._answered = generation
        self.last_query = query
        self.last_results = results
        self.busyChanged.emit(False)
        self.resultsReady.emit(results, query)

    def _failed(self, generation: int, query: str, message: str) -> None:
        if generation != self._generation:
            return
        self._answered = generation
        self.last_query = query
        self.last_results = None
        self.busyChanged.emit(False)
        self.queryFailed.emit(message, query)

    def shutdown(self, msecs: int = 5000) -> None:
        """Stop the timer and wait for a running query (on quit)."""
        self._timer.stop()
        self._runner.wait(msecs)
