"""File → 导出搜索结果… and the results list's 导出 button: the search results shown,
saved as CSV or Markdown with their citations.

The file is made by :func:`jining_archive.results_export.render_results`, the same
function as ``search --export``: each hit's whole passage with its article, date,
source and section. The platform's save dialog asks before a file is replaced; the
file is written whole or not at all (:func:`jining_archive.notes.destination.write_export`),
and a failure is worded like every other export's
(:func:`jining_archive.ui.export_errors.describe_export_error`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from jining_archive.notes.destination import ExportError, Written, shown, write_export
from jining_archive.results_export import ResultsFormat, render_results
from jining_archive.ui.export_dialog import default_export_folder
from jining_archive.ui.export_errors import describe_export_error

if TYPE_CHECKING:
    from jining_archive.ui.main_window import MainWindow

DEFAULT_NAME = "搜索结果"
_LABELS = {ResultsFormat.CSV: "CSV (*.csv)", ResultsFormat.MARKDOWN: "Markdown (*.md)"}


class ResultsExporter(QObject):
    """The menu item and button that save the results list; see the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.folder: Path | None = None
        self.action = window._action()
        self.action.setObjectName("exportResultsAction")
        self.action.setEnabled(False)
        self.action.triggered.connect(lambda: self.choose_file())
        menu = window.file_menu
        anchor = window.references.action if window.references is not None else None
        actions = menu.actions()
        after = actions.index(anchor) + 1 if anchor in actions else len(actions)
        if after < len(actions):
            menu.insertAction(actions[after], self.action)
        else:
            menu.addAction(self.action)
        self.button = QPushButton(window)
        self.button.setObjectName("exportResultsButton")
        self.button.setEnabled(False)
        self.button.clicked.connect(self.action.trigger)
        window.results_header.addWidget(self.button)
        window.searchFinished.connect(self._results_changed)
        window.search.cleared.connect(lambda: self._results_changed(0))
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.action.setText(self.tr("导出搜索结果…"))
        tip = self.tr("把搜索结果连同出处存为 CSV 或 Markdown")
        self.action.setToolTip(tip)
        self.button.setText(self.tr("导出…"))
        self.button.setToolTip(tip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Retranslate when the interface language changes."""
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def _results_changed(self, hits: int) -> None:
        has_results = hits > 0 and self.results() is not None
        self.action.setEnabled(has_results)
        self.button.setEnabled(has_results)

    def results(self) -> Any:
        """The SearchResults shown in the list (None when there are none)."""
        results = self.window.search.last_results
        return results if results is not None and results.hits else None

    def choose_file(self) -> Written | None:
        """Ask for a file and a format (the platform's dialog asks before replacing a
        file), then save the results shown to it."""
        from jining_archive.ui.main_window import safe_file_name

        if self.results() is None:
            return None
        folder = default_export_folder(self.folder or self.window.notes.export_folder)
        query = self.window.search_field.text().strip()
        name = safe_file_name(f"{DEFAULT_NAME}-{query}" if query else DEFAULT_NAME)
        filters = {_LABELS[fmt]: fmt for fmt in ResultsFormat}
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("导出搜索结果"),
            str(folder / f"{name}.{ResultsFormat.CSV.value}"),
            ";;".join(filters),
        )
        if not chosen:
            return None
        target = Path(chosen)
        fmt = format_for(target) if target.suffix else filters.get(chosen_filter)
        return self.export_to(target, fmt or ResultsFormat.CSV)

    def export_to(self, target: Path, fmt: ResultsFormat | str) -> Written | None:
        """Save the results shown to ``target`` in ``fmt`` and say so in the status bar;
        a failure is shown in a message box. A name without a suffix gets the format's."""
        results = self.results()
        if results is None:
            return None
        fmt = ResultsFormat(fmt)
        if not target.suffix:
            target = target.with_suffix(f".{fmt.value}")
        library = self.window.library

        def article_of(article_id: str) -> Any:
            return library.article(article_id) if article_id in library else None

        try:
            written = write_export(target, render_results(results, fmt, article_of))
        except ExportError as exc:
            QMessageBox.warning(
                self.window,
                self.tr("导出搜索结果"),
                self.tr("导出失败:{reason}").format(reason=describe_export_error(exc)),
            )
            return None
        self.folder = written.path.parent
        self.window.status.show_message(
            self.tr("已将 {n} 段搜索结果导出到 {path}").format(
                n=len(results.hits), path=shown(written.path)
            )
        )
        return written


def format_for(path: Path) -> ResultsFormat:
    """The format a file name's suffix stands for (CSV when it names neither)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("md", "markdown"):
        return ResultsFormat.MARKDOWN
    return ResultsFormat.CSV
